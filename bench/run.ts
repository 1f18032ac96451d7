/**
 * npm run bench [-- FILE] [--grammalecte-words N] [--grammar-words N] [--only PART,…]
 *
 * PART: start (cold start and its parts), scaling (1×…--max-scale, time and peak
 * memory, and the 1× text in one thread), grammalecte (the same words beside
 * Grammalecte's CLI), web (corpus import, pages, accepts under 16 clients),
 * web-grammar (the same with Grammalecte on). Default: all, in that order; each
 * part can be run alone (a long run cut short loses only the parts not run).
 *
 * Measures the checker on a corpus (default ../shared/corpus/eltec-fra-sample.txt):
 * throughput, cold start, peak memory, scaling over 1×–8× the corpus, and, when
 * grammalecte-cli is installed, Grammalecte on the same text in the same run.
 * Prints a markdown report and appends it to bench/RESULTS.md, below the earlier
 * runs (their figures are kept). Every figure is a single run on this machine:
 * compare the ratios, not the absolute numbers. Runs the compiled build (dist/):
 * `npm run bench` builds it first.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PARALLEL_MIN_CHARS } from '../src/engine/parallel-check.ts';
import { benchWeb, benchWebGrammar } from './web.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'grammalecte-words': { type: 'string', default: '100000' },
    'max-scale': { type: 'string', default: '8' },
    'skip-web': { type: 'boolean', default: false },
    'grammar-words': { type: 'string', default: '20000' },
    only: { type: 'string', default: 'start,scaling,grammalecte,web,web-grammar' },
  },
});
const PARTS = ['start', 'scaling', 'grammalecte', 'web', 'web-grammar'];
const wanted = new Set(values.only!.split(',').map((part) => part.trim()).filter(Boolean));
for (const part of wanted) {
  if (!PARTS.includes(part)) {
    console.error(`bench: --only ${part}: no such part (known: ${PARTS.join(', ')})`);
    process.exit(2);
  }
}
if (values['skip-web']) ['web', 'web-grammar'].forEach((part) => wanted.delete(part));
const want = (part: string) => wanted.has(part);
const root = new URL('..', import.meta.url).pathname;
// The bin as a user runs it (`relecture`, `npm run check`): with the node flags of its
// first line (`--no-regexp-tier-up`), which `node bin/relecture.js` would leave out.
const BIN = join(root, 'bin/relecture.js');
const BIN_FLAGS = (/^#!.*?\bnode\b(.*)$/.exec(readFileSync(BIN, 'utf8').split('\n')[0])?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
const BIN_ARGS = [...BIN_FLAGS, BIN];
const BIN_COMMAND = ['node', ...BIN_FLAGS, 'bin/relecture.js'].join(' ');
// The shared corpora sit beside the checkout (../shared), or beside the folder of worktrees.
const corpus = positionals[0] ?? [join(root, '../shared/corpus/eltec-fra-sample.txt'), join(root, '../../shared/corpus/eltec-fra-sample.txt')].find(existsSync) ?? join(root, '../shared/corpus/eltec-fra-sample.txt');
if (!existsSync(corpus)) {
  console.error(`bench: ${corpus}: no such file (give a French text file as argument)`);
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'relecture-bench-'));
const text = readFileSync(corpus, 'utf8');
const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  console.log(line);
};

interface Measure {
  words: number;
  findings: number;
  importMs: number;
  loadMs: number;
  checkMs: number;
  totalMs: number;
  maxRssMB: number;
  wallMs: number;
}

function measureCheck(file: string, env: Record<string, string> = {}): Measure {
  const started = performance.now();
  const child = spawnSync(process.execPath, [...BIN_FLAGS, join(root, 'bench/measure-check.mjs'), file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24, env: { ...process.env, ...env } });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`measure-check failed: ${child.stderr}`);
  return { ...JSON.parse(child.stdout.trim().split('\n').pop()!), wallMs };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const commands: string[] = [];

const loadAtStart = loadavg()[0];
say(`# Relecture benchmark, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${wanted.size < PARTS.length ? ` (parts: ${[...wanted].join(', ')})` : ''}`);
say();
say(`${availableParallelism()} cores (nproc) · Node ${process.version} · corpus: ${corpus.replace(root, '')} (${fmt(text.length)} characters) · compiled build (dist/) · load average at the start: ${fmt(loadAtStart, 1)}${loadAtStart > availableParallelism() ? ' (the machine was shared with other work: absolute times are inflated, compare the ratios measured in this run)' : ''}`);
say();

const hasGrammalecte = spawnSync('sh', ['-c', 'command -v grammalecte-cli']).status === 0;
const timed = (command: string, args: string[]) => {
  const started = performance.now();
  const child = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (child.error) throw child.error;
  return performance.now() - started;
};

if (want('start')) {
// Cold start: a process that checks one short sentence, from spawn to exit, the
// package's bin (compiled, plain node) against Grammalecte's CLI on the same file,
// turn about, in this run.
const tiny = join(work, 'tiny.txt');
writeFileSync(tiny, 'Le ministre a rencontré avec les journalistes : Routte a parlé.\n');
// `--engine none`: the rules alone (the CLI also runs Grammalecte by default where it is installed).
commands.push(`${BIN_COMMAND} check <tiny file> --format json --engine none   # cold start, 7 runs`);
if (hasGrammalecte) commands.push(`grammalecte-cli -f <tiny file> -j   # the same file, 7 runs, alternating`);
spawnSync(process.execPath, [...BIN_ARGS, 'check', tiny]); // caches are warm, as after the first start
const ours: number[] = [];
const theirs: number[] = [];
for (let i = 0; i < 7; i++) {
  ours.push(timed(process.execPath, [...BIN_ARGS, 'check', tiny, '--format', 'json', '--engine', 'none']));
  if (hasGrammalecte) theirs.push(timed('grammalecte-cli', ['-f', tiny, '-j']));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
say(`## Cold start`);
say();
say(`Process start to exit, one sentence, median of 7 (min–max), caches warm:`);
say();
say(`| command | median | min | max |`);
say(`|---|---:|---:|---:|`);
say(`| \`relecture check --engine none\` (bin/relecture.js, compiled, the rules alone) | ${fmt(median(ours))} ms | ${fmt(Math.min(...ours))} ms | ${fmt(Math.max(...ours))} ms |`);
if (hasGrammalecte) {
  say(`| \`grammalecte-cli -f FILE -j\` | ${fmt(median(theirs))} ms | ${fmt(Math.min(...theirs))} ms | ${fmt(Math.max(...theirs))} ms |`);
  say();
  say(`Ratio: Relecture starts in **${fmt(median(ours) / median(theirs), 2)}×** Grammalecte's time on the same file (target ≤ 1).`);
}
say();
// The bin's code (the bundle through its code cache) and, turn about, dist/'s ES modules as
// the bin ran them before 2026-12-02: medians of 5 processes each.
const startOf = (args: string[]) => JSON.parse(spawnSync(process.execPath, [join(root, 'bench/measure-start.mjs'), ...args], { cwd: root, encoding: 'utf8' }).stdout.trim()) as Record<string, number>;
startOf([]); // writes the code cache of this process's flags, as the bin's first run does
const startRuns: Record<'bundle' | 'modules', Array<Record<string, number>>> = { bundle: [], modules: [] };
for (let i = 0; i < 5; i++) {
  startRuns.bundle.push(startOf([]));
  startRuns.modules.push(startOf(['--modules']));
}
commands.push('node bench/measure-start.mjs [--modules]   # what each part of the start costs, 5 runs each, alternating');
const START_PARTS = ['node', 'modules', 'rules', 'french', 'spanishEnglish', 'prefilter', 'firstCheck', 'total'];
say(`What each part of a start costs (\`node bench/measure-start.mjs\`, median of 5 processes each, turn about; the French, Spanish and English dictionaries are opened, their first look-ups read from disk):`);
say();
say(`| code | Node itself | code loaded | rule pack (cache) | French dictionary | Spanish + English | keyword automaton | first check | total |`);
say(`|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
for (const [label, runs] of [['the bin\'s: dist/cli.bundle.cjs, V8 code cache', startRuns.bundle], ['dist/\'s ES modules, no code cache (the bin\'s way before 2026-12-02)', startRuns.modules]] as const) {
  say(`| ${label} | ${START_PARTS.map((k) => `${fmt(median(runs.map((run) => run[k])))} ms`).join(' | ')} |`);
}
say();

}

if (want('scaling')) {
// Throughput and scaling.
say(`## Throughput, memory and scaling`);
say();
say(`| input | words | findings | check time | words/s | peak RSS | time ratio to 1× |`);
say(`|---|---:|---:|---:|---:|---:|---:|`);
let base: Measure | undefined;
// The first scale checked in worker threads, to set beside the same text in one thread.
let threaded: { scale: number; file: string; m: Measure } | undefined;
for (let scale = 1; scale <= Number(values['max-scale']); scale *= 2) {
  const file = scale === 1 ? corpus : join(work, `corpus-${scale}x.txt`);
  if (scale > 1) writeFileSync(file, Array.from({ length: scale }, () => text).join('\n'));
  commands.push(`node bench/measure-check.mjs ${scale === 1 ? corpus.replace(root, '') : `<corpus ×${scale}>`}`);
  const m = measureCheck(file);
  base ??= m;
  if (!threaded && text.length * scale >= PARALLEL_MIN_CHARS) threaded = { scale, file, m };
  say(`| ${scale}× | ${fmt(m.words)} | ${fmt(m.findings)} | ${fmt(m.checkMs / 1000, 1)} s | ${fmt(m.words / (m.checkMs / 1000))} | ${fmt(m.maxRssMB)} MB | ${fmt(m.checkMs / base.checkMs, 2)} |`);
}
say();
say(`Check time excludes process start and dictionary loading (${fmt(base!.importMs + base!.loadMs)} ms in the 1× run); texts of ${PARALLEL_MIN_CHARS.toLocaleString('en-US')} characters or more are checked in ${Math.min(4, availableParallelism())} worker threads.`);
// Only a text past the threshold is checked in threads: the 1× corpus is not, so its
// one-thread run would compare a configuration with itself.
if (threaded) {
  const oneThread = measureCheck(threaded.file, { RELECTURE_WORKERS: '1' });
  commands.push(`RELECTURE_WORKERS=1 node bench/measure-check.mjs <corpus ×${threaded.scale}>`);
  say(`The ${threaded.scale}× text in one thread (RELECTURE_WORKERS=1): ${fmt(oneThread.checkMs / 1000, 1)} s, ${fmt(oneThread.words / (oneThread.checkMs / 1000))} words/s, peak ${fmt(oneThread.maxRssMB)} MB, against ${fmt(threaded.m.checkMs / 1000, 1)} s in worker threads: one thread takes **${fmt(oneThread.checkMs / threaded.m.checkMs, 2)}×** the threads' time.`);
} else say(`No text of this run reaches the threshold (--max-scale ${values['max-scale']}): all were checked in one thread.`);
say();

}

// Grammalecte on the same text.
if (want('grammalecte')) {
say(`## Side by side with Grammalecte`);
say();
if (!hasGrammalecte) {
  say('grammalecte-cli is not installed here (`apt-get install grammalecte-cli`): no comparison in this run.');
} else {
  const wanted = Number(values['grammalecte-words']);
  const slice = sliceWords(text, wanted);
  const sliceFile = join(work, 'slice.txt');
  writeFileSync(sliceFile, slice);
  commands.push(`grammalecte-cli -f <first ${fmt(wanted)} words of the corpus> -j > /dev/null`);
  const started = performance.now();
  const g = spawnSync('grammalecte-cli', ['-f', sliceFile, '-j'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const grammalecteMs = performance.now() - started;
  if (g.status !== 0) say(`grammalecte-cli failed: ${g.stderr.slice(0, 300)}`);
  const ours = measureCheck(sliceFile);
  commands.push(`${BIN_COMMAND} check <the same file> --format json --engine none > /dev/null`);
  const wholeMs = timed(process.execPath, [...BIN_ARGS, 'check', sliceFile, '--format', 'json', '--engine', 'none']);
  ours.wallMs = wholeMs;
  const ourRate = ours.words / (ours.wallMs / 1000);
  const theirRate = ours.words / (grammalecteMs / 1000);
  say(`| checker | text | whole process | words/s |`);
  say(`|---|---|---:|---:|`);
  say(`| Relecture (\`relecture check FILE --format json --engine none\`, all default rules, spelling included) | first ${fmt(ours.words)} words | ${fmt(ours.wallMs / 1000, 2)} s | ${fmt(ourRate)} |`);
  say(`| Grammalecte ${'2.1.2'} (\`grammalecte-cli -f FILE -j\`) | same file | ${fmt(grammalecteMs / 1000, 2)} s | ${fmt(theirRate)} |`);
  say();
  say(`Ratio: Relecture checks **${fmt(ourRate / theirRate, 1)}×** as many words per second as Grammalecte on the same text, process start included for both. Without start-up costs (Relecture's check alone, ${fmt(ours.checkMs / 1000, 2)} s): ${fmt(ours.words / (ours.checkMs / 1000) / theirRate, 1)}×.`);
}
say();
}

if (want('web')) {
  say(`## Web app`);
  say();
  for (const line of await benchWeb(text, work, commands)) say(line);
  say();
}
if (want('web-grammar')) {
  say(`## Web app with grammar checking (Grammalecte)`);
  say();
  if (!hasGrammalecte) say('grammalecte-cli is not installed here: no figures in this run.');
  else for (const line of await benchWebGrammar(sliceWords(text, Number(values['grammar-words'])), Number(values['grammar-words']), work, commands)) say(line);
  say();
}

say(`## Commands`);
say();
say('```');
say('npm run bench   # runs all of the below');
for (const command of commands) say(command);
say('```');
say();
say(`Load average at the end: ${fmt(loadavg()[0], 1)}.`);
// Earlier runs stay in the file: each run is appended below them.
appendFileSync(join(root, 'bench/RESULTS.md'), `\n---\n\n${lines.join('\n')}\n`);
console.error(`\nappended to bench/RESULTS.md`);

function sliceWords(source: string, count: number): string {
  let seen = 0;
  const out: string[] = [];
  for (const line of source.split('\n')) {
    out.push(line);
    seen += line.split(/\s+/).filter(Boolean).length;
    if (seen >= count) break;
  }
  return out.join('\n');
}
