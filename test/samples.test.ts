import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { createChecker } from '../src/checker.ts';
import { parseCorrections } from '../src/corrections/parse-corrections.ts';

// Golden test: one compact line per finding on the real sample, so that every
// change in the checker's behaviour shows up in review as a diff of this file.
it('finds the same things in the sample article', async () => {
  const read = (name: string) => readFileSync(new URL(`../samples/${name}`, import.meta.url), 'utf8');
  const { corrections } = parseCorrections(read('otan-rutte.corrections.tsv'), 'otan-rutte.corrections.tsv');
  const result = createChecker().check(read('otan-rutte.mt.fr.txt'), { corrections });
  expect(result.failures).toEqual([]);
  const lines = result.findings.map((f) => `${f.line}:${f.column}-${f.column + f.length} ${f.severity} ${f.ruleId} «${f.text}»${f.suggestions.length ? ` → ${f.suggestions.join(' | ')}` : ''}`);
  await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('./__snapshots__/otan-rutte.findings.txt');
});
