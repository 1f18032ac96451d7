/**
 * One pass over the text for every pattern rule: an Aho–Corasick automaton over
 * the rules' keywords (keywords.ts) finds, in one scan, which paragraphs hold
 * which keywords. A rule whose keywords are absent does not run at all (its
 * expression is not even compiled); a rule whose matches cannot span a line
 * break is searched only from the paragraphs where its keywords occur. Results
 * are the same as searching the whole text (test/engine/prefilter.test.ts
 * compares both on generated texts).
 *
 * Case: a case-insensitive expression (`iu`) matches a character when their
 * simple case foldings agree (« ſ » matches « s », « K » the Kelvin sign), which
 * `toLowerCase` does not reproduce. Text and keywords are mapped through the
 * same folding, computed by asking the regular expression engine itself, so a
 * keyword is found wherever the expression could match it.
 */

export interface Searchable {
  /** Keywords one of which every match contains; undefined: the search runs everywhere. */
  keywords?: string[];
  /** May a match contain a line break? Then it is searched from the first paragraph that holds a keyword. */
  crossesLines: boolean;
  /**
   * The longest match, in UTF-16 units (keywords.ts, `matchBounds`), when the
   * search is one the prefilter may narrow to the places of its keywords
   * rather than their paragraphs; undefined otherwise.
   */
  maxLength?: number;
  /** Keywords every match begins with (keywords.ts, `leadingKeywords`): the prefilter then says where each occurs. */
  leading?: string[];
  /** Character classes each of which every match needs (keywords.ts, `requiredClasses`): the search runs only in paragraphs holding all of them. */
  classes?: string[];
  /** The classes' case: as the search's own expression (`i` unless true). */
  caseSensitive?: boolean;
}

/** Where the keywords of each search were found in one text. */
export interface KeywordHits {
  /**
   * Start offsets of the paragraphs (lines) holding a keyword of `search`, in
   * order; an empty list means the search cannot match; undefined, that the
   * search has no keywords and runs everywhere.
   */
  lineStarts(search: Searchable): number[] | undefined;
  /** End of the line that starts at `start` (the offset of its `\n`, or the text's length). */
  lineEnd(start: number): number;
  /**
   * For a search with a `maxLength`: where its matches can start, as sorted,
   * disjoint ranges `[from, to]` (both included) flattened into one list: a
   * match holds a keyword occurrence [s, e) and is at most `maxLength` long, so
   * it starts in [e − maxLength, s], never before its paragraph. Undefined for
   * other searches.
   */
  starts(search: Searchable): ArrayLike<number> | undefined;
  /** For a search with `leading` keywords: where one of them begins, in order; undefined for other searches. */
  leadingStarts(search: Searchable): ArrayLike<number> | undefined;
}

export interface SerialisedPrefilter {
  searches: number;
  keys: number[];
  targets: number[];
  out: number[][];
  fail: number[];
  outLink: number[];
  depth: number[];
}

// The automaton in flat form (it is built at every start: 8,000 states from 279
// searches): one map of transitions keyed by state and character, arrays of links.
const KEY = 0x10000;

/** What a search without a hit gets, shared (never written to). */
const NO_LINES: number[] = [];
const NO_RANGES = new Int32Array(0);

export class Prefilter {
  private readonly next = new Map<number, number>();
  private fail: Int32Array = new Int32Array(0);
  /** Nearest state along the fail chain (itself included) where a keyword ends; -1: none. */
  private outLink: Int32Array = new Int32Array(0);
  private out: number[][] = [[]];
  /** Length of the keyword that ends at each state (its depth in the trie). */
  private depth: number[] = [0];
  private readonly searches: Searchable[] = [];
  private readonly slot = new Map<Searchable, number>();
  /** A search's `leading` keywords are an entry of their own in `searches`, at this slot. */
  private readonly leadSlot = new Map<Searchable, number>();
  private readonly fold: CaseFolding;

  /**
   * `cached` is what `serialise` gave for the same keywords (the checker keeps it
   * next to the rule cache): the automaton is read back instead of built.
   */
  constructor(searches: Searchable[], cached?: SerialisedPrefilter) {
    const alphabet = new Set<string>();
    for (const search of searches) for (const keyword of [...(search.keywords ?? []), ...(search.leading ?? [])]) for (const char of keyword.toLowerCase()) alphabet.add(char);
    this.fold = new CaseFolding([...alphabet].sort());
    for (const search of Prefilter.entries(searches)) {
      if (search.leadOf) this.leadSlot.set(search.leadOf, this.searches.length);
      else this.slot.set(search, this.searches.length);
      this.searches.push(search);
    }
    if (cached && cached.searches === this.searches.length) {
      for (let i = 0; i < cached.keys.length; i++) this.next.set(cached.keys[i], cached.targets[i]);
      this.out = cached.out;
      this.fail = Int32Array.from(cached.fail);
      this.outLink = Int32Array.from(cached.outLink);
      this.depth = cached.depth;
      return;
    }
    this.searches.forEach((search, id) => {
      for (const keyword of search.keywords!) this.insert(this.fold.string(keyword), id);
    });
    this.link();
  }

  /** The automaton as plain data, to build it once per rule pack rather than at every start. */
  serialise(): SerialisedPrefilter {
    return { searches: this.searches.length, keys: [...this.next.keys()], targets: [...this.next.values()], out: this.out, fail: [...this.fail], outLink: [...this.outLink], depth: this.depth };
  }

  /** What identifies an automaton: every entry's keywords, in order. */
  static signature(searches: Searchable[]): string {
    return JSON.stringify(Prefilter.entries(searches).map((search) => search.keywords));
  }

  /** The automaton's entries: each search with keywords once, then the leading keywords of those that have them. */
  private static entries(searches: Searchable[]): Array<Searchable & { leadOf?: Searchable }> {
    const seen = new Set<Searchable>();
    const withKeywords = searches.filter((search) => search.keywords && !seen.has(search) && seen.add(search));
    const leads = withKeywords.filter((search) => search.leading).map((search) => ({ keywords: search.leading, crossesLines: true, leadOf: search }));
    return [...withKeywords, ...leads];
  }

  get size(): number {
    return this.searches.length;
  }

  private insert(keyword: string, id: number): void {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const key = state * KEY + keyword.charCodeAt(i);
      let next = this.next.get(key);
      if (next === undefined) {
        next = this.out.length;
        this.out.push([]);
        this.depth.push(i + 1);
        this.next.set(key, next);
      }
      state = next;
    }
    if (!this.out[state].includes(id)) this.out[state].push(id);
  }

  /** Breadth-first failure links, and for each state the nearest one on its fail chain where a keyword ends. */
  private link(): void {
    const states = this.out.length;
    this.fail = new Int32Array(states);
    this.outLink = new Int32Array(states).fill(-1);
    const children: Array<Array<[number, number]>> = Array.from({ length: states }, () => []);
    for (const [key, child] of this.next) children[Math.floor(key / KEY)].push([key % KEY, child]);
    const queue: number[] = [];
    for (const [, child] of children[0]) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      this.outLink[state] = this.out[state].length > 0 ? state : this.outLink[this.fail[state]];
      for (const [code, child] of children[state]) {
        let fail = this.fail[state];
        let target = this.next.get(fail * KEY + code);
        while (target === undefined && fail !== 0) {
          fail = this.fail[fail];
          target = this.next.get(fail * KEY + code);
        }
        this.fail[child] = target ?? 0;
        queue.push(child);
      }
    }
  }

  /** Per entry, worked out once: the longest match (-1: none known, no start ranges kept), and whether it is a search's leading keywords (1). */
  /**
   * The transitions as one array, state by state over the keywords' characters
   * (`letters`: each folded unit's column, 0 for a unit in no keyword), made at
   * the first scan: a map look-up per character of the text was most of the
   * scan (about 50 ms on 96k words). Undefined past `Prefilter.denseMaxCells`
   * cells (a pack far bigger than ours), which keeps the map.
   */
  private denseMoves(): { letters: Uint16Array; moves: Int32Array; width: number } | undefined {
    if (this.dense !== undefined) return this.dense ?? undefined;
    const letters = new Uint16Array(KEY);
    let width = 1;
    for (const key of this.next.keys()) {
      const code = key % KEY;
      if (letters[code] === 0) letters[code] = width++;
    }
    const states = this.out.length;
    if (states * width > Prefilter.denseMaxCells) {
      this.dense = null;
      return undefined;
    }
    const moves = new Int32Array(states * width).fill(-1);
    for (const [key, target] of this.next) moves[Math.floor(key / KEY) * width + letters[key % KEY]] = target;
    this.dense = { letters, moves, width };
    return this.dense;
  }

  private dense: { letters: Uint16Array; moves: Int32Array; width: number } | null | undefined;

  /** Characters of short texts scanned through the map while the table was not filled (see `scan`). */
  private mapChars = 0;

  /** 4 bytes a cell: 16 MB at most (the pack's automaton: about 10,000 states × 60 characters, 2.4 MB). */
  static denseMaxCells = 4_000_000;

  /** Texts from this length are scanned with the one-array table (`denseMoves`); shorter ones too once this many of their characters went through the map. */
  static denseMinChars = 20_000;

  private perSearch(): { maxLengths: number[]; leads: Uint8Array } {
    if (this.perSearchBuilt) return this.perSearchBuilt;
    const maxLengths = this.searches.map((search) => search.maxLength ?? -1);
    const leads = new Uint8Array(this.searches.length);
    for (const id of this.leadSlot.values()) leads[id] = 1;
    return (this.perSearchBuilt = { maxLengths, leads });
  }

  private perSearchBuilt: { maxLengths: number[]; leads: Uint8Array } | undefined;

  /**
   * One pass over `text`: the paragraphs where each search's keywords occur.
   * `pointBudget` bounds the places of leading keywords kept in all (4 bytes
   * each): past it, the search whose keyword just began drops its own and is
   * searched as one without them (the same matches, found the slower way), so
   * that a long text (8× the corpus: 12 million places) costs no more memory.
   */
  scan(text: string, pointBudget = POINT_BUDGET): KeywordHits {
    // Each search's lists are made at its first keyword hit: a paragraph re-checked in the review app
    // holds the keywords of a few of the ~300 searches, and making every list up front (an array and
    // two 64-entry buffers each) was half of the check of a short paragraph, with its collections (issue #15).
    const lines: Array<number[] | undefined> = new Array(this.searches.length);
    // Where a match can start, merged as the keywords are found (see `StartRanges`), only for
    // the searches that can use them: keeping every keyword's place cost 142 MB at 8× the corpus.
    const places: Array<StartRanges | undefined> = new Array(this.searches.length);
    // A leading keyword's places; null: dropped, past the budget.
    const points: Array<Points | null | undefined> = new Array(this.searches.length);
    const { maxLengths, leads } = this.perSearch();
    let pointsKept = 0;
    const { next, fail, outLink, out, depth } = this;
    const fold = this.fold.table(text);
    // A short text (a start's one sentence, an edited paragraph) keeps the map while the table is not filled: filling
    // it costs about 2 ms. Once this automaton has scanned as many characters of short texts through the map as a long
    // text holds (a server re-checking a paragraph at each accept), the table is filled and every text uses it (issue #15).
    let dense: { letters: Uint16Array; moves: Int32Array; width: number } | undefined;
    if (text.length >= Prefilter.denseMinChars) dense = this.denseMoves();
    else if (this.dense === undefined && (this.mapChars += text.length) >= Prefilter.denseMinChars) dense = this.denseMoves();
    else dense = this.dense ?? undefined;
    let state = 0;
    let lineStart = 0;
    const lineStartsOfText = [0];
    for (let i = 0; i < text.length; i++) {
      const raw = text.charCodeAt(i);
      if (raw === 10) {
        lineStart = i + 1;
        lineStartsOfText.push(lineStart);
        state = 0; // no keyword holds a line break (keywords.ts leaves them out)
        continue;
      }
      const code = fold[raw];
      if (dense) {
        const letter = dense.letters[code];
        // A character of no keyword: back to the root, where no keyword ends.
        if (letter === 0) {
          state = 0;
          continue;
        }
        const { moves, width } = dense;
        let target = moves[state * width + letter];
        while (target < 0 && state !== 0) {
          state = fail[state];
          target = moves[state * width + letter];
        }
        state = target < 0 ? 0 : target;
      } else {
        let target = next.get(state * KEY + code);
        while (target === undefined && state !== 0) {
          state = fail[state];
          target = next.get(state * KEY + code);
        }
        state = target ?? 0;
      }
      for (let hit = outLink[state]; hit > 0; hit = outLink[fail[hit]]) {
        const ids = out[hit];
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k];
          const list = lines[id];
          if (list === undefined) lines[id] = [lineStart];
          else if (list[list.length - 1] !== lineStart) list.push(lineStart);
          if (maxLengths[id] >= 0) (places[id] ??= new StartRanges(maxLengths[id], this.searches[id].crossesLines)).add(i + 1 - depth[hit], i + 1, lineStart);
          if (leads[id] === 0) continue;
          const kept = points[id];
          if (kept === null) continue;
          if (pointsKept < pointBudget) {
            (points[id] ??= new Points()).add(i + 1 - depth[hit]);
            pointsKept++;
          } else {
            pointsKept -= kept?.size ?? 0;
            points[id] = null;
          }
        }
      }
    }
    const lineEnd = (start: number) => {
      const end = text.indexOf('\n', start);
      return end === -1 ? text.length : end;
    };
    const classLines = new ClassLines(text, lineStartsOfText);
    const narrowed = new Map<Searchable, number[] | undefined>();
    const lineStarts = (search: Searchable): number[] | undefined => {
      const id = this.slot.get(search);
      const keywordLines = id === undefined ? undefined : (lines[id] ?? NO_LINES);
      if (!search.classes) return keywordLines;
      if (narrowed.has(search)) return narrowed.get(search);
      let found = keywordLines;
      for (const cls of search.classes) {
        if (found?.length === 0) break; // no keyword: the classes need not be looked for
        const withClass = classLines.of(cls, search.caseSensitive === true);
        // A match that may span lines may take its class from another paragraph: only a text without one is skipped.
        if (search.crossesLines) found = withClass.length === 0 ? [] : found;
        else found = found ? intersect(found, withClass) : withClass;
      }
      narrowed.set(search, found);
      return found;
    };
    return {
      lineStarts,
      lineEnd,
      starts: (search) => {
        const id = this.slot.get(search);
        const ranges = id === undefined || maxLengths[id] < 0 ? undefined : (places[id]?.ranges() ?? NO_RANGES);
        // Only the ranges in paragraphs holding the search's classes.
        return ranges && search.classes && !search.crossesLines ? inLines(ranges, lineStarts(search)!, lineEnd) : ranges;
      },
      leadingStarts: (search) => {
        const id = this.leadSlot.get(search);
        if (id === undefined) return undefined;
        const kept = points[id];
        return kept === null ? undefined : (kept?.sorted() ?? NO_RANGES);
      },
    };
  }
}

/**
 * The paragraphs (line starts, in order) holding a character of a class, found
 * once per class and scan by the class's own expression: a few milliseconds a
 * class on 96k words, where the rules on numbers spent tens each.
 */
class ClassLines {
  private readonly found = new Map<string, number[]>();
  private distinct?: string[] | null;

  /** `starts`: every line's start, in order (the scan's). */
  constructor(
    private readonly text: string,
    private readonly starts: number[],
  ) {}

  of(cls: string, caseSensitive: boolean): number[] {
    const key = `${caseSensitive ? 'c' : 'i'}${cls}`;
    let lines = this.found.get(key);
    if (lines) return lines;
    lines = [];
    const regex = this.scanner(cls, caseSensitive);
    this.found.set(key, lines);
    if (!regex) return lines;
    const { text, starts } = this;
    // Matches come in order: the line of each is found walking forward, then the search goes on at the next line.
    let line = 0;
    for (let match = regex.exec(text); match !== null; match = regex.exec(text)) {
      while (line + 1 < starts.length && starts[line + 1] <= match.index) line++;
      lines.push(starts[line]);
      if (line + 1 === starts.length) break;
      regex.lastIndex = starts[line + 1];
    }
    return lines;
  }

  /**
   * An expression finding the class's characters in this text: the text's own
   * characters that the class matches, as a plain list (undefined: none there).
   * A Unicode property scanned along the text cost 27 ms on 96k words (`\p{N}`,
   * every character tested against its ranges), the list 0.5 ms. A text with a
   * surrogate pair is scanned with the class itself (a pair is one character to it).
   */
  private scanner(cls: string, caseSensitive: boolean): RegExp | undefined {
    const own = this.characters();
    if (!own) return new RegExp(cls, caseSensitive ? 'gu' : 'giu');
    const test = new RegExp(cls, caseSensitive ? 'u' : 'iu');
    const members = own.filter((char) => test.test(char));
    if (members.length === 0) return undefined;
    return new RegExp(`[${members.map((char) => (/[\\\]\[^-]/.test(char) ? `\\${char}` : char)).join('')}]`, 'g');
  }

  /** The text's distinct UTF-16 units, found once; undefined when it holds a surrogate. */
  private characters(): string[] | undefined {
    if (this.distinct !== undefined) return this.distinct ?? undefined;
    // One table for every scan, cleared of this text's units after: a short paragraph re-checked in the
    // review app paid for zeroing 64 KB each time.
    const seen = SEEN_UNITS;
    const codes: number[] = [];
    const { text } = this;
    let surrogate = false;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (seen[code]) continue;
      if (code >= 0xd800 && code <= 0xdfff) {
        surrogate = true;
        break;
      }
      seen[code] = 1;
      codes.push(code);
    }
    for (const code of codes) seen[code] = 0;
    if (surrogate) {
      this.distinct = null;
      return undefined;
    }
    const units = codes.map((code) => String.fromCharCode(code));
    this.distinct = units;
    return units;
  }
}

/** ClassLines.characters's table of units seen, all zero between its calls. */
const SEEN_UNITS = new Uint8Array(65536);

/** The line starts in both sorted lists. */
function intersect(a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      out.push(a[i]);
      i++;
      j++;
    }
  }
  return out;
}

/** The [from, to] ranges (flat, sorted) that overlap one of `lines` (line starts, sorted). */
function inLines(ranges: Int32Array, lines: number[], lineEnd: (start: number) => number): Int32Array {
  const kept: number[] = [];
  let line = 0;
  let end = lines.length > 0 ? lineEnd(lines[0]) : 0;
  for (let k = 0; k < ranges.length; k += 2) {
    const from = ranges[k];
    const to = ranges[k + 1];
    while (line < lines.length && end < from) if (++line < lines.length) end = lineEnd(lines[line]);
    if (line === lines.length) break;
    if (lines[line] <= to) kept.push(from, to);
  }
  return Int32Array.from(kept);
}

/**
 * From keyword places (start, end and paragraph start, in order of end) to the
 * merged ranges where a match of at most `maxLength` units can start: in the
 * keyword's paragraph, unless a match may run over a line break. Merged as the
 * places come, in 32-bit integers: a common keyword occurs a million times in a
 * long text.
 */
class StartRanges {
  private data = new Int32Array(64);
  private length = 0;

  constructor(
    private readonly maxLength: number,
    private readonly crossesLines: boolean,
  ) {}

  add(start: number, end: number, lineStart: number): void {
    const from = Math.max(end - this.maxLength, this.crossesLines ? 0 : lineStart);
    const to = start;
    if (from > to) return; // a keyword longer than any match: cannot happen, but never widen
    const last = this.length - 1;
    // Ends come in order, so starts (end − maxLength, or a later paragraph's start) do too.
    if (last > 0 && from <= this.data[last] + 1) {
      this.data[last] = Math.max(this.data[last], to);
      return;
    }
    if (this.length + 2 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = from;
    this.data[this.length++] = to;
  }

  /** [from, to] pairs, flat, in order. */
  ranges(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Places of leading keywords one scan keeps at most: 4 MB (the 96k-word text has 151,000). */
const POINT_BUDGET = 1 << 20;

/** Where leading keywords begin, as found (in order of their ends), sorted when asked for. */
class Points {
  private data = new Int32Array(64);
  private length = 0;
  private inOrder = true;

  get size(): number {
    return this.length;
  }

  add(start: number): void {
    if (this.length > 0 && start < this.data[this.length - 1]) this.inOrder = false;
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = start;
  }

  sorted(): Int32Array {
    const points = this.data.subarray(0, this.length);
    if (!this.inOrder) {
      points.sort();
      this.inOrder = true;
    }
    return points;
  }
}

/**
 * Maps each UTF-16 unit to one representative of its class under the regular
 * expression engine's case-insensitive (u-mode) comparison, restricted to the
 * keywords' alphabet: a unit that matches no keyword character maps to itself.
 * The table is filled lazily, for the characters the texts actually contain.
 */
class CaseFolding {
  private readonly map = new Uint16Array(65536);
  private readonly known = new Uint8Array(65536);
  private readonly alphabet: Set<string>;
  private tests?: Array<{ char: string; regex: RegExp }>;

  constructor(private readonly sortedAlphabet: string[]) {
    this.alphabet = new Set(sortedAlphabet);
  }

  private unit(code: number): number {
    if (this.known[code]) return this.map[code];
    let folded = code;
    const char = String.fromCharCode(code);
    const lower = char.toLowerCase();
    if (code < 0x80 && (!/[A-Za-z]/.test(char) || this.alphabet.has(lower))) {
      // ASCII: punctuation and digits have no case; a letter's class holds its lower-case
      // form, which sorts before any other member (ſ, the Kelvin sign), so it represents it.
      if (this.alphabet.has(lower)) folded = lower.charCodeAt(0);
    } else if (code < 0xd800 || code > 0xdfff) {
      // Lone surrogates cannot be tested one at a time in u-mode; keywords are BMP text.
      this.tests ??= this.sortedAlphabet.filter((c) => c.length === 1).map((c) => ({ char: c, regex: new RegExp(`^${c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}$`, 'iu') }));
      const hit = this.tests.find((test) => test.regex.test(char));
      if (hit) folded = hit.char.charCodeAt(0);
    }
    this.map[code] = folded;
    this.known[code] = 1;
    return folded;
  }

  string(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++) out += String.fromCharCode(this.unit(text.charCodeAt(i)));
    return out;
  }

  /** The folding table, filled in for every unit of `text`. */
  table(text: string): Uint16Array {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (!this.known[code]) this.unit(code);
    }
    return this.map;
  }
}
