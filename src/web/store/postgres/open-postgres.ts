import pg from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations.ts';

// BIGINT ids come back as strings by default; ours stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Any constant: the advisory lock that serialises schema migrations across processes. */
const MIGRATION_LOCK = 7_245_015_012;

/** Is this a PostgreSQL connection URL (DATABASE_URL)? */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}

/** A pool on the database at `url`, its schema brought up to date. */
export async function openPostgres(url: string, options: { max?: number } = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle client that loses its server (restart, failover) must not crash the app: the next query reconnects.
  pool.on('error', (error) => console.error(`relecture: PostgreSQL connection lost: ${error.message}`));
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Held until COMMIT: a second process starting now waits here, then finds nothing left to do.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_version');
    const current = rows[0].version ?? 0;
    if (current > POSTGRES_MIGRATIONS.length) {
      throw new Error(`the database has schema version ${current}, newer than this program knows (${POSTGRES_MIGRATIONS.length}): update Relecture`);
    }
    for (let version = current + 1; version <= POSTGRES_MIGRATIONS.length; version++) {
      await client.query(POSTGRES_MIGRATIONS[version - 1]);
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
