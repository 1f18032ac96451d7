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

describe('the FreeDict tables kept in the cache folder (regression: reading FreeDict cost each thread’s first foreign word 190 ms)', () => {
  it.skipIf(!english || !spanish)('give the same equivalents when read back as when built', async () => {
    const { mkdtempSync, readdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { vi } = await import('vitest');
    const dir = mkdtempSync(join(tmpdir(), 'relecture-freedict-'));
    const words: Array<[string, 'en' | 'es']> = [['devices', 'en'], ['meeting', 'en'], ['skills', 'en'], ['opprobrium', 'en'], ['llamada', 'es'], ['ciudad', 'es'], ['concejala', 'es'], ['zzqx', 'es']];
    try {
      vi.stubEnv('RELECTURE_CACHE_DIR', dir);
      const answers: string[][][] = [];
      for (let round = 0; round < 2; round++) {
        vi.resetModules();
        const fresh = await import('../../src/dictionaries/bilingual.ts');
        answers.push(words.map(([word, language]) => fresh.frenchFor(word, language)));
        expect(readdirSync(dir).filter((name) => name.startsWith('freedict-')).length).toBe(2);
      }
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[0]).toEqual(words.map(([word, language]) => frenchFor(word, language)));
    } finally {
      vi.unstubAllEnvs();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the FreeDict tables looked up in place (regression: reading the Spanish table back as JSON cost a cold check 60 ms)', () => {
  it.skipIf(!english || !spanish)('give every word of the dictionaries the equivalents the table made from them gives', async () => {
    const { buildTable } = await import('../../src/dictionaries/bilingual.ts');
    for (const language of ['en', 'es'] as const) {
      const built = buildTable(language);
      let compared = 0;
      for (const [word, list] of built) {
        if (word !== word.toLowerCase()) continue; // frenchFor lower-cases what it is asked
        compared++;
        const answer = frenchFor(word, language, 1000);
        // frenchFor falls back to base forms when a word's own list is empty.
        if (list.length > 0) expect(answer, `${language}: ${word}`).toEqual(list);
      }
      expect(compared).toBeGreaterThan(1000);
    }
  });
});
