import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editDistance, movePhrase, ter, terOfTexts, terTokenCount, terTokens } from '../../../src/web/quality/ter.ts';
import { mqmPenaltyPer1000 } from '../../../src/web/quality/mqm.ts';

const words = (text: string) => text.split(' ');

describe('TER', () => {
  it('is zero for identical sentences', () => {
    expect(terOfTexts('Le chat dort.', 'Le chat dort.')).toMatchObject({ edits: 0, score: 0 });
  });

  it('counts substitutions, insertions and deletions', () => {
    expect(ter(words('le chat dort'), words('le chien dort'))).toMatchObject({ substitutions: 1, edits: 1, referenceWords: 3 });
    expect(ter(words('le chat dort'), words('le gros chat dort'))).toMatchObject({ insertions: 1, edits: 1 });
    expect(ter(words('le gros chat dort'), words('le chat dort'))).toMatchObject({ deletions: 1, edits: 1 });
  });

  // The example of Snover et al. (2006), section 2: one shift, one substitution, two insertions.
  it('finds the shift of the TER paper', () => {
    const hypothesis = words('THIS WEEK THE SAUDIS DENIED INFORMATION PUBLISHED IN THE NEW YORK TIMES');
    const reference = words('SAUDI ARABIA DENIED THIS WEEK INFORMATION PUBLISHED IN THE AMERICAN NEW YORK TIMES');
    const result = ter(hypothesis, reference);
    expect(result.shifts).toBe(1);
    expect(result.edits).toBe(4);
    expect(result.score).toBeCloseTo(4 / 13);
  });

  it('counts a moved phrase as one shift, not as deletions and insertions', () => {
    const result = ter(words('hier à Bruxelles le ministre a parlé'), words('le ministre a parlé hier à Bruxelles'));
    expect(result.shifts).toBe(1);
    expect(result.edits).toBe(1);
    expect(editDistance(words('hier à Bruxelles le ministre a parlé'), words('le ministre a parlé hier à Bruxelles')).cost).toBeGreaterThan(1);
  });

  it('shifts only when it saves more than the shift costs', () => {
    expect(ter(words('a b'), words('b a'))).toMatchObject({ shifts: 1, edits: 1 });
    expect(ter(words('a b c'), words('c x y'))).toMatchObject({ shifts: 0, edits: 3 });
  });

  it('divides by the reference words and handles empty sides', () => {
    expect(ter([], [])).toMatchObject({ edits: 0, score: 0 });
    expect(ter(words('un deux'), [])).toMatchObject({ deletions: 2, edits: 2, score: 2 });
    expect(ter([], words('un deux'))).toMatchObject({ insertions: 2, score: 1 });
  });

  it("tokenises French: qu'il whole, punctuation apart, spacing ignored", () => {
    expect(terTokens("qu'il a dit: « 2%»")).toEqual(["qu'il", 'a', 'dit', ':', '«', '2', '%', '»']);
    expect(terOfTexts('un message: oui', 'un message : oui').edits).toBe(0);
  });

  it('moves a phrase before a position', () => {
    expect(movePhrase(['a', 'b', 'c', 'd'], 0, 2, 4)).toEqual(['c', 'd', 'a', 'b']);
    expect(movePhrase(['a', 'b', 'c', 'd'], 2, 2, 0)).toEqual(['c', 'd', 'a', 'b']);
  });
});

describe('MQM penalty', () => {
  it('weighs minor 1, major 5, critical 25, info 0, per 1000 words', () => {
    expect(mqmPenaltyPer1000(new Map([['minor', 2], ['major', 1], ['critical', 1], ['info', 9]]), 500)).toBe(64);
    expect(mqmPenaltyPer1000(new Map(), 0)).toBe(0);
  });
});

// Bug: the distance is a table of n × m cells: saving an edit of a 1 MB sentence
// (300,000 words) never finished and blocked the server.
describe('TER of long sentences (regression: an edit of a 1 MB sentence never finished)', () => {
  const long = Array.from({ length: 300_000 }, (_, i) => `w${i % 977}`);

  it('is exact for a local change in a long sentence (common start and end cut off)', () => {
    const edited = [...long.slice(0, 150_000), 'nouveau', ...long.slice(150_001), 'fin'];
    expect(ter(long, edited)).toMatchObject({ substitutions: 1, insertions: 1, deletions: 0, edits: 2, referenceWords: 300_001 });
  });

  it('bounds the distance of two long, different sentences from above, in linear time', () => {
    const other = long.map((word) => `${word}x`);
    expect(ter(long, [...other, 'plus'])).toMatchObject({ substitutions: 300_000, insertions: 1, edits: 300_001 });
  });
});

// Issue #15: an import counts each sentence's tokens without making them.
describe('terTokenCount', () => {
  it('counts what terTokens makes, around the code points of every plane', () => {
    const wrappers: Array<(c: string) => string> = [(c) => `a${c}`, (c) => `${c}'a`, (c) => `a-${c}b`, (c) => ` ${c}${c} `, (c) => `1${c}\u0301`];
    const wrong: string[] = [];
    // Every code point of the planes that hold letters, marks and digits (0-3, 14); one in 97 of the others (unassigned, private use).
    for (let code = 0; code <= 0x10ffff; code += code < 0x40000 || (code >= 0xe0000 && code < 0xf0000) ? 1 : 97) {
      const c = String.fromCodePoint(code);
      for (const wrap of wrappers) {
        const text = wrap(c);
        if (terTokenCount(text) !== terTokens(text).length) wrong.push(`U+${code.toString(16)} in ${JSON.stringify(text)}`);
      }
      if (wrong.length > 10) break;
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('counts what terTokens makes on any text of words, joiners, marks and spaces', () => {
    const alphabet = fc.constantFrom('a', 'É', 'e\u0301', '1', ' ', '\u00A0', "'", '’', '-', '‑', '--', '.', '«', '😀', '𝒜', '\uD800', '\n', 'qu’il');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(terTokenCount(text)).toBe(terTokens(text).length);
      }),
      { numRuns: 2000 },
    );
  });
});
