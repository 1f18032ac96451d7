import { describe, expect, it } from 'vitest';
import { frenchFor, isBilingualDictionaryAvailable } from '../../src/dictionaries/bilingual.ts';
import { createChecker } from '../../src/checker.ts';

const english = isBilingualDictionaryAvailable('en');
const spanish = isBilingualDictionaryAvailable('es');
if (!english || !spanish) console.warn('FreeDict is not installed (apt-get install dict-freedict-eng-fra dict-freedict-fra-spa): its tests are skipped');

describe('French equivalents from FreeDict', () => {
  it.skipIf(!english)('reads English → French, from inflected forms too', () => {
    expect(frenchFor('devices', 'en')).toContain('appareil');
    expect(frenchFor('meeting', 'en').length).toBeGreaterThan(0);
  });

  it.skipIf(!spanish)('reads Spanish → French by reading French → Spanish backwards', () => {
    expect(frenchFor('llamada', 'es')).toContain('appel');
    expect(frenchFor('ciudad', 'es')).toContain('ville');
  });

  it.skipIf(!english)('puts the equivalent in the untranslated-word message', () => {
    const [finding] = createChecker().check('Il faut de nouveaux devices pour les agences.').findings.filter((f) => f.ruleId === 'untranslated/foreign-word');
    expect(finding.message).toMatch(/en français : appareil/);
  });

  it('answers nothing, and the rule still flags the word, without the dictionary', () => {
    const saved = process.env.RELECTURE_FREEDICT_DIR;
    process.env.RELECTURE_FREEDICT_DIR = '/nonexistent';
    try {
      expect(isBilingualDictionaryAvailable('en')).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.RELECTURE_FREEDICT_DIR;
      else process.env.RELECTURE_FREEDICT_DIR = saved;
    }
  });
});

describe('untranslated/foreign-word calibration', () => {
  it('gives a frequent English word its severity, a rare one info', () => {
    const found = createChecker().check('Une pénurie de skills. Le clerc lisait un opprobrium.').findings.filter((f) => f.ruleId === 'untranslated/foreign-word');
    expect(found.map((f) => `${f.severity} ${f.text}`)).toEqual(['major skills', 'info opprobrium']);
  });
});
