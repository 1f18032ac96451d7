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

/**
 * Issue #15: when a form comes or goes (`namesSetRevision`), the pairs are moved
 * in place (the forms that went leave their deletions' buckets, those that came
 * join them) instead of pairing every form of the index again. The findings are
 * those the same index gives worked out from nothing, in the same order of
 * forms, whatever came and went: forms of three partners (where the last pair
 * met decides), a form gone and back (it moves to the index's end), counts that
 * flip a reference.
 */
describe('name variants: the pairs moved in place as forms come and go', () => {
  const checker = createChecker();
  const variants = (text: string, index: DocumentIndex) =>
    checker.check(text, { index }).findings.filter((f) => f.ruleId === 'names/variants').map((f) => `${f.text} → ${f.suggestions[0]}`);
  // The same forms, counts and places, in the same order, in an index the rule has never seen.
  const copyOf = (index: DocumentIndex): DocumentIndex => ({ ...index, wordCounts: new Map(index.wordCounts), firstSeen: new Map(index.firstSeen), namesRevision: undefined, namesSetRevision: undefined });
  const FORMS = ['Brastov', 'Brastof', 'Brastol', 'Brastovv', 'Rutte', 'Routte', 'Rutten', 'Zelensky', 'Zelenski', 'Zelenskiy', 'Kowalski', 'Kowalsky', 'Aallon', 'Alon', 'Allon'];

  it('gives, after each change, the findings of the same index worked out from nothing', () => {
    const start = FORMS.slice(0, 8).map((form) => `Le ministre ${form} parle.`).join(' ');
    const index = buildDocumentIndex(segment(start));
    let seed = 15;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let revision = 0;
    const text = () => FORMS.map((form) => `${form} vient.`).join(' ');
    expect(variants(text(), index)).toEqual(variants(text(), copyOf(index)));
    for (let step = 0; step < 60; step++) {
      const form = FORMS[random(FORMS.length)];
      const move = random(4);
      if (move === 0) index.wordCounts.delete(form); // gone
      else if (move === 1 && !index.wordCounts.has(form)) index.wordCounts.set(form, 1 + random(5)); // came, at the end
      else if (move === 2 && index.wordCounts.has(form)) {
        // gone and back between two checks: now at the end
        const count = index.wordCounts.get(form)!;
        index.wordCounts.delete(form);
        index.wordCounts.set(form, count);
      } else if (index.wordCounts.has(form)) index.wordCounts.set(form, 1 + random(9)); // counts only
      if (!index.firstSeen.has(form)) index.firstSeen.set(form, 1000 + step);
      revision++;
      index.namesRevision = revision;
      if (move !== 3) index.namesSetRevision = revision;
      expect(variants(text(), index), `step ${step}: ${['gone', 'came', 'gone and back', 'counts'][move]} ${form}`).toEqual(variants(text(), copyOf(index)));
    }
  });

  it('keeps the order of the pairs met: a form of two partners takes the last one’s reference', () => {
    // « Brastof » is one edit from « Brastov » and from « Brastol »; its count ties with both, so the place decides, pair by pair.
    const text = 'Le ministre Brastol parle. Le ministre Brastov part. Le ministre Brastof vient.';
    const index = buildDocumentIndex(segment(text));
    const before = variants(text, index);
    index.wordCounts.delete('Brastol');
    index.namesRevision = index.namesSetRevision = 1;
    index.wordCounts.set('Brastol', 1);
    index.namesRevision = index.namesSetRevision = 2;
    expect(variants(text, index)).toEqual(variants(text, copyOf(index)));
    expect(before).toEqual(variants(text, copyOf(buildDocumentIndex(segment(text)))));
  });
});
