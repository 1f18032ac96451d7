import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, vi } from 'vitest';
import { readPlurals, regularPlural } from '../../src/dictionaries/french-plurals.ts';
import { dictionaryFiles } from '../../src/dictionaries/word-set.ts';

it("reads each singular's plural from the Hunspell flags (two characters each), and nothing for words without one", () => {
  const plurals = readPlurals('6\nsamedi/L\'D\'Q\'\nsamedi/S.\ncheval/X.\ngrand/F.\nprix/S.\nbien/L\'D\'Q\'\nParis/L\'D\'\n');
  expect([...plurals]).toEqual([['samedi', 'samedis'], ['cheval', 'chevaux'], ['grand', 'grands']]);
});

it('knows the plurals of the real French dictionary', () => {
  expect(regularPlural('samedi')).toBe('samedis');
  expect(regularPlural('journal')).toBe('journaux');
  expect(regularPlural('très')).toBeUndefined();
});

it('cuts the flags two characters at a time from the slash, up to the first white space', () => {
  // « aS. » is « aS » then « . »: no plural flag; after a tab or a no-break space the rest is not flags;
  // an astral character is one of a flag's two (« 😀S », « . »: none; « 😀a », « S. »: S.).
  const plurals = readPlurals('mot/aS.\nbout/L\'\tS.\nnœud/X.\u00a0S.\njeu/X.\u00a0S.\nchose/😀S.\ntrait/😀aS.\nétat/L\'S.\n');
  expect([...plurals]).toEqual([['jeu', 'jeux'], ['trait', 'traits'], ['état', 'états']]);
});

it('reads the plurals from their cache file as from the dictionary, when made and when read (regression: the .dic read at the first determiner cost a cold check 0.1 s)', async () => {
  const cache = mkdtempSync(join(tmpdir(), 'relecture-plurals-'));
  try {
    const reference = readPlurals(dictionaryFiles('fr').dic.toString('utf8'));
    for (const round of ['made', 'read']) {
      vi.stubEnv('RELECTURE_CACHE_DIR', cache);
      vi.resetModules();
      const fresh = await import('../../src/dictionaries/french-plurals.ts');
      for (const [singular, plural] of reference) expect(fresh.regularPlural(singular), `${round}: ${singular}`).toBe(plural);
      for (const word of ['chats', 'Samedi', 'très', 'zzqx', '']) expect(fresh.regularPlural(word), `${round}: ${word}`).toBe(reference.get(word));
      expect(readdirSync(cache).filter((file) => file.startsWith('plurals-'))).toHaveLength(1);
      vi.unstubAllEnvs();
    }
  } finally {
    vi.unstubAllEnvs();
    rmSync(cache, { recursive: true, force: true });
  }
});
