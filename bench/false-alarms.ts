/**
 * False alarms on correct French: findings per 1000 words on a clean corpus
 * (default: ../shared/corpus/eltec-fra-sample.txt, 19th-century novels), by rule
 * and severity. Usage: npm run false-alarms [-- FILE] [--examples N] [--lines N]
 * (`--lines 3000`: only the first N lines, the figure the issues quote).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createChecker } from '../src/checker.ts';
import { SEVERITIES, type Finding } from '../src/types.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { examples: { type: 'string', default: '0' }, lines: { type: 'string' } } });
const file = positionals[0] ?? new URL('../../shared/corpus/eltec-fra-sample.txt', import.meta.url).pathname;
const whole = readFileSync(file, 'utf8');
const text = values.lines ? whole.split('\n').slice(0, Number(values.lines)).join('\n') : whole;
const checker = createChecker();
const started = performance.now();
const result = checker.check(text);
const seconds = (performance.now() - started) / 1000;

const perRule = new Map<string, { count: number; severity: string; samples: Finding[] }>();
for (const finding of result.findings) {
  const key = `${finding.ruleId} ${finding.severity}`;
  const entry = perRule.get(key) ?? { count: 0, severity: finding.severity, samples: [] };
  entry.count++;
  if (entry.samples.length < Number(values.examples)) entry.samples.push(finding);
  perRule.set(key, entry);
}
const perThousand = (n: number) => ((n * 1000) / result.words).toFixed(2);
const minorOrWorse = result.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf('minor')).length;
console.log(`${file}${values.lines ? ` (first ${values.lines} lines)` : ''}: ${result.words} words, ${result.findings.length} findings in ${seconds.toFixed(1)} s`);
console.log(`minor or worse: ${minorOrWorse} = ${perThousand(minorOrWorse)} per 1000 words; all: ${perThousand(result.findings.length)} per 1000 words\n`);
console.log('| rule | severity | findings | per 1000 words |\n|---|---|---:|---:|');
for (const [key, entry] of [...perRule.entries()].sort((a, b) => b[1].count - a[1].count)) {
  console.log(`| ${key.split(' ')[0]} | ${entry.severity} | ${entry.count} | ${perThousand(entry.count)} |`);
  for (const sample of entry.samples) {
    const context = text.slice(Math.max(0, sample.offset - 50), sample.offset + sample.length + 50).replace(/\s+/g, ' ');
    console.log(`    ${sample.text} ← ${context} → ${sample.suggestions.slice(0, 2).join(' | ')}`);
  }
}
for (const failure of result.failures) console.log(`rule failure: ${failure.ruleId}: ${failure.message}`);
