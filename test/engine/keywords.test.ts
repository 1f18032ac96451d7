import { describe, expect, it } from 'vitest';
import { mayMatchLineBreak, requiredKeywords } from '../../src/engine/keywords.ts';

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

describe('mayMatchLineBreak', () => {
  it('says yes to whitespace classes, negated classes and control escapes, no to letters and spaces', () => {
    expect(mayMatchLineBreak('\\bfoo\\s+bar')).toBe(true);
    expect(mayMatchLineBreak('a[^b]c')).toBe(true);
    expect(mayMatchLineBreak('a\\P{L}c')).toBe(true);
    expect(mayMatchLineBreak('\\bfoo \\p{L}+ bar[,;] \\d+')).toBe(false);
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
