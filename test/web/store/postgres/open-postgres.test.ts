import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../../../src/web/store/postgres/migrations.ts';
import { isPostgresUrl, migratePostgres, openPostgres } from '../../../../src/web/store/postgres/open-postgres.ts';
import { chooseDatabase, redactUrl } from '../../../../src/web/store/choose-database.ts';
import { createTestDatabase } from '../../../helpers/postgres.ts';

describe('choosing the database', () => {
  it('takes DATABASE_URL for PostgreSQL, else the SQLite file, and never prints a password', () => {
    expect(chooseDatabase({ DATABASE_URL: 'postgres://app:s3cret@db.example:5432/relecture' })).toEqual({
      kind: 'postgres',
      location: 'postgres://app:s3cret@db.example:5432/relecture',
      label: 'postgres://app:***@db.example:5432/relecture',
    });
    expect(chooseDatabase({ RELECTURE_DB: 'x.db' })).toMatchObject({ kind: 'sqlite', location: 'x.db' });
    expect(chooseDatabase({})).toMatchObject({ kind: 'sqlite', location: 'data/relecture.db' });
    expect(() => chooseDatabase({ DATABASE_URL: 'mysql://u:pw@h/d' })).toThrow(/must be a postgres:\/\/ .*'mysql:\/\/u:\*\*\*@h\/d'/);
    expect(redactUrl('postgresql://u@h/d')).toBe('postgresql://u@h/d');
    expect(isPostgresUrl('postgresql://h/d')).toBe(true);
  });
});

const missing = inject('postgresMissing');
describe.skipIf(missing !== '')(`PostgreSQL migrations${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('run once even when several processes start together, and again do nothing', async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    const pools = Array.from({ length: 4 }, () => {
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      // Dropping the database at the end ends a connection that may still be closing: not this test's concern.
      pool.on('error', () => {});
      return pool;
    });
    try {
      // Four "processes" migrate a fresh database at the same moment: the advisory lock serialises them.
      await Promise.all(pools.map((pool) => migratePostgres(pool)));
      await migratePostgres(pools[0]);
      const { rows } = await pools[0].query('SELECT version FROM schema_version ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
      await database.drop();
    }
  });

  it('refuses a database newer than the program', async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    try {
      const pool = await openPostgres(database.url);
      await pool.query('INSERT INTO schema_version (version) VALUES (999)');
      await pool.end();
      await expect(openPostgres(database.url)).rejects.toThrow('schema version 999, newer than this program knows');
    } finally {
      await database.drop();
    }
  });
});
