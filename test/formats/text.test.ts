import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findFormat, formatForFile, layoutParsed, listFormats } from '../../src/formats/index.ts';
import { parseText, textFormat } from '../../src/formats/text.ts';
import { InputError } from '../../src/errors.ts';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const untouched = (segments: Array<{ externalId: string; target: string }>) => segments.map((s) => ({ externalId: s.externalId, target: s.target, changed: false }));

// Lines of MT text with the layouts files really have: CRLF, blank and
// space-only lines, leading spaces, a missing or doubled final line break.
const line = fc.oneof(
  fc.constantFrom('', ' ', '\t', 'Mark Routte a parlé.', '  Retrait. Deux phrases ici.', 'L\u2019OTAN « unie » ?', 'e\u0301te\u0301 😀', '\u200b'),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '')),
);
const text = fc.tuple(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.constantFrom('', '\n', '\r\n', '\n\n')).map(([lines, eol, end]) => lines.join(eol) + end);

describe('the text format adapter', () => {
  it('gives back an untouched document byte for byte, and lays it out for the checks as the file is', () => {
    fc.assert(
      fc.property(text, (input) => {
        const { segments, skeleton } = parseText(input);
        expect(Buffer.from(textFormat.serialize(skeleton, untouched(segments))).toString('utf8')).toBe(input);
        const layout = textFormat.layout!(skeleton, segments.map((s) => s.target));
        expect(layout.text).toBe(input);
        segments.forEach((segment, i) => expect(input.slice(layout.starts[i], layout.starts[i] + segment.target.length)).toBe(segment.target));
      }),
      { numRuns: 300 },
    );
  });

  it('makes a segment of each line with something on it, ids and lines from the file, the rest is layout', () => {
    const parsed = textFormat.parse(bytes('\uFEFFPremière phrase. Deuxième.\r\n\r\n  \r\nTroisième ligne\r\n'), { fileName: 'a.txt' });
    expect(parsed.format).toBe('text');
    expect(parsed.segments).toEqual([
      { externalId: '1', target: 'Première phrase. Deuxième.', line: 1 },
      { externalId: '4', target: 'Troisième ligne', line: 4 },
    ]);
    expect(parsed.skeleton).toEqual({ gaps: ['', '\r\n\r\n  \r\n', '\r\n'] });
  });

  it('writes edited segments into the layout', () => {
    const parsed = textFormat.parse(bytes('Mark Routte a parlé.\n\nRoutte a répété.\n'), { fileName: 'a.txt' });
    const edited = parsed.segments.map((s) => ({ externalId: s.externalId, target: s.target.replace('Routte', 'Rutte'), changed: true }));
    expect(Buffer.from(textFormat.serialize(parsed.skeleton, edited)).toString('utf8')).toBe('Mark Rutte a parlé.\n\nRutte a répété.\n');
  });

  it('refuses what it cannot read with the file named, and a skeleton that does not fit', () => {
    expect(() => textFormat.parse(bytes(' \n\t\n'), { fileName: 'blank.txt' })).toThrow(InputError);
    expect(() => textFormat.parse(Buffer.from([0x63, 0x61, 0x66, 0xe9]), { fileName: 'latin1.txt' })).toThrow(/latin1\.txt.*not UTF-8/);
    expect(() => textFormat.serialize({ gaps: [''] }, untouched([{ externalId: '1', target: 'x' }]))).toThrow(/does not fit 1 segments/);
  });
});

describe('the format registry', () => {
  it('knows the text format, finds it by id and by file name, and reads anything unclaimed as text', () => {
    expect(listFormats().map((f) => f.id)).toContain('text');
    expect(findFormat('text')).toBe(textFormat);
    expect(formatForFile('article.TXT')).toBe(textFormat);
    expect(formatForFile('article.mt.fr')).toBe(textFormat);
  });

  it('lays out formats without a layout of their own one target a line', () => {
    const adapter = { ...textFormat, layout: undefined };
    const layout = layoutParsed(adapter, { format: 'x', segments: [{ externalId: 'u1', target: 'Un.' }, { externalId: 'u2', target: 'Deux.', source: 'Two.' }], skeleton: null });
    expect(layout.text).toBe('Un.\nDeux.\n');
    expect(layout.segments).toEqual([
      { id: 'u1', start: 0, end: 3 },
      { id: 'u2', start: 4, end: 9, source: 'Two.' },
    ]);
  });
});
