import { describe, expect, inject, it } from 'vitest';
import { openPostgresStore } from '../../../../src/web/store/postgres/postgres-store.ts';
import { createTestDatabase } from '../../../helpers/postgres.ts';
import { describeStoreContract } from '../store-contract.ts';

const missing = inject('postgresMissing');
const clusterUrl = inject('postgresUrl');

// The same suite the SQLite store passes, as is, on a real PostgreSQL 15.
if (missing) describe.skip(`the review store contract: PostgreSQL (skipped: ${missing})`, () => it('needs PostgreSQL', () => {}));
else describeStoreContract('PostgreSQL', async () => openPostgresStore((await createTestDatabase(clusterUrl, 'contract')).url, { max: 4 }));

describe.skipIf(missing !== '')('two app processes sharing the grammar backlog', () => {
  it('claim disjoint sentences at the same time (FOR UPDATE SKIP LOCKED): no sentence is checked twice', async () => {
    const { url } = await createTestDatabase(clusterUrl, 'claims');
    const [one, two] = [await openPostgresStore(url, { max: 2 }), await openPostgresStore(url, { max: 2 })];
    try {
      const sentence = (i: number) => ({ text: `Phrase numéro ${i}. `, refWords: 3, findings: [] });
      const id = await one.documents.createDocument({
        title: 't',
        sourceName: 't.txt',
        words: 300,
        grammar: true,
        format: 'text',
        skeleton: null,
        segments: Array.from({ length: 100 }, (_, i) => ({ externalId: String(i + 1), sentences: [sentence(i)] })),
        corrections: [],
      });
      // Small batches, both passes at once, until nothing is left.
      const taken: number[][] = [[], []];
      await Promise.all(
        [one, two].map(async (store, k) => {
          for (;;) {
            const batch = await store.documents.grammarBacklog(200);
            if (batch.length === 0) return;
            taken[k].push(...batch.map((s) => s.id));
            for (const s of batch) await store.documents.setGrammarVersion(s.id, s.version);
            await store.documents.releaseGrammarClaims(batch.map((s) => s.id));
          }
        }),
      );
      const all = [...taken[0], ...taken[1]];
      expect(all.length).toBe(100);
      expect(new Set(all).size).toBe(100);
      // While one pass is claiming (its candidate rows locked, its claim not yet committed), the
      // other skips them at once instead of waiting (waiting would hang this test), and takes
      // none of the claimed ones afterwards.
      await one.settings.setGrammar(id, false);
      await one.settings.setGrammar(id, true);
      expect(await one.documents.grammarPending(id)).toBe(100);
      let held: number[] = [];
      await one.withTransaction(async (tx) => {
        held = (await tx.documents.grammarBacklog(200)).map((s) => s.id);
        expect(held.length).toBeGreaterThan(0);
        expect(await two.documents.grammarBacklog(200)).toEqual([]);
      });
      const after = (await two.documents.grammarBacklog(200)).map((s) => s.id);
      expect(after.length).toBeGreaterThan(0);
      expect(after.filter((s) => held.includes(s))).toEqual([]);
    } finally {
      await one.close();
      await two.close();
    }
  });
});

describe.skipIf(missing !== '')('the revision a transaction keeps (issue #15)', () => {
  it('a revision read before the document is held is read again once it is: another process bumped it meanwhile', async () => {
    const { url } = await createTestDatabase(clusterUrl, 'revisions');
    const [one, two] = [await openPostgresStore(url, { max: 2 }), await openPostgresStore(url, { max: 2 })];
    try {
      const id = await one.documents.createDocument({ title: 't', sourceName: 't.txt', words: 2, grammar: false, format: 'text', skeleton: null, segments: [{ externalId: '1', sentences: [{ text: 'Une phrase.', refWords: 2, findings: [] }] }], corrections: [] });
      const seen = await one.withTransaction(async (tx) => {
        const before = await tx.documents.revision(id);
        // Another process's change commits between this read and the lock (read committed: the next statement sees it).
        await two.withTransaction(async (other) => {
          await other.documents.lockDocumentForChange(id);
          await other.documents.bumpRevision(id);
        });
        await tx.documents.lockDocumentForChange(id);
        return [before, await tx.documents.revision(id), await tx.documents.bumpRevision(id), await tx.documents.revision(id)];
      });
      expect(seen).toEqual([0, 1, 2, 2]);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
