import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/text/normalise.ts';

describe('normalise', () => {
  it('is the identity on NFC text', () => {
    const working = normalise('déjà là');
    expect(working.text).toBe('déjà là');
    expect(working.toOriginal(3)).toBe(3);
  });

  it('composes decomposed accents and maps offsets back into the original', () => {
    const original = 'de\u0301ja\u0300 vu'; // "déjà vu" written with combining accents
    const working = normalise(original);
    expect(working.text).toBe('déjà vu');
    const start = working.text.indexOf('vu');
    expect(original.slice(working.toOriginal(start), working.toOriginal(start + 2))).toBe('vu');
    expect(original.slice(working.toOriginal(0), working.toOriginal(4))).toBe('de\u0301ja\u0300');
  });
});
