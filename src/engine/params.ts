import { hasAnchors, leadingKeywords, matchBounds, mayMatchLineBreak, requiredClasses, requiredKeywords } from './keywords.ts';
import type { KeywordHits, Searchable } from './prefilter.ts';
import { expandBoundaries } from './word-boundary.ts';
import { COUNT_THRESHOLDS, MAX_COUNT_THRESHOLD, type ParseOptions } from './rule-type.ts';

/** Readers for rule parameters: each throws a message that says which key is wrong. */

export function readString(definition: Record<string, unknown>, key: string, fallback?: string): string {
  const value = definition[key];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new Error(`'${key}' must be a non-empty string`);
  return value;
}

export function readNumber(definition: Record<string, unknown>, key: string, fallback: number): number {
  const value = definition[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`'${key}' must be a number`);
  return value;
}

/** A word-count threshold: a whole number from 0 (off) to MAX_COUNT_THRESHOLD. */
export function readCountThreshold(definition: Record<string, unknown>, key: string, fallback: number): number {
  const value = readNumber(definition, key, fallback);
  if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT_THRESHOLD) throw new Error(`'${key}' must be a whole number from 0 to ${MAX_COUNT_THRESHOLD} (the review app re-checks a word's sentences when its count moves within that range)`);
  if (value > 0) COUNT_THRESHOLDS.add(value);
  return value;
}

export function readBoolean(definition: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = definition[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new Error(`'${key}' must be true or false`);
  return value;
}

export function readChoice<T extends string>(definition: Record<string, unknown>, key: string, choices: readonly T[], fallback: T): T {
  const value = definition[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) throw new Error(`'${key}' must be one of ${choices.join(', ')}`);
  return value as T;
}

export function readStringList(definition: Record<string, unknown>, key: string, fallback: string[] = []): string[] {
  const value = definition[key];
  if (value === undefined) return fallback;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) {
    throw new Error(`'${key}' must be a string or a list of strings`);
  }
  return list as string[];
}

// In rule files `\b` means a Unicode word boundary: JavaScript's own `\b` only
// knows ASCII letters and would split "éventuellement" after the é (word-boundary.ts).

/**
 * A rule's regular expression, ready to search. A leading `\b` is checked in code
 * rather than in the expression: an expression that starts with a lookaround is
 * tried at every position of the text, one that starts with letters is found by
 * V8's fast literal scan (the calque pack ran six times faster this way).
 *
 * The expression is built on first use: building 300 Unicode expressions costs
 * more than a short text's whole check, and the prefilter (prefilter.ts) spares
 * most rules any use at all. `compileSearch` still builds it at once unless the
 * caller vouches for the source (`trusted`: it compiled before, in the rule cache).
 */
export interface SearchPattern extends Searchable {
  readonly regex: RegExp;
  /** The same expression, sticky: tried at one place (`leading`). */
  readonly sticky: RegExp;
  /** With `maxLength`: how far from a match's start the expression may look (keywords.ts, `matchBounds`). */
  reach?: number;
  anchored: boolean;
  /** `$` outside a class: the expression must see the text's own end (`searchInLines` would show it a paragraph's). */
  endAnchored: boolean;
  startsAtBoundary: boolean;
  caseSensitive: boolean;
}

const WORD_CHARACTER = /[\p{L}\p{M}\p{N}_]/u;

/** What the prefilter needs to know of an expression; kept in the rule cache, since working it out for 500 expressions costs a start 20 ms. */
export interface SearchFacts {
  keywords?: string[];
  crossesLines: boolean;
  /** `^` or `$`: the expression must see the whole text, not a paragraph cut out of it. */
  anchored: boolean;
  /** The longest match and how far the expression looks, when bounded (keywords.ts, `matchBounds`). */
  maxLength?: number;
  reach?: number;
  /** The expression as compiled, its `\b` written out (word-boundary.ts): reading 300 of them costs a start 12 ms. */
  expanded?: string;
  /** Keywords every match begins with (keywords.ts, `leadingKeywords`), for a search that is not bounded. */
  leading?: string[];
  /** Character classes every match needs (keywords.ts, `requiredClasses`). */
  classes?: string[];
}

export function analyseSearch(source: string): SearchFacts {
  const facts: SearchFacts = { keywords: requiredKeywords(source), crossesLines: mayMatchLineBreak(source), anchored: hasAnchors(source) };
  // An anchored search runs on the whole text (it is never narrowed); a class would change nothing there.
  const classes = facts.anchored ? undefined : requiredClasses(source);
  if (classes) facts.classes = classes;
  facts.expanded = expandBoundaries(source.startsWith('\\b') ? source.slice(2) : source);
  const bounds = matchBounds(source);
  // Only a search the prefilter narrows to its keywords' places needs them; an
  // anchor would match at the edge of the slice the search then reads.
  if (bounds && facts.keywords && !facts.anchored) Object.assign(facts, { maxLength: bounds.length, reach: bounds.reach });
  // An unbounded search whose matches begin with a keyword is tried where one begins, not at every place of its paragraphs.
  else if (!facts.anchored) {
    const leading = leadingKeywords(source);
    if (leading) facts.leading = leading;
  }
  return facts;
}

export function compileSearch(source: string, key: string, caseSensitive: boolean, options: ParseOptions = {}): SearchPattern {
  let facts = options.searchFacts?.get(source);
  if (!facts) {
    facts = analyseSearch(source);
    options.searchFacts?.set(source, facts);
  }
  let startsAtBoundary = source.startsWith('\\b') && !source.startsWith('\\b|');
  // A pattern with a top-level alternation cannot lose its first \b alone.
  if (startsAtBoundary && hasTopLevelAlternation(source.slice(2))) startsAtBoundary = false;
  const body = startsAtBoundary ? source.slice(2) : source;
  // The cached expansion is of the source without a leading \b, which is what `body` is unless the \b must stay.
  const expanded = startsAtBoundary || !source.startsWith('\\b') ? facts.expanded : undefined;
  let regex: RegExp | undefined;
  let sticky: RegExp | undefined;
  const search: SearchPattern = {
    get regex() {
      return (regex ??= compilePattern(body, key, caseSensitive, expanded));
    },
    get sticky() {
      return (sticky ??= compilePattern(body, key, caseSensitive, expanded, 'y'));
    },
    startsAtBoundary,
    caseSensitive,
    keywords: facts.keywords,
    crossesLines: facts.crossesLines,
    anchored: facts.anchored,
    endAnchored: facts.anchored && hasAnchors(source, '$'),
    maxLength: facts.maxLength,
    reach: facts.reach,
    leading: facts.leading,
    classes: facts.classes,
  };
  if (!options.trusted) void search.regex; // a broken expression fails at load, with its key
  return search;
}

/**
 * Every match of a search, in order, as `matchAll` would give them. With the
 * prefilter's `hits`, the search starts only at paragraphs holding one of its
 * keywords (or does not run when there is none): a match that cannot span lines
 * starts in the paragraph of its keyword, so the matches are the same.
 */
export function* searchAll(text: string, search: SearchPattern, hits?: KeywordHits): Generator<RegExpExecArray> {
  const lines = hits?.lineStarts(search);
  if (lines && lines.length === 0) return;
  const starts = hits?.starts(search);
  if (starts && search.reach !== undefined) {
    yield* searchAtStarts(text, search, starts, search.reach);
    return;
  }
  // A match that may span lines may start before its keyword's line: only skip the search when no keyword occurs.
  const byLine = lines !== undefined && !search.crossesLines;
  const points = hits?.leadingStarts(search);
  if (points) {
    yield* searchAtPoints(text, search, points, byLine ? lines : undefined, hits!);
    return;
  }
  if (byLine && !search.endAnchored) {
    yield* searchInLines(text, search, lines, hits!);
    return;
  }
  const { regex } = search;
  regex.lastIndex = byLine ? lines[0] : 0;
  let line = 0;
  let lineEnd = byLine ? hits!.lineEnd(lines[0]) : Infinity;
  let match: RegExpExecArray | null;
  for (;;) {
    if (byLine && regex.lastIndex > lineEnd) {
      // Past this paragraph: on to the next one with a keyword at or after lastIndex.
      while (line < lines!.length && hits!.lineEnd(lines![line]) < regex.lastIndex) line++;
      if (line === lines!.length) return;
      lineEnd = hits!.lineEnd(lines![line]);
      regex.lastIndex = Math.max(regex.lastIndex, lines![line]);
    }
    match = regex.exec(text);
    if (match === null) return;
    const index = match.index;
    if (passedOver(search, text, match)) {
      regex.lastIndex = index + 1;
      continue;
    }
    yield match;
    regex.lastIndex = Math.max(regex.lastIndex, index + 1);
  }
}

/** An empty match, or one not at the word boundary the expression starts with: the search goes on one place further. */
function passedOver(search: SearchPattern, text: string, match: RegExpExecArray): boolean {
  const index = match.index;
  return match[0] === '' || (search.startsAtBoundary && index > 0 && WORD_CHARACTER.test(text[index - 1]) === WORD_CHARACTER.test(text[index]));
}

/**
 * `searchAll` for a search that cannot cross a line break, in the paragraphs
 * holding its keywords (`lines`), each searched apart in the text up to its
 * line break: a global search from one paragraph went on through every
 * paragraph after it (the whole rest of the text, when it found nothing), at
 * every position for an expression that begins with a lookbehind
 * (`grammar/d-entre-eux`, 60 ms of the 96k-word text). The same matches: the
 * text before is all there (lookbehinds, `^`), and an expression none of whose
 * parts can match a line break (mayMatchLineBreak) reads the slice's end as it
 * reads the line break there: a class, an escape or a literal that matches no
 * line break matches nothing past the end either, and `\b` sees a non-word
 * character on both. Only `$` would tell them apart: such a search is not sent here.
 */
function* searchInLines(text: string, search: SearchPattern, lines: number[], hits: KeywordHits): Generator<RegExpExecArray> {
  const { regex } = search;
  for (const lineStart of lines) {
    const slice = text.slice(0, hits.lineEnd(lineStart));
    regex.lastIndex = lineStart;
    for (let match = regex.exec(slice); match !== null; match = regex.exec(slice)) {
      const index = match.index;
      if (passedOver(search, text, match)) {
        regex.lastIndex = index + 1;
        continue;
      }
      const next = Math.max(regex.lastIndex, index + 1);
      match.input = text;
      yield match;
      regex.lastIndex = next;
    }
  }
}

/**
 * `searchAll` where the prefilter knows the only places a match can start
 * (`starts`, ranges [from, to]): each range is searched in a slice of the text
 * that holds everything the expression can look at from those starts (`reach`
 * on each side), so that an expression tried at every position (one that
 * begins with a lookbehind or a class) is tried near its keywords only, never
 * along the whole paragraph. At a given start the expression sees the same
 * characters as in the whole text, so it gives the same match; a match past
 * the range is dropped, since it might need more text than the slice holds.
 */
function* searchAtStarts(text: string, search: SearchPattern, starts: ArrayLike<number>, reach: number): Generator<RegExpExecArray> {
  const { regex } = search;
  // Two more units each side: a slice never cuts the surrogate pair next to what the expression reads.
  const margin = reach + 2;
  let next = 0; // no match may start before this (the end of the last one)
  for (let k = 0; k < starts.length; k += 2) {
    const to = starts[k + 1];
    if (to < next) continue;
    let from = Math.max(starts[k], next);
    const sliceStart = Math.max(0, from - margin);
    const slice = text.slice(sliceStart, Math.min(text.length, to + margin));
    while (from <= to) {
      regex.lastIndex = from - sliceStart;
      const match = regex.exec(slice);
      if (match === null) break;
      const index = match.index + sliceStart;
      if (index > to) break;
      // A non-empty match (it holds a keyword); a leading \b is checked here, as in searchAll.
      if (search.startsAtBoundary && index > 0 && WORD_CHARACTER.test(text[index - 1]) === WORD_CHARACTER.test(text[index])) {
        from = index + 1;
        continue;
      }
      match.index = index;
      match.input = text;
      next = index + Math.max(match[0].length, 1);
      yield match;
      from = next;
    }
  }
}

/**
 * `searchAll` for a search whose matches begin with one of its `leading`
 * keywords: the prefilter gives every place one begins (`points`, sorted), and
 * the expression is tried, sticky, at those alone, in the paragraphs holding its
 * keywords (`lines`, when its matches cannot span lines). A global search from a
 * place finds the first start from which the expression matches; no match can
 * start anywhere else, and at a given start the sticky expression gives the
 * same match, so the matches are the same. Why: an expression that begins with
 * a lookbehind is otherwise tried at every place of every paragraph holding a
 * common keyword (`calque/es/augmenter-en-pourcentage` and its `en`).
 */
function* searchAtPoints(text: string, search: SearchPattern, points: ArrayLike<number>, lines: number[] | undefined, hits: KeywordHits): Generator<RegExpExecArray> {
  const regex = search.sticky;
  let next = 0; // no match may start before this (the end of the last one)
  let previous = -1;
  let line = 0;
  let lineEnd = lines ? hits.lineEnd(lines[0]) : Infinity;
  for (let k = 0; k < points.length; k++) {
    const at = points[k];
    if (at < next || at === previous) continue;
    previous = at;
    if (lines) {
      if (at > lineEnd) {
        while (line < lines.length && hits.lineEnd(lines[line]) < at) line++;
        if (line === lines.length) return;
        lineEnd = hits.lineEnd(lines[line]);
      }
      if (at < lines[line]) continue; // in a paragraph without a keyword: no match starts there
    }
    regex.lastIndex = at;
    const match = regex.exec(text);
    if (match === null || match[0] === '') continue;
    if (search.startsAtBoundary && at > 0 && WORD_CHARACTER.test(text[at - 1]) === WORD_CHARACTER.test(text[at])) continue;
    next = at + match[0].length;
    yield match;
  }
}

function hasTopLevelAlternation(source: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === '(') depth++;
    else if (char === ')') depth--;
    else if (char === '|' && depth === 0) return true;
  }
  return false;
}

export function compilePattern(source: string, key: string, caseSensitive: boolean, expanded = expandBoundaries(source), extraFlags = ''): RegExp {
  try {
    return new RegExp(expanded, (caseSensitive ? 'gu' : 'giu') + extraFlags);
  } catch (error) {
    throw new Error(`'${key}' is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}
