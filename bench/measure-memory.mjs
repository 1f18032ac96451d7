/**
 * Where the main thread's memory goes in a parallel check (issue #15), phase by
 * phase, with the same calls as parallel-check.ts: the text read, normalised,
 * cut into sentences (words untokenised), its word index, then the document-wide
 * rules over the whole text (keyword scan included). After each phase: RSS, heap
 * and external memory after a full collection, and the peak RSS so far. The
 * workers are not started: each holds its own part (bounded, WORKER_HEAP_MB).
 * Runs the compiled build (dist/, `npm run build`):
 *   node --expose-gc bench/measure-memory.mjs FILE [--each]
 * `--each` prints every document-wide rule's time and the heap after it.
 */
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const load = (path) => import(new URL(`dist/${path}`, root).href);
const { createChecker } = await load('checker.js');
const { RULE_TYPES } = await load('rules/types/index.js');
const { isDocumentWide } = await load('engine/parallel-check.js');
const { normalise } = await load('text/normalise.js');
const { segment } = await load('text/segment.js');
const { buildDocumentIndex } = await load('engine/rule-type.js');
const { runRules, buildPrefilter } = await load('engine/run-rules.js');
const { loadWordSet } = await load('dictionaries/word-set.js');

const file = process.argv[2];
if (!file) throw new Error('usage: node --expose-gc bench/measure-memory.mjs FILE [--each]');
if (!globalThis.gc) console.error('(without --expose-gc the heap figures include garbage)');
const each = process.argv.includes('--each');
const mb = (bytes) => (bytes / 1048576).toFixed(0).padStart(5);
const show = (label) => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  console.log(`${label.padEnd(44)} rss ${mb(m.rss)} MB  heap ${mb(m.heapUsed)} MB  external ${mb(m.external)} MB  peak rss ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
};

show('start');
const checker = createChecker();
for (const language of ['fr', 'es', 'en']) loadWordSet(language);
const prefilter = buildPrefilter(checker.enabledRules, RULE_TYPES);
show('rule pack, dictionaries, keyword automaton');
const text = readFileSync(file, 'utf8');
show(`text read (${text.length.toLocaleString('en-US')} UTF-16 units)`);
const working = normalise(text);
show(`normalised (${working.text === text ? 'already NFC: the same string' : 'a copy'})`);
const segmented = segment(working.text, { keepWords: false });
show(`cut into ${segmented.sentences.length.toLocaleString('en-US')} sentences`);
const index = buildDocumentIndex(segmented);
show(`word index (${index.wordCounts.size.toLocaleString('en-US')} forms)`);
const rules = checker.enabledRules.filter((rule) => isDocumentWide(rule, RULE_TYPES));
let last = performance.now();
const started = last;
const whole = runRules({
  text, rules, types: RULE_TYPES, index, dictionary: loadWordSet, prefilter, unfinished: true, prepared: { working, segmented },
  onProgress: (done) => {
    if (!each) return;
    const now = performance.now();
    console.log(`  ${rules[done - 1].id.padEnd(50)} ${(now - last).toFixed(0).padStart(6)} ms  heap ${mb(process.memoryUsage().heapUsed)} MB`);
    last = now;
  },
});
show(`${rules.length} document-wide rules: ${whole.findings.length} findings, ${((performance.now() - started) / 1000).toFixed(1)} s`);
// Kept alive to the end, as the check keeps them for its caller.
globalThis.kept = [segmented, index, whole];
