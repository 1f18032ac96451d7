/**
 * Where an import's time goes (issue #15): the check alone (`checkAsync`, worker
 * threads above PARALLEL_MIN_CHARS), the whole preparation (`prepareImportInWorkers`:
 * the check, then the cut into the editor's sentences, findings per sentence, TER
 * words, styled fixes), and the store (`createDocument` into a fresh SQLite file,
 * one transaction). The preparation minus the check is what the import adds.
 * Run: node --import tsx bench/import-phases.ts [FILE] (default: the corpus);
 * `--runs N` repeats each phase N times, alternating, in one process.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createChecker } from '../src/checker.ts';
import { prepareImportInWorkers, sentenceCount } from '../src/web/review/import-document.ts';
import { openSqliteStore } from '../src/web/store/sqlite-store.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '1' } } });
// The corpus beside the checkout, or beside the folder of worktrees.
const file = positionals[0] ?? ['../../shared/corpus/eltec-fra-sample.txt', '../../../shared/corpus/eltec-fra-sample.txt'].map((path) => new URL(path, import.meta.url).pathname).find(existsSync);
if (!file) throw new Error('no corpus: give a file (the default is ../shared/corpus/eltec-fra-sample.txt)');
const text = readFileSync(file, 'utf8');
const checker = createChecker();
await checker.checkAsync('Il a rencontré avec les ministres.'); // rule pack and dictionaries loaded before timing
const dir = mkdtempSync(join(tmpdir(), 'relecture-import-phases-'));
const ms = (from: number) => Math.round(performance.now() - from);
try {
  for (let run = 1; run <= Number(values.runs); run++) {
    let started = performance.now();
    await checker.checkAsync(text);
    const checkMs = ms(started);
    started = performance.now();
    const prepared = await prepareImportInWorkers(checker, { title: 'bench', sourceName: 'bench.txt', text, corrections: [] });
    const prepareMs = ms(started);
    const store = openSqliteStore(join(dir, `run-${run}.db`));
    started = performance.now();
    await store.documents.createDocument(prepared);
    const storeMs = ms(started);
    await store.close();
    console.log(JSON.stringify({ file, sentences: sentenceCount(prepared), checkMs, prepareMs, cutMs: prepareMs - checkMs, storeMs, importMs: prepareMs + storeMs }));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
