import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const require = createRequire(import.meta.url);
const list = (pkg: string, name: string): string[] => {
  const loaded = require(`${pkg}/dist/${name}.json.cjs`) as string[] | { default: string[] };
  return Array.isArray(loaded) ? loaded : loaded.default;
};

const cache = mkdtempSync(join(tmpdir(), 'relecture-names-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

describe('the name lists, read from their cache files (regression: the English surnames cost a cold start 55 ms)', () => {
  it('know every listed name and no other, when made and when read back', async () => {
    const first = new Set([...list('@zxcvbn-ts/language-en', 'firstnames'), ...list('@zxcvbn-ts/language-es-es', 'firstnames')]);
    const all = new Set([...first, ...list('@zxcvbn-ts/language-en', 'lastnames'), ...list('@zxcvbn-ts/language-es-es', 'lastnames')]);
    const probes = [...all].filter((_, i) => i % 97 === 0);
    const others = ['zzqx', 'routte', 'ministère', 'begoña', 'iñigo', 'Muñoz', 'Smith', 'SMITH', 'O’Brien'];
    for (const round of ['made', 'read']) {
      vi.stubEnv('RELECTURE_CACHE_DIR', cache);
      vi.resetModules();
      const { isFirstName, isListedName, foldName } = await import('../../src/names/name-lists.ts');
      for (const name of [...probes, ...others]) {
        const folded = foldName(name);
        expect(isListedName(name), `${round}: ${name}`).toBe(all.has(folded) || all.has(folded.replace(/ñ/g, 'n')));
        expect(isFirstName(name), `${round}: ${name}`).toBe(first.has(folded) || first.has(folded.replace(/ñ/g, 'n')));
      }
      expect(readdirSync(cache).filter((file) => file.startsWith('names-') && !file.endsWith('.key'))).toHaveLength(4);
      expect(readdirSync(cache)).toContain('names-1.key'); // the lists' hash, remembered under their versions and sizes
      vi.unstubAllEnvs();
    }
  });
});

describe('the frequency ranks, read from their cache file (regression: decompressing the lists cost a cold check 0.2–0.5 s)', () => {
  it('give every word the rank of the lists, when made and when read', async () => {
    for (const round of ['made', 'read']) {
      vi.stubEnv('RELECTURE_CACHE_DIR', cache);
      vi.resetModules();
      const { frequencyRank, rankedWords } = await import('../../src/names/name-lists.ts');
      for (const language of ['en', 'es'] as const) {
        const reference = rankedWords(language);
        // Every listed form that a lower-cased word can be, then forms in other cases and unlisted ones.
        for (const [word, rank] of reference) if (word === word.toLowerCase()) expect(frequencyRank(language, word), `${round}: ${word}`).toBe(rank);
        for (const word of ['The', 'SKILLS', 'Vía', 'zzqx', 'ministère', 'a\nb']) expect(frequencyRank(language, word), `${round}: ${word}`).toBe(reference.get(word.toLowerCase()));
      }
      expect(readdirSync(cache).filter((file) => file.startsWith('ranks-') && !file.endsWith('.key'))).toHaveLength(2);
      expect(readdirSync(cache).filter((file) => file.startsWith('ranks-') && file.endsWith('.key'))).toHaveLength(2);
      vi.unstubAllEnvs();
    }
  });
});
