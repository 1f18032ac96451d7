import { describe, expect, it } from 'vitest';
import { alignSentences } from '../../src/bilingual/align-sentences.ts';

describe('alignSentences (Gale–Church with number anchors)', () => {
  it('pairs sentences one to one when lengths agree', () => {
    expect(alignSentences(['Llegó ayer.', 'Se quedó tres días en Madrid con su familia.'], ['Il est arrivé hier.', 'Il est resté trois jours à Madrid avec sa famille.'])).toEqual([
      { source: [0], target: [0] },
      { source: [1], target: [1] },
    ]);
  });
  it('finds a sentence the MT split in two (1-2)', () => {
    const beads = alignSentences(
      ['El ministro habló durante una hora con los periodistas, y después se marchó sin responder a las preguntas.', 'Nadie lo esperaba.'],
      ['Le ministre a parlé pendant une heure avec les journalistes.', 'Ensuite, il est parti sans répondre aux questions.', 'Personne ne s’y attendait.'],
    );
    expect(beads).toEqual([{ source: [0], target: [0, 1] }, { source: [1], target: [2] }]);
  });
  it('keeps a source sentence the MT left out away from the sentence after it, helped by the numbers', () => {
    const beads = alignSentences(
      ['En 2024 gastaron 485.000 millones.', 'Es un récord.', 'España llegó al 1,28% del PIB en 2024.'],
      ['En 2024, ils ont dépensé 485 000 millions.', 'L’Espagne a atteint 1,28 % du PIB en 2024.'],
    );
    // Lengths cannot tell whether « Es un récord. » went with the first sentence
    // (2-1) or alone (1-0); either way the last sentences pair with each other.
    expect(beads[beads.length - 1]).toEqual({ source: [2], target: [1] });
    expect(beads[0].target).toEqual([0]);
  });
  it('keeps every sentence once, in order, on inputs of any shape', () => {
    const beads = alignSentences(['a', 'bb', 'ccc', 'dddd'], ['x']);
    expect(beads.flatMap((b) => b.source)).toEqual([0, 1, 2, 3]);
    expect(beads.flatMap((b) => b.target)).toEqual([0]);
  });
});
