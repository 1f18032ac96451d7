import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineCuts } from '../../src/text/line-cuts.ts';
import { segment } from '../../src/text/segment.ts';

const sample = readFileSync(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');
const paragraphs = sample.split('\n').filter(Boolean);
const spans = (text: string, cuts?: Int32Array) => {
  const segmented = segment(text, cuts ? { cuts } : {});
  return { sentences: segmented.sentences.map((s) => [s.paragraph, s.start, s.end, s.words.map((w) => [w.start, w.end, w.text])]), paragraphs: segmented.paragraphs };
};

describe('LineCuts', () => {
  it('gives the cuts segment finds, line by line, on the sample and on texts made of its paragraphs with blank, spaced and \\r\\n line breaks', () => {
    const cuts = new LineCuts();
    expect(spans(sample, cuts.cutsOf(sample))).toEqual(spans(sample));
    const pieces = [...paragraphs, 'M. Rutte a dit « oui ». Puis il est parti.', '  ', '', '« Non » . ', 'Fin'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom('\n', '\r\n', '\n\n', ' \n', '\n \n')), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.map(([piece, separator]) => piece + separator).join('');
        expect(spans(text, cuts.cutsOf(text))).toEqual(spans(text));
      }),
      { numRuns: 200 },
    );
  });

  it('cuts only the lines it has not seen: a window whose one paragraph changed adds one line (issue #15)', () => {
    const cuts = new LineCuts();
    const window = paragraphs.slice(0, 5);
    cuts.cutsOf(window.join('\n'));
    expect(cuts.size).toBe(5);
    const edited = [...window];
    edited[2] += ' Puis il est parti.';
    const text = edited.join('\n');
    expect(spans(text, cuts.cutsOf(text))).toEqual(spans(text));
    expect(cuts.size).toBe(6);
  });

  it('keeps at most its limit of lines, the oldest going first', () => {
    const cuts = new LineCuts(3);
    for (const paragraph of paragraphs.slice(0, 5)) cuts.cutsOf(paragraph);
    expect(cuts.size).toBe(3);
    const text = paragraphs.slice(0, 5).join('\n');
    expect(spans(text, cuts.cutsOf(text))).toEqual(spans(text));
  });
});
