import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { decodeLineTable, encodeLineTable } from '../../src/dictionaries/line-table.ts';

const cache = mkdtempSync(join(tmpdir(), 'relecture-line-table-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

const word = fc.array(fc.constantFrom('a', 'b', 'é', 'œ', '’', '𝒜', 'ñ', ' '), { maxLength: 6 }).map((units) => units.join(''));

describe('the line table (words to numbers, one cache file looked up in place)', () => {
  it('answers as the Map it was made from, for its words and others', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 40 }), fc.array(word, { maxLength: 20 }), (words, probes) => {
        const map = new Map(words.map((w, i) => [w, i * 7 + 1]));
        const table = decodeLineTable(encodeLineTable(map))!;
        for (const probe of [...words, ...probes]) {
          const line = probe === '' ? -1 : table.set.lineOf(probe);
          expect(line === -1 ? undefined : table.values[line], JSON.stringify(probe)).toBe(probe === '' ? undefined : map.get(probe));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a torn file or one of another format, and reads an unaligned copy', () => {
    const encoded = encodeLineTable(new Map([['chat', 3], ['chien', 9]]));
    expect(decodeLineTable(encoded.subarray(0, encoded.length - 1))).toBeUndefined();
    expect(decodeLineTable(new Uint8Array(8))).toBeUndefined();
    const shifted = new Uint8Array(encoded.length + 1).subarray(1);
    shifted.set(encoded);
    const table = decodeLineTable(shifted)!;
    expect(table.values[table.set.lineOf('chien')]).toBe(9);
  });

  it('makes its file once, then reads it back without making it, and makes it again when it is torn', async () => {
    vi.stubEnv('RELECTURE_CACHE_DIR', cache);
    try {
      const { cachedLineTable } = await import('../../src/dictionaries/line-table.ts');
      let made = 0;
      const make = () => {
        made++;
        return new Map([['maison', 12], ['été', 5]]);
      };
      for (let round = 0; round < 2; round++) {
        const rank = cachedLineTable('test-table.bin', make);
        expect([rank('maison'), rank('été'), rank('Maison'), rank(''), rank('a\nb')]).toEqual([12, 5, undefined, undefined, undefined]);
      }
      expect(made).toBe(1);
      writeFileSync(join(cache, 'test-table.bin'), 'torn');
      expect(cachedLineTable('test-table.bin', make)('été')).toBe(5);
      expect(made).toBe(2);
      expect(readdirSync(cache)).toEqual(['test-table.bin']);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('keeps lists of strings as the Map of lists it was made from, empty lists too, and declines items it cannot hold', async () => {
    vi.stubEnv('RELECTURE_CACHE_DIR', cache);
    try {
      const { cachedListTable } = await import('../../src/dictionaries/line-table.ts');
      let round = 0;
      fc.assert(
        fc.property(fc.uniqueArray(word, { maxLength: 30 }), fc.array(fc.array(word, { maxLength: 4 }).filter((list) => !(list.length === 1 && list[0] === '')), { maxLength: 30 }), (words, lists) => {
          const map = new Map(words.map((w, i) => [w, lists[i] ?? []]));
          const file = `test-lists-${round++}.bin`;
          for (let pass = 0; pass < 2; pass++) {
            const lookup = cachedListTable(file, () => map)!;
            for (const probe of [...words, 'zz', 'a\nb']) expect(lookup(probe), JSON.stringify(probe)).toEqual(probe === '' ? undefined : map.get(probe));
          }
        }),
        { numRuns: 60 },
      );
      expect(cachedListTable('test-unfit.bin', () => new Map([['a', ['x\u0001y']]]))).toBeUndefined();
      expect(cachedListTable('test-unfit.bin', () => new Map([['a', ['']]]))).toBeUndefined();
      expect(readdirSync(cache)).not.toContain('test-unfit.bin');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
