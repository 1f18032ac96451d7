import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCorrections } from '../../../src/corrections/parse-corrections.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { ReviewService, type EditMqm } from '../../../src/web/review/review-service.ts';
import { MIGRATIONS, runMigration } from '../../../src/web/store/migrations.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import { CATEGORIES } from '../../../src/types.ts';
import { freshTotals, keptTotals } from '../helpers/fresh-totals.ts';
import { checker, removeDir } from '../helpers/test-app.ts';

const SAMPLE = readFileSync('samples/otan-rutte.mt.fr.txt', 'utf8');
const CORRECTIONS = parseCorrections(readFileSync('samples/otan-rutte.corrections.tsv', 'utf8'), 'otan-rutte.corrections.tsv').corrections;
const WORDS = ['Routte', 'Rutte', 'alliés', 'très', 'le', '«'];
const MQM: EditMqm[] = [{ category: 'auto' }, { category: 'none' }, { category: CATEGORIES[0], severity: 'major' }, { category: 'style', severity: 'minor' }];

type Step =
  | { kind: 'accept' | 'reject'; sentence: number; finding: number; autoReview: boolean }
  | { kind: 'edit'; sentence: number; word: number; replacement: number; mqm: number }
  | { kind: 'undo' | 'review'; sentence: number }
  | { kind: 'ignore-rule'; sentence: number; finding: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('accept' as const, 'reject' as const), sentence: fc.nat(), finding: fc.nat(), autoReview: fc.boolean() }),
  fc.record({ kind: fc.constant('edit' as const), sentence: fc.nat(), word: fc.nat(), replacement: fc.nat({ max: WORDS.length - 1 }), mqm: fc.nat({ max: MQM.length - 1 }) }),
  fc.record({ kind: fc.constantFrom('undo' as const, 'review' as const), sentence: fc.nat() }),
  fc.record({ kind: fc.constant('ignore-rule' as const), sentence: fc.nat(), finding: fc.nat() }),
);

/** Runs one step through the review service, as the routes do; a step that does not apply is skipped. */
async function run(service: ReviewService, id: number, count: number, s: Step): Promise<void> {
  const { store } = service;
  const sentence = (await store.documents.getSentence(id, s.sentence % count))!;
  if (s.kind === 'accept' || s.kind === 'reject') {
    const open = (await store.findings.activeFindings([sentence.id])).get(sentence.id)!.filter((f) => !f.rejected && (s.kind === 'reject' || f.suggestions.length > 0));
    if (open.length === 0) return;
    const finding = open[s.finding % open.length];
    if (s.kind === 'accept') await service.accept(sentence, finding.id, 0, sentence.version, 'local', { autoReview: s.autoReview });
    else await service.reject(sentence, finding.id, 'no', sentence.version, 'local', { autoReview: s.autoReview });
  } else if (s.kind === 'edit') {
    const words = [...sentence.currentText.matchAll(/[\p{L}’']+/gu)].slice(1).filter((m) => !/^\p{Lu}/u.test(m[0]));
    if (words.length < 2) return;
    const word = words[s.word % words.length];
    const text = sentence.currentText.slice(0, word.index) + WORDS[s.replacement] + sentence.currentText.slice(word.index! + word[0].length);
    await service.edit(sentence, text, sentence.version, 'local', {}, MQM[s.mqm]);
  } else if (s.kind === 'ignore-rule') {
    // « Ignorer cette règle dans ce document »: its findings elsewhere are withdrawn too.
    const open = (await store.findings.activeFindings([sentence.id])).get(sentence.id)!.filter((f) => !f.rejected && f.source === 'relecture');
    if (open.length === 0) return;
    await service.ignore(sentence, open[s.finding % open.length].id, 'rule', sentence.version);
  } else if (s.kind === 'review') {
    await service.markReviewed(sentence, sentence.version);
  } else if ((await store.decisions.undoable([sentence.id])).has(sentence.id)) {
    await service.undo(sentence, sentence.version);
  }
}

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/**
 * Issue #15: the header's figures (progress, open findings by category and
 * severity, TER sums, confirmed errors for the MQM score) are kept per document
 * by deltas instead of aggregated after every accept. Whatever the editor does,
 * they must equal the aggregate over the whole document.
 */
describe('the header totals kept by every change (issue #15)', () => {
  it('equal a fresh aggregate after any sequence of accepts, rejects, edits, undos, reviews and rules ignored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const store = openSqliteStore(':memory:');
        try {
          const service = new ReviewService(store, checker());
          const id = await store.documents.createDocument(prepareImport(checker(), { title: 's', sourceName: 's.txt', text: SAMPLE, corrections: CORRECTIONS }));
          expect(await keptTotals(store, id)).toEqual(await freshTotals(store, id));
          const count = (await store.documents.allSentences(id)).length;
          for (const s of steps) {
            await run(service, id, count, s);
            expect(await keptTotals(store, id), JSON.stringify(s)).toEqual(await freshTotals(store, id));
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('the migration step fills them for a database made before it: equal to the kept ones and to a fresh aggregate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relecture-totals-'));
    dirs.push(dir);
    const file = join(dir, 'review.db');
    let store = openSqliteStore(file);
    const service = new ReviewService(store, checker());
    const id = await store.documents.createDocument(prepareImport(checker(), { title: 's', sourceName: 's.txt', text: SAMPLE, corrections: CORRECTIONS }));
    const all = await store.documents.allSentences(id);
    const count = all.length;
    const findings = await store.findings.activeFindings(all.map((s) => s.id));
    const fixable = all.filter((s) => findings.get(s.id)!.some((f) => f.suggestions.length > 0)).map((s) => s.idx);
    const steps: Step[] = [
      { kind: 'accept', sentence: fixable[0], finding: 0, autoReview: true },
      { kind: 'reject', sentence: fixable[1], finding: 0, autoReview: false },
      { kind: 'edit', sentence: fixable[2], word: 1, replacement: 2, mqm: 2 },
      { kind: 'review', sentence: fixable[3] },
      { kind: 'accept', sentence: fixable[4], finding: 0, autoReview: false },
      { kind: 'accept', sentence: fixable[5], finding: 0, autoReview: false },
      { kind: 'undo', sentence: fixable[5] },
    ];
    for (const s of steps) await run(service, id, count, s);
    const kept = await keptTotals(store, id);
    expect(kept.reviewed).toBeGreaterThan(0);
    expect(kept.confirmed.length).toBeGreaterThan(0);
    await store.close();
    // Back to the schema before the step (no totals table, no sentence parts), then the step alone.
    const step = MIGRATIONS.find((m) => typeof m === 'string' && m.includes('CREATE TABLE document_counts'))!;
    const old = new Database(file);
    old.exec('DROP TABLE document_counts; ALTER TABLE sentences DROP COLUMN counted');
    old.transaction(() => runMigration(old, step))();
    old.close();
    store = openSqliteStore(file);
    try {
      expect(await keptTotals(store, id)).toEqual(kept);
      expect(await keptTotals(store, id)).toEqual(await freshTotals(store, id));
      // And they move on from there.
      await run(new ReviewService(store, checker()), id, count, { kind: 'accept', sentence: fixable[6], finding: 0, autoReview: true });
      expect(await keptTotals(store, id)).toEqual(await freshTotals(store, id));
    } finally {
      await store.close();
    }
  });
});
