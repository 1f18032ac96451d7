/**
 * `\b` in a rule's expression is a Unicode word boundary (params.ts): JavaScript's
 * own `\b` only knows ASCII letters. Written out in full it is four lookarounds
 * over a class of some 800 ranges, and V8 takes about 2 ms to compile each:
 * an expression with two `\b` cost 8 ms to compile, 300 rules 2.2 s, paid by
 * every thread that checks a long text.
 *
 * Most `\b` stand next to a character whose kind is known: before a letter
 * (`\bjamais`) a boundary can only mean "no word character before", after one
 * (`jamais\b`) "none after", before a space "a word character before". Where the
 * next (or previous) thing the expression must match is such a character, the
 * boundary is written as that one lookaround: every match, and the order in
 * which matches are tried, stay the same, since the full form and the short one
 * agree wherever that character follows. Elsewhere (an optional part, the end
 * of a group, a class that mixes both kinds) the full form stays.
 */

// Inside the lookarounds the word characters are written as alternatives, and
// the letters as "not a non-letter", rather than as the class
// `[\p{L}\p{M}\p{N}_]`: V8 compiles such a lookaround three to four times faster
// under the `i` flag (0.16–0.23 ms against 0.6; about twice as fast without it,
// bench/boundary-compile.mjs), most
// likely since the case-folded closure it builds is then that of the
// non-letters, which have few cased characters, not that of every letter. A lookaround tests one character
// and captures nothing, so only which characters match counts: under `i`
// `[^\P{L}]` misses ι and the three characters that fold with it (U+0345 is a
// mark), which `\p{M}` then matches; the test compares both forms on every code
// point, with and without `i`.
export const WORD_CHAR = '[^\\P{L}]|\\p{M}|\\p{N}|_';
export const UNICODE_BOUNDARY = `(?:(?<=${WORD_CHAR})(?!${WORD_CHAR})|(?<!${WORD_CHAR})(?=${WORD_CHAR}))`;
const NOT_AFTER_WORD = `(?<!${WORD_CHAR})`;
const NOT_BEFORE_WORD = `(?!${WORD_CHAR})`;
const AFTER_WORD = `(?<=${WORD_CHAR})`;
const BEFORE_WORD = `(?=${WORD_CHAR})`;

const IS_WORD = /^[\p{L}\p{M}\p{N}_]$/u;
// Case-insensitive matching never turns a word character into another kind
// (checked over every code point: case mappings keep letters letters).
const WORD_PROPERTIES = /^(?:L[ultmo]?|M[nce]?|N[dlo]?|Letter|Mark|Number|Uppercase_Letter|Lowercase_Letter|Titlecase_Letter|Modifier_Letter|Other_Letter|Decimal_Number|Nonspacing_Mark)$/;

/** What the characters at one edge of a part are: all word characters, none, or not known. */
type Kind = 'word' | 'other' | undefined;

/** What a group or a sequence consumes at its edges; `empty`: it can only match nothing. */
interface Edges {
  text: string;
  first: Kind | 'empty';
  last: Kind | 'empty';
  /** May match nothing. */
  nullable: boolean;
}

interface Part {
  text: string;
  /** Kind of the first and last character it consumes. */
  first: Kind | 'empty';
  last: Kind | 'empty';
  /** Consumes nothing (lookaround, anchor, boundary). */
  zeroWidth: boolean;
  /** May match nothing (quantifier with a minimum of 0). */
  optional: boolean;
  /** An unresolved `\b`, written once its neighbours are known. */
  boundary?: boolean;
}

/** The expression with each `\b` written as the Unicode boundary, as short as its neighbours allow. */
export function expandBoundaries(source: string): string {
  try {
    return new BoundaryWriter(source).write();
  } catch {
    // Whatever the reader does not follow gets the full form everywhere, as before.
    return source.replace(/\\\\|\\b/g, (token) => (token === '\\b' ? UNICODE_BOUNDARY : token));
  }
}

function kindOf(char: string): Kind {
  return IS_WORD.test(char) ? 'word' : 'other';
}

function same(kinds: Kind[]): Kind {
  return kinds.length > 0 && kinds.every((kind) => kind === kinds[0]) ? kinds[0] : undefined;
}

/** The kind all the possibilities share, leaving out those that consume nothing. */
function sameIgnoringEmpty(kinds: Array<Kind | 'empty'>): Kind | 'empty' {
  const consuming = kinds.filter((kind) => kind !== 'empty');
  if (consuming.length === 0) return 'empty';
  return same(consuming as Kind[]);
}

class BoundaryWriter {
  private i = 0;
  constructor(private readonly source: string) {}

  write(): string {
    const alternation = this.alternation();
    if (this.i !== this.source.length) throw new Error('unbalanced');
    return alternation.text;
  }

  private alternation(): Edges {
    const branches = [this.sequence()];
    while (this.source[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return {
      text: branches.map((b) => b.text).join('|'),
      first: sameIgnoringEmpty(branches.map((b) => b.first)),
      last: sameIgnoringEmpty(branches.map((b) => b.last)),
      nullable: branches.some((b) => b.nullable),
    };
  }

  private sequence(): Edges {
    const parts: Part[] = [];
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') parts.push(this.quantified());
    // The kind of what is consumed first from position k on (step 1) or last before
    // it (step −1): every part that may match nothing adds its own edge, up to the
    // first that must match something. `end`: nothing there is sure to match.
    const neighbour = (from: number, step: 1 | -1): { kind: Kind | 'empty'; end: boolean } => {
      const kinds: Array<Kind | 'empty'> = [];
      for (let k = from; k >= 0 && k < parts.length; k += step) {
        if (parts[k].zeroWidth) continue;
        kinds.push(step === 1 ? parts[k].first : parts[k].last);
        if (!parts[k].optional) return { kind: sameIgnoringEmpty(kinds), end: false };
      }
      return { kind: sameIgnoringEmpty(kinds), end: true };
    };
    const text = parts
      .map((part, k) => {
        if (!part.boundary) return part.text;
        const next = neighbour(k + 1, 1);
        if (!next.end && next.kind === 'word') return NOT_AFTER_WORD;
        if (!next.end && next.kind === 'other') return AFTER_WORD;
        const previous = neighbour(k - 1, -1);
        if (!previous.end && previous.kind === 'word') return NOT_BEFORE_WORD;
        if (!previous.end && previous.kind === 'other') return BEFORE_WORD;
        return UNICODE_BOUNDARY;
      })
      .join('');
    const first = neighbour(0, 1);
    return { text, first: first.kind, last: neighbour(parts.length - 1, -1).kind, nullable: first.end };
  }

  private quantified(): Part {
    const part = this.atom();
    const rest = this.source.slice(this.i);
    const quantifier = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(rest)?.[0];
    if (!quantifier) return part;
    if (part.boundary) throw new Error('quantified boundary'); // \b? : left to the fallback
    this.i += quantifier.length;
    const min = quantifier[0] === '+' ? 1 : quantifier[0] === '{' ? Number(/\d+/.exec(quantifier)![0]) : 0;
    return { ...part, text: part.text + quantifier, optional: part.optional || min === 0 };
  }

  private atom(): Part {
    const char = this.source[this.i];
    if (char === '(') return this.group();
    if (char === '[') return this.characterClass();
    if (char === '\\') return this.escape();
    this.i++;
    if (char === '^' || char === '$') return { text: char, first: undefined, last: undefined, zeroWidth: true, optional: false };
    if (char === '.') return consuming(char, undefined);
    if (/[\uD800-\uDFFF]/.test(char)) return consuming(char, undefined); // half of an astral literal: not judged
    return consuming(char, kindOf(char));
  }

  private group(): Part {
    const prefix = /^\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/.exec(this.source.slice(this.i))![0];
    if (prefix === '(?') throw new Error('unknown group');
    this.i += prefix.length;
    const inner = this.alternation();
    if (this.source[this.i] !== ')') throw new Error('unclosed group');
    this.i++;
    const lookaround = ['(?=', '(?!', '(?<=', '(?<!'].includes(prefix);
    const text = `${prefix}${inner.text})`;
    if (lookaround) return { text, first: undefined, last: undefined, zeroWidth: true, optional: false };
    return { text, first: inner.first, last: inner.last, zeroWidth: false, optional: inner.nullable };
  }

  private characterClass(): Part {
    const start = this.i;
    this.i++;
    const negated = this.source[this.i] === '^';
    if (negated) this.i++;
    const kinds: Kind[] = [];
    while (this.i < this.source.length && this.source[this.i] !== ']') {
      let kind: Kind;
      let low: string | undefined;
      if (this.source[this.i] === '\\') {
        const escaped = this.readEscape();
        kind = escaped.kind;
        low = escaped.char;
      } else {
        low = this.source[this.i];
        kind = /[\uD800-\uDFFF]/.test(low) ? undefined : kindOf(low);
        this.i++;
      }
      if (this.source[this.i] === '-' && this.source[this.i + 1] !== ']' && this.i + 1 < this.source.length) {
        // A range: judged by every character in it, when it is small.
        this.i++;
        let high: string | undefined;
        if (this.source[this.i] === '\\') high = this.readEscape().char;
        else high = this.source[this.i++];
        kind = low !== undefined && high !== undefined ? rangeKind(low, high) : undefined;
      }
      kinds.push(kind);
    }
    if (this.source[this.i] !== ']') throw new Error('unclosed class');
    this.i++;
    return consuming(this.source.slice(start, this.i), negated ? undefined : same(kinds));
  }

  /** One escape inside a class: its kind, and the character it stands for when it is one. */
  private readEscape(): { kind: Kind; char?: string } {
    const next = this.source[this.i + 1];
    this.i += 2;
    if (next === undefined) throw new Error('trailing backslash');
    if (next === 'p' || next === 'P') {
      const name = /^\{([^}]*)\}/.exec(this.source.slice(this.i));
      if (!name) throw new Error('bad property');
      this.i += name[0].length;
      return { kind: next === 'p' && WORD_PROPERTIES.test(name[1]) ? 'word' : undefined };
    }
    if (next === 'u' || next === 'x') {
      const code = /^(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{4})|([0-9A-Fa-f]{2}))/.exec(this.source.slice(this.i));
      if (!code) throw new Error('bad escape');
      this.i += code[0].length;
      const value = parseInt(code[1] ?? code[2] ?? code[3], 16);
      if (value >= 0xd800 && value <= 0xdfff) return { kind: undefined };
      const char = String.fromCodePoint(value);
      return { kind: kindOf(char), char };
    }
    if (next === 'c') {
      this.i++; // the control letter
      return { kind: 'other' };
    }
    if (/[1-9]/.test(next)) {
      while (/[0-9]/.test(this.source[this.i] ?? '')) this.i++; // a back-reference: \12 is one
      return { kind: undefined };
    }
    if (next === 'd' || next === 'w') return { kind: 'word' };
    if (next === 's') return { kind: 'other' };
    if (next === '0') return { kind: 'other' };
    if ('DWS'.includes(next) || next === 'k' || next === 'b' || next === 'B') return { kind: undefined };
    const control: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v' };
    const char = control[next] ?? next;
    return { kind: kindOf(char), char };
  }

  private escape(): Part {
    const next = this.source[this.i + 1];
    if (next === 'b') {
      this.i += 2;
      return { text: '\\b', first: undefined, last: undefined, zeroWidth: true, optional: false, boundary: true };
    }
    if (next === 'B') {
      this.i += 2;
      return { text: '\\B', first: undefined, last: undefined, zeroWidth: true, optional: false };
    }
    if (next === 'k') {
      const name = /^\\k<[^>]*>/.exec(this.source.slice(this.i));
      if (!name) throw new Error('bad back-reference');
      this.i += name[0].length;
      return consuming(name[0], undefined);
    }
    const start = this.i;
    const { kind } = this.readEscape();
    return consuming(this.source.slice(start, this.i), kind);
  }
}

function consuming(text: string, first: Kind | 'empty', last: Kind | 'empty' = first): Part {
  return { text, first, last, zeroWidth: false, optional: false };
}

function rangeKind(low: string, high: string): Kind {
  const from = low.codePointAt(0)!;
  const to = high.codePointAt(0)!;
  if (to < from || to - from > 2000) return undefined;
  const kinds: Kind[] = [];
  for (let code = from; code <= to; code++) kinds.push(code >= 0xd800 && code <= 0xdfff ? undefined : kindOf(String.fromCodePoint(code)));
  return same(kinds);
}
