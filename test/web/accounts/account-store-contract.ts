import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuplicateUser, type AccountStore } from '../../../src/web/accounts/account-store.ts';

/**
 * What every AccountStore must do, whatever database is behind it. Each
 * implementation's test file calls this with a way to open a fresh, empty store.
 */
export function accountStoreContract(name: string, open: () => Promise<{ store: AccountStore; close(): Promise<void> }>, skip?: string): void {
  describe.skipIf(skip !== undefined)(`AccountStore contract: ${name}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    let store: AccountStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(async () => close?.());

    it('adds, finds, lists, re-roles and removes users; a name is unique', async () => {
      expect(await store.countUsers()).toBe(0);
      const ada = await store.addUser('ada', 'admin', 'hash-a');
      await store.addUser('bob', 'reviewer', 'hash-b');
      expect(ada).toMatchObject({ name: 'ada', role: 'admin' });
      expect(typeof ada.id).toBe('number');
      expect(await store.countUsers()).toBe(2);
      await expect(store.addUser('ada', 'viewer', 'x')).rejects.toBeInstanceOf(DuplicateUser);
      expect(await store.findUser('ada')).toMatchObject({ id: ada.id, role: 'admin', passwordHash: 'hash-a' });
      expect(await store.findUser('nobody')).toBeUndefined();
      const list = await store.listUsers();
      expect(list.map((u) => `${u.name}:${u.role}`)).toEqual(['ada:admin', 'bob:reviewer']);
      // The list never carries hashes.
      expect(JSON.stringify(list)).not.toContain('hash-');
      expect(await store.setPasswordHash('bob', 'hash-b2')).toBe(true);
      expect(await store.setPasswordHash('nobody', 'x')).toBe(false);
      expect((await store.findUser('bob'))!.passwordHash).toBe('hash-b2');
      expect(await store.setRole('bob', 'viewer')).toBe(true);
      expect((await store.findUser('bob'))!.role).toBe('viewer');
      expect(await store.removeUser('bob')).toBe(true);
      expect(await store.removeUser('bob')).toBe(false);
      expect(await store.countUsers()).toBe(1);
    });

    it('keeps sessions until they expire, are deleted, or their user goes', async () => {
      const carl = await store.addUser('carl', 'reviewer', 'h');
      const now = new Date();
      const later = new Date(now.getTime() + 60_000);
      await store.createSession('t1', carl.id, later);
      await store.createSession('t2', carl.id, later);
      await store.createSession('old', carl.id, new Date(now.getTime() - 1000));
      expect(await store.findSession('t1', now)).toEqual({ userId: carl.id, name: 'carl', role: 'reviewer' });
      expect(await store.findSession('old', now)).toBeUndefined();
      expect(await store.findSession('t1', new Date(later.getTime() + 1))).toBeUndefined();
      expect(await store.findSession('forged', now)).toBeUndefined();
      // The role is read at each request: a change applies to open sessions.
      await store.setRole('carl', 'viewer');
      expect((await store.findSession('t1', now))!.role).toBe('viewer');
      await store.deleteSession('t1');
      expect(await store.findSession('t1', now)).toBeUndefined();
      expect(await store.findSession('t2', now)).toBeDefined();
      await store.deleteExpiredSessions(now);
      await store.deleteSessionsOf(carl.id);
      expect(await store.findSession('t2', now)).toBeUndefined();
      await store.createSession('t3', carl.id, later);
      await store.removeUser('carl');
      expect(await store.findSession('t3', now)).toBeUndefined();
    });

    it('counts failed sign-ins per key within a window, until cleared', async () => {
      const t0 = new Date('2026-01-01T10:00:00Z');
      for (let i = 0; i < 3; i++) await store.recordFailedSignIn('user:ada', new Date(t0.getTime() + i * 1000));
      await store.recordFailedSignIn('ip:127.0.0.1', t0);
      expect(await store.failedSignInsSince('user:ada', new Date(t0.getTime() - 1))).toBe(3);
      expect(await store.failedSignInsSince('user:ada', new Date(t0.getTime() + 500))).toBe(2);
      expect(await store.failedSignInsSince('user:bob', t0)).toBe(0);
      await store.clearFailedSignIns('user:ada');
      expect(await store.failedSignInsSince('user:ada', new Date(0))).toBe(0);
      expect(await store.failedSignInsSince('ip:127.0.0.1', new Date(0))).toBe(1);
    });
  });
}
