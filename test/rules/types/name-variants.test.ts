import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/checker.ts';
import { buildDocumentIndex, type DocumentIndex } from '../../../src/engine/rule-type.ts';
import { oneEditApart } from '../../../src/rules/types/name-variants.ts';
import { segment } from '../../../src/text/segment.ts';

describe('oneEditApart', () => {
  it.each([
    ['routte', 'rutte', true],
    ['zelenski', 'zelensky', true],
    ['abcd', 'abdc', true],
    ['pardine', 'pardieu', false],
    ['carpo', 'carpo', false],
    ['rutte', 'ruttees', false],
  ])('%s / %s → %s', (a, b, expected) => {
    expect(oneEditApart(a, b)).toBe(expected);
    expect(oneEditApart(b, a)).toBe(expected);
  });
});

/**
 * Issue #15: the review app keeps one index per document and changes it in
 * place; the rule keeps the pairs of forms one edit apart until a form comes or
 * goes (`namesSetRevision`), and works out each pair's reference again when
 * counts or places move (`namesRevision`). Either way its findings are those a
 * fresh index of the same text gives.
 */
describe('name variants against an index changed in place', () => {
  const checker = createChecker();
  const variants = (text: string, index: DocumentIndex) =>
    checker.check(text, { index }).findings.filter((f) => f.ruleId === 'names/variants').map((f) => `${f.text} → ${f.suggestions[0]}`);
  const indexOf = (text: string) => buildDocumentIndex(segment(text));
  const DOCUMENT = 'Mark Rutte parle. Mark Rutte répond. Mark Rutte sourit. Mark Routte revient. Le Zelensky arrive.';
  const SENTENCE = 'Rutte et Routte parlent avec Zelenski.';

  it('gives the new counts’ reference once the counts moved (the pairs kept)', () => {
    const index = indexOf(DOCUMENT);
    expect(variants(SENTENCE, index)).toEqual(['Routte → Rutte']);
    // The text becomes one where « Routte » is the frequent form: same forms, other counts.
    const changed = 'Mark Routte parle. Mark Routte répond. Mark Routte sourit. Mark Rutte revient. Le Zelensky arrive.';
    const fresh = indexOf(changed);
    for (const [form, count] of fresh.wordCounts) index.wordCounts.set(form, count);
    for (const [form, place] of fresh.firstSeen) index.firstSeen.set(form, place);
    index.namesRevision = 1;
    expect(variants(SENTENCE, index)).toEqual(variants(SENTENCE, fresh));
    expect(variants(SENTENCE, index)).toEqual(['Rutte → Routte']);
  });

  it('pairs a form that came into the index once the set of forms moved', () => {
    const index = indexOf(DOCUMENT);
    expect(variants(`${SENTENCE} Brastof aussi.`, index)).toEqual(['Routte → Rutte']);
    const changed = `${DOCUMENT} Le ministre Brastov parle. Le ministre Brastov part. Le ministre Brastof vient.`;
    const fresh = indexOf(changed);
    index.wordCounts.clear();
    index.firstSeen.clear();
    for (const [form, count] of fresh.wordCounts) index.wordCounts.set(form, count);
    for (const [form, place] of fresh.firstSeen) index.firstSeen.set(form, place);
    index.namesRevision = 1;
    index.namesSetRevision = 1;
    expect(variants(SENTENCE, index)).toEqual(variants(SENTENCE, fresh));
    expect(variants(`${SENTENCE} Brastof aussi.`, index)).toEqual(variants(`${SENTENCE} Brastof aussi.`, fresh));
    expect(variants(`${SENTENCE} Brastof aussi.`, index)).toEqual(['Routte → Rutte', 'Brastof → Brastov']);
  });
});
