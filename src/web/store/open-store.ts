import type { AccountStore } from '../accounts/account-store.ts';
import { PostgresAccountStore } from '../accounts/postgres-account-store.ts';
import { SqliteAccountStore } from '../accounts/sqlite-account-store.ts';
import type { DatabaseChoice } from './choose-database.ts';
import { openPostgresStore } from './postgres/postgres-store.ts';
import type { ReviewStore } from './review-store.ts';
import { openSqliteStore } from './sqlite-store.ts';

/** The review store and the accounts, on the database the configuration names (DATABASE_URL or the SQLite file). */
export async function openStores(choice: DatabaseChoice): Promise<{ store: ReviewStore; accounts: AccountStore }> {
  if (choice.kind === 'postgres') {
    const store = await openPostgresStore(choice.location);
    return { store, accounts: new PostgresAccountStore(store.pool) };
  }
  const store = openSqliteStore(choice.location);
  return { store, accounts: new SqliteAccountStore(store.database) };
}
