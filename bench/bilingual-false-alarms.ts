/**
 * False alarms of the source-aware rules on professional translations with their
 * source, per 1000 French words: the ISTEX EN→FR sentence pairs and the 23
 * Mersenne TMX files (written French → English by another tool, read here with
 * English as the source, which also proves TMX import on files we did not write).
 * Usage: npm run bilingual-false-alarms [-- --examples N] [--corpus istex|mersenne] [--shared DIR]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readBilingual } from '../src/bilingual/check-bilingual.ts';
import { createChecker } from '../src/checker.ts';
import type { SourcePair } from '../src/engine/rule-type.ts';
import { SEVERITIES, type Finding } from '../src/types.ts';

const { values } = parseArgs({ options: { examples: { type: 'string', default: '0' }, corpus: { type: 'string' }, shared: { type: 'string' } } });
// ../shared beside the project (CI's layout); --shared DIR elsewhere (a git worktree).
const shared = join(values.shared ?? new URL('../../shared/', import.meta.url).pathname, 'corpus/bilingual/');
const checker = createChecker();
const isSourceRule = (id: string) => id.startsWith('source/') || id.startsWith('terminology/');

interface Corpus {
  name: string;
  text: string;
  pairs: SourcePair[];
}

function istex(): Corpus {
  const en = readFileSync(join(shared, 'istex-en-fr/istex.en'), 'utf8').split('\n');
  const fr = readFileSync(join(shared, 'istex-en-fr/istex.fr'), 'utf8').split('\n');
  let text = '';
  const pairs: SourcePair[] = [];
  for (let i = 0; i < fr.length; i++) {
    if (!fr[i].trim()) continue;
    pairs.push({ start: text.length, end: text.length + fr[i].length, source: en[i] });
    text += `${fr[i]}\n`;
  }
  return { name: 'ISTEX EN→FR (7,861 pairs)', text, pairs };
}

function mersenne(): Corpus {
  let text = '';
  const pairs: SourcePair[] = [];
  const folder = join(shared, 'mersenne-tmx');
  const files = readdirSync(folder).filter((f) => f.endsWith('.tmx'));
  for (const name of files) {
    const document = readBilingual({ fileName: name, bytes: readFileSync(join(folder, name)), sourceLanguage: 'en', targetLanguage: 'fr' });
    for (const pair of document.pairs) pairs.push({ start: text.length + pair.start, end: text.length + pair.end, source: pair.source });
    text += document.text;
  }
  return { name: `Mersenne TMX, read EN→FR (${files.length} files, ${pairs.length} units)`, text, pairs };
}

const corpora = values.corpus === 'istex' ? [istex()] : values.corpus === 'mersenne' ? [mersenne()] : [istex(), mersenne()];
for (const corpus of corpora) {
  const started = performance.now();
  const result = checker.check(corpus.text, { sources: corpus.pairs, sourceLanguage: 'en' });
  const seconds = (performance.now() - started) / 1000;
  const findings = result.findings.filter((f) => isSourceRule(f.ruleId));
  const minorOrWorse = findings.filter((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf('minor'));
  const allMinor = result.findings.filter((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf('minor'));
  const per = (n: number) => ((n * 1000) / result.words).toFixed(2);
  console.log(`\n## ${corpus.name}: ${result.words} French words, checked in ${seconds.toFixed(1)} s`);
  console.log(`source-aware rules, minor or worse: ${minorOrWorse.length} = ${per(minorOrWorse.length)} per 1000 words (all severities ${per(findings.length)}); every rule, minor or worse: ${per(allMinor.length)}\n`);
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) byRule.set(`${finding.ruleId} ${finding.severity}`, [...(byRule.get(`${finding.ruleId} ${finding.severity}`) ?? []), finding]);
  console.log('| rule | severity | findings | per 1000 words |\n|---|---|---:|---:|');
  for (const [key, list] of [...byRule.entries()].sort((a, b) => b[1].length - a[1].length)) {
    const [rule, severity] = key.split(' ');
    console.log(`| ${rule} | ${severity} | ${list.length} | ${per(list.length)} |`);
    for (const sample of list.slice(0, Number(values.examples))) {
      console.log(`    «${sample.text.slice(0, 80)}» ${sample.message.slice(0, 90)} ← ${(sample.sourceSentence ?? '').slice(0, 160)}`);
    }
  }
}
