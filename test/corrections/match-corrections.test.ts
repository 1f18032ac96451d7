import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCorrections, CorrectionMatcher } from '../../src/corrections/match-corrections.ts';

const list = (...pairs: Array<[string, string]>) => pairs.map(([from, to]) => ({ from, to }));

describe('applyCorrections', () => {
  it('replaces whole words only, and changes nothing else', () => {
    const text = 'Routte parle.\r\nRouttes et ARoutte restent. Selon Routte, oui.';
    expect(applyCorrections(text, list(['Routte', 'Rutte']))).toEqual({ text: 'Rutte parle.\r\nRouttes et ARoutte restent. Selon Rutte, oui.', count: 2 });
  });

  it('follows the case of the match for lower-case entries, and upper case for all', () => {
    expect(applyCorrections('ucraians, Ucraians, UCRAIANS', list(['ucraians', 'ukrainiens'])).text).toBe('ukrainiens, Ukrainiens, UKRAINIENS');
    expect(applyCorrections('ROUTTE et routte', list(['Routte', 'Rutte'])).text).toBe('RUTTE et routte');
  });

  it('matches regex metacharacters literally', () => {
    expect(applyCorrections('a.b axb (x) x', list(['a.b', 'A-B'], ['(x)', 'X'])).text).toBe('A-B axb X x');
  });

  it('matches decomposed accents and keeps offsets in the original', () => {
    const text = 'Le ministe\u0301re parle.';
    expect(applyCorrections(text, list(['ministére', 'ministère'])).text).toBe('Le ministère parle.');
  });

  it('prefers the longest entry', () => {
    expect(new CorrectionMatcher(list(['50 000 millions', '50 milliards'], ['millions', 'M'])).match('50 000 millions').map((m) => m.replacement)).toEqual(['50 milliards']);
  });

  it('is idempotent when no right side contains a wrong side', () => {
    const word = fc.stringMatching(/^[a-zé]{2,6}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, word), { maxLength: 5 }), fc.array(fc.oneof(word, fc.constantFrom(' ', '. ', '\n')), { maxLength: 40 }), (pairs, parts) => {
        const seen = new Set<string>();
        const entries = pairs.filter(([from, to]) => from !== to && !seen.has(from) && seen.add(from));
        fc.pre(entries.every(([, to]) => entries.every(([from]) => !` ${to} `.includes(from))));
        const corrections = list(...entries);
        const once = applyCorrections(parts.join(''), corrections).text;
        expect(applyCorrections(once, corrections).text).toBe(once);
      }),
      { numRuns: 200 },
    );
  });
});
