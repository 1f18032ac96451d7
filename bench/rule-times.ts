/**
 * Which rules are slow: one check of FILE in one thread, timed rule by rule
 * (through `onProgress`, called after each rule), then summed by rule type.
 * For whoever writes or tunes rules in rules/fr/: a rule that costs far more
 * than its neighbours usually has an expression that the prefilter cannot
 * narrow down (see src/engine/keywords.ts), or one tried at every position.
 *
 *   npx tsx bench/rule-times.ts FILE [TOP=30]
 *
 * The first rule's time also holds the preparation of the text (normalising,
 * cutting into sentences, the document index and the keyword scan).
 */
import { readFileSync } from 'node:fs';
import { createChecker } from '../src/checker.ts';

const [file, top = '30'] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/rule-times.ts FILE [TOP]');
  process.exit(2);
}
const text = readFileSync(file, 'utf8');
const checker = createChecker();
checker.check('Bonjour. Le chat mange.'); // dictionaries and lazy parts loaded before timing
const rules = checker.enabledRules;
const times: Array<[string, number]> = [];
const started = performance.now();
let last = started;
const result = checker.check(text, {
  onProgress: (done) => {
    const now = performance.now();
    times.push([`${rules[done - 1].id} (${rules[done - 1].type})`, now - last]);
    last = now;
  },
});
const total = performance.now() - started;
console.log(`total ${total.toFixed(0)} ms, rules ${times.reduce((sum, [, ms]) => sum + ms, 0).toFixed(0)} ms, ${result.findings.length} findings, ${rules.length} rules, ${result.words} words`);
const byType = new Map<string, number>();
for (const [name, ms] of times) {
  const type = name.replace(/.*\(/, '(');
  byType.set(type, (byType.get(type) ?? 0) + ms);
}
console.log([...byType].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([type, ms]) => `${ms.toFixed(0).padStart(6)} ${type}`).join('\n'));
console.log('---');
console.log(times.sort((a, b) => b[1] - a[1]).slice(0, Number(top)).map(([name, ms]) => `${ms.toFixed(1).padStart(7)} ${name}`).join('\n'));
