import { openDatabase } from '../store/open-database.ts';
import type { DatabaseChoice } from '../store/choose-database.ts';
import { openPostgres } from '../store/postgres/open-postgres.ts';
import type { AccountStore } from './account-store.ts';
import { PostgresAccountStore } from './postgres-account-store.ts';
import { SqliteAccountStore } from './sqlite-account-store.ts';

export async function openAccountStore(choice: DatabaseChoice): Promise<{ accounts: AccountStore; close(): Promise<void> }> {
  if (choice.kind === 'postgres') {
    const pool = await openPostgres(choice.location, { max: 2 });
    return { accounts: new PostgresAccountStore(pool), close: () => pool.end() };
  }
  const db = openDatabase(choice.location);
  return { accounts: new SqliteAccountStore(db), close: async () => void db.close() };
}
