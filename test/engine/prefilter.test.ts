import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker.ts';
import { compileSearch, searchAll, type SearchPattern } from '../../src/engine/params.ts';
import { Prefilter, type KeywordHits, type Searchable } from '../../src/engine/prefilter.ts';
import { RULE_TYPES } from '../../src/rules/types/index.ts';

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

/** On random texts made of `pieces`, each search finds with the prefilter's hits what it finds along the whole text. */
function sameMatchesWithPrefilter(sources: SearchPattern[], pieces: string[]): void {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), (parts) => {
      const input = parts.join('');
      const hits = new Prefilter(sources).scan(input);
      for (const search of sources) {
        expect([...searchAll(input, search, hits)].map((m) => [m.index, m[0]])).toEqual([...searchAll(input, search)].map((m) => [m.index, m[0]]));
      }
    }),
    { numRuns: 400 },
  );
}

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

  it('tries an expression that begins with a lookbehind only near its keyword, not along the whole paragraph (grammar/superlatif-jamais-subjonctif took a third of the check)', () => {
    const superlative = withPrefilter.rules.find((rule) => rule.id === 'grammar/superlatif-jamais-subjonctif')!;
    const search = (superlative.params as { pattern: SearchPattern }).pattern;
    expect(search.maxLength).toBeGreaterThan(0);
    const filler = 'Il marchait le long du fleuve sans rien dire à personne, '.repeat(40);
    const input = `${filler}c’est le pire hiver que nous avons jamais connu, ${filler}\nRien.`;
    const hits = new Prefilter([search]).scan(input);
    const keyword = input.indexOf(' jamais');
    expect(Array.from(hits.starts(search) ?? [])).toEqual([keyword + ' jamais'.length - search.maxLength!, keyword]);
    expect([...searchAll(input, search, hits)].map((m) => [m.index, m[0]])).toEqual([...searchAll(input, search)].map((m) => [m.index, m[0]]));
    expect([...searchAll(input, search, hits)].map((m) => m[0])).toEqual(['que nous avons jamais']);
  });

  it('finds the same matches near the keywords as along the whole text, for bounded expressions with lookarounds, astral letters and line breaks', () => {
    const sources = [
      '(?<=\\b(?:plus|seul)\\b[^.!?]{0,12}?)\\bqu(?:e |[’\'])(?:il|nous)\\s?a jamais\\b',
      '(?<![\\p{L}.])\\p{L}{1,3}ab(?=\\p{L}{0,2}\\b)',
      '\\bab\\s\\p{L}{2}',
      '(?<=\\p{L}{2})ab|ba(?!\\p{L})',
      '[\\p{L}\\n]{0,4}ab[^a]{0,3}',
      '\\bab(?:\\p{L}|\\n){0,2}\\b',
    ].map((source) => compileSearch(source, 'pattern', false));
    for (const search of sources) expect(search.maxLength, search.regex.source).toBeDefined();
    sameMatchesWithPrefilter(sources, ['ab', 'AB', 'ba', 'a', 'b', ' ', '\n', '.', '’', "'", '𝒜', '😀', 'é', 'plus ', 'seul ', 'que il a jamais', 'qu’il a jamais', 'nous', '\u00A0', 'ſ', 'x']);
  });

  it('tries an unbounded expression whose matches begin with a keyword only where one begins (calque/es/augmenter-en-pourcentage searched every place of every paragraph with an « en »)', () => {
    const rule = withPrefilter.rules.find((r) => r.id === 'calque/es/augmenter-en-pourcentage') ?? createChecker().rules.find((r) => r.id === 'calque/es/augmenter-en-pourcentage')!;
    const search = (rule.params as { pattern: SearchPattern }).pattern;
    expect(search.maxLength).toBeUndefined();
    expect(search.leading).toEqual(['en']);
    const input = 'Il en parle souvent, et comment. Les prix ont augmenté en 2 % cette année, ont grimpé en un 10 pour cent.\nEnfin rien.';
    const hits = new Prefilter([search]).scan(input);
    const starts = Array.from(hits.leadingStarts(search) ?? []);
    expect(starts.map((at) => input.slice(at, at + 2).toLowerCase())).toEqual(starts.map(() => 'en'));
    expect(starts).toEqual([...input.matchAll(/en/gi)].map((m) => m.index));
    expect([...searchAll(input, search, hits)].map((m) => [m.index, m[0]])).toEqual([...searchAll(input, search)].map((m) => [m.index, m[0]]));
    expect([...searchAll(input, search, hits)].map((m) => m.index)).toEqual([input.indexOf('en 2 %'), input.indexOf('en un 10')]);
  });

  it('finds the same matches where the leading keywords begin as along the whole text, for unbounded expressions with lookarounds, a leading \\b, overlaps and line breaks', () => {
    const sources = [
      '(?<=\\b(?:plus|seul)\\p{L}* )ab\\p{L}*(?= \\p{L})',
      '\\bab\\p{L}*',
      'ab+a',
      '(?:ab|ba)\\p{L}*(?!\\p{L})',
      '(?<=\\p{L}{2})ab\\s*\\p{L}+',
      '\\bqu(?:e |[’\'])\\p{L}+ jamais\\b',
      '(?:abc|ab)c*',
    ].map((source) => compileSearch(source, 'pattern', false));
    for (const search of sources) {
      expect(search.maxLength, search.regex.source).toBeUndefined();
      expect(search.leading, search.regex.source).toBeDefined();
    }
    sameMatchesWithPrefilter(sources, ['ab', 'AB', 'ba', 'abc', 'a', 'b', 'c', ' ', '\n', '.', '’', "'", '𝒜', '😀', 'é', 'plus ', 'seul ', 'que nous jamais', 'qu’il jamais', 'Qu’', '\u00A0', 'ſ', 'x']);
  });

  it('drops the leading places of a search past its budget and finds the same matches without them (a long text keeps no more than 4 MB of them)', () => {
    const searches = ['\\bab\\p{L}*', '(?<=x)ba\\p{L}*', '\\bqu\\p{L}+ jamais'].map((source) => compileSearch(source, 'pattern', false));
    const input = 'abc xba ab qui jamais xbab ab abab\nxba quoi jamais ab '.repeat(5);
    const prefilter = new Prefilter(searches);
    const full = prefilter.scan(input);
    const tight = prefilter.scan(input, 12);
    expect(searches.map((search) => full.leadingStarts(search) !== undefined)).toEqual([true, true, true]);
    const kept = searches.filter((search) => tight.leadingStarts(search) !== undefined);
    expect(kept.length).toBeLessThan(searches.length);
    expect(kept.reduce((sum, search) => sum + tight.leadingStarts(search)!.length, 0)).toBeLessThanOrEqual(12);
    for (const search of searches) {
      const reference = [...searchAll(input, search)].map((m) => [m.index, m[0]]);
      expect([...searchAll(input, search, tight)].map((m) => [m.index, m[0]])).toEqual(reference);
      expect([...searchAll(input, search, full)].map((m) => [m.index, m[0]])).toEqual(reference);
    }
  });
  it('runs an expression that needs a digit only in the paragraphs holding one (the rules on numbers ran along every paragraph with a « . » or an « h »)', () => {
    const unit = compileSearch('(?<![\\p{N}.,])(\\p{N}+)\\.(\\p{N}{3})(?!\\p{N})', 'pattern', false);
    const foreign = compileSearch("(?<![\\p{L}'’-])(?=[\\p{L}'’-]*[áíóúñ])[\\p{L}'’-]+", 'pattern', false);
    expect(unit.classes).toEqual(['\\p{N}']);
    expect(foreign.keywords).toBeUndefined();
    expect(foreign.classes).toEqual(['[áíóúñ]']);
    const input = ['Il partit. Rien.', 'Il a payé 1.500 euros.', 'Le señor vint.', 'Encore. Et encore.'].join('\n');
    const hits = new Prefilter([unit, foreign]).scan(input);
    expect(hits.lineStarts(unit)).toEqual([17]);
    expect(Array.from(hits.starts(unit) ?? []).every((at) => at >= 17 && at < 40)).toBe(true);
    expect(hits.lineStarts(foreign)).toEqual([40]);
    expect([...searchAll(input, unit, hits)].map((m) => m[0])).toEqual(['1.500']);
    expect([...searchAll(input, foreign, hits)].map((m) => m[0])).toEqual(['señor']);
    expect(new Prefilter([unit]).scan('Rien. Du tout.').lineStarts(unit)).toEqual([]);
    // Other digits than 0–9: an Arabic-Indic one, and an astral one (a text with a surrogate pair is scanned with the class itself).
    expect(new Prefilter([unit]).scan('Rien.\nPayé ٣.500.').lineStarts(unit)).toEqual([6]);
    expect(new Prefilter([unit]).scan('Rien 😀.\nPayé 𝟕.500.').lineStarts(unit)).toEqual([9]);
  });

  it('finds the same matches with the paragraphs of required classes as along the whole text, keywords or not, case-insensitive, across lines', () => {
    const sources = [
      '(?<![\\p{N}.,])(\\p{N}{1,3})\\.(\\p{N}{3})(?![\\p{N}]|[.,]\\p{N})',
      '\\b(\\p{N}+)(?:ème|e)\\b',
      '\\b\\d+ ?(?:km|h)\\b',
      '(?<=[;:])ab',
      '(?=\\p{L}*[éÉ])\\p{L}+',
      '[Éé]\\p{L}+',
      '\\bab\\s+\\d',
      '(?:a\\d|b\\d)x',
      '(?<![\\p{L}])[ñ]\\p{L}*',
    ].map((source) => compileSearch(source, 'pattern', false));
    for (const search of sources) expect(search.classes, search.regex.source).toBeDefined();
    sameMatchesWithPrefilter(sources, ['ab', 'AB', 'a', 'b', 'x', ' ', '\n', '.', ',', ';', ':', '1', '23', '456', '½', '٣', 'km', 'h', 'ème', 'e', 'é', 'É', 'E\u0301', 'ñ', 'Ñ', '𝒜', '😀']);
  });

  it('searches each paragraph holding a keyword up to its line break, not through the rest of the text (grammar/d-entre-eux read the whole text from its first « d’eux »)', () => {
    const search = compileSearch("((?:(?<=(?:^|[,;:.]) ?)[Bb]eaucoup|\\b[Pp]lusieurs)) d[’'](eux|elles)\\b", 'pattern', true);
    const input = ['Beaucoup d’eux vinrent.', 'Rien ici, rien.', 'Il y en avait, plusieurs d’elles.', 'Encore rien.'].join('\n');
    const hits = new Prefilter([search]).scan(input);
    const read: number[] = [];
    const { regex } = search;
    const exec = regex.exec.bind(regex);
    regex.exec = (string: string) => {
      read.push(string.length);
      return exec(string);
    };
    expect([...searchAll(input, search, hits)].map((m) => [m.index, m[0]])).toEqual([
      [0, 'Beaucoup d’eux'],
      [input.indexOf('plusieurs'), 'plusieurs d’elles'],
    ]);
    expect(Math.max(...read)).toBe(input.indexOf('\nEncore'));
  });

  it('finds the same matches paragraph by paragraph as along the whole text, for lookarounds and word boundaries at a paragraph’s edges and ^', () => {
    const sources = [
      '(?<=(?:^|[,.]) ?)[Aa]b',
      'ab(?![\\p{L}])',
      'ab(?=\\p{L}{0,2}c)',
      '\\bab\\b',
      '(?<!\\p{L})ab\\p{L}*',
      '(?<=\\p{L})ab',
      '\\Bab',
      'ab\\p{L}*(?<!c)',
    ].map((source) => compileSearch(source, 'pattern', false));
    for (const search of sources) expect(search.crossesLines || search.endAnchored, search.regex.source).toBe(false);
    sameMatchesWithPrefilter(sources, ['ab', 'AB', 'Ab', 'a', 'b', 'c', ' ', '\n', '.', ',', 'é', '𝒜', '😀', 'x']);
  });

  it('finds the same hits with its transitions in a map, past the size of the one-array table, as with the table (the table, made at the first scan, is what the pack uses)', () => {
    const searches = withPrefilter.enabledRules.flatMap((rule) => RULE_TYPES[rule.type].searches?.(rule.params) ?? []);
    const dense = new Prefilter(searches);
    const saved = [Prefilter.denseMaxCells, Prefilter.denseMinChars];
    const mapped = new Prefilter(searches);
    const hitsOf = (hits: KeywordHits) => searches.map((search) => [hits.lineStarts(search), hits.starts(search) && Array.from(hits.starts(search)!), hits.leadingStarts(search) && Array.from(hits.leadingStarts(search)!)]);
    // Every text with the table (however short), and the map for good in `mapped` (its first scan settles it).
    Prefilter.denseMinChars = 0;
    try {
      Prefilter.denseMaxCells = 0;
      const sampleHits = mapped.scan(sample);
      Prefilter.denseMaxCells = saved[0];
      expect(hitsOf(sampleHits)).toEqual(hitsOf(dense.scan(sample)));
      expect((dense as unknown as { dense: unknown }).dense).toBeTruthy();
      expect((mapped as unknown as { dense: unknown }).dense).toBeNull();
      fc.assert(
        fc.property(text, (input) => {
          expect(hitsOf(mapped.scan(input))).toEqual(hitsOf(dense.scan(input)));
        }),
        { numRuns: 100 },
      );
    } finally {
      [Prefilter.denseMaxCells, Prefilter.denseMinChars] = saved;
    }
  });

  it('fills its table once short texts add up to a long one (a server re-checking a paragraph at each accept) and finds the same hits with it (issue #15)', () => {
    const searches = withPrefilter.enabledRules.flatMap((rule) => RULE_TYPES[rule.type].searches?.(rule.params) ?? []);
    const hitsOf = (hits: KeywordHits) => searches.map((search) => [hits.lineStarts(search), hits.starts(search) && Array.from(hits.starts(search)!), hits.leadingStarts(search) && Array.from(hits.leadingStarts(search)!)]);
    const tableOf = (prefilter: Prefilter) => (prefilter as unknown as { dense: unknown }).dense;
    const paragraphs = sample.split('\n').filter(Boolean);
    const longest = Math.max(...paragraphs.map((p) => p.length));
    const saved = Prefilter.denseMinChars;
    // A bound a few paragraphs long: each paragraph is short, several add up to it.
    Prefilter.denseMinChars = longest * 3 + 1;
    try {
      const prefilter = new Prefilter(searches);
      const mapped = new Prefilter(searches);
      let scanned = 0;
      for (const paragraph of [...paragraphs, ...paragraphs]) {
        const before = tableOf(prefilter);
        const hits = prefilter.scan(paragraph);
        scanned += paragraph.length;
        // One text short of the bound does not fill it (a start's one sentence stays cheap).
        expect(tableOf(prefilter) !== undefined, `after ${scanned} characters`).toBe(scanned >= Prefilter.denseMinChars);
        expect(hitsOf(hits)).toEqual(hitsOf(mapped.scan(paragraph)));
        // `mapped` is reset so that it stays on its map: the comparison is table against map.
        (mapped as unknown as { mapChars: number }).mapChars = 0;
        if (before !== undefined) expect(tableOf(prefilter)).toBe(before);
      }
      expect(tableOf(prefilter)).toBeTruthy();
      expect(tableOf(mapped)).toBeUndefined();
    } finally {
      Prefilter.denseMinChars = saved;
    }
  });
});
