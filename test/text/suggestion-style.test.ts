import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apostropheStyle, countApostrophes, styleSuggestion } from '../../src/text/suggestion-style.ts';

const NARROW = '\u202F';
const NBSP = '\u00A0';

describe('fixes in the document’s typography (issue #13)', () => {
  it('defect 7: a fix takes the apostrophe the document uses', () => {
    expect(apostropheStyle(countApostrophes("L'OTAN et l'Ukraine, aujourd’hui"))).toBe("'");
    expect(apostropheStyle(countApostrophes('L’OTAN et l’Ukraine'))).toBe('’');
    expect(apostropheStyle(countApostrophes('Sans apostrophe'))).toBeUndefined();
    expect(styleSuggestion('sont en accord pour', 'sont d’accord pour', { apostrophe: "'", spaces: 'plain' })).toBe("sont d'accord pour");
    expect(styleSuggestion('sont en accord pour', "sont d'accord pour", { apostrophe: '’', spaces: 'plain' })).toBe('sont d’accord pour');
    // Quotation marks are not apostrophes.
    expect(styleSuggestion('x', "'x'", { apostrophe: '’', spaces: 'plain' })).toBe("'x'");
  });

  // Issue #15: counted by indexOf and a test of the neighbours instead of a lookbehind over the whole text.
  it('counts the apostrophes between letters as the lookaround expressions do', () => {
    const between = (text: string, mark: string) => text.match(new RegExp(`(?<=\\p{L})${mark}(?=\\p{L})`, 'gu'))?.length ?? 0;
    const piece = fc.constantFrom("'", '’', 'l', 'É', ' ', '\n', '𝐀', '😀', '1', '«', 'a\u0301', '\ud835');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        expect(countApostrophes(text)).toEqual({ straight: between(text, "'"), curly: between(text, '’') });
      }),
      { numRuns: 2000 },
    );
    expect(countApostrophes("l'𝐀 𝐀’x '' l'")).toEqual({ straight: 1, curly: 1 });
  });

  it('defect 7: the house-style rule that asks for ’ keeps its ’ in straight-apostrophe text', () => {
    expect(styleSuggestion("'", '’', { apostrophe: "'", spaces: 'plain' })).toBe('’');
  });

  it('defect 6: the space before ; : ! ? and inside « » is the configured one', () => {
    const narrow = { spaces: 'narrow' as const };
    expect(styleSuggestion(':', ' :', narrow, 'e', ' ')).toBe(`${NARROW}:`);
    expect(styleSuggestion('«', '« ', narrow, '', 'N')).toBe(`«${NARROW}`);
    expect(styleSuggestion('«', ' »', narrow, 'r', ' ')).toBe(`${NARROW}»`);
    expect(styleSuggestion('"non"', '« non »', narrow)).toBe(`«${NARROW}non${NARROW}»`);
    expect(styleSuggestion(':', ' :', { spaces: 'nbsp' }, 'e', ' ')).toBe(`${NBSP}:`);
    expect(styleSuggestion(':', ' :', { spaces: 'plain' }, 'e', ' ')).toBe(' :');
    // Other spaces are left alone.
    expect(styleSuggestion('Il a souligné', ', a-t-il souligné', narrow)).toBe(', a-t-il souligné');
    expect(styleSuggestion('  ', ' ', narrow, 'a', 'b')).toBe(' ');
  });
});
