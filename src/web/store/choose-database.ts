import { isPostgresUrl } from './postgres/open-postgres.ts';

/** Where the app keeps its data, from the environment: DATABASE_URL (PostgreSQL) or RELECTURE_DB (SQLite file). */
export interface DatabaseChoice {
  kind: 'sqlite' | 'postgres';
  /** The file, or the URL. */
  location: string;
  /** For messages and logs: the URL without its password. */
  label: string;
}

export class DatabaseConfigError extends Error {}

export function chooseDatabase(env: NodeJS.ProcessEnv = process.env): DatabaseChoice {
  const url = env.DATABASE_URL?.trim();
  if (url && isPostgresUrl(url)) return { kind: 'postgres', location: url, label: redactUrl(url) };
  if (url) throw new DatabaseConfigError(`DATABASE_URL must be a postgres:// or postgresql:// URL (got '${redactUrl(url)}'); leave it unset to use the SQLite file RELECTURE_DB`);
  const file = env.RELECTURE_DB ?? 'data/relecture.db';
  return { kind: 'sqlite', location: file, label: file };
}

/** The URL with its password replaced by ***: never print a secret. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');
}
