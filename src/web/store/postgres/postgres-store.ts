import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import type { ReviewDatabase } from '../sql/schema.ts';
import { SqlReviewStore } from '../sql/sql-review-store.ts';
import { openPostgres } from './open-postgres.ts';

/**
 * The review store on PostgreSQL (team mode: `DATABASE_URL=postgres://…`): the
 * portable queries of `../sql/` over Kysely's PostgreSQL dialect, on a pool
 * shared by the app's requests. Several app processes may use one database:
 * what decides correctness is in it (versions, row locks, the grammar claims).
 */
export class PostgresReviewStore extends SqlReviewStore {
  constructor(readonly pool: pg.Pool) {
    // Kysely's destroy() ends the pool.
    super(new Kysely<ReviewDatabase>({ dialect: new PostgresDialect({ pool }) }), undefined, undefined, 'postgres');
  }
}

/** Connects, migrates (once, under an advisory lock, whatever the number of processes starting) and returns the store. */
export async function openPostgresStore(url: string, options: { max?: number } = {}): Promise<PostgresReviewStore> {
  return new PostgresReviewStore(await openPostgres(url, options));
}
