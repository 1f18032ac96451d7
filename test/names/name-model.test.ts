import { describe, expect, it } from 'vitest';
import { loadWordSet } from '../../src/dictionaries/word-set.ts';
import { buildDocumentIndex, type CheckContext } from '../../src/engine/rule-type.ts';
import { CorrectionMatcher } from '../../src/corrections/match-corrections.ts';
import { foldName, frequencyRank, isFirstName, isListedName } from '../../src/names/name-lists.ts';
import { nameModel } from '../../src/names/name-model.ts';
import { segment } from '../../src/text/segment.ts';

function judge(text: string, word: string, knownWords?: Set<string>) {
  const segmented = segment(text);
  const context: CheckContext = { text, segmented, index: buildDocumentIndex(segmented), corrections: new CorrectionMatcher([]), dictionary: loadWordSet, knownWords };
  for (const sentence of segmented.sentences) {
    const position = sentence.words.findIndex((w) => w.text === word);
    if (position >= 0) return nameModel(context).judge(sentence, position);
  }
  throw new Error(`${word} not in ${text}`);
}

describe('name lists', () => {
  it('fold accents but keep ñ, as the lists do', () => {
    expect(foldName('Íñigo')).toBe('iñigo');
    expect(foldName('Dragoș')).toBe('dragos');
  });

  it('know Spanish and English first names and surnames', () => {
    expect(isFirstName('Iñaki')).toBe(true);
    expect(isFirstName('Joaquín')).toBe(true);
    expect(isListedName('Muñoz')).toBe(true);
    expect(isListedName('Ibáñez')).toBe(true);
    expect(isListedName('Whitcombe')).toBe(false);
  });

  it('rank English and Spanish words by frequency', () => {
    expect(frequencyRank('en', 'skills')).toBeLessThan(5000);
    expect(frequencyRank('es', 'nueva')).toBeLessThan(1000);
    expect(frequencyRank('en', 'xqzt')).toBeUndefined();
  });
});

describe('name model', () => {
  it('takes a capital away from the sentence start for a name', () => {
    expect(judge('Il a reçu Whitcombe hier.', 'Whitcombe')).toMatchObject({ name: true, strong: false, known: false });
  });

  it('knows a name at a sentence start by the name beside it or the gazetteer', () => {
    expect(judge('Iñaki Williams a marqué.', 'Iñaki')).toMatchObject({ name: true, known: true });
    expect(judge('Logroño vote ce soir.', 'Logroño').signals).toContain('gazetteer');
  });

  it('counts an elided name as the name (l’Èbre, d’Álex)', () => {
    expect(judge('Le parc de l’Èbre est ouvert.', 'l’Èbre').name).toBe(true);
    expect(judge('Une action d’Álex Berenguer.', 'd’Álex').signals).toEqual(expect.arrayContaining(['mid-sentence', 'run']));
  });

  it('reads runs of English or Spanish words and titles as names, not a French word before a name', () => {
    expect(judge('Publié dans Nature Astronomy hier.', 'Nature')).toMatchObject({ strong: true });
    expect(judge('Les habitants de la rue Marqués de Vallejo.', 'Marqués').signals).toEqual(expect.arrayContaining(['title', 'run']));
    expect(judge('C’est ce qu’il a dit avant cela Parlez Telefónica au groupe.', 'Parlez').strong).toBe(false);
  });

  it('follows a first name: Ana Botín', () => {
    expect(judge('Selon Ana Botín, la banque investira.', 'Botín').signals).toContain('first-name');
  });

  // Calibration: an untranslated frequent word keeps being one, capital or not.
  it('does not take a frequent English or Spanish word for a name on its capital alone', () => {
    expect(judge('Ils manquent de Skills numériques.', 'Skills').name).toBe(false);
  });

  it('trusts the project word list', () => {
    expect(judge('Zorglub arrive.', 'Zorglub', new Set(['Zorglub']))).toMatchObject({ known: true });
  });
});
