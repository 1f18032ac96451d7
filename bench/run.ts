/**
 * npm run bench [-- FILE] [--grammalecte-words N] [--grammar-words N]
 *
 * Measures the checker on a corpus (default ../shared/corpus/eltec-fra-sample.txt):
 * throughput, cold start, peak memory, scaling over 1×–8× the corpus, and, when
 * grammalecte-cli is installed, Grammalecte on the same text in the same run.
 * Prints a markdown report and writes it to bench/RESULTS.md. Every figure is a
 * single run on this machine: compare the ratios, not the absolute numbers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchWeb, benchWebGrammar } from './web.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'grammalecte-words': { type: 'string', default: '100000' }, 'max-scale': { type: 'string', default: '8' }, 'skip-web': { type: 'boolean', default: false }, 'grammar-words': { type: 'string', default: '20000' } },
});
const root = new URL('..', import.meta.url).pathname;
const corpus = positionals[0] ?? join(root, '../shared/corpus/eltec-fra-sample.txt');
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

function measureCheck(file: string): Measure {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench/measure-check.ts'), file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const wallMs = performance.now() - started;
  if (child.status !== 0) throw new Error(`measure-check failed: ${child.stderr}`);
  return { ...JSON.parse(child.stdout.trim().split('\n').pop()!), wallMs };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const commands: string[] = [];

say(`# Relecture benchmark`);
say();
say(`${new Date().toISOString().slice(0, 10)} · ${availableParallelism()} cores (nproc) · Node ${process.version} · corpus: ${corpus.replace(root, '')} (${fmt(text.length)} characters)`);
say();

// Cold start: a process that checks one short sentence, from spawn to exit.
const tiny = join(work, 'tiny.txt');
writeFileSync(tiny, 'Le ministre a rencontré avec les journalistes : Routte a parlé.\n');
commands.push(`node --import tsx src/cli.ts check ${'<tiny file>'} --format json   # cold start, 5 runs`);
const cold = Array.from({ length: 5 }, () => {
  const started = performance.now();
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), 'check', tiny, '--format', 'json'], { cwd: root });
  return performance.now() - started;
}).sort((a, b) => a - b);
say(`## Cold start`);
say();
say(`Process start to first finding on one sentence (dictionaries read from their cache), median of 5: **${fmt(cold[2])} ms** (min ${fmt(cold[0])}, max ${fmt(cold[4])}).`);
say();

// Throughput and scaling.
say(`## Throughput, memory and scaling`);
say();
say(`| input | words | findings | check time | words/s | peak RSS | time ratio to 1× |`);
say(`|---|---:|---:|---:|---:|---:|---:|`);
let base: Measure | undefined;
for (let scale = 1; scale <= Number(values['max-scale']); scale *= 2) {
  const file = scale === 1 ? corpus : join(work, `corpus-${scale}x.txt`);
  if (scale > 1) writeFileSync(file, Array.from({ length: scale }, () => text).join('\n'));
  commands.push(`node --import tsx bench/measure-check.ts ${scale === 1 ? corpus.replace(root, '') : `<corpus ×${scale}>`}`);
  const m = measureCheck(file);
  base ??= m;
  say(`| ${scale}× | ${fmt(m.words)} | ${fmt(m.findings)} | ${fmt(m.checkMs / 1000, 1)} s | ${fmt(m.words / (m.checkMs / 1000))} | ${fmt(m.maxRssMB)} MB | ${fmt(m.checkMs / base.checkMs, 2)} |`);
}
say();
say(`Check time excludes process start and dictionary loading (${fmt(base!.importMs + base!.loadMs)} ms in the 1× run).`);
say();

// Grammalecte on the same text.
say(`## Side by side with Grammalecte`);
say();
const hasGrammalecte = spawnSync('sh', ['-c', 'command -v grammalecte-cli']).status === 0;
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
  const ourRate = ours.words / (ours.wallMs / 1000);
  const theirRate = ours.words / (grammalecteMs / 1000);
  say(`| checker | text | whole process | words/s |`);
  say(`|---|---|---:|---:|`);
  say(`| Relecture (all default rules, spelling included) | first ${fmt(ours.words)} words | ${fmt(ours.wallMs / 1000, 2)} s | ${fmt(ourRate)} |`);
  say(`| Grammalecte ${'2.1.2'} (\`grammalecte-cli -f FILE -j\`) | same file | ${fmt(grammalecteMs / 1000, 2)} s | ${fmt(theirRate)} |`);
  say();
  say(`Ratio: Relecture checks **${fmt(ourRate / theirRate, 1)}×** as many words per second as Grammalecte on the same text, process start included for both. Without start-up costs (Relecture's check alone, ${fmt(ours.checkMs / 1000, 2)} s): ${fmt(ours.words / (ours.checkMs / 1000) / theirRate, 1)}×.`);
}
say();

if (!values['skip-web']) {
  say(`## Web app`);
  say();
  for (const line of await benchWeb(text, work, commands)) say(line);
  say();
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
writeFileSync(join(root, 'bench/RESULTS.md'), `${lines.join('\n')}\n`);
console.error(`\nwritten to bench/RESULTS.md`);

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
