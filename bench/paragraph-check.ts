/**
 * The check of one short paragraph, as the review app re-checks a paragraph
 * after an accept: every rule but the document-wide ones (checker.checkPart),
 * with the whole document's word index. CPU time per check (every thread of
 * the process), which the machine's other load moves less than wall time:
 *
 *   npx tsx bench/paragraph-check.ts [FILE]
 *
 * FILE defaults to the sample article ×10; its first 14 paragraphs are checked
 * 40 times over, and « Bonjour. » 2,000 times (what a check costs before any
 * rule finds anything). Prints one line; nothing is appended to RESULTS.md.
 */
import { readFileSync } from 'node:fs';
import { createChecker } from '../src/checker.ts';
import { isDocumentWide } from '../src/engine/parallel-check.ts';
import { buildDocumentIndex } from '../src/engine/rule-type.ts';
import { RULE_TYPES } from '../src/rules/types/index.ts';
import { segment } from '../src/text/segment.ts';

const file = process.argv[2];
const sample = readFileSync(new URL('../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');
const text = file ? readFileSync(file, 'utf8') : Array.from({ length: 10 }, () => sample).join('\n');
const paragraphs = text.split('\n').filter((line) => line.trim() !== '').slice(0, 14);
const checker = createChecker();
const rules = checker.enabledRules.filter((rule) => !isDocumentWide(rule, RULE_TYPES));
const options = { index: buildDocumentIndex(segment(text)) };
const out: string[] = [];
for (const [name, texts, rounds] of [['« Bonjour. »', ['Bonjour.'], 2000], [`${paragraphs.length} paragraphs`, paragraphs, 40]] as const) {
  // Compiled and optimised first, as in a server that has run a while.
  for (let i = 0; i < 30; i++) for (const paragraph of texts) checker.checkPart(paragraph, rules, options);
  const before = process.cpuUsage();
  let checks = 0;
  for (let i = 0; i < rounds; i++) for (const paragraph of texts) (checker.checkPart(paragraph, rules, options), checks++);
  const used = process.cpuUsage(before);
  out.push(`${name}: ${((used.user + used.system) / 1000 / checks).toFixed(3)} ms of CPU per check`);
}
console.log(`${out.join(' | ')} (${rules.length} rules)`);
