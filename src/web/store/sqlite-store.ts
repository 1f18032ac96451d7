import { Kysely, SqliteDialect } from 'kysely';
import { openDatabase, type Db } from './open-database.ts';
import type { ReviewDatabase } from './sql/schema.ts';
import { SqlReviewStore } from './sql/sql-review-store.ts';

/**
 * The review store on an SQLite file (better-sqlite3, WAL): the embedded
 * default, for one person. Its DDL and the SQLite-only statements live here and
 * in `migrations.ts`; the queries are the portable ones of `sql/`.
 */
export class SqliteReviewStore extends SqlReviewStore {
  constructor(
    /** The better-sqlite3 handle, for the few callers that need the file itself (tests, integrity checks). */
    readonly database: Db,
  ) {
    super(new Kysely<ReviewDatabase>({ dialect: new SqliteDialect({ database }) }));
  }
}

/** Opens (creating if needed) the review database file and brings its schema up to date. */
export function openSqliteStore(file: string): SqliteReviewStore {
  return new SqliteReviewStore(openDatabase(file));
}
