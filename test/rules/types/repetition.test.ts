import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWordSet } from '../../../src/dictionaries/word-set.ts';
import type { Rule, RuleType } from '../../../src/engine/rule-type.ts';
import { runRules } from '../../../src/engine/run-rules.ts';
import { RULE_TYPES } from '../../../src/rules/types/index.ts';
import { NgramStarts, repetitionRule } from '../../../src/rules/types/repetition.ts';
import { opensClause, withoutElision, wordKey } from '../../../src/rules/types/words.ts';
import type { Token } from '../../../src/types.ts';

/**
 * repetition.ts compares word ids (made once per run) and hashes of n-grams of
 * ids; the reference below is how it compared words before (issue #15): a key
 * string per word, the n-grams as their keys joined by spaces. Both must give
 * the same findings on any text.
 */
type Params = ReturnType<typeof repetitionRule.parse>;
type Report = Parameters<RuleType['check']>[2];

const reference: RuleType<Params> = {
  ...repetitionRule,
  name: 'repetition-reference',
  check({ text, segmented }, params, report) {
    for (const sentence of segmented.sentences) {
      const words = sentence.words;
      const keys = words.map((w) => wordKey(w.text));
      if (params.mode === 'word') referenceWords(text, words, keys, params, report);
      else if (params.mode === 'adjacent') referenceAdjacent(text, words, keys, params, report);
      else if (params.mode === 'phrase') referenceNgrams(text, words, keys, params, report);
      else referenceStems(text, words, params, report);
    }
  },
};

const isContent = (params: Params, key: string) => !params.ignore.has(key) && !params.ignore.has(wordKey(withoutElision(key))) && /\p{L}/u.test(key);

function referenceWords(text: string, words: Token[], keys: string[], params: Params, report: Report) {
  for (let i = 1; i < words.length; i++) {
    if (keys[i] !== keys[i - 1] || params.ignore.has(keys[i])) continue;
    if (!/^\s+$/u.test(text.slice(words[i - 1].end, words[i].start))) continue;
    report({ start: words[i - 1].start, end: words[i].end, suggestions: [words[i - 1].text] });
  }
}

function referenceAdjacent(text: string, words: Token[], keys: string[], params: Params, report: Report) {
  let flaggedUntil = -1;
  for (let size = 2; size <= 4; size++) {
    for (let i = 0; i + 2 * size <= keys.length; i++) {
      if (i < flaggedUntil) continue;
      let same = true;
      for (let k = 0; k < size && same; k++) same = keys[i + k] === keys[i + size + k];
      if (!same || !keys.slice(i, i + size).some((key) => isContent(params, key))) continue;
      const gap = text.slice(words[i + size - 1].end, words[i + size].start);
      if (opensClause(gap) || gap.includes(',')) continue;
      report({ start: words[i].start, end: words[i + 2 * size - 1].end, suggestions: [text.slice(words[i].start, words[i + size - 1].end)] });
      flaggedUntil = i + 2 * size;
    }
  }
}

function referenceNgrams(text: string, words: Token[], keys: string[], params: Params, report: Report) {
  const n = params.n;
  let flaggedUntil = -1;
  const seen = new Map<string, number>();
  for (let i = 0; i + n <= keys.length; i++) {
    if (keys.slice(i, i + n).filter((key) => isContent(params, key)).length < 2) continue;
    const ngram = keys.slice(i, i + n).join(' ');
    const earlier = seen.get(ngram);
    if (earlier === undefined) seen.set(ngram, i);
    else if (earlier + n <= i && i >= flaggedUntil) {
      report({ start: words[i].start, end: words[i + n - 1].end, values: { first: text.slice(words[earlier].start, words[earlier + n - 1].end) } });
      flaggedUntil = i + n;
    }
  }
}

function referenceStems(text: string, words: Token[], params: Params, report: Report) {
  const stems = words.map((w) => {
    const core = withoutElision(w.text);
    const key = wordKey(core);
    return /^\p{Lu}/u.test(core) ? null : key.length >= params.minLength && !params.ignore.has(key) && /^\p{L}/u.test(key) ? key.slice(0, params.stemLength) : null;
  });
  for (let i = 0; i < words.length; i++) {
    if (!stems[i]) continue;
    for (let j = i + 1; j <= i + params.window && j < words.length; j++) {
      if (stems[j] !== stems[i]) continue;
      if (j === i + 1 && /[,—–-]/.test(text.slice(words[i].end, words[j].start))) continue;
      report({ start: words[j].start, end: words[j].end, values: { first: words[i].text } });
      stems[j] = null;
      break;
    }
  }
}

const rule = (id: string, type: string, params: Record<string, unknown>): Rule => ({
  id,
  type,
  category: 'style',
  severity: 'info',
  message: '{text} {first}',
  enabledByDefault: true,
  params: repetitionRule.parse(params),
  examples: [],
  file: 'test',
  line: 1,
});

const modes: Array<Record<string, unknown>> = [
  { mode: 'word', ignore: ['nous'] },
  { mode: 'adjacent', ignore: ['le', 'de', 'l'] },
  { mode: 'phrase', n: 2, ignore: ['le', 'de'] },
  { mode: 'phrase', n: 3, ignore: ['le', 'la', 'de', 'l', 'et'] },
  { mode: 'stem', window: 4, minLength: 4, stemLength: 5, ignore: ['maisons'] },
  { mode: 'stem', minLength: 0, stemLength: 0 },
];
const types = { ...RULE_TYPES, 'repetition-reference': reference };
const findings = (text: string, type: string) =>
  runRules({ text, rules: modes.map((params, k) => rule(`r${k}`, type, params)), types, dictionary: () => createWordSet('fr', []) }).findings.map(
    (f) => `${f.ruleId} ${f.offset}+${f.length} ${f.message} ${f.suggestions.join('|')}`,
  );

// Few words, so that they repeat: cases, an elision, numbers with spaces (keys holding one), names.
const pieces = ['le', 'Le', 'LE', 'de', 'maison', 'maisons', 'Maison', 'bleue', 'bleues', 'l’équipe', "l'équipe", 'équipe', 'nous', 'Paris', '1 000', '1', '000', '200', 'souligne', 'souligné', 'et'];
const separators = [' ', ' ', ' ', ' ', ' ', ' ', ' ', ', ', '. ', ' – ', '-', '\n', ' -- ', '; '];
const run = fc
  .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...separators)), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));
// A run, another, the first again: phrases that repeat, whole or cut by the separators.
const texts = fc.tuple(run, run).map(([a, b]) => a + b + a);

describe('repetition by word ids', () => {
  it('gives the findings of the key-string reference on generated texts, every mode', () => {
    const rulesThatFound = new Set<string>();
    fc.assert(
      fc.property(texts, (text) => {
        const expected = findings(text, 'repetition-reference');
        expect(findings(text, 'repetition')).toEqual(expected);
        for (const finding of expected) rulesThatFound.add(finding.split(' ')[0]);
      }),
      { numRuns: 400 },
    );
    // The texts exercise every rule but the one whose stems are all empty (none, as before).
    expect([...rulesThatFound].sort()).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  });

  it('finds the same first n-gram when every hash collides', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 30 }), fc.integer({ min: 1, max: 3 }), (ids, n) => {
        const array = Int32Array.from([9, ...ids]);
        const colliding = new NgramStarts(array, 1, n, () => 0);
        const texts = new Map<string, number>();
        for (let i = 0; i + n <= ids.length; i++) {
          const text = ids.slice(i, i + n).join(' ');
          const expected = texts.get(text);
          if (expected === undefined) texts.set(text, i);
          expect(colliding.firstOrAdd(i)).toBe(expected);
        }
      }),
    );
  });
});
