import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/checker.ts';
import { createWordSet, type SuggestionBudget, type WordSet } from '../../../src/dictionaries/word-set.ts';
import type { Rule } from '../../../src/engine/rule-type.ts';
import { runRules } from '../../../src/engine/run-rules.ts';
import { RULE_TYPES } from '../../../src/rules/types/index.ts';
import { SUGGESTION_LOOKUPS_PER_CHECK, SUGGESTION_LOOKUPS_PER_SENTENCE } from '../../../src/rules/types/spelling.ts';

const checker = createChecker({ disable: [] });
const spelling = (text: string, options = {}) => checker.check(text, options).findings.filter((f) => f.ruleId === 'spelling/fr').map((f) => `${f.severity} ${f.text}`);

describe('spelling/fr', () => {
  // Issue #14: « 1er » was read as « 1 » and « er », and « er » was a misspelling.
  it('leaves ordinals alone', () => {
    expect(spelling('Le 1er mai, la 1re fois, le 2e tour, au XIXe siècle, sous la IIIe République.')).toEqual([]);
  });

  it('says a name it does not know is a name to verify (info), and says nothing of a listed one', () => {
    expect(spelling('Il a reçu Whitcombe à Leeds avec Álvarez et Muñoz.')).toEqual(['info Whitcombe']);
    const [finding] = checker.check('Il a reçu Whitcombe.').findings.filter((f) => f.ruleId === 'spelling/fr');
    expect(finding.message).toMatch(/nom propre à vérifier/);
  });

  it('gives a passage in dialect or another language as info, a lone typo as minor', () => {
    expect(spelling('Ch’ solé y r’luit, ch’ moinet y cainte, ch’ mouguet flourit.').every((f) => f.startsWith('info'))).toBe(true);
    expect(spelling('Le ministre a ouvertment critiqué les appels.')).toEqual(['minor ouvertment']);
  });

  it('knows the words of the project word list and of the corrections', () => {
    expect(spelling('Le ministre a ouvertment critiqué les appels.', { knownWords: ['ouvertment'] })).toEqual([]);
    expect(createChecker({ knownWords: ['Zorglubie'] }).check('Le chef de la Zorglubie parle.').findings.filter((f) => f.ruleId === 'spelling/fr')).toEqual([]);
  });
});

const spellingAlone: Rule = {
  id: 'spelling/fr',
  type: 'spelling',
  category: 'fluency/spelling',
  severity: 'minor',
  message: '{text}',
  enabledByDefault: true,
  params: RULE_TYPES.spelling.parse({}),
  examples: [],
  file: 'test',
  line: 1,
};

/** The French word set, with the look-ups each sentence's suggestions were charged recorded. */
function recordingDictionary() {
  const french = createWordSet('fr', ['le', 'chat', 'dort']);
  const charged: number[] = [];
  const recording: WordSet = {
    ...french,
    suggest(word, limit, budget?: SuggestionBudget) {
      const before = budget?.remaining ?? 0;
      const list = french.suggest(word, limit, budget);
      charged.push(before - (budget?.remaining ?? 0));
      if (!budget) throw new Error('the spelling rule must pass a budget');
      return list;
    },
  };
  return { dictionary: () => recording, charged };
}

/** Distinct lower-case non-words of 12 letters. */
function unknownWords(count: number, seed = 1): string[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    let word = '';
    for (let i = 0; i < 12; i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      word += 'bcdfghjklmnpqrstvwxz'[state % 20];
    }
    return word;
  });
}

describe('the spelling rule bounds its suggestion work', () => {
  it('spends at most its per-sentence budget on one sentence of 2,000 unknown words, and still reports every word', () => {
    const { dictionary, charged } = recordingDictionary();
    const words = unknownWords(2000);
    const result = runRules({ text: `Le ${words.join(' ')}.`, rules: [spellingAlone], types: RULE_TYPES, dictionary });
    expect(result.findings).toHaveLength(2000);
    expect(charged.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(SUGGESTION_LOOKUPS_PER_SENTENCE);
    expect(result.findings.at(-1)!.suggestions).toEqual([]);
  });

  it('spends at most its per-check budget over many sentences', () => {
    const { dictionary, charged } = recordingDictionary();
    const words = unknownWords(40_000, 7);
    const sentences: string[] = [];
    for (let i = 0; i < words.length; i += 40) sentences.push(`Le ${words.slice(i, i + 40).join(' ')}.`);
    runRules({ text: sentences.join(' '), rules: [spellingAlone], types: RULE_TYPES, dictionary });
    expect(charged.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(SUGGESTION_LOOKUPS_PER_CHECK);
  });
});
