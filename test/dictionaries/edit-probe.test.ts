import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { probeOneEdits } from '../../src/dictionaries/edit-probe.ts';
import { LineHashSet } from '../../src/dictionaries/line-hash-set.ts';
import { ALPHABET, cacheDirectory, createWordSet, createWordSetFromSorted, edits, loadWordSet } from '../../src/dictionaries/word-set.ts';

/** The offsets word-set.ts keeps: each line's start, then one past the end + 1. */
function lineStarts(bytes: Buffer): Uint32Array {
  const out = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) out.push(i + 1);
  out.push(bytes.length + 1);
  return Uint32Array.from(out);
}

const sortedBytes = (forms: string[]) => Buffer.from([...forms].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).join('\n'));

// Letters of the alphabet, letters outside it, and the units the probe must leave to the string path.
const unit = fc.constantFrom('a', 'b', 'c', 'e', 'é', 'è', 'ç', 'œ', 'n', 'ñ', 'ß', 'x', 'A', 'É', '’', "'", '-', '‑', '𝒜', 'İ', 'ſ');
const word = fc.array(unit, { minLength: 1, maxLength: 7 }).map((units) => units.join(''));

describe('probeOneEdits (one-edit candidates looked up without a string each)', () => {
  it('finds, in order, exactly the candidates of `edits` that are lines, or declines the word', () => {
    fc.assert(
      fc.property(word, fc.uniqueArray(word, { maxLength: 40 }), (probe, others) => {
        const lower = probe.toLowerCase();
        // Dictionaries made of the word's own candidates, so that there are hits to find.
        const candidates = edits(lower, ALPHABET);
        const forms = [...new Set([...others, ...candidates.filter((_, i) => i % 7 === 0)])].filter((form) => form !== '');
        const bytes = Buffer.from(forms.join('\n'));
        const set = LineHashSet.build(bytes, lineStarts(bytes), forms.length);
        const found: string[] = [];
        if (!probeOneEdits(set, lower, ALPHABET, (candidate) => found.push(candidate))) {
          expect(found).toEqual([]);
          expect(/[\uD800-\uDFFF'’\-‑\n]/.test(lower) || [...lower].some((c) => c.toLowerCase() !== c)).toBe(true);
          return;
        }
        expect(found).toEqual(candidates.filter((candidate) => set.has(candidate)));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the suggestions the string look-ups give, with the compact dictionary’s table', () => {
    fc.assert(
      fc.property(word, fc.uniqueArray(word, { maxLength: 40 }), (probe, others) => {
        const lower = probe.toLowerCase();
        const forms = [...new Set([...others, ...edits(lower, ALPHABET).filter((_, i) => i % 11 === 0)])].filter((form) => form !== '' && !form.includes('\n'));
        const bytes = sortedBytes(forms);
        const compact = createWordSetFromSorted('fr', bytes, lineStarts(bytes), 0, () => LineHashSet.build(bytes, lineStarts(bytes), forms.length).slots);
        const strings = createWordSet('fr', forms, 'hash');
        expect(compact.suggest(probe, 8)).toEqual(strings.suggest(probe, 8));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the French dictionary’s suggestions of the string look-ups', () => {
    const french = loadWordSet('fr');
    // The reference: every form of the same cache file in a Set, looked up as strings.
    const file = readdirSync(cacheDirectory()).find((name) => /^words-fr-3-[0-9a-f]{16}\.txt$/.test(name))!;
    const strings = createWordSet('fr', readFileSync(join(cacheDirectory(), file), 'utf8').split('\n'), 'hash');
    const elided = ['r’luit', "r'luit", 'n’ombrache', 'd’courache', 'rud’ment', 'qu’ill', 'l’homm', 'lhomme’', 'jusqu’ici', 'jusq’ici', 'l’', 'aujourdhui’', 'presqu’île', 'c’étai', 'lo’rsqu', 'L’Homme', 'Qu’il'];
    for (const probe of ['ministere', 'recu', 'ouvertment', 'Ministere', 'chatt', 'paysanes', 'garçonn', 'oeuvre', 'MAISN', 'entendaitt', 'aujourd’hui', 'porte-monaie', 'ſoleil', 'İlan', ...elided]) {
      expect(french.suggest(probe, 10), probe).toEqual(strings.suggest(probe, 10));
    }
  });

  it('gives the string look-ups’ suggestions for a word with an apostrophe, read as it stands and as an elision, in French and elsewhere', () => {
    // A part before the apostrophe that is an elision, or one edit from one; a part after that is a word, or one edit from one.
    const before = fc.constantFrom('', 'l', 'd', 'qu', 'q', 'lq', 'jusqu', 'jusq', 'ç', 'x', 'ab', 'dl');
    const after = fc.array(fc.constantFrom('a', 'b', 'e', 'é', 'l', 'q', 'u', 'x'), { maxLength: 5 }).map((units) => units.join(''));
    const mark = fc.constantFrom('’', "'");
    fc.assert(
      fc.property(before, mark, after, fc.uniqueArray(after, { maxLength: 12 }), fc.constantFrom('fr', 'en'), (head, apostrophe, tail, others, language) => {
        const probe = head + apostrophe + tail;
        const lower = probe.toLowerCase();
        // Forms to be found: some of the word's candidates, some of its tail's, the tail, elisions of them.
        // (The last unit before the apostrophe and the tail: a transposition moves the apostrophe before that unit.)
        const tails = [tail, ...edits(tail, ALPHABET).filter((_, i) => i % 5 === 0), ...others];
        const forms = [
          ...new Set([...edits(lower.replace(/’/g, "'"), ALPHABET).filter((_, i) => i % 13 === 0), ...tails, ...others.map((t) => `l'${t}`), head.slice(-1) + tail, 'jusqu', 'lq']),
        ].filter((form) => form !== '' && !form.includes('\n'));
        const bytes = sortedBytes(forms);
        const compact = createWordSetFromSorted(language as 'fr', bytes, lineStarts(bytes), 0, () => LineHashSet.build(bytes, lineStarts(bytes), forms.length).slots);
        const strings = createWordSet(language as 'fr', forms, 'hash');
        expect(compact.suggest(probe, 50)).toEqual(strings.suggest(probe, 50));
      }),
      { numRuns: 600 },
    );
    // Each way a candidate is an elision, alone: an edit after the apostrophe, before it, and the apostrophe moved either way.
    const cases: Array<[string, string[]]> = [["l'hommx", ['homme']], ["x'homme", ['homme']], ["dl'e", ['e', 'le']], ["q'ua", ['a']], ["lq'ab", ['qab']], ["jusq'ici", ['ici']]];
    for (const [probe, forms] of cases) {
      const bytes = sortedBytes(forms);
      const compact = createWordSetFromSorted('fr', bytes, lineStarts(bytes), 0, () => LineHashSet.build(bytes, lineStarts(bytes), forms.length).slots);
      const expected = createWordSet('fr', forms, 'hash').suggest(probe, 50);
      expect(expected.some((candidate) => candidate.includes("'")), probe).toBe(true);
      expect(compact.suggest(probe, 50), probe).toEqual(expected);
    }
  });
});
