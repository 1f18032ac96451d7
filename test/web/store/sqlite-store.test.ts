import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import { describeStoreContract } from './store-contract.ts';

describeStoreContract('SQLite', async () => openSqliteStore(':memory:'));

describe('the SQLite store', () => {
  it('runs transactions one at a time: two that read, wait and write never interleave', async () => {
    const store = openSqliteStore(':memory:');
    try {
      await store.settings.setSetting('counter', 0);
      const order: string[] = [];
      const bump = (name: string) =>
        store.withTransaction(async (tx) => {
          order.push(`${name} in`);
          const value = (await tx.settings.getSetting('counter')) as number;
          await new Promise((resolve) => setTimeout(resolve, 20));
          await tx.settings.setSetting('counter', value + 1);
          order.push(`${name} out`);
        });
      await Promise.all([bump('a'), bump('b'), bump('c')]);
      expect(await store.settings.getSetting('counter')).toBe(3);
      expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
    } finally {
      await store.close();
    }
  });
});
