import { describe, expect, it } from 'vitest';
import { createWordSet, createWordSetFromSorted, loadWordSet } from '../../src/dictionaries/word-set.ts';

describe('createWordSet', () => {
  it.each(['hash', 'sorted'] as const)('follows Hunspell case rules with a %s lookup', (lookup) => {
    const words = createWordSet('fr', ['Paris', 'chat', 'équipe', 'il'].sort(), lookup);
    expect(['Paris', 'PARIS', 'chat', 'Chat', 'CHAT'].map(words.knows)).toEqual([true, true, true, true, true]);
    expect(['paris', 'cHat', 'chien'].map(words.knows)).toEqual([false, false, false]);
  });

  it('strips French elisions and checks the parts of hyphenated words', () => {
    const words = createWordSet('fr', ['équipe', 'OTAN', 'dit', 'a', 'vice', 'président']);
    expect(["l'équipe", 'l’OTAN', "qu'équipe", 'dit-il', 'a-t-il', 'vice-président'].map(words.knows)).toEqual([true, true, true, true, true, true]);
    expect(["l'équipes", 'dit-xyz'].map(words.knows)).toEqual([false, false]);
  });
});

describe('createWordSetFromSorted (the compact form the cache file is read into)', () => {
  it('answers as a hash set does, before and after it builds one', () => {
    const forms = ['Paris', 'a', 'chat', 'chats', 'zèbre', 'équipe', 'été', 'œuvre', '𝒜x'].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const probes = [...forms, '', 'b', 'chat ', 'Chat', 'zz', 'éte', 'étés', '\n', 'œuvres', '𝒜'];
    const reference = new Set(forms);
    // hashAfter 5: the first probes go through the binary search, the rest through the set.
    const compact = createWordSetFromSorted('fr', Buffer.from(forms.join('\n')), undefined, 5);
    expect(probes.map((p) => compact.hasForm(p))).toEqual(probes.map((p) => reference.has(p)));
    expect(compact.size).toBe(forms.length);
    expect(createWordSetFromSorted('fr', Buffer.alloc(0)).hasForm('a')).toBe(false);
  });
});

describe('the French dictionary', () => {
  const french = loadWordSet('fr');

  it('knows inflected forms and proper nouns of the Hunspell dictionary', () => {
    expect(['Ukrainiens', 'négociations', 'aujourd’hui', "jusqu'à", 'Bruxelles', 'OTAN'].every(french.knows)).toBe(true);
    expect(['Ucraians', 'Routte', 'ouvertment'].some(french.knows)).toBe(false);
  });

  it('suggests accent fixes first, then one-edit words, in the case of the word', () => {
    expect(french.suggest('ministere')[0]).toBe('ministère');
    expect(french.suggest('recu')[0]).toBe('reçu');
    expect(french.suggest('ouvertment')).toContain('ouvertement');
    expect(french.suggest('Ministere')[0]).toBe('Ministère');
  });
});
