import { describe, expect, it } from 'vitest';
import { foldForSearch, searchHits } from '../../src/text/fold.ts';

describe('search folding (issue #13, defect 10)', () => {
  it('folds accents, case, apostrophes, special spaces and ligatures', () => {
    expect(foldForSearch('L’Œuvre d’Élysée\u202F:')).toBe("l'oeuvre d'elysee :");
  });

  it('finds hits in the original text, whatever its apostrophe or accents', () => {
    const text = "Il parle à l’Ukraine, puis à L'UKRAINE.";
    expect(searchHits(text, "l'ukraine").map((h) => text.slice(h.start, h.end))).toEqual(['l’Ukraine', "L'UKRAINE"]);
    expect(searchHits('Il a négocié.', 'NEGOCIE').map((h) => 'Il a négocié.'.slice(h.start, h.end))).toEqual(['négocié']);
  });

  it('covers a decomposed accent (NFD) whole', () => {
    const text = 'E\u0301te\u0301 ici';
    expect(searchHits(text, 'été')).toEqual([{ start: 0, end: 5 }]);
  });

  it('finds nothing for a blank query', () => {
    expect(searchHits('texte', '  ')).toEqual([]);
  });
});
