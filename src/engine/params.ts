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
// knows ASCII letters and would split "éventuellement" after the é.
const WORD_CHAR = '[\\p{L}\\p{M}\\p{N}_]';
const UNICODE_BOUNDARY = `(?:(?<=${WORD_CHAR})(?!${WORD_CHAR})|(?<!${WORD_CHAR})(?=${WORD_CHAR}))`;

/**
 * A rule's regular expression, ready to search. A leading `\b` is checked in code
 * rather than in the expression: an expression that starts with a lookaround is
 * tried at every position of the text, one that starts with letters is found by
 * V8's fast literal scan (the calque pack ran six times faster this way).
 */
export interface SearchPattern {
  regex: RegExp;
  startsAtBoundary: boolean;
  /**
   * Letters every match starts with (lower-cased unless case-sensitive): a text
   * without them is skipped before the expression is even compiled, which V8
   * does on first use and which costs about a millisecond a rule.
   */
  literal?: string;
  caseSensitive: boolean;
}

const WORD_CHARACTER = /[\p{L}\p{M}\p{N}_]/u;

export function compileSearch(source: string, key: string, caseSensitive: boolean): SearchPattern {
  const startsAtBoundary = source.startsWith('\\b') && !source.startsWith('\\b|');
  const body = startsAtBoundary ? source.slice(2) : source;
  // A pattern with a top-level alternation cannot lose its first \b alone.
  if (hasTopLevelAlternation(body)) return { regex: compilePattern(source, key, caseSensitive), startsAtBoundary: false, caseSensitive };
  const literal = leadingLiteral(body);
  return {
    regex: compilePattern(body, key, caseSensitive),
    startsAtBoundary,
    literal: literal && (caseSensitive ? literal : literal.toLowerCase()),
    caseSensitive,
  };
}

/** The plain letters a pattern starts with, stopping before any that a quantifier makes optional. */
function leadingLiteral(source: string): string | undefined {
  const match = /^[\p{L}' ’-]+/u.exec(source);
  if (!match) return undefined;
  let literal = match[0];
  if (/^[?*{]/.test(source.slice(literal.length))) literal = literal.slice(0, -1);
  return literal.length >= 3 ? literal : undefined;
}

let lowered: { text: string; lower: string } | undefined;

/** Can the text contain a match at all? Cheap: one substring search. */
export function mayMatch(text: string, search: SearchPattern): boolean {
  if (!search.literal) return true;
  if (search.caseSensitive) return text.includes(search.literal);
  if (lowered?.text !== text) lowered = { text, lower: text.toLowerCase() };
  return lowered.lower.includes(search.literal);
}

/** Every match of a search, in order, as `matchAll` would give them. */
export function* searchAll(text: string, search: SearchPattern): Generator<RegExpExecArray> {
  if (!mayMatch(text, search)) return;
  const { regex } = search;
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    const index = match.index;
    if (match[0] === '') {
      regex.lastIndex = index + 1;
      continue;
    }
    if (search.startsAtBoundary && index > 0 && WORD_CHARACTER.test(text[index - 1]) === WORD_CHARACTER.test(text[index])) {
      regex.lastIndex = index + 1;
      continue;
    }
    yield match;
    regex.lastIndex = Math.max(regex.lastIndex, index + 1);
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

export function compilePattern(source: string, key: string, caseSensitive: boolean): RegExp {
  const expanded = source.replace(/\\\\|\\b/g, (token) => (token === '\\b' ? UNICODE_BOUNDARY : token));
  try {
    return new RegExp(expanded, caseSensitive ? 'gu' : 'giu');
  } catch (error) {
    throw new Error(`'${key}' is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}
