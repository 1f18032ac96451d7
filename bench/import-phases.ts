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
 * `--runs N` repeats the whole import N times in one process; `--workers kept`
 * (default) lends every run the same kept check workers (CheckWorkers, as the app
 * does), `warm` warms them first (as the server does after listen, timed apart),
 * `cold` starts workers for each run (the app before issue #15's kept workers);
 * `--store while` (default) checks and stores as the app does (storeImport: each
 * stretch written as soon as it is checked, one transaction; `checkMs` is then
 * the whole of it, and `cutMs`, `storeMs` are 0), `--store after` checks, cuts,
 * then stores (the app before).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PerformanceObserver } from 'node:perf_hooks';
import { createChecker } from '../src/checker.ts';
import { defaultWorkerCount, type CheckTimings } from '../src/engine/parallel-check.ts';
import { CheckWorkers } from '../src/engine/check-workers.ts';
import { CheckText } from '../src/pipeline/engine.ts';
import { RulesEngine } from '../src/pipeline/rules-engine.ts';
import { createApp } from '../src/web/app.ts';
import { cutImport, IMPORT_PARALLEL_MIN_CHARS, laidOut, storeImport } from '../src/web/review/import-document.ts';
import { openSqliteStore } from '../src/web/store/sqlite-store.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '1' }, 'one-thread': { type: 'boolean', default: false }, workers: { type: 'string', default: 'kept' }, store: { type: 'string', default: 'while' } } });
if (!['while', 'after'].includes(values.store!)) throw new Error(`--store ${values.store}: expected while or after`);
if (!['kept', 'warm', 'cold'].includes(values.workers!)) throw new Error(`--workers ${values.workers}: expected kept, warm or cold`);
// The corpus beside the checkout, or beside the folder of worktrees.
const file = positionals[0] ?? ['../../shared/corpus/eltec-fra-sample.txt', '../../../shared/corpus/eltec-fra-sample.txt'].map((path) => new URL(path, import.meta.url).pathname).find(existsSync);
if (!file) throw new Error('no corpus: give a file (the default is ../shared/corpus/eltec-fra-sample.txt)');
const text = readFileSync(file, 'utf8');
const checker = createChecker();
await checker.checkAsync('Il a rencontré avec les ministres.'); // rule pack and dictionaries loaded before timing
const dir = mkdtempSync(join(tmpdir(), 'relecture-import-phases-'));
// The runs share one pool of kept workers, as the imports of one server do.
const pool = new CheckWorkers(checker.workerOptions, Math.max(1, defaultWorkerCount() - 1));
if (values.workers === 'cold') await pool.close();
if (values.workers === 'warm') {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await pool.warm();
  const { user, system } = process.cpuUsage(cpu);
  console.log(JSON.stringify({ warmMs: Math.round(performance.now() - started), warmCpuMs: Math.round((user + system) / 1000) }));
}
const ms = (from: number) => Math.round(performance.now() - from);
/** Each live thread's CPU ms (user+sys, /proc/self/task: this thread, V8's helper threads, libuv's, loaders'). */
const threadTimes = (): Map<string, number> => {
  const times = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      times.set(tid, (Number(fields[11]) + Number(fields[12])) * 10); // utime, stime: clock ticks of 10 ms
    } catch {
      // ended meanwhile
    }
  }
  return times;
};
// This thread's collections over the check (a worker's show with --trace-gc: bench/threads-gc.mjs).
// Entries arrive later, from the event loop: they are kept and counted by their start time.
const collections: PerformanceEntry[] = [];
new PerformanceObserver((list) => collections.push(...list.getEntries())).observe({ entryTypes: ['gc'] });
const collectedIn = async (from: number, to: number) => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  const inside = collections.filter((entry) => entry.startTime >= from && entry.startTime < to);
  return { count: inside.length, ms: Math.round(inside.reduce((sum, entry) => sum + entry.duration, 0)) };
};
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
    const threadsBefore = threadTimes();
    const timings: CheckTimings = {};
    const minChars = values['one-thread'] ? Infinity : IMPORT_PARALLEL_MIN_CHARS;
    // Checked and stored together (the app's way), or checked here and stored after.
    const storedWhile = values.store === 'while' ? await storeImport({ ...checker, checkAsync: (t, o) => checker.checkAsync(t, { ...o, minChars }) }, store, input, { grammar: false }, pool, timings) : undefined;
    const checked = storedWhile === undefined ? await new RulesEngine(checker).check(new CheckText(layout.text, layout.segments, { corrections: [] }), { minChars, timings, pool }) : undefined;
    const checkMs = ms(started);
    // The process's CPU over the check, every thread's (a figure less moved than wall time by other work on the machine).
    const { user, system } = process.cpuUsage(cpu);
    const checkCpuMs = Math.round((user + system) / 1000);
    const gc = await collectedIn(started, performance.now());
    // Per thread over the check: this one, the others still alive (V8's helpers…), and the workers that ended (the rest of the process's CPU;
    // /proc counts in 10 ms ticks, so with no worker the rest is a few ms either side of 0).
    const threadsAfter = threadTimes();
    const mainThreadMs = (threadsAfter.get(String(process.pid)) ?? 0) - (threadsBefore.get(String(process.pid)) ?? 0);
    let helperThreadsMs = 0;
    for (const [tid, time] of threadsAfter) if (tid !== String(process.pid)) helperThreadsMs += time - (threadsBefore.get(tid) ?? 0);
    // A kept worker outlives the check: its thread's CPU over its parts (it says it) is taken out of the threads still alive.
    const keptWorkerMs = values.workers === 'cold' ? 0 : Math.round(timings['workers: parts, CPU ms'] ?? 0);
    const checkThreads = { mainMs: mainThreadMs, helpersMs: helperThreadsMs - keptWorkerMs, workersMs: checkCpuMs - mainThreadMs - helperThreadsMs + keptWorkerMs, mainGc: gc.count, mainGcMs: gc.ms };
    started = performance.now();
    const prepared = checked && cutImport(input, parsed, layout, checked);
    const cutMs = ms(started);
    started = performance.now();
    const id = storedWhile ?? (await store.documents.createDocument(prepared!));
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
    const sentences = (await store.documents.progress(id)).total;
    const findings = [...(await store.findings.openFindingCounts(id, 'severity')).values()].reduce((sum, n) => sum + n, 0);
    const rounded = Object.fromEntries(Object.entries(timings).map(([name, value]) => [name, Math.round(value)]));
    console.log(JSON.stringify({ file, run, threads: values['one-thread'] ? 1 : 'app', workers: values.workers, store: values.store, sentences, findings, layoutMs, checkMs, checkCpuMs, checkThreads, check: rounded, cutMs, storeMs, checkpointMs, answerMs, wordIndexMs, firstPageMs, status: page.status, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
    await new Promise((resolve) => server.close(resolve));
    await app.locals.service.stop();
    await store.close();
  }
} finally {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
}
