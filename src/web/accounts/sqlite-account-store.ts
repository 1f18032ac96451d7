import type { Db } from '../store/open-database.ts';
import { DuplicateUser, type AccountStore, type Role, type SessionUser, type UserRecord, type UserWithHash } from './account-store.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
const toUser = (row: any): UserWithHash => ({ id: row.id, name: row.name, role: row.role, createdAt: row.created_at, passwordHash: row.password_hash });
const withoutHash = ({ passwordHash: _hash, ...user }: UserWithHash): UserRecord => user;

/** Accounts in the review database file (better-sqlite3: each call is one indexed statement). */
export class SqliteAccountStore implements AccountStore {
  constructor(private readonly db: Db) {}

  /** Every request counts the users (team mode or not, decided per request: another process may add one), so the statement is prepared once. */
  private counting?: { get(): unknown };

  async countUsers(): Promise<number> {
    this.counting ??= this.db.prepare('SELECT COUNT(*) AS n FROM users');
    return (this.counting.get() as { n: number }).n;
  }

  async addUser(name: string, role: Role, passwordHash: string): Promise<UserRecord> {
    try {
      const at = new Date().toISOString();
      const { lastInsertRowid } = this.db.prepare('INSERT INTO users (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)').run(name, role, passwordHash, at);
      return { id: Number(lastInsertRowid), name, role, createdAt: at };
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateUser(name);
      throw error;
    }
  }

  async findUser(name: string): Promise<UserWithHash | undefined> {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name);
    return row ? toUser(row) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (this.db.prepare('SELECT * FROM users ORDER BY name').all() as any[]).map((row) => withoutHash(toUser(row)));
  }

  async setPasswordHash(name: string, passwordHash: string): Promise<boolean> {
    return this.db.prepare('UPDATE users SET password_hash = ? WHERE name = ?').run(passwordHash, name).changes > 0;
  }

  async setRole(name: string, role: Role): Promise<boolean> {
    return this.db.prepare('UPDATE users SET role = ? WHERE name = ?').run(role, name).changes > 0;
  }

  async removeUser(name: string): Promise<boolean> {
    return this.db.transaction(() => {
      const user = this.db.prepare('SELECT id FROM users WHERE name = ?').get(name) as { id: number } | undefined;
      if (!user) return false;
      // Explicitly, not only by ON DELETE CASCADE: a database opened without foreign_keys must not keep a removed user signed in.
      this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(user.id);
      this.db.prepare('DELETE FROM users WHERE id = ?').run(user.id);
      return true;
    })();
  }

  async createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void> {
    this.db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(tokenHash, userId, new Date().toISOString(), expiresAt.toISOString());
  }

  async findSession(tokenHash: string, now: Date): Promise<SessionUser | undefined> {
    const row = this.db
      .prepare('SELECT u.id AS user_id, u.name, u.role FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at > ?')
      .get(tokenHash, now.toISOString()) as { user_id: number; name: string; role: Role } | undefined;
    return row && { userId: row.user_id, name: row.name, role: row.role };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
  }

  async deleteSessionsOf(userId: number): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
  }

  async deleteExpiredSessions(now: Date): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
  }

  async recordFailedSignIn(key: string, at: Date): Promise<void> {
    this.db.prepare('INSERT INTO sign_in_failures (key, at) VALUES (?, ?)').run(key, at.toISOString());
  }

  async failedSignInsSince(key: string, since: Date): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM sign_in_failures WHERE key = ? AND at > ?').get(key, since.toISOString()) as { n: number }).n;
  }

  async clearFailedSignIns(key: string): Promise<void> {
    this.db.prepare('DELETE FROM sign_in_failures WHERE key = ?').run(key);
  }
}
