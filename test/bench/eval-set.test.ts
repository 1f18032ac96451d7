import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CLASSES, loadEvalSet } from '../../bench/eval-set.ts';

describe('the evaluation set', () => {
  const set = loadEvalSet();

  it('has at least six texts, Spanish and English sources, every class, 300 to 600 words each', () => {
    expect(set.length).toBeGreaterThanOrEqual(6);
    expect(set.filter((t) => t.source.lang === 'es').length).toBeGreaterThanOrEqual(2);
    expect(set.filter((t) => t.source.lang === 'en').length).toBeGreaterThanOrEqual(2);
    for (const t of set) {
      const words = t.gold.split(/\s+/).filter(Boolean).length;
      expect(words, t.name).toBeGreaterThanOrEqual(300);
      expect(words, t.name).toBeLessThanOrEqual(600);
    }
    const classes = new Set(set.flatMap((t) => t.errors.map((e) => e.class)));
    expect([...classes].sort()).toEqual([...ERROR_CLASSES].sort());
  });

  it('holds a held-out set too (samples/eval-heldout/, written after the rules of #14), as completely annotated', () => {
    const heldOut = loadEvalSet(new URL('../../samples/eval-heldout/', import.meta.url).pathname);
    expect(heldOut.map((t) => t.source.lang).sort()).toEqual(['en', 'es']);
    for (const t of heldOut) for (const e of t.errors) expect(t.mt.slice(e.start, e.end)).toBe(e.wrong);
  });

  it('locates every error in the MT', () => {
    for (const t of set) for (const e of t.errors) expect(t.mt.slice(e.start, e.end)).toBe(e.wrong);
  });

  it('refuses an annotation that does not turn the MT into the gold, naming the line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'eval-set-'));
    writeFileSync(join(dir, 'x.mt.fr.txt'), 'Il a gagné 12.500 euros.\n');
    writeFileSync(join(dir, 'x.gold.fr.txt'), 'Il a gagné 12 500 euros !\n');
    writeFileSync(join(dir, 'x.src.es.txt'), 'Ganó 12.500 euros.\n');
    writeFileSync(join(dir, 'x.errors.tsv'), '1\t12.500\t12 500\tnumbers\tfr\n');
    expect(() => loadEvalSet(dir)).toThrow(/x\.gold\.fr\.txt:1/);
    writeFileSync(join(dir, 'x.errors.tsv'), '1\t13.500\t12 500\tnumbers\tfr\n');
    expect(() => loadEvalSet(dir)).toThrow(/x\.errors\.tsv:1: "13\.500" is not on line 1/);
  });
});
