import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/checker.ts';
import { createWordSet } from '../../../src/dictionaries/word-set.ts';
import type { Rule } from '../../../src/engine/rule-type.ts';
import { runRules } from '../../../src/engine/run-rules.ts';
import { RULE_TYPES } from '../../../src/rules/types/index.ts';

/**
 * spelling and foreign-word keep one verdict per distinct form for a run (most
 * tokens repeat). What may be kept is what depends on the form alone: these
 * tests pin what must not be kept (the place of a word, the next run's lists).
 */
const checker = createChecker();
const found = (ruleId: string, text: string, options = {}) =>
  checker
    .check(text, options)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.severity} ${f.text}@${f.offset}`);

describe('per-run verdicts of spelling/fr', () => {
  it('reports a repeated unknown form at each place, and judges each sentence apart', () => {
    const text = 'Le ministre a ouvertment critiqué les appels. Il a ouvertment parlé.';
    expect(found('spelling/fr', text)).toEqual([`minor ouvertment@${text.indexOf('ouvertment')}`, `minor ouvertment@${text.lastIndexOf('ouvertment')}`]);
  });

  it('does not carry a verdict from one check to the next (words learned, then forgotten)', () => {
    const text = 'Le ministre a ouvertment critiqué les appels.';
    const own = createChecker();
    expect(own.check(text).findings.some((f) => f.ruleId === 'spelling/fr')).toBe(true);
    own.learnWords(['ouvertment']);
    expect(own.check(text).findings.some((f) => f.ruleId === 'spelling/fr')).toBe(false);
    own.forgetWords(['ouvertment']);
    expect(own.check(text).findings.some((f) => f.ruleId === 'spelling/fr')).toBe(true);
    expect(own.check(text, { knownWords: ['ouvertment'] }).findings.some((f) => f.ruleId === 'spelling/fr')).toBe(false);
  });

  it('keeps the place-dependent part per occurrence: the same typo is info in a dialect passage, minor among French words', () => {
    const passage = 'Ch’ solé y r’luit, ch’ moinet y cainte, ch’ mouguet flourit.';
    const text = `${passage} Elle cainte la porte.`;
    const findings = found('spelling/fr', text).filter((f) => f.includes('cainte'));
    expect(findings).toEqual([`info cainte@${text.indexOf('cainte')}`, `minor cainte@${text.lastIndexOf('cainte')}`]);
  });
});

describe('per-run verdicts of untranslated/foreign-word', () => {
  it('judges the neighbours of each occurrence of a repeated form', () => {
    const text = 'Il manque de skills pour ce poste. Elle cite per labia skills linguam.';
    const findings = found('untranslated/foreign-word', text);
    expect(findings.map((f) => f.replace(/^\S+ /, ''))).toEqual([`skills@${text.indexOf('skills')}`]);
  });

  it('does not carry a verdict from one check to the next', () => {
    const text = 'Il manque de skills pour ce poste.';
    expect(found('untranslated/foreign-word', text)).toHaveLength(1);
    expect(found('untranslated/foreign-word', text, { knownWords: ['skills'] })).toEqual([]);
    expect(found('untranslated/foreign-word', text)).toHaveLength(1);
  });
});

describe('shared keys and stems of the repetition rules', () => {
  const stemRule = (id: string, params: Record<string, unknown>): Rule => ({
    id,
    type: 'repetition',
    category: 'style',
    severity: 'info',
    message: '{text}',
    enabledByDefault: true,
    params: RULE_TYPES.repetition.parse({ mode: 'stem', ...params }),
    examples: [],
    file: 'test',
    line: 1,
  });
  const run = (text: string, rules: Rule[]) =>
    runRules({ text, rules, types: RULE_TYPES, dictionary: () => createWordSet('fr', []) }).findings.map((f) => `${f.ruleId} ${f.text}`);

  it('keeps stems per rule: two rules with other lengths or ignore lists judge the same form each their way', () => {
    const text = 'Il a souligné, puis il souligne encore.';
    const rules = [stemRule('short', { minLength: 5, stemLength: 6 }), stemRule('long', { minLength: 12 }), stemRule('ignoring', { ignore: ['souligne'] })];
    expect(run(text, rules)).toEqual(['short souligne']);
    // Again, in the other order: nothing kept from the first run changes a verdict.
    expect(run(text, [...rules].reverse())).toEqual(['short souligne']);
  });

  it('gives every mode the keys of its own sentence, text after text', () => {
    const rules = ['word', 'adjacent', 'phrase'].map((mode) => ({ ...stemRule(mode, {}), params: RULE_TYPES.repetition.parse({ mode, n: 3 }) }));
    expect(run('Le le chat dort.', rules)).toEqual(['word Le le']);
    expect(run('La maison bleue de la maison bleue de Paris.', rules)).toEqual(['adjacent La maison bleue de la maison bleue de', 'phrase la maison bleue']);
    expect(run('Les grandes maisons blanches et les grandes maisons blanches du port.', rules)).toEqual(['phrase les grandes maisons']);
    expect(run('Le le chat dort.', rules)).toEqual(['word Le le']);
  });

  // repeatedNgrams skips an n-gram holding a word found once in its sentence.
  const phraseRule = (n: number) => ({ ...stemRule(`phrase${n}`, {}), params: RULE_TYPES.repetition.parse({ mode: 'phrase', n }) });

  it('finds a phrase repeated between words found once, at the sentence edges and back to back', () => {
    expect(run('Grandes maisons blanches au bord, grandes maisons blanches.', [phraseRule(3)])).toEqual(['phrase3 grandes maisons blanches']);
    expect(run('Hier soir, grandes maisons blanches ici et grandes maisons blanches là.', [phraseRule(3)])).toEqual(['phrase3 grandes maisons blanches']);
    expect(run('Maisons blanches maisons blanches maisons blanches.', [phraseRule(2)])).toEqual(['phrase2 maisons blanches', 'phrase2 maisons blanches']);
    expect(run('Grandes maisons blanches et petites maisons rouges.', [phraseRule(3)])).toEqual([]);
  });

  it('reads in full a sentence whose keys hold a space (« 1 000 »): two runs of keys then join into the same text, as before', () => {
    // « le 1 000 200 grands »: « le » « 1 000 » « 200 » « grands » and « le » « 1 »
    // « 000 200 » « grands » join into the same text; « 1 000 » and « 200 » are each
    // found once, which would otherwise skip the first n-gram and lose the finding.
    const text = 'Le 1 000, 200 grands soldats partent puis le 1, 000 200 grands soldats reviennent.';
    expect(run(text, [phraseRule(4)])).toEqual(['phrase4 le 1, 000 200 grands']);
  });
});
