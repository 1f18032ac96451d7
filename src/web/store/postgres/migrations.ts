/**
 * The PostgreSQL schema, as ordered steps (as `../migrations.ts` is for SQLite).
 * `openPostgres` runs the steps a database has not run yet, all in one
 * transaction under an advisory lock: two app processes starting together do
 * not both run a step, and a step that fails leaves nothing half done.
 * Append new steps; never edit a step that has shipped.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'reviewer', 'admin')),
    password_hash TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE TABLE sign_in_failures (
    key TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL
  );
  CREATE INDEX sign_in_failures_key ON sign_in_failures(key, at);
  `,
];
