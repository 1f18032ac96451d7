import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pieces, segment, sentenceCuts, tokenizeWords } from '../../src/text/segment.ts';

const sample = readFileSync(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');

describe('segment', () => {
  it('gives back the sample exactly when its pieces are joined', () => {
    expect(pieces(segment(sample)).join('')).toBe(sample);
  });

  it('gives back any generated text exactly, CRLF and blank lines included', () => {
    const alphabet = fc.constantFrom('a', 'É', ' ', '.', '!', '?', '«', '»', '\n', '\r\n', 'M.', '10 000', "qu'il", '\u00A0', '😀', '\u0301', '\u200B');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const segmented = segment(text);
        expect(pieces(segmented).join('')).toBe(text);
        for (const sentence of segmented.sentences) {
          for (const word of sentence.words) expect(text.slice(word.start, word.end)).toBe(word.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('makes one paragraph a line, with 1-based line numbers', () => {
    const { paragraphs } = segment('Un.\r\n\r\nDeux.\n');
    expect(paragraphs.map((p) => [p.line, p.start, p.end])).toEqual([
      [1, 0, 3],
      [2, 5, 5],
      [3, 7, 12],
      [4, 13, 13],
    ]);
  });

  // Seen on Node 20: ICU splits after "M. " and before a closing guillemet.
  it('does not end a sentence after M., Mme or St.', () => {
    const { sentences } = segment('M. Dupont et Mme Durand vivent à St. Louis. Ils partent.');
    expect(sentences.map((s) => sample.length >= 0 && s.words[0].text)).toEqual(['M', 'Ils']);
  });

  it('keeps a closing guillemet with its sentence', () => {
    const text = '« Non. » Puis il part.';
    const { sentences } = segment(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['« Non. » ', 'Puis il part.']);
  });
});

describe('sentenceCuts (a part of a text cut whole, not cut again: issue #15)', () => {
  const plain = (segmented: ReturnType<typeof segment>) => ({
    paragraphs: segmented.paragraphs,
    sentences: segmented.sentences.map((s) => ({ index: s.index, paragraph: s.paragraph, start: s.start, end: s.end, words: s.words })),
  });

  it('a part from a line start, with the whole text’s cuts, is segmented as the part alone', () => {
    const starts = [0, ...[...sample.matchAll(/\n/g)].map((m) => m.index! + 1)];
    const whole = segment(sample, { keepWords: false });
    let next = 0;
    for (let k = 0; k + 1 < starts.length; k += 3) {
      const [from, to] = [starts[k], starts[Math.min(k + 3, starts.length - 1)]];
      const found = sentenceCuts(whole, from, to, next);
      next = found.next;
      const part = sample.slice(from, to);
      expect(plain(segment(part, { cuts: found.cuts }))).toEqual(plain(segment(part)));
    }
  });

  it('takes the sentences it is given, without cutting the lines again', () => {
    const text = 'Un. Deux.\n\nTrois.';
    // One sentence for the first line where splitting would find two.
    const { sentences } = segment(text, { cuts: Int32Array.from([0, 9, 11, 17]) });
    expect(sentences.map((s) => [s.paragraph, text.slice(s.start, s.end), s.words.map((w) => w.text)])).toEqual([
      [0, 'Un. Deux.', ['Un', 'Deux']],
      [2, 'Trois.', ['Trois']],
    ]);
  });
});

describe('tokenizeWords', () => {
  const words = (text: string) => tokenizeWords(text).map((w) => w.text);

  it('keeps elisions, hyphenated words and inversions whole', () => {
    expect(words("qu'il l’OTAN jusqu'à vice-président a-t-il")).toEqual(["qu'il", 'l’OTAN', "jusqu'à", 'vice-président', 'a-t-il']);
  });

  // Issue #14: « 1er » was cut into « 1 » and « er », which the spelling rule flagged.
  it('keeps ordinals whole, in figures and in Roman numerals', () => {
    expect(words('le 1er mai, la 1re fois, le 2e, les 3es, au XIXe siècle, sous la IIIe République')).toEqual(['le', '1er', 'mai', 'la', '1re', 'fois', 'le', '2e', 'les', '3es', 'au', 'XIXe', 'siècle', 'sous', 'la', 'IIIe', 'République']);
  });

  it('keeps numbers grouped with a thin or figure space whole, and a score apart', () => {
    expect(words('10\u2009000 et 25\u2007000 habitants, 1er-2e tour, 3-0')).toEqual(['10\u2009000', 'et', '25\u2007000', 'habitants', '1er-2e', 'tour', '3', '0']);
  });

  it('keeps numbers written with spaces and decimals whole', () => {
    expect(words('50 000 millions, 1,28 %, 3.5 et 10\u202F000\u00A0000')).toEqual(['50 000', 'millions', '1,28', '3.5', 'et', '10\u202F000\u00A0000']);
  });

  it('does not glue two numbers that are not thousands groups', () => {
    expect(words('en 2024 12 pays')).toEqual(['en', '2024', '12', 'pays']);
  });
});
