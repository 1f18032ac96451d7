import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineHashSet } from '../../src/dictionaries/line-hash-set.ts';
import { createWordSetFromSorted } from '../../src/dictionaries/word-set.ts';

/** The offsets word-set.ts keeps: each line's start, then one past the end + 1. */
function starts(bytes: Buffer): Uint32Array {
  const out = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) out.push(i + 1);
  out.push(bytes.length + 1);
  return Uint32Array.from(out);
}

describe('LineHashSet (the hash table over a dictionary file’s bytes)', () => {
  it('answers as a Set of the lines does, for accents, astral letters, lone surrogates and the empty form', () => {
    const form = fc.array(fc.constantFrom('a', 'b', 'é', 'œ', '’', '𝒜', '😀', '\uD800', '\uDC00', '\uFFFD', 'ſ', 'K'), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(form, { minLength: 1, maxLength: 30 }), fc.array(form, { maxLength: 30 }), (forms, probes) => {
        const bytes = Buffer.from(forms.join('\n'));
        const lines = bytes.toString('utf8').split('\n');
        const reference = new Set(lines);
        const set = LineHashSet.build(bytes, starts(bytes), lines.length);
        for (const probe of [...forms, ...probes]) expect(set.has(probe), JSON.stringify(probe)).toBe(reference.has(Buffer.from(probe).toString('utf8')));
      }),
      { numRuns: 300 },
    );
  });

  it('is read back from its slots, and a table of another size does not fit', () => {
    const bytes = Buffer.from(['chat', 'chien', 'équipe'].join('\n'));
    const built = LineHashSet.build(bytes, starts(bytes), 3);
    const restored = new LineHashSet(bytes, starts(bytes), Int32Array.from(built.slots));
    expect(['chat', 'chien', 'équipe', 'chats', ''].map((p) => restored.has(p))).toEqual([true, true, true, false, false]);
    expect(LineHashSet.fits(built.slots.length, 3)).toBe(true);
    expect(LineHashSet.fits(built.slots.length * 2, 3)).toBe(false);
    expect(LineHashSet.fits(built.slots.length, 400)).toBe(false);
  });

  it('takes over from the binary search after a few look-ups, with the same answers, whether it is built or read (regression: building a Set of 450,000 strings cost 0.35 s a thread)', () => {
    const forms = ['Paris', 'a', 'chat', 'chats', 'zèbre', 'équipe', 'été', 'œuvre', '𝒜x'].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const bytes = Buffer.from(forms.join('\n'));
    const probes = [...forms, '', 'b', 'chat ', 'Chat', 'zz', 'éte', 'étés', '\n', 'œuvres', '𝒜', ...forms];
    const reference = new Set(forms);
    let reads = 0;
    const table = () => {
      reads++;
      return LineHashSet.build(bytes, starts(bytes), forms.length).slots;
    };
    const compact = createWordSetFromSorted('fr', bytes, undefined, 5, table);
    expect(probes.map((p) => compact.hasForm(p))).toEqual(probes.map((p) => reference.has(p)));
    expect(reads).toBe(1);
  });
});
