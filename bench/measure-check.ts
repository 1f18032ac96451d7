/**
 * One measured run of the checker, in its own process so that its peak memory
 * is its own: prints a JSON line with the timings. Used by bench/run.ts.
 */
import { readFileSync } from 'node:fs';
import { createChecker } from '../src/checker.ts';
import { loadWordSet } from '../src/dictionaries/word-set.ts';

const file = process.argv[2];
const startedAt = performance.now(); // ms since this process started
const checker = createChecker();
for (const language of ['fr', 'es', 'en'] as const) loadWordSet(language);
const loadedAt = performance.now();
const text = readFileSync(file, 'utf8');
const readAt = performance.now();
const result = checker.check(text);
const checkedAt = performance.now();
console.log(
  JSON.stringify({
    words: result.words,
    findings: result.findings.length,
    importMs: startedAt,
    loadMs: loadedAt - startedAt,
    checkMs: checkedAt - readAt,
    totalMs: checkedAt,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
