/**
 * Accounts and sign-in state, kept in the database (never in one process's
 * memory) so that sessions survive a restart and hold across app processes,
 * and so does the count of failed sign-ins. One interface, two implementations
 * (SQLite, PostgreSQL), one shared contract test (test/web/accounts/account-store-contract.ts).
 */

export const ROLES = ['viewer', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Does `role` include everything `needed` may do? (admin ⊃ reviewer ⊃ viewer) */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export interface UserRecord {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
}

export interface UserWithHash extends UserRecord {
  /** The argon2id PHC string; the password itself is never stored. */
  passwordHash: string;
}

/** A signed-in user, as a session names them. */
export interface SessionUser {
  userId: number;
  name: string;
  role: Role;
}

export class DuplicateUser extends Error {
  constructor(readonly userName: string) {
    super(`a user named '${userName}' already exists`);
    this.name = 'DuplicateUser';
  }
}

export interface AccountStore {
  countUsers(): Promise<number>;
  /** Throws DuplicateUser when the name is taken. */
  addUser(name: string, role: Role, passwordHash: string): Promise<UserRecord>;
  findUser(name: string): Promise<UserWithHash | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /** False when there is no such user. */
  setPasswordHash(name: string, passwordHash: string): Promise<boolean>;
  setRole(name: string, role: Role): Promise<boolean>;
  /** Removes the user and their sessions; false when there is no such user. */
  removeUser(name: string): Promise<boolean>;

  /** `tokenHash` is the SHA-256 of the cookie's token: a copy of the database signs nobody in. */
  createSession(tokenHash: string, userId: number, expiresAt: Date): Promise<void>;
  /** The session's user while it has not expired (and the user still exists). */
  findSession(tokenHash: string, now: Date): Promise<SessionUser | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Signs a user out everywhere (a new password ends the old sessions). */
  deleteSessionsOf(userId: number): Promise<void>;
  deleteExpiredSessions(now: Date): Promise<void>;

  /** Failed sign-ins, by key (`user:NAME`, `ip:ADDRESS`): the rate limit holds across processes. */
  recordFailedSignIn(key: string, at: Date): Promise<void>;
  failedSignInsSince(key: string, since: Date): Promise<number>;
  clearFailedSignIns(key: string): Promise<void>;
}
