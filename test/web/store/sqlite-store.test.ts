import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { openSqliteStore, SqliteReviewStore } from '../../../src/web/store/sqlite-store.ts';
import type { NewFinding } from '../../../src/web/store/review-store.ts';
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

  it('writes the findings a re-check moved in one statement per 100, not one each (issue #15: 10 UPDATEs per accept with its re-checks)', async () => {
    const database = openDatabase(':memory:');
    const run: string[] = [];
    const prepare = database.prepare.bind(database);
    (database as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
      const statement = prepare(sql);
      const original = statement.run.bind(statement);
      (statement as unknown as { run: (...args: unknown[]) => unknown }).run = (...args: unknown[]) => {
        run.push(sql);
        return original(...(args as []));
      };
      return statement;
    };
    const store = new SqliteReviewStore(database);
    try {
      const words = Array.from({ length: 130 }, (_, i) => `mot${i}`);
      const finding = (i: number, start: number): NewFinding => ({ ruleId: `rule/${i}`, source: 'relecture', category: 'fluency/spelling', severity: 'minor', message: 'm', start, length: words[i].length, text: words[i], suggestions: ['x'] });
      const id = await store.documents.createDocument({
        title: 'T', sourceName: 't.txt', format: 'text', skeleton: { gaps: ['', ''] }, words: 130, corrections: [],
        segments: [{ externalId: '1', line: 1, sentences: [{ text: words.join(' '), refWords: 130, findings: words.map((_, i) => finding(i, i * 10)) }] }],
      });
      const [sentence] = await store.documents.allSentences(id);
      run.length = 0;
      await store.findings.replaceFindings(id, sentence.id, words.map((_, i) => finding(i, i * 10 + 1)), 'relecture');
      expect(run.filter((sql) => /^\s*UPDATE findings SET start/i.test(sql) || /^update "findings" set "start"/.test(sql)).length).toBe(2);
      expect((await store.findings.activeFindingsFrom(sentence.id, 'relecture')).map((f) => f.start)).toEqual(words.map((_, i) => i * 10 + 1));
    } finally {
      await store.close();
    }
  });
});
