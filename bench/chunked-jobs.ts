/**
 * Long changes of issue #16 (defect 5), timed on a real SQLite file: a
 * propagation to 9,000 sentences run in chunks (the app's limits) and in one
 * chunk (what it was: one transaction), and one correction added to a list of
 * 100,000 entry by entry against a rebuild. "Longest block" is the longest the
 * event loop was held (a 5 ms timer's worst lateness): how long any other
 * request would have waited. `npx tsx bench/chunked-jobs.ts`; figures go to
 * bench/RESULTS.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChecker } from '../src/checker.ts';
import { CorrectionMatcher } from '../src/corrections/match-corrections.ts';
import { DEFAULT_CHUNK_LIMITS, type ChunkLimits } from '../src/web/review/chunked-jobs.ts';
import { prepareImport } from '../src/web/review/import-document.ts';
import { ReviewService } from '../src/web/review/review-service.ts';
import { openSqliteStore } from '../src/web/store/sqlite-store.ts';

const SENTENCES = 9_000;
const checker = createChecker();
const dir = mkdtempSync(join(tmpdir(), 'relecture-bench-jobs-'));

/** Runs `work` while a 5 ms timer measures how late it fires: the longest block of the event loop. */
async function blocking<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; blockMs: number }> {
  let worst = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  clearInterval(timer);
  return { result, ms, blockMs: Math.max(worst, 0) };
}

let runs = 0;
async function propagation(label: string, limits: ChunkLimits): Promise<string> {
  const store = openSqliteStore(join(dir, `run-${++runs}.db`));
  const text = Array.from({ length: SENTENCES }, (_, i) => `Routte parle de la paix numéro ${i + 1}.`).join('\n') + '\n';
  const id = await store.documents.createDocument(prepareImport(checker, { title: label, sourceName: 'b.txt', text, corrections: [] }));
  const service = new ReviewService(store, checker, undefined, 'narrow', limits);
  const all = Array.from({ length: SENTENCES }, (_, i) => i);
  const run = await blocking(() => service.propagate(id, 'Routte', 'Rutte', all, true));
  const undo = await blocking(async () => service.jobs.wait((await service.undoAction(id, run.result.job.id)).id, Infinity));
  await store.close();
  return `| ${label} | ${run.result.changed} | ${(run.ms / 1000).toFixed(1)} s | ${run.blockMs.toFixed(0)} ms | ${(undo.ms / 1000).toFixed(1)} s | ${undo.blockMs.toFixed(0)} ms |`;
}

console.log(`| propagation to ${SENTENCES} sentences | changed | total | longest block | undo total | undo longest block |\n|---|---:|---:|---:|---:|---:|`);
console.log(await propagation(`chunks of ${DEFAULT_CHUNK_LIMITS.chunkMs} ms / ${DEFAULT_CHUNK_LIMITS.maxItems} items`, DEFAULT_CHUNK_LIMITS));
console.log(await propagation('one chunk (one transaction, as before)', { chunkMs: Infinity, maxItems: Infinity, pauseMs: 0 }));

const list = Array.from({ length: 100_000 }, (_, i) => ({ from: `mot${i.toString(36)}x`, to: `Terme${i.toString(36)}` }));
const matcher = new CorrectionMatcher(list);
let started = performance.now();
matcher.set(list.length, { from: 'Routte', to: 'Rutte' });
matcher.delete(list.length);
const incremental = performance.now() - started;
started = performance.now();
new CorrectionMatcher([...list, { from: 'Routte', to: 'Rutte' }]);
const rebuild = performance.now() - started;
console.log(`\n| one correction added to 100,000 | time |\n|---|---:|\n| entry by entry (set, then delete) | ${incremental.toFixed(2)} ms |\n| whole matcher rebuilt (as before) | ${rebuild.toFixed(0)} ms |`);
rmSync(dir, { recursive: true, force: true });
