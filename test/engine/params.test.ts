import { describe, expect, it } from 'vitest';
import { compileSearch, readCountThreshold, searchAll } from '../../src/engine/params.ts';
import { MAX_COUNT_THRESHOLD } from '../../src/engine/rule-type.ts';

const find = (pattern: string, text: string) => [...searchAll(text, compileSearch(pattern, 'pattern', false))].map((m) => `${m.index}:${m[0]}`);

describe('compileSearch / searchAll', () => {
  it('treats \\b as a Unicode word boundary, at the start and inside', () => {
    expect(find('\\bété\\b', 'été, bétés, étés, l’été')).toEqual(['0:été', '20:été']);
  });

  it('finds a match after one refused for its boundary (no lost overlaps)', () => {
    expect(find('\\bana', 'banana ana')).toEqual(['7:ana']);
  });

  it('keeps a top-level alternation whole', () => {
    expect(find('\\bab|cd\\b', 'xab abcd')).toEqual(['4:ab', '6:cd']);
  });

  it('names the key of an invalid expression', () => {
    expect(() => compileSearch('(a', 'antipatterns[0]', false)).toThrow(/'antipatterns\[0\]' is not a valid regular expression/);
  });
});

describe('readCountThreshold', () => {
  // The review app re-checks a word's other sentences only when its count moves within this range (issue #13, defect 2).
  it('takes whole numbers up to MAX_COUNT_THRESHOLD and names the key of another', () => {
    expect(readCountThreshold({ recurring: 3 }, 'recurring', 2)).toBe(3);
    expect(readCountThreshold({}, 'recurring', 2)).toBe(2);
    expect(() => readCountThreshold({ recurring: MAX_COUNT_THRESHOLD + 1 }, 'recurring', 2)).toThrow(/'recurring' must be a whole number from 0 to 5/);
    expect(() => readCountThreshold({ unlessRecurring: 1.5 }, 'unlessRecurring', 0)).toThrow(/'unlessRecurring'/);
  });
});
