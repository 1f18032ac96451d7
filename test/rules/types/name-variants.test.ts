import { describe, expect, it } from 'vitest';
import { oneEditApart } from '../../../src/rules/types/name-variants.ts';

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
