/**
 * Throughput of the bilingual path beside the monolingual check, in one run:
 * ISTEX abstracts (EN→FR) laid out one abstract a line on both sides, so that the
 * aligner has real paragraphs to cut into sentences and pair by length.
 * Usage: npx tsx bench/bilingual-throughput.ts [--shared DIR] [--runs N]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { alignTexts } from '../src/bilingual/align-texts.ts';
import { createChecker } from '../src/checker.ts';
import { loadWordSet } from '../src/dictionaries/word-set.ts';
import { runRules } from '../src/engine/run-rules.ts';
import { RULE_TYPES } from '../src/rules/types/index.ts';

const { values } = parseArgs({ options: { shared: { type: 'string' }, runs: { type: 'string', default: '3' } } });
const folder = join(values.shared ?? new URL('../../shared/', import.meta.url).pathname, 'corpus/bilingual/istex-en-fr');
const en = readFileSync(join(folder, 'istex.en'), 'utf8').split('\n');
const fr = readFileSync(join(folder, 'istex.fr'), 'utf8').split('\n');
const idx = readFileSync(join(folder, 'istex.idx'), 'utf8').split('\n');
const mtLines: string[] = [];
const sourceLines: string[] = [];
let current = '';
for (let i = 0; i < fr.length; i++) {
  if (!fr[i]?.trim()) continue;
  const doc = idx[i].split('.')[0];
  if (doc !== current) {
    mtLines.push('');
    sourceLines.push('');
    current = doc;
  }
  mtLines[mtLines.length - 1] += `${mtLines[mtLines.length - 1] ? ' ' : ''}${fr[i].trim()}`;
  sourceLines[sourceLines.length - 1] += `${sourceLines[sourceLines.length - 1] ? ' ' : ''}${en[i].trim()}`;
}
const mt = mtLines.join('\n');
const source = sourceLines.join('\n');

const checker = createChecker();
const sourceRules = checker.enabledRules.filter((rule) => RULE_TYPES[rule.type].needsSource);
checker.check(mt.slice(0, 2000)); // dictionaries and rules loaded before timing

const best = (f: () => void) => {
  let fastest = Infinity;
  for (let run = 0; run < Number(values.runs); run++) {
    const started = performance.now();
    f();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest / 1000;
};
let pairs = alignTexts(mt, source, { mt: 'mt', source: 'source' });
const words = checker.check(mt).words;
const align = best(() => (pairs = alignTexts(mt, source, { mt: 'mt', source: 'source' })));
const sourceOnly = best(() => runRules({ text: mt, rules: sourceRules, types: RULE_TYPES, dictionary: loadWordSet, sources: pairs, sourceLanguage: 'en' }));
const monolingual = best(() => checker.check(mt));
const bilingual = best(() => checker.check(mt, { sources: alignTexts(mt, source, { mt: 'mt', source: 'source' }), sourceLanguage: 'en' }));
const rate = (seconds: number) => Math.round(words / seconds).toLocaleString('en');
console.log(`ISTEX EN→FR, ${mtLines.length} abstracts a line, ${words} French words, ${pairs.length} aligned pairs; best of ${values.runs} runs`);
console.log(`| step | seconds | words/s |\n|---|---:|---:|`);
console.log(`| sentence alignment (Gale–Church) | ${align.toFixed(2)} | ${rate(align)} |`);
console.log(`| source-aware rules alone (${sourceRules.length}) | ${sourceOnly.toFixed(2)} | ${rate(sourceOnly)} |`);
console.log(`| monolingual check (every other rule) | ${monolingual.toFixed(2)} | ${rate(monolingual)} |`);
console.log(`| alignment + every rule with the source | ${bilingual.toFixed(2)} | ${rate(bilingual)} |`);
console.log(`bilingual / monolingual time: ${(bilingual / monolingual).toFixed(2)}×`);
