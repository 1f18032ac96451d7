/**
 * One measured run of the checker, in its own process so that its peak memory
 * is its own (worker threads included): prints a JSON line with the timings.
 * Runs the compiled build (dist/, `npm run build`) as the CLI does: a big text
 * in worker threads, one per core (RELECTURE_WORKERS=1: one thread). Used by bench/run.ts,
 * which gives it the node flags of the bin's first line, as the CLI has them.
 */
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const { createChecker } = await import(new URL('dist/checker.js', root).href);
const { loadWordSet } = await import(new URL('dist/dictionaries/word-set.js', root).href);

const file = process.argv[2];
const startedAt = performance.now(); // ms since this process started
const checker = createChecker();
for (const language of ['fr', 'es', 'en']) loadWordSet(language);
const loadedAt = performance.now();
const text = readFileSync(file, 'utf8');
const readAt = performance.now();
const result = await checker.checkAsync(text);
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
