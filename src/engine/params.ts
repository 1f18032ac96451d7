/** Readers for rule parameters: each throws a message that says which key is wrong. */

export function readString(definition: Record<string, unknown>, key: string, fallback?: string): string {
  const value = definition[key];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new Error(`'${key}' must be a non-empty string`);
  return value;
}

export function readOptionalString(definition: Record<string, unknown>, key: string): string | undefined {
  return definition[key] === undefined ? undefined : readString(definition, key);
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

export function compilePattern(source: string, key: string, caseSensitive: boolean): RegExp {
  const expanded = source.replace(/\\\\|\\b/g, (token) => (token === '\\b' ? UNICODE_BOUNDARY : token));
  try {
    return new RegExp(expanded, caseSensitive ? 'gu' : 'giu');
  } catch (error) {
    throw new Error(`'${key}' is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}
