/**
 * Where an import's time goes (issue #15), the steps of `prepareImportInWorkers`
 * timed apart: the layout of the document, the check (worker threads above
 * PARALLEL_MIN_CHARS), the cut into the editor's sentences (findings per sentence,
 * TER words, styled fixes), then the store (`createDocument` into a fresh SQLite
 * file, one transaction). `checkCpuMs` is the CPU time of every thread over the
 * check (less moved than wall time by other work on a shared machine).
 * Run: node --import tsx bench/import-phases.ts [FILE] (default: the corpus);
 * `--runs N` repeats each phase N times, alternating, in one process.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createChecker } from '../src/checker.ts';
import { CheckText } from '../src/pipeline/engine.ts';
import { RulesEngine } from '../src/pipeline/rules-engine.ts';
import { cutImport, laidOut, sentenceCount } from '../src/web/review/import-document.ts';
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
    const input = { title: 'bench', sourceName: 'bench.txt', text, corrections: [] };
    let started = performance.now();
    const { parsed, layout } = laidOut(input);
    const layoutMs = ms(started);
    started = performance.now();
    const cpu = process.cpuUsage();
    const checked = await new RulesEngine(checker).check(new CheckText(layout.text, layout.segments, { corrections: [] }));
    const checkMs = ms(started);
    // The process's CPU over the check, every thread's (a figure less moved than wall time by other work on the machine).
    const { user, system } = process.cpuUsage(cpu);
    const checkCpuMs = Math.round((user + system) / 1000);
    started = performance.now();
    const prepared = cutImport(input, parsed, layout, checked);
    const cutMs = ms(started);
    const store = openSqliteStore(join(dir, `run-${run}.db`));
    started = performance.now();
    await store.documents.createDocument(prepared);
    const storeMs = ms(started);
    await store.close();
    console.log(JSON.stringify({ file, sentences: sentenceCount(prepared), layoutMs, checkMs, checkCpuMs, cutMs, storeMs, importMs: layoutMs + checkMs + cutMs + storeMs }));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
