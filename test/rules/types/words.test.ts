import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withoutElision, wordKey } from '../../../src/rules/types/words.ts';

// The short cuts for words without an apostrophe (most of them) must answer as the expressions do.
describe('word helpers', () => {
  const word = fc.array(fc.constantFrom('l', 'L', 'd', 'qu', 'jusqu', "'", '’', 'é', 'a', 'E', 'x', '-'), { maxLength: 8 }).map((parts) => parts.join(''));

  it('withoutElision drops an elided article or pronoun, and leaves every other word as it is', () => {
    fc.assert(fc.property(word, (w) => {
      expect(withoutElision(w)).toBe(w.replace(/^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/i, ''));
    }), { numRuns: 500 });
    expect(withoutElision('l’équipe')).toBe('équipe');
    expect(withoutElision("Qu'il")).toBe('il');
  });

  it('wordKey lower-cases and writes the apostrophe as « \' »', () => {
    fc.assert(fc.property(word, (w) => {
      expect(wordKey(w)).toBe(w.toLowerCase().replace(/’/g, "'"));
    }), { numRuns: 500 });
  });
});
