/**
 * What each part of a cold start costs, in a fresh process running the compiled
 * build: loading the code, the rule pack (from its cache), the dictionaries (compact
 * form), the keyword automaton, and a first check of one sentence. Prints a JSON line.
 * Used by bench/run.ts, with plain node after `npm run build` (JavaScript, so that no
 * TypeScript loader is part of the cost).
 *
 * By default the code is what the bin runs: dist/cli.bundle.cjs through bin/load-cli.cjs,
 * with its V8 code cache (`codeCache`: whether this process found one; the first run
 * writes it). `--modules`: dist/'s ES modules as tsc wrote them, one file each, no code
 * cache (how the bin started before 2026-12-02), to compare in one run.
 */
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url);
const asModules = process.argv.includes('--modules');
const t0 = performance.now(); // since the process started: Node's own start
let code;
let loaded;
if (asModules) {
  code = {
    ...(await import(new URL('dist/checker.js', root).href)),
    ...(await import(new URL('dist/dictionaries/word-set.js', root).href)),
    ...(await import(new URL('dist/engine/run-rules.js', root).href)),
    ...(await import(new URL('dist/rules/types/index.js', root).href)),
  };
} else {
  loaded = createRequire(import.meta.url)('../bin/load-cli.cjs').loadCli();
  code = loaded.cli;
}
const { createChecker, loadWordSet, buildPrefilter, RULE_TYPES } = code;
const t1 = performance.now();
const checker = createChecker();
const t2 = performance.now();
loadWordSet('fr');
const t3 = performance.now();
loadWordSet('es');
loadWordSet('en');
const t4 = performance.now();
buildPrefilter(checker.enabledRules, RULE_TYPES);
const t5 = performance.now();
const result = checker.check('Le ministre a rencontré avec les journalistes : Routte a parlé.\n');
const t6 = performance.now();
loaded?.saveCache();
const { user, system } = process.cpuUsage(); // the whole process so far, less moved by other work on the machine than wall time
console.log(JSON.stringify({ code: asModules ? 'modules' : 'bundle', codeCache: loaded?.cacheUsed ?? false, cpu: (user + system) / 1000, node: t0, modules: t1 - t0, rules: t2 - t1, french: t3 - t2, spanishEnglish: t4 - t3, prefilter: t5 - t4, firstCheck: t6 - t5, findings: result.findings.length, total: t6 }));
