/**
 * What a rule's regular expression needs to find in a text before it can match:
 * a set of literal keywords, one of which every match contains (`avec` for
 * `\b(rencontr\p{L}*) avec\b`, `{l’objectif, l'objectif}` for `l[’']objectif`).
 * The prefilter (prefilter.ts) looks for every rule's keywords in one pass over
 * the text, so that a rule's expression only runs where one of them occurs.
 *
 * The analysis is conservative: whatever it does not understand (a character
 * class with a range, a back-reference, an optional part) requires nothing, and a
 * pattern it cannot give keywords for simply runs everywhere, as before.
 */

/** A node's contribution: the exact strings it can match (when few and known), and a keyword set its matches always contain. */
interface Facts {
  /** Every string the node can match, when that set is small and known. */
  exact?: string[];
  /** One of these is a substring of every match. */
  required?: string[];
  /** Every match begins with one of these (none empty). */
  prefix?: string[];
  /** Character classes (their source) each of which has a character in every match or in a positive lookaround of it. */
  classes?: string[];
}

const MAX_EXACT = 64;
const MAX_KEYWORD = 40;

/** What the parser reads of `source`; undefined for an expression it does not follow (no keywords then). */
function factsOf(source: string): Facts | undefined {
  try {
    return new Parser(source).parse();
  } catch {
    return undefined;
  }
}

/**
 * Keywords, one of which occurs (as typed: the caller folds case) in every
 * match of `source`; undefined when the analysis finds none worth having.
 */
export function requiredKeywords(source: string): string[] | undefined {
  const facts = factsOf(source);
  if (!facts) return undefined;
  const best = pick([facts.required, facts.exact]);
  // The prefilter reads the text line by line: a keyword with a line break would never be seen.
  if (!best || best.some((k) => k.length === 0 || k.includes('\n'))) return undefined;
  return [...new Set(best)];
}

/**
 * Keywords one of which every match of `source` begins with, what zero-width
 * assertions come first aside (`en` for `(?<=augment\p{L}* )en(?= \d)`, the
 * capitalised and lower-case words of `(?:[Bb]eaucoup|\b[Pp]lusieurs) d’eux`):
 * a match can then only start where one of them occurs (params.ts tries the
 * expression there alone). Undefined when some match may begin otherwise, or
 * when a keyword would be a single unit (tried everywhere, it would save little).
 */
export function leadingKeywords(source: string): string[] | undefined {
  const facts = factsOf(source);
  if (!facts) return undefined;
  const prefix = prefixOf(facts);
  if (!prefix || prefix.length > MAX_EXACT) return undefined;
  // A keyword that starts with a surrogate could start inside a pair, where a u-mode search never starts.
  if (prefix.some((k) => k.length < 2 || k.includes('\n') || /^[\uD800-\uDFFF]/.test(k))) return undefined;
  return [...new Set(prefix)];
}

/**
 * Character classes (as written: `\p{N}`, `[0-5]`, `[áíóúñãõ¿¡]`) each of which
 * matches a character of every match of `source` or of a positive lookaround
 * around it: a paragraph without one cannot hold a match of an expression that
 * cannot cross a line (mayMatchLineBreak), a text without one no match at all.
 * The prefilter (prefilter.ts) finds the paragraphs holding each class: digits
 * are rare in prose, so the rules on numbers (keywords « . » or « h » otherwise,
 * everywhere) run in few paragraphs. Classes that match a common letter or a
 * space are left out: every paragraph holds one.
 */
export function requiredClasses(source: string): string[] | undefined {
  const classes = factsOf(source)?.classes?.filter((cls) => {
    try {
      return !new RegExp(cls, 'iu').test('ea \u00A0');
    } catch {
      return false;
    }
  });
  return classes && classes.length > 0 ? classes : undefined;
}

function prefixOf(facts: Facts): string[] | undefined {
  if (facts.prefix) return facts.prefix;
  return facts.exact && facts.exact.every((k) => k !== '') ? facts.exact : undefined;
}

/**
 * Can a match contain a line break? Only then may it span two paragraphs; a
 * pattern that cannot is searched paragraph by paragraph. Conservative: any
 * construct that might match `\n` (`\s`, a negated class that does not leave out
 * `\n` or `\s`, `\W`, `\P{…}`, an escape for a control character…) counts as yes.
 */
export function mayMatchLineBreak(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\n' || char === '\r') return true;
    if (inClass && char === ']') inClass = false;
    else if (!inClass && char === '[') {
      if (source[i + 1] === '^') {
        // A negated class that leaves out \n or \s (`[^"\n]`, `[^\S\n]`, `[^.;!?\n]`) cannot match one, whatever else it holds.
        const end = lineFeedExcludedUntil(source, i + 2);
        if (end === -1) return true;
        i = end;
        continue;
      }
      inClass = true;
      // A `]` first in a class is a literal one.
      if (source[i + 1] === ']') i++;
    }
    // Outside a class `.` is any character but a line break (no `s` flag today, but a rule might gain one);
    // inside one it is a full stop: « [.,] » cannot cross a paragraph (it made 40 rules run on the whole text).
    else if (char === '.' && !inClass) return true;
    if (char !== '\\') continue;
    const next = source[i + 1];
    // Lines are cut at \n alone (a \r stays in its line): only what can match \n counts.
    if ('sWDn'.includes(next)) return true;
    if (next === 'P') return true;
    if (next === 'c' && /^[Jj]/.test(source.slice(i + 2))) return true;
    if (next === 'u' || next === 'x') {
      const code = /^(?:\{([0-9A-Fa-f]+)\}|([0-9A-Fa-f]{4})|([0-9A-Fa-f]{2}))/.exec(source.slice(i + 2));
      const value = code ? parseInt(code[1] ?? code[2] ?? code[3], 16) : NaN;
      if (Number.isNaN(value) || value === 0x0a) return true;
    }
    if (next === 'p') {
      const name = /^\{([^}]*)\}/.exec(source.slice(i + 2))?.[1] ?? '';
      // Letters, marks, numbers, punctuation, symbols, separators and scripts never include a line feed.
      if (!/^(?:L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|Letter|Mark|Number|Punctuation|Symbol|Uppercase_Letter|Lowercase_Letter|Lu|Ll|(?:sc|Script|scx|Script_Extensions)=\w+|Alphabetic|Uppercase|Lowercase)$/.test(name)) return true;
    }
    i++;
  }
  return false;
}

/**
 * Where the negated class whose body starts at `from` (just past its `[^`) ends,
 * if the body names `\n` or `\s`; -1 otherwise (and for `[^]`, any character).
 */
function lineFeedExcludedUntil(source: string, from: number): number {
  let excluded = false;
  for (let i = from; i < source.length; i++) {
    const char = source[i];
    if (char === ']') return i > from && excluded ? i : -1;
    if (char !== '\\') continue;
    if (source[i + 1] === 'n' || source[i + 1] === 's') excluded = true;
    i++;
  }
  return -1;
}

/** The most selective keyword set: the longest shortest keyword, then the fewest keywords. */
function pick(candidates: Array<string[] | undefined>): string[] | undefined {
  let best: string[] | undefined;
  let bestScore = -1;
  for (const set of candidates) {
    if (!set || set.length === 0 || set.length > MAX_EXACT) continue;
    const shortest = Math.min(...set.map((k) => k.length));
    if (shortest === 0) continue;
    const score = Math.min(shortest, MAX_KEYWORD) * 1000 - set.length;
    if (score > bestScore) {
      best = set;
      bestScore = score;
    }
  }
  return best;
}

function concat(a: string[], b: string[]): string[] | undefined {
  if (a.length * b.length > MAX_EXACT) return undefined;
  const out: string[] = [];
  for (const x of a) for (const y of b) out.push(x + y);
  return out;
}

/** A recursive-descent reader of the JavaScript (u-mode) regular expression syntax, computing Facts. */
class Parser {
  private i = 0;
  constructor(private readonly source: string) {}

  parse(): Facts {
    const facts = this.alternation();
    if (this.i !== this.source.length) throw new Error('unbalanced');
    return facts;
  }

  private alternation(): Facts {
    const branches = [this.sequence()];
    while (this.source[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0];
    // Every branch must contribute, or the alternation as a whole requires nothing.
    const exact = branches.every((b) => b.exact) ? branches.flatMap((b) => b.exact!) : undefined;
    const perBranch = branches.map((b) => pick([b.required, b.exact]));
    const required = perBranch.every((set) => set) ? perBranch.flatMap((set) => set!) : undefined;
    const prefixes = branches.map(prefixOf);
    const prefix = prefixes.every((set) => set) ? prefixes.flatMap((set) => set!) : undefined;
    // A class every branch requires, written the same in each.
    const classes = branches[0].classes?.filter((cls) => branches.every((b) => b.classes?.includes(cls)));
    return {
      exact: exact && exact.length <= MAX_EXACT ? exact : undefined,
      required: required && required.length <= MAX_EXACT ? required : undefined,
      prefix: prefix && prefix.length <= MAX_EXACT ? prefix : undefined,
      classes: classes && classes.length > 0 ? classes : undefined,
    };
  }

  private sequence(): Facts {
    const candidates: Array<string[] | undefined> = [];
    let run: string[] | undefined = [''];
    let allExact = true;
    // What every match begins with: the exact atoms from the start, then the first other atom's own beginning.
    let lead: string[] | undefined;
    const classes = new Set<string>();
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') {
      const atom = this.quantified();
      for (const cls of atom.classes ?? []) classes.add(cls);
      candidates.push(atom.required, atom.exact);
      if (allExact && !atom.exact) {
        const own = prefixOf(atom);
        lead = (own && concat(run!, own)) ?? run;
      }
      if (atom.exact) {
        const joined: string[] | undefined = run ? concat(run, atom.exact) : undefined;
        if (joined) run = joined;
        else {
          if (allExact) lead = run; // too many to spell out further: matches begin with the run so far
          candidates.push(run);
          run = atom.exact;
          allExact = false;
        }
      } else {
        candidates.push(run);
        run = [''];
        allExact = false;
      }
    }
    candidates.push(run);
    if (allExact) lead = run;
    return { exact: allExact ? run : undefined, required: pick(candidates), prefix: lead && lead.every((k) => k !== '') ? lead : undefined, classes: classes.size > 0 ? [...classes] : undefined };
  }

  private quantified(): Facts {
    const atom = this.atom();
    const char = this.source[this.i];
    let min: number;
    let max: number;
    if (char === '*' || char === '?') [min, max] = [0, char === '*' ? Infinity : 1];
    else if (char === '+') [min, max] = [1, Infinity];
    else if (char === '{' && /^\{\d+(?:,\d*)?\}/.test(this.source.slice(this.i))) {
      const [, low, comma, high] = /^\{(\d+)(,?)(\d*)\}/.exec(this.source.slice(this.i))!;
      min = Number(low);
      max = comma ? (high ? Number(high) : Infinity) : min;
      this.i += low.length + comma.length + high.length + 1;
    } else return atom;
    this.i++;
    if (this.source[this.i] === '?') this.i++; // lazy
    if (min === 0) return {};
    const keywords = pick([atom.required, atom.exact]);
    return { exact: min === 1 && max === 1 ? atom.exact : undefined, required: keywords, prefix: prefixOf(atom), classes: atom.classes };
  }

  private atom(): Facts {
    const char = this.source[this.i];
    if (char === '(') return this.group();
    if (char === '[') return this.characterClass();
    if (char === '\\') return this.escape();
    this.i++;
    if (char === '^' || char === '$') return { exact: [''] };
    if (char === '.') return {};
    return { exact: [char] };
  }

  private group(): Facts {
    this.i++;
    let lookaround = false;
    let positive = false;
    if (this.source[this.i] === '?') {
      const rest = this.source.slice(this.i);
      const prefix = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(rest)?.[0];
      if (!prefix) throw new Error('unknown group');
      lookaround = prefix === '?=' || prefix === '?!' || prefix === '?<=' || prefix === '?<!';
      positive = prefix === '?=' || prefix === '?<=';
      this.i += prefix.length;
    }
    const inner = this.alternation();
    if (this.source[this.i] !== ')') throw new Error('unclosed group');
    this.i++;
    // A lookaround matches no text of its own; a positive one still needs its classes next to the match.
    return lookaround ? { exact: [''], classes: positive ? inner.classes : undefined } : inner;
  }

  private characterClass(): Facts {
    const start = this.i;
    this.i++;
    const negated = this.source[this.i] === '^';
    const members: string[] = [];
    let simple = !negated;
    while (this.i < this.source.length && this.source[this.i] !== ']') {
      let member: string | undefined;
      if (this.source[this.i] === '\\') {
        const escaped = this.source[this.i + 1];
        const literal = /[\\\]\[\-^.$*+?(){}|/'’]/.test(escaped) ? escaped : undefined;
        member = literal;
        this.i += 2;
        if (escaped === 'p' || escaped === 'P' || escaped === 'u' || escaped === 'x') {
          const braced = /^\{[^}]*\}|^[0-9A-Fa-f]{2,4}/.exec(this.source.slice(this.i));
          if (braced) this.i += braced[0].length;
        }
      } else {
        member = this.source[this.i];
        this.i++;
      }
      if (member === undefined) simple = false;
      else if (this.source[this.i] === '-' && this.source[this.i + 1] !== ']') simple = false; // a range
      else members.push(member);
    }
    if (this.source[this.i] !== ']') throw new Error('unclosed class');
    this.i++;
    const classes = negated ? undefined : [this.source.slice(start, this.i)];
    return simple && members.length > 0 && members.length <= 4 ? { exact: [...new Set(members)], classes } : { classes };
  }

  private escape(): Facts {
    const next = this.source[this.i + 1];
    this.i += 2;
    if (next === undefined) throw new Error('trailing backslash');
    if (next === 'b' || next === 'B') return { exact: [''] };
    if (next === 'p' || next === 'P' || next === 'k') {
      const braced = /^(?:\{[^}]*\}|<[^>]*>)/.exec(this.source.slice(this.i));
      if (braced) this.i += braced[0].length;
      return next === 'p' && braced ? { classes: [`\\p${braced[0]}`] } : {};
    }
    if (next === 'u' || next === 'x' || next === 'c') {
      const code = /^(?:\{[0-9A-Fa-f]+\}|[0-9A-Fa-f]{4}|[0-9A-Fa-f]{2}|[A-Za-z])/.exec(this.source.slice(this.i));
      if (code) this.i += code[0].length;
      return {};
    }
    if (next === 'd') return { classes: ['\\d'] };
    if (/[dDwWsStrnvf0-9]/.test(next)) return {};
    // An escaped punctuation mark stands for itself.
    return { exact: [next] };
  }
}

/**
 * Does the expression anchor on the start or end of the text (`^`, `$`)? Then it
 * answers differently on a paragraph (or any slice) cut out of the text. A `^`
 * or `$` inside a character class (`[^.!?]`) is no anchor. `anchors`: which to look for.
 */
export function hasAnchors(source: string, anchors = '^$'): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (inClass) inClass = char !== ']';
    else if (char === '[') inClass = true;
    else if (anchors.includes(char)) return true;
  }
  return false;
}

/**
 * How far a match of `source` can go, in UTF-16 units: `length`, the longest
 * match; `reach`, how far from the match's start (on either side) the
 * expression may look, lookarounds and `\b` included. Both undefined when a
 * match has no bound (`*`, `+`, a back-reference). With them, a search whose
 * keyword occurs at [s, e) need only try starts in [e − length, s], reading the
 * text from start − reach to start + reach (params.ts, `searchAll`).
 *
 * Conservative: a character class, an escape or `.` counts two units (an astral
 * character); a literal counts what it is in the source (case-insensitive
 * matching folds a BMP character only to BMP characters).
 */
export function matchBounds(source: string): { length: number; reach: number } | undefined {
  let bounds: Bounds;
  try {
    bounds = new BoundsReader(source).read();
  } catch {
    return undefined;
  }
  return Number.isFinite(bounds.length) && Number.isFinite(bounds.reach) ? bounds : undefined;
}

interface Bounds {
  length: number;
  reach: number;
}

class BoundsReader {
  private i = 0;
  constructor(private readonly source: string) {}

  read(): Bounds {
    const bounds = this.alternation();
    if (this.i !== this.source.length) throw new Error('unbalanced');
    return bounds;
  }

  private alternation(): Bounds {
    const bounds = this.sequence();
    while (this.source[this.i] === '|') {
      this.i++;
      const branch = this.sequence();
      bounds.length = Math.max(bounds.length, branch.length);
      bounds.reach = Math.max(bounds.reach, branch.reach);
    }
    return bounds;
  }

  // A sequence's parts are summed, reach too: whatever one part looks at lies
  // within the sum of what the parts before it consumed and its own reach.
  private sequence(): Bounds {
    const bounds = { length: 0, reach: 0 };
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') {
      const atom = this.quantified();
      bounds.length += atom.length;
      bounds.reach += atom.reach;
    }
    return bounds;
  }

  private quantified(): Bounds {
    const atom = this.atom();
    const char = this.source[this.i];
    let max: number;
    if (char === '*' || char === '+') max = Infinity;
    else if (char === '?') max = 1;
    else if (char === '{' && /^\{\d+(?:,\d*)?\}/.test(this.source.slice(this.i))) {
      const [whole, low, comma, high] = /^\{(\d+)(,?)(\d*)\}/.exec(this.source.slice(this.i))!;
      max = comma ? (high ? Number(high) : Infinity) : Number(low);
      this.i += whole.length - 1;
    } else return atom;
    this.i++;
    if (this.source[this.i] === '?') this.i++; // lazy
    // 0 × Infinity is NaN: an atom that consumes nothing repeated stays nothing.
    const times = (n: number) => (n === 0 ? 0 : n * max);
    return { length: times(atom.length), reach: times(atom.reach) };
  }

  private atom(): Bounds {
    const char = this.source[this.i];
    if (char === '(') return this.group();
    if (char === '[') {
      this.characterClass();
      return { length: 2, reach: 2 };
    }
    if (char === '\\') return this.escape();
    this.i++;
    if (char === '^' || char === '$') return { length: 0, reach: 2 };
    if (char === '.') return { length: 2, reach: 2 };
    return { length: 1, reach: 1 };
  }

  private group(): Bounds {
    this.i++;
    let lookaround = false;
    if (this.source[this.i] === '?') {
      const prefix = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(this.source.slice(this.i))?.[0];
      if (!prefix) throw new Error('unknown group');
      lookaround = prefix === '?=' || prefix === '?!' || prefix === '?<=' || prefix === '?<!';
      this.i += prefix.length;
    }
    const inner = this.alternation();
    if (this.source[this.i] !== ')') throw new Error('unclosed group');
    this.i++;
    return lookaround ? { length: 0, reach: inner.reach } : inner;
  }

  private characterClass(): void {
    this.i++;
    while (this.i < this.source.length && this.source[this.i] !== ']') {
      if (this.source[this.i] === '\\') this.i++;
      this.i++;
    }
    if (this.source[this.i] !== ']') throw new Error('unclosed class');
    this.i++;
  }

  private escape(): Bounds {
    const next = this.source[this.i + 1];
    this.i += 2;
    if (next === undefined) throw new Error('trailing backslash');
    // \b looks at one character on each side (two units for an astral one).
    if (next === 'b' || next === 'B') return { length: 0, reach: 2 };
    // A back-reference matches what its group did: no bound known here.
    if (next === 'k' || /[1-9]/.test(next)) return { length: Infinity, reach: Infinity };
    if (next === 'p' || next === 'P') {
      const braced = /^\{[^}]*\}/.exec(this.source.slice(this.i));
      if (braced) this.i += braced[0].length;
    } else if (next === 'u' || next === 'x' || next === 'c') {
      const code = /^(?:\{[0-9A-Fa-f]+\}|[0-9A-Fa-f]{4}|[0-9A-Fa-f]{2}|[A-Za-z])/.exec(this.source.slice(this.i));
      if (code) this.i += code[0].length;
    }
    return { length: 2, reach: 2 };
  }
}
