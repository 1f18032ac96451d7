import type pg from 'pg';
import { DuplicateUser, type AccountStore, type Role, type SessionUser, type UserRecord, type UserWithHash } from './account-store.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const toUser = (row: any): UserWithHash => ({ id: row.id, name: row.name, role: row.role, createdAt: new Date(row.created_at).toISOString(), passwordHash: row.password_hash });
const withoutHash = ({ passwordHash: _hash, ...user }: UserWithHash): UserRecord => user;

/** Accounts in PostgreSQL, shared by every app process on the database. */
export class PostgresAccountStore implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async countUsers(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM users');
    return rows[0].n;
  }

  async addUser(name: string, role: Role, passwordHash: string): Promise<UserRecord> {
    try {
      const { rows } = await this.pool.query('INSERT INTO users (name, role, password_hash) VALUES ($1, $2, $3) RETURNING *', [name, role, passwordHash]);
      return withoutHash(toUser(rows[0]));
    } catch (error) {
      // 23505: unique_violation.
      if ((error as { code?: string }).code === '23505') throw new DuplicateUser(name);
      throw error;
    }
  }

  async findUser(name: string): Promise<UserWithHash | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM users WHERE name = $1', [name]);
    return rows[0] ? toUser(rows[0]) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    const { rows } = await this.pool.query('SELECT * FROM users ORDER BY name COLLATE "C"');
    return rows.map((row) => withoutHash(toUser(row)));
  }

  async setPasswordHash(name: string, passwordHash: string): Promise<boolean> {
    return ((await this.pool.query('UPDATE users SET password_hash = $1 WHERE name = $2', [passwordHash, name])).rowCount ?? 0) > 0;
  }

  async setRole(name: string, role: Role): Promise<boolean> {
    return ((await this.pool.query('UPDATE users SET role = $1 WHERE name = $2', [role, name])).rowCount ?? 0) > 0;
  }

  async removeUser(name: string): Promise<boolean> {
    // Sessions go with the user (ON DELETE CASCADE), in the same statement.
    return ((await this.pool.query('DELETE FROM users WHERE name = $1', [name])).rowCount ?? 0) > 0;
  }

  async createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
    await this.pool.query('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)', [tokenHash, userId, expiresAt]);
  }

  async findSession(tokenHash: string, now: Date): Promise<SessionUser | undefined> {
    const { rows } = await this.pool.query<{ user_id: number; name: string; role: Role }>(
      'SELECT u.id AS user_id, u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND s.expires_at > $2',
      [tokenHash, now],
    );
    return rows[0] && { userId: rows[0].user_id, name: rows[0].name, role: rows[0].role };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteSessionsOf(userId: number): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
  }

  async recordFailedSignIn(key: string, at: Date): Promise<void> {
    await this.pool.query('INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)', [key, at]);
  }

  async failedSignInsSince(key: string, since: Date): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM sign_in_failures WHERE key = $1 AND at > $2', [key, since]);
    return rows[0].n;
  }

  async clearFailedSignIns(key: string): Promise<void> {
    await this.pool.query('DELETE FROM sign_in_failures WHERE key = $1', [key]);
  }
}
