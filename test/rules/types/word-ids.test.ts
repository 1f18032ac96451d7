import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/checker.ts';
import { loadWordSet } from '../../../src/dictionaries/word-set.ts';
import { runRules } from '../../../src/engine/run-rules.ts';
import { RULE_TYPES } from '../../../src/rules/types/index.ts';
import { WordIds } from '../../../src/rules/types/word-ids.ts';
import { normalise } from '../../../src/text/normalise.ts';
import { segment } from '../../../src/text/segment.ts';

describe('word ids (word-ids.ts)', () => {
  it('gives each form and each key one id, sentence by sentence, in the order the words stand', () => {
    const ids = new WordIds(segment('Le chat, le Chat chat. L’eau et l\'eau du 1 000.').sentences);
    expect(Array.from(ids.first)).toEqual([0, 5, 10]);
    expect(ids.forms).toEqual(['Le', 'chat', 'le', 'Chat', 'L’eau', 'et', "l'eau", 'du', '1 000']);
    expect(Array.from(ids.form)).toEqual([0, 1, 2, 3, 1, 4, 5, 6, 7, 8]);
    expect(Array.from(ids.key).map((k) => ids.keys[k])).toEqual(['le', 'chat', 'le', 'chat', 'chat', "l'eau", 'et', "l'eau", 'du', '1 000']);
    expect(ids.keys).toEqual(['le', 'chat', "l'eau", 'et', 'du', '1 000']);
    expect(Array.from(ids.spaced)).toEqual([0, 1]);
  });

  it('gives the rules that judge words by id the same findings over sentences whose words are tokenised when read', () => {
    const checker = createChecker();
    const rules = checker.enabledRules.filter((rule) => ['spelling', 'foreign-word', 'repetition'].includes(rule.type));
    const text = 'Le ministre a ouvertment critiqué les skills. Il a ouvertment parlé, parlé de de la paix et de la paix.\nLes grandes maisons blanches et les grandes maisons blanches.';
    const working = normalise(text);
    const run = (keepWords: boolean) =>
      runRules({ text, rules, types: RULE_TYPES, dictionary: loadWordSet, prepared: { working, segmented: segment(working.text, { keepWords }) } }).findings.map((f) => `${f.ruleId} ${f.offset} ${f.text}`);
    const kept = run(true);
    expect(kept.length).toBeGreaterThan(3);
    expect(run(false)).toEqual(kept);
  });
});
