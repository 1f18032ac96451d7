import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker.ts';
import { compileSearch, searchAll } from '../../src/engine/params.ts';
import { Prefilter, type Searchable } from '../../src/engine/prefilter.ts';

// The prefilter must change how fast the pattern rules run, never what they
// find: every comparison here is with the plain search over the whole text.
// Only the pattern rules use it: the others are left out to keep the test fast.
const others = createChecker().rules.filter((rule) => rule.type !== 'pattern').map((rule) => rule.id);
const withPrefilter = createChecker({ disable: others, enable: ['typography/'] });
const without = createChecker({ disable: others, enable: ['typography/'], prefilter: false });
const sample = readFileSync(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');

// Pieces of texts the rules care about: every example of every rule, the sample's paragraphs.
const pieces = [...new Set([...withPrefilter.rules.flatMap((rule) => rule.examples.map((e) => e.text.replace(/\[\[|\]\]/g, ''))), ...sample.split('\n').filter(Boolean)])];
const separators = [' ', '\n', '\r\n', '\n\n', ' « ', ' » ', '. ', ', ', '\u00A0', ''];
// Case and encoding variants: upper case, the long s and the Kelvin sign (which
// fold to s and k in a case-insensitive expression), decomposed accents.
const variants: Array<(s: string) => string> = [(s) => s, (s) => s.toUpperCase(), (s) => s.replace(/s/g, 'ſ'), (s) => s.replace(/k/g, '\u212A'), (s) => s.normalize('NFD'), (s) => s.replace(/ /g, '\n')];

const text = fc
  .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(...separators), fc.nat(variants.length - 1)), { minLength: 1, maxLength: 12 })
  .map((parts) => parts.map(([piece, separator, variant]) => variants[variant](piece) + separator).join(''));

describe('the keyword prefilter', () => {
  it('gives the same findings as searching the whole text with every rule, on generated texts', () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(withPrefilter.check(input).findings).toEqual(without.check(input).findings);
      }),
      { numRuns: 120 },
    );
  });

  it('gives the same findings on the sample article', () => {
    expect(withPrefilter.check(sample).findings).toEqual(without.check(sample).findings);
  });

  it('finds a keyword under case folding that toLowerCase misses (ſ for s)', () => {
    const search = compileSearch('\\bsans doute\\b', 'pattern', false);
    const input = 'Il viendra.\nIl viendra ſans doute demain.';
    const hits = new Prefilter([search]).scan(input);
    expect(hits.lineStarts(search)).toEqual([12]);
    expect([...searchAll(input, search, hits)].map((m) => m.index)).toEqual([...searchAll(input, search)].map((m) => m.index));
    expect([...searchAll(input, search, hits)]).toHaveLength(1);
  });

  it('does not run a rule whose keywords are absent, and searches only the lines that hold them', () => {
    const search = compileSearch('\\b(\\p{L}+) avec eux\\b', 'pattern', false);
    const input = ['Rien ici.', 'Il a parlé avec eux hier.', 'Toujours rien.', 'Elle est partie avec eux.'].join('\n');
    const hits = new Prefilter([search]).scan(input);
    expect(hits.lineStarts(search)).toEqual([10, 51]);
    expect([...searchAll(input, search, hits)].map((m) => m[0])).toEqual(['parlé avec eux', 'partie avec eux']);
    expect(new Prefilter([search]).scan('Rien du tout.').lineStarts(search)).toEqual([]);
  });

  it('finds the same lines when read back from its cached form', () => {
    const searches = withPrefilter.enabledRules.flatMap((rule) => (rule.type === 'pattern' ? [(rule.params as { pattern: Searchable }).pattern] : []));
    const built = new Prefilter(searches);
    const restored = new Prefilter(searches, JSON.parse(JSON.stringify(built.serialise())));
    const input = `${sample}\n${pieces.slice(0, 200).join('\n')}`;
    const [a, b] = [built.scan(input), restored.scan(input)];
    expect(searches.map((search) => b.lineStarts(search))).toEqual(searches.map((search) => a.lineStarts(search)));
    expect(searches.some((search) => (a.lineStarts(search) ?? []).length > 0)).toBe(true);
  });

  it('lets a match that may span lines start before its keyword’s line', () => {
    const search = compileSearch('\\bla\\s+situation\\b', 'pattern', false);
    expect(search.keywords).toEqual(['situation']);
    const input = 'Rien.\nIl décrit la\nsituation, demain.';
    const hits = new Prefilter([search]).scan(input);
    expect(hits.lineStarts(search)).toEqual([19]);
    expect([...searchAll(input, search, hits)].map((m) => m[0])).toEqual(['la\nsituation']);
  });
});
