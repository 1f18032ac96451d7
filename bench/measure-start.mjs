/**
 * What each part of a cold start costs, in a fresh process running the compiled
 * build (dist/): loading the modules, the rule pack (from its cache), the
 * dictionaries (compact form), the keyword automaton, and a first check of one
 * sentence. Prints a JSON line. Used by bench/run.ts, with plain node after
 * `npm run build` (JavaScript, so that no TypeScript loader is part of the cost).
 */
const root = new URL('..', import.meta.url);
const t0 = performance.now(); // since the process started: Node's own start
const { createChecker } = await import(new URL('dist/checker.js', root).href);
const { loadWordSet } = await import(new URL('dist/dictionaries/word-set.js', root).href);
const { buildPrefilter } = await import(new URL('dist/engine/run-rules.js', root).href);
const { RULE_TYPES } = await import(new URL('dist/rules/types/index.js', root).href);
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
console.log(JSON.stringify({ node: t0, modules: t1 - t0, rules: t2 - t1, french: t3 - t2, spanishEnglish: t4 - t3, prefilter: t5 - t4, firstCheck: t6 - t5, findings: result.findings.length, total: t6 }));
