import { describe, expect, it } from 'vitest';
import { createWordSet } from '../../src/dictionaries/word-set.ts';
import { buildDocumentIndex, type Rule, type RuleType } from '../../src/engine/rule-type.ts';
import type { Prefilter } from '../../src/engine/prefilter.ts';
import { runRules } from '../../src/engine/run-rules.ts';
import { RULE_TYPES } from '../../src/rules/types/index.ts';
import { normalise } from '../../src/text/normalise.ts';
import { segment } from '../../src/text/segment.ts';

const dictionary = () => createWordSet('fr', ['le', 'chat']);
const rule = (id: string, type: string, params: unknown = null): Rule => ({
  id,
  type,
  category: 'style',
  severity: 'minor',
  message: 'message {text}',
  enabledByDefault: true,
  params,
  examples: [],
  file: 'test',
  line: 1,
});

const throwing: RuleType<null> = {
  name: 'throwing',
  keys: [],
  parse: () => null,
  check() {
    throw new Error('boom');
  },
};
const everyWord: RuleType<null> = {
  name: 'every-word',
  keys: [],
  parse: () => null,
  check({ segmented }, _params, report) {
    for (const sentence of segmented.sentences) for (const word of sentence.words) report({ start: word.start, end: word.end, suggestions: [word.text.toUpperCase()] });
  },
};
const types = { ...RULE_TYPES, throwing, 'every-word': everyWord };

describe('runRules', () => {
  it('reports a rule that throws by its id and runs the others', () => {
    const result = runRules({ text: 'le chat', rules: [rule('a/throws', 'throwing'), rule('b/words', 'every-word')], types, dictionary });
    expect(result.failures).toEqual([{ ruleId: 'a/throws', message: 'boom' }]);
    expect(result.findings.map((f) => f.text)).toEqual(['le', 'chat']);
  });

  it('maps offsets of decomposed text back into the original, with line and column', () => {
    const text = 'un\r\nde\u0301ja\u0300 vu';
    const result = runRules({ text, rules: [rule('b/words', 'every-word')], types, dictionary });
    const found = result.findings.map((f) => [f.text, f.offset, f.length, f.line, f.column, f.sentence]);
    expect(found).toEqual([
      ['un', 0, 2, 1, 1, 0],
      ['de\u0301ja\u0300', 4, 6, 2, 1, 1],
      ['vu', 11, 2, 2, 8, 1],
    ]);
    for (const finding of result.findings) expect(text.slice(finding.offset, finding.offset + finding.length)).toBe(finding.text);
  });

  it('fills {text} in messages and drops suggestions equal to the text', () => {
    const result = runRules({ text: 'LE', rules: [rule('b/words', 'every-word')], types, dictionary });
    expect(result.findings[0]).toMatchObject({ message: 'message LE', suggestions: [] });
  });

  it('lets the spelling rule give way to a more specific finding on the same span', () => {
    const spelling = { ...rule('s/spell', 'spelling', RULE_TYPES.spelling.parse({})), severity: 'minor' as const };
    const result = runRules({ text: 'le chatt', rules: [spelling, rule('b/words', 'every-word')], types, dictionary });
    expect(result.findings.map((f) => `${f.ruleId}:${f.text}`)).toEqual(['b/words:le', 'b/words:chatt']);
  });

  // Issue #15: the main thread of a parallel check runs only rules that read no
  // keywords (guillemets, units); it scanned the whole corpus for them all the same.
  it('scans the text for keywords only when a rule reads them', () => {
    let scans = 0;
    const prefilter = { scan: () => (scans++, undefined) } as unknown as Prefilter;
    runRules({ text: 'le chat', rules: [rule('b/words', 'every-word')], types, dictionary, prefilter });
    expect(scans).toBe(0);
    const pattern = rule('p/chat', 'pattern', RULE_TYPES.pattern.parse({ pattern: 'chat' }));
    const result = runRules({ text: 'le chat', rules: [pattern, rule('b/words', 'every-word')], types, dictionary, prefilter });
    expect(scans).toBe(1);
    expect(result.findings.map((f) => `${f.ruleId}:${f.text}`)).toEqual(['b/words:le', 'b/words:chat', 'p/chat:chat']);
  });

  // Issue #15: the main thread of a parallel check keeps no words (they are tokenised
  // each time read); its word count comes from the whole text's counts, not a fourth pass.
  it('takes the word count of a prepared text instead of reading its words again', () => {
    const text = 'Le chat dort. Le chien aussi.';
    const segmented = segment(text);
    const unread = { ...segmented, sentences: segmented.sentences.map((sentence) => ({ ...sentence, get words(): never { throw new Error('words read'); } })) };
    const result = runRules({ text, rules: [], types, dictionary, index: buildDocumentIndex(segmented), prepared: { working: normalise(text), segmented: unread, words: 6 } });
    expect(result.words).toBe(6);
    expect(runRules({ text, rules: [], types, dictionary }).words).toBe(6);
  });
});
