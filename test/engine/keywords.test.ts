import { describe, expect, it } from 'vitest';
import { hasAnchors, leadingKeywords, matchBounds, mayMatchLineBreak, requiredClasses, requiredKeywords } from '../../src/engine/keywords.ts';

describe('requiredKeywords', () => {
  it('finds the literal every match contains, leading or not', () => {
    expect(requiredKeywords('\\b(rencontr\\p{L}*) avec\\b')).toEqual(['rencontr']);
    expect(requiredKeywords('(\\p{Lu}\\p{Ll}+)vich\\b')).toEqual(['vich']);
    expect(requiredKeywords('\\bau final\\b')).toEqual(['au final']);
  });

  it('expands small alternations and character classes into a set', () => {
    expect(requiredKeywords("\\bau jour d[’']aujourd[’']hui\\b")?.sort()).toEqual(["au jour d'aujourd'hui", "au jour d'aujourd’hui", 'au jour d’aujourd\'hui', 'au jour d’aujourd’hui'].sort());
    expect(requiredKeywords('\\bun grand sortie\\b|\\bune grande sortie commerciale\\b')).toEqual(['un grand sortie', 'une grande sortie commerciale']);
  });

  it('takes nothing from optional parts, lookarounds or ranges', () => {
    expect(requiredKeywords('(?:abc)?\\p{L}+')).toBeUndefined();
    expect(requiredKeywords('(?<=\\bselon )\\p{L}+')).toBeUndefined();
    expect(requiredKeywords('[a-z]+')).toBeUndefined();
    expect(requiredKeywords('x{0,3}y')).toEqual(['y']);
    expect(requiredKeywords('(?:ab|\\p{L})cd')).toEqual(['cd']);
  });

  it('gives up on an alternation one branch of which requires nothing', () => {
    expect(requiredKeywords('abc|\\p{L}+')).toBeUndefined();
  });
});

describe('requiredClasses', () => {
  it('gives the classes every match, or a positive lookaround of it, needs a character of', () => {
    expect(requiredClasses('\\b([01]?\\p{N}|2[0-3])[.:]([0-5]\\p{N}) ?(?:heures|h)\\b')).toEqual(['[.:]', '[0-5]', '\\p{N}']);
    expect(requiredClasses("(?<![\\p{L}'’-])(?=[\\p{L}'’-]*[áíóúñ])[\\p{L}'’-]+")).toEqual(['[áíóúñ]']);
    expect(requiredClasses('(?:x\\d|y\\d)')).toEqual(['\\d']);
  });

  it('takes nothing from optional parts, negative lookarounds, negated classes, a branch without it, or classes with a letter or a space', () => {
    expect(requiredClasses('a\\d?b')).toBeUndefined();
    expect(requiredClasses('(?<!\\p{N})ab(?![0-9])')).toBeUndefined();
    expect(requiredClasses('[^0-9]ab')).toBeUndefined();
    expect(requiredClasses('(?:x\\d|y)')).toBeUndefined();
    expect(requiredClasses('\\p{L}+[ \\u00A0]\\p{Lu}')).toBeUndefined();
  });
});

describe('leadingKeywords', () => {
  it('gives what every match begins with, zero-width assertions aside', () => {
    expect(leadingKeywords('(?<=\\b(?:augment|diminu)\\p{L}* )en(?= \\d)')).toEqual(['en']);
    expect(leadingKeywords('\\bintrodui\\p{L}* (?:son|sa)')).toEqual(['introdui']);
    expect(leadingKeywords('[Ll]e (19|20)\\d')).toEqual(['Le 19', 'Le 20', 'le 19', 'le 20']);
    expect(leadingKeywords('(?:ab)+c')).toEqual(['ab']);
    expect(leadingKeywords('(abc|de)f\\d*')).toEqual(['abcf', 'def']);
    expect(leadingKeywords('(?:a|)bc')).toEqual(['abc', 'bc']);
  });

  it('gives nothing when a match may begin otherwise, or with a single unit', () => {
    for (const source of ['a*bc', '\\d+km', '(?<![\\p{N}.,])(\\p{N}+)\\.', 'ab?c', 'x+yz', 'ab|\\d', '(?:ab)?cd', '.ab', '[a-z]bc']) expect(leadingKeywords(source), source).toBeUndefined();
  });
});

describe('mayMatchLineBreak', () => {
  it('says yes to whitespace classes, negated classes and control escapes, no to letters and spaces', () => {
    expect(mayMatchLineBreak('\\bfoo\\s+bar')).toBe(true);
    expect(mayMatchLineBreak('a[^b]c')).toBe(true);
    expect(mayMatchLineBreak('a\\P{L}c')).toBe(true);
    expect(mayMatchLineBreak('\\bfoo \\p{L}+ bar[,;] \\d+')).toBe(false);
  });

  it('reads a full stop inside a class as a full stop, outside one as any character (#15: « [.,] » sent 40 rules to the whole text)', () => {
    expect(mayMatchLineBreak('\\d+(?:[.,]\\d+)? ?%')).toBe(false);
    expect(mayMatchLineBreak('(?<=[,;:(—–.!?]) ?beaucoup')).toBe(false);
    expect(mayMatchLineBreak('[]a.]b')).toBe(false);
    expect(mayMatchLineBreak('a.b')).toBe(true);
    expect(mayMatchLineBreak('[.]a.b')).toBe(true);
    expect(mayMatchLineBreak('[\\].]x')).toBe(false);
    expect(mayMatchLineBreak('[.\\s]x')).toBe(true);
  });

  it('says no to a negated class that leaves out \\n or \\s (#15: « [^.;:!?\\n]{0,60} » can run paragraph by paragraph)', () => {
    for (const source of ['"[^"\\n]{1,300}"', 'art\\.?[^\\S\\n]*\\d', 'ne[^.;:!?\\n]{0,60}?point', '(?![^\\s»)])', '[^\\P{L}\\n]+']) expect(mayMatchLineBreak(source), source).toBe(false);
    for (const source of ['[^"]x', '[^]x', '[^\\S]x', '[^\\n]\\s', '[^a\\]\\n]x\\W']) expect(mayMatchLineBreak(source), source).toBe(true);
  });
});

describe('mayMatchLineBreak, escapes', () => {
  it('reads \\u and \\x escapes: only U+000A is a line break (a \\r stays in its line)', () => {
    expect(mayMatchLineBreak('[ \\u00A0\\u202F]%')).toBe(false);
    expect(mayMatchLineBreak('a\\u000Ab')).toBe(true);
    expect(mayMatchLineBreak('a\\x0ab')).toBe(true);
    expect(mayMatchLineBreak('a\\r?b')).toBe(false);
    expect(mayMatchLineBreak('a\\S+b')).toBe(false);
  });
});

describe('matchBounds', () => {
  it('counts a literal as its length, a class or escape as two units (an astral character), a lookaround as reach only', () => {
    expect(matchBounds('abc')).toEqual({ length: 3, reach: 3 });
    expect(matchBounds('a\\p{L}[xy].')).toEqual({ length: 7, reach: 7 });
    expect(matchBounds('(?<=selon )\\p{L}{1,3}')).toEqual({ length: 6, reach: 12 });
    expect(matchBounds('\\bqu(?:e |[’\'])jamais\\b')).toEqual({ length: 10, reach: 14 });
  });

  it('takes the longest branch of an alternation and multiplies by a quantifier’s maximum', () => {
    expect(matchBounds('ab|cdef')).toEqual({ length: 4, reach: 4 });
    expect(matchBounds('(?:ab){2,5}c?')).toEqual({ length: 11, reach: 11 });
    expect(matchBounds('x(?=\\p{N}{0,4})')).toEqual({ length: 1, reach: 9 });
  });

  it('has no bound for *, +, {n,} or a back-reference', () => {
    expect(matchBounds('a\\p{L}*')).toBeUndefined();
    expect(matchBounds('a+')).toBeUndefined();
    expect(matchBounds('a{2,}')).toBeUndefined();
    expect(matchBounds('(a)b\\1')).toBeUndefined();
    expect(matchBounds('(?<x>a)\\k<x>')).toBeUndefined();
    expect(matchBounds('(?<=\\p{L}+ )de')).toBeUndefined();
  });
});

describe('hasAnchors', () => {
  it('sees ^ and $ outside classes, not the ^ that negates a class', () => {
    expect(hasAnchors('^Le')).toBe(true);
    expect(hasAnchors('(?<=(?:^|[,;]) ?)Beaucoup')).toBe(true);
    expect(hasAnchors('fin$')).toBe(true);
    expect(hasAnchors('[^.!?]{0,60}qu')).toBe(false);
    expect(hasAnchors('[a^$]b')).toBe(false);
    expect(hasAnchors('\\^\\$')).toBe(false);
    expect(hasAnchors('[\\]^]x')).toBe(false);
  });
});
