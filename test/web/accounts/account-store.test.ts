import { inject } from 'vitest';
import { PostgresAccountStore } from '../../../src/web/accounts/postgres-account-store.ts';
import { SqliteAccountStore } from '../../../src/web/accounts/sqlite-account-store.ts';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { openPostgres } from '../../../src/web/store/postgres/open-postgres.ts';
import { createTestDatabase } from '../../helpers/postgres.ts';
import { accountStoreContract } from './account-store-contract.ts';

accountStoreContract('SQLite', async () => {
  const db = openDatabase(':memory:');
  return { store: new SqliteAccountStore(db), close: async () => void db.close() };
});

accountStoreContract(
  'PostgreSQL',
  async () => {
    const database = await createTestDatabase(inject('postgresUrl'));
    const pool = await openPostgres(database.url);
    return {
      store: new PostgresAccountStore(pool),
      close: async () => {
        await pool.end();
        await database.drop();
      },
    };
  },
  inject('postgresMissing') || undefined,
);
