import { describe, expect, it } from 'vitest';
import { compileSearch, searchAll } from '../../src/engine/params.ts';

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
