import { expect, it } from 'vitest';
import { readPlurals, regularPlural } from '../../src/dictionaries/french-plurals.ts';

it("reads each singular's plural from the Hunspell flags (two characters each), and nothing for words without one", () => {
  const plurals = readPlurals('6\nsamedi/L\'D\'Q\'\nsamedi/S.\ncheval/X.\ngrand/F.\nprix/S.\nbien/L\'D\'Q\'\nParis/L\'D\'\n');
  expect([...plurals]).toEqual([['samedi', 'samedis'], ['cheval', 'chevaux'], ['grand', 'grands']]);
});

it('knows the plurals of the real French dictionary', () => {
  expect(regularPlural('samedi')).toBe('samedis');
  expect(regularPlural('journal')).toBe('journaux');
  expect(regularPlural('très')).toBeUndefined();
});
