import { describe, expect, it } from 'vitest';
import { recheckWindow } from '../../../src/web/review/recheck-window.ts';

describe('recheckWindow: the neighbours a re-check of one paragraph takes along (issue #13, defect 2)', () => {
  it('takes no neighbour when no state crosses a paragraph break', () => {
    expect(recheckWindow(['Un texte.', 'Deux textes.', 'Trois textes.'], 1)).toEqual({ context: 1, first: 1, last: 1 });
  });

  it('writes the paragraph before when it has a guillemet, and follows a quotation that runs on', () => {
    expect(recheckWindow(['Il dit « non.', '» Puis il part.', 'Fin.'], 1)).toEqual({ context: 0, first: 0, last: 1 });
    expect(recheckWindow(['Il dit.', 'Il dit « non.', 'Sans fin.', '— Suite.', '« Et encore.', 'Fin.'], 2)).toEqual({ context: 1, first: 1, last: 4 });
  });

  it('writes the paragraph after when it has a figure, and reads the one before a paragraph with a figure', () => {
    expect(recheckWindow(['Il a 2 %.', 'Puis 3,5.', 'Enfin 4.'], 1)).toEqual({ context: 0, first: 1, last: 2 });
  });
});
