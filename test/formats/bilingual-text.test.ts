import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { bilingualTextAdapter } from '../../src/formats/bilingual-text.ts';
import fc from 'fast-check';

const bytes = (text: string) => new TextEncoder().encode(text);
const source = '«Tras negociar con Putin, no podrá volver a invadir Ucrania»\n\nMark Rutte habló en Bruselas. Dijo que gastan 50.000 millones.\nFin.\n';
const mt = '« Après avoir négocié Poutine, il ne peut plus envahir l\'Ukraine »\r\n\r\nMark Routte a parlé à Bruxelles. Il a dit qu\'ils dépensent 50 000 millions.\r\nFin.';
const options = { fileName: 'mt.txt', sourceBytes: bytes(source), sourceFileName: 'src.txt' };

describe('two line-aligned texts, source and MT', () => {
  it('pairs paragraphs by line and sentences inside them; CRLF and a missing final newline are fine', () => {
    const doc = bilingualTextAdapter.parse(bytes(mt), options);
    expect(doc.segments.map((s) => [s.externalId, s.line, s.source, s.target])).toEqual([
      ['1', 1, '«Tras negociar con Putin, no podrá volver a invadir Ucrania»', '« Après avoir négocié Poutine, il ne peut plus envahir l\'Ukraine »'],
      ['3.1', 3, 'Mark Rutte habló en Bruselas.', 'Mark Routte a parlé à Bruxelles.'],
      ['3.2', 3, 'Dijo que gastan 50.000 millones.', 'Il a dit qu\'ils dépensent 50 000 millions.'],
      ['4', 4, 'Fin.', 'Fin.'],
    ]);
  });
  it('lays the targets out as in the MT file, so checks report offsets into it', () => {
    const doc = bilingualTextAdapter.parse(bytes(mt), options);
    const targets = doc.segments.map((s) => s.target);
    expect(bilingualTextAdapter.layout!(doc.skeleton, targets)).toEqual({ text: mt, starts: [0, 70, 103, 147] });
    targets[1] = 'Mark Rutte a parlé à Bruxelles.';
    expect(bilingualTextAdapter.layout!(doc.skeleton, targets).text).toBe(mt.replace('Routte', 'Rutte'));
  });
  it('writes the MT back with the reviewed sentences in place, every other byte as it was', () => {
    const doc = bilingualTextAdapter.parse(bytes(mt), options);
    const out = new TextDecoder().decode(bilingualTextAdapter.serialize(doc.skeleton, [{ externalId: '3.1', target: 'Mark Rutte a parlé à Bruxelles.', changed: true }]));
    expect(out).toBe(mt.replace('Routte', 'Rutte'));
  });
  // Reading the output segments and aligns its sentences again, so an edit may
  // move sentence boundaries: what must hold is each line's text.
  it('round-trips: untouched byte for byte; any edit read back, line by line', () => {
    const doc = bilingualTextAdapter.parse(bytes(mt), options);
    expect(Buffer.from(bilingualTextAdapter.serialize(doc.skeleton, [])).equals(Buffer.from(bytes(mt)))).toBe(true);
    const byLine = (segments: Array<{ line?: number; target: string }>) => {
      const lines = new Map<number, string>();
      for (const s of segments) lines.set(s.line!, (lines.get(s.line!) ?? '') + s.target.replace(/\s+/g, ''));
      return [...lines.entries()];
    };
    fc.assert(
      fc.property(fc.array(fc.option(fc.stringMatching(/^[A-Za-zéèàçœ’'&<>,.!? 0-9-]*[A-Za-zé.]$/), { nil: undefined }), { minLength: doc.segments.length, maxLength: doc.segments.length }), (edits) => {
        const reviewed = doc.segments.map((s, i) => ({ externalId: s.externalId, target: edits[i] ?? s.target, changed: edits[i] !== undefined, line: s.line }));
        const again = bilingualTextAdapter.parse(bilingualTextAdapter.serialize(doc.skeleton, reviewed), options);
        expect(byLine(again.segments)).toEqual(byLine(reviewed));
      }),
      { numRuns: 80 },
    );
  });
  it('misaligned files: different line counts, or a paragraph on one side only, name the file and line', () => {
    const fail = (text: string) => {
      try {
        bilingualTextAdapter.parse(bytes(text), options);
      } catch (error) {
        expect(error).toBeInstanceOf(InputError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(fail('Une ligne.\nDeux.')).toBe('mt.txt: has 2 lines and its source src.txt has 4: the two files must be line-aligned (one paragraph a line)');
    expect(fail('a\nb\nc\nd')).toBe('src.txt:2: line 2 is empty here but not in mt.txt: the two files must be line-aligned');
    expect(() => bilingualTextAdapter.parse(bytes(mt), { fileName: 'mt.txt' })).toThrow('mt.txt: needs its source text beside it (--source FILE)');
  });
});
