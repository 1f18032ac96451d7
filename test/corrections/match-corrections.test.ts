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

describe('CorrectionMatcher, changed entry by entry (issue #16, defect 5)', () => {
  const matchLines = (matcher: CorrectionMatcher, text: string) => matcher.match(text).map((m) => `${m.start}-${m.end} ${m.replacement}`);

  // Bug: adding one correction to a list of 100,000 rebuilt the whole matcher on the request path.
  it('matches after any sequence of sets and deletes exactly as a matcher built from the resulting list', () => {
    // Forms that collide on purpose: « routte » claims « Routte » (its Capitalised form), which an entry « Routte » also is.
    const from = fc.constantFrom('routte', 'Routte', 'ROUTTE', 'le mot', 'mot', 'Mot', 'é', 'É', 'le');
    const to = fc.constantFrom('Rutte', 'terme', 'x', 'É');
    const step = fc.oneof(fc.record({ set: fc.integer({ min: 0, max: 6 }), from, to }), fc.record({ remove: fc.integer({ min: 0, max: 6 }) }));
    const text = 'routte Routte ROUTTE le mot Mot mot é É le, LE MOT. Le mot';
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const incremental = new CorrectionMatcher();
        const entries = new Map<number, { from: string; to: string }>();
        for (const s of steps) {
          if ('set' in s) {
            incremental.set(s.set, { from: s.from, to: s.to });
            entries.set(s.set, { from: s.from, to: s.to });
          } else {
            expect(incremental.delete(s.remove)).toBe(entries.delete(s.remove));
          }
        }
        const rebuilt = new CorrectionMatcher([...entries].sort((a, b) => a[0] - b[0]).map(([, c]) => c));
        expect(matchLines(incremental, text)).toEqual(matchLines(rebuilt, text));
        expect(incremental.corrections).toEqual(rebuilt.corrections);
        for (const word of ['Rutte', 'terme', 'x', 'É']) expect(incremental.vouches(word)).toBe(rebuilt.vouches(word));
      }),
      { numRuns: 300 },
    );
  });

  it('changes its revision with every change, and an entry keeps its place when its fix changes', () => {
    const matcher = new CorrectionMatcher(list(['routte', 'Rutte'], ['Routte', 'Ruth']));
    expect(matchLines(matcher, 'Routte')).toEqual(['0-6 Rutte']);
    const revision = matcher.revision;
    matcher.set(0, { from: 'routte', to: 'Rütte' });
    expect(matcher.revision).toBeGreaterThan(revision);
    expect(matchLines(matcher, 'Routte')).toEqual(['0-6 Rütte']);
    matcher.delete(0);
    expect(matchLines(matcher, 'Routte routte')).toEqual(['0-6 Ruth']);
    expect(matcher.vouches('Rütte')).toBe(false);
    expect(matcher.vouches('Ruth')).toBe(true);
  });
});
