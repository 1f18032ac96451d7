import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createChecker } from '../../src/checker.ts';
import { expandBoundaries, UNICODE_BOUNDARY, WORD_CHAR } from '../../src/engine/word-boundary.ts';

const W = WORD_CHAR;
const full = (source: string) => source.replace(/\\\\|\\b/g, (token) => (token === '\\b' ? UNICODE_BOUNDARY : token));

describe('expandBoundaries', () => {
  it('writes a \\b next to a character of known kind as one lookaround (regression: two full boundaries cost an expression 8 ms to compile)', () => {
    expect(expandBoundaries('\\bjamais\\b')).toBe(`(?<!${W})jamais(?!${W})`);
    expect(expandBoundaries('qu(?:e |[’\'])\\b')).toBe(`qu(?:e |[’'])(?=${W})`);
    expect(expandBoundaries('\\b(?:plus|moins)\\b ')).toBe(`(?<!${W})(?:plus|moins)(?<=${W}) `);
    expect(expandBoundaries('(?:plus|moins)\\b(?:x)?')).toBe(`(?:plus|moins)(?!${W})(?:x)?`);
    expect(expandBoundaries('a \\b\\p{Lu}')).toBe(`a (?<!${W})\\p{Lu}`);
    expect(expandBoundaries('\\b\\d+')).toBe(`(?<!${W})\\d+`);
    // An optional part of the same kind as what stands before it: efforts?\b, mandataire(s?)\b.
    expect(expandBoundaries('efforts?\\b')).toBe(`efforts?(?!${W})`);
    expect(expandBoundaries('mandataire(s?)\\b')).toBe(`mandataire(s?)(?!${W})`);
  });

  it('writes the word characters in its lookarounds in a form that matches exactly the characters of [\\p{L}\\p{M}\\p{N}_], with and without the i flag, on every code point (regression: the class cost a lookaround 0.6 ms to compile under i)', () => {
    for (const flags of ['u', 'iu']) {
      const reference = new RegExp('^[\\p{L}\\p{M}\\p{N}_]$', flags);
      const written = new RegExp(`^(?:${WORD_CHAR})$`, flags);
      const differ: string[] = [];
      for (let point = 0; point <= 0x10ffff; point++) {
        const char = String.fromCodePoint(point);
        if (reference.test(char) !== written.test(char)) differ.push(point.toString(16));
      }
      expect(differ, flags).toEqual([]);
    }
    expect(WORD_CHAR).not.toContain('\\p{L}');
  });

  it('keeps the full boundary where the neighbour may be missing, mixes kinds or is not known', () => {
    expect(expandBoundaries('\\b(?:a|-)')).toBe(`${UNICODE_BOUNDARY}(?:a|-)`);
    expect(expandBoundaries('(?:x)?\\b(?:y)?')).toBe(`(?:x)?${UNICODE_BOUNDARY}(?:y)?`);
    expect(expandBoundaries('.\\b.')).toBe(`.${UNICODE_BOUNDARY}.`);
    expect(expandBoundaries('[^a]\\b[a-z-]')).toBe(`[^a]${UNICODE_BOUNDARY}[a-z-]`);
    expect(expandBoundaries('(a)\\1\\b')).toBe(`(a)\\1${UNICODE_BOUNDARY}`);
    expect(expandBoundaries('\\cJ\\b')).toBe(`\\cJ(?=${W})`);
  });

  it('gives the same matches as the full boundary for every expression of the rule pack, on generated texts', () => {
    const checker = createChecker({ enable: ['typography/'] });
    const sample = readFileSync(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');
    const pieces = [...new Set([...checker.rules.flatMap((rule) => rule.examples.map((e) => e.text.replace(/\[\[|\]\]/g, ''))), ...sample.split('\n').filter(Boolean)])];
    const sources = patternSources();
    expect(sources.length).toBeGreaterThan(250);
    const pairs = sources.map(({ source, caseSensitive }) => {
      const flags = caseSensitive ? 'gu' : 'giu';
      return [new RegExp(full(source), flags), new RegExp(expandBoundaries(source), flags)] as const;
    });
    expect(pairs.filter(([reference, short]) => reference.source !== short.source).length).toBeGreaterThan(200);
    // Word characters of every kind, and others, glued to the pieces' edges.
    const joiners = [' ', '', '\n', '’', "'", '-', 'é', '_', '3', 'x', '𝒜', '\u0301', '«\u00A0', '.'];
    const text = fc.array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...joiners), fc.constantFrom(...joiners)), { minLength: 1, maxLength: 4 }).map((parts) => parts.map(([piece, before, after]) => before + piece + after).join(''));
    fc.assert(
      fc.property(text, (input) => {
        for (const [reference, short] of pairs) {
          expect([...input.matchAll(short)].map((m) => [m.index, ...m]), reference.source).toEqual([...input.matchAll(reference)].map((m) => [m.index, ...m]));
        }
      }),
      { numRuns: 12 },
    );
  });
});

/** Every pattern and antipattern of rules/fr/, as written, with its case setting. */
function patternSources(): Array<{ source: string; caseSensitive: boolean }> {
  const directory = new URL('../../rules/fr/', import.meta.url);
  return readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => parse(readFileSync(new URL(name, directory), 'utf8')) as Array<Record<string, unknown>>)
    .filter((rule) => rule.type === 'pattern')
    .flatMap((rule) => [rule.pattern, ...((rule.antipatterns as string[] | undefined) ?? [])].map((source) => ({ source: String(source), caseSensitive: rule.caseSensitive === true })));
}
