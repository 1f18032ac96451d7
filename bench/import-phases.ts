/**
 * Where an import's time goes (issue #15), the steps of the app's import
 * (POST /documents, src/web/routes/documents.ts) timed apart, in one process:
 * the layout of the document, the check as the app runs it (worker threads from
 * IMPORT_PARALLEL_MIN_CHARS; `--one-thread` for one thread) with the parallel
 * check's own steps (`timings`), the cut into the editor's sentences (findings per
 * sentence, TER words, styled fixes), the store (`createDocument` into a fresh
 * SQLite file, one transaction), the WAL's checkpoint, the document's word index
 * (which the route builds after its answer) and the first review page (GET over
 * loopback). `checkCpuMs` is the CPU time of every thread over the check (less
 * moved than wall time by other work on a shared machine).
 * Run: node --import tsx bench/import-phases.ts [FILE] (default: the corpus);
 * `--runs N` repeats the whole import N times in one process.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createChecker } from '../src/checker.ts';
import type { CheckTimings } from '../src/engine/parallel-check.ts';
import { CheckText } from '../src/pipeline/engine.ts';
import { RulesEngine } from '../src/pipeline/rules-engine.ts';
import { createApp } from '../src/web/app.ts';
import { cutImport, IMPORT_PARALLEL_MIN_CHARS, laidOut, sentenceCount } from '../src/web/review/import-document.ts';
import { openSqliteStore } from '../src/web/store/sqlite-store.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '1' }, 'one-thread': { type: 'boolean', default: false } } });
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
    const store = openSqliteStore(join(dir, `run-${run}.db`));
    const app = createApp({ store, checker, options: { maxBytes: 64 * 1024 * 1024 } });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const input = { title: 'bench', sourceName: 'bench.txt', text, corrections: [] };
    const startedAll = performance.now();
    let started = performance.now();
    const { parsed, layout } = laidOut(input);
    const layoutMs = ms(started);
    started = performance.now();
    const cpu = process.cpuUsage();
    const timings: CheckTimings = {};
    const checked = await new RulesEngine(checker).check(new CheckText(layout.text, layout.segments, { corrections: [] }), { minChars: values['one-thread'] ? Infinity : IMPORT_PARALLEL_MIN_CHARS, timings });
    const checkMs = ms(started);
    // The process's CPU over the check, every thread's (a figure less moved than wall time by other work on the machine).
    const { user, system } = process.cpuUsage(cpu);
    const checkCpuMs = Math.round((user + system) / 1000);
    started = performance.now();
    const prepared = cutImport(input, parsed, layout, checked);
    const cutMs = ms(started);
    started = performance.now();
    const id = await store.documents.createDocument(prepared);
    const storeMs = ms(started);
    started = performance.now();
    await store.checkpoint();
    const checkpointMs = ms(started);
    const answerMs = ms(startedAll);
    started = performance.now();
    await app.locals.service.contexts.get(store, id);
    const wordIndexMs = ms(started);
    started = performance.now();
    const page = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/documents/${id}`);
    await page.text();
    const firstPageMs = ms(started);
    const findings = prepared.segments.reduce((sum, segment) => sum + segment.sentences.reduce((n, sentence) => n + sentence.findings.length, 0), 0);
    const rounded = Object.fromEntries(Object.entries(timings).map(([name, value]) => [name, Math.round(value)]));
    console.log(JSON.stringify({ file, threads: values['one-thread'] ? 1 : 'app', sentences: sentenceCount(prepared), findings, layoutMs, checkMs, checkCpuMs, check: rounded, cutMs, storeMs, checkpointMs, answerMs, wordIndexMs, firstPageMs, status: page.status }));
    await new Promise((resolve) => server.close(resolve));
    await app.locals.service.stop();
    await store.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
