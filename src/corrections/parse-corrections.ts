import { InputError } from '../errors.ts';
import { readerWarning, type ReaderWarning } from '../formats/reader-warning.ts';
import type { Correction } from '../types.ts';

export interface ParsedCorrections {
  corrections: Correction[];
  /** Things worth telling the user that do not stop the load (an exact duplicate). */
  /** Exact duplicates, kept once. */
  warnings: ReaderWarning[];
}

/**
 * The editor's list of known fixes, as TSV (`wrong<TAB>right[<TAB>note]`, `#`
 * comments, blank lines) or JSON (`[{"from","to","note"}]`). Every problem is an
 * `InputError` naming the file and the line; nothing is dropped silently.
 */
export function parseCorrections(content: string, file: string): ParsedCorrections {
  const text = content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
  const looksJson = /\.json$/i.test(file) || /^\s*\[/.test(text);
  const entries = looksJson ? readJson(text, file) : readTsv(text, file);
  return checkEntries(entries, file);
}

function readTsv(text: string, file: string): Correction[] {
  const entries: Correction[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const columns = raw.split('\t');
    if (columns.length < 2) {
      throw new InputError(file, 'expected “wrong<TAB>right[<TAB>note]”, found no tab in “{text}”', line, { text: clip(raw) });
    }
    if (columns.length > 3) {
      throw new InputError(file, 'expected at most 3 tab-separated columns (wrong, right, note), found {n}', line, { n: columns.length });
    }
    const [from, to, note] = columns.map(unguard);
    entries.push(entry(from, to, note, file, line));
  });
  return entries;
}

function readJson(text: string, file: string): Correction[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineOf(text, Number(position[1])) : undefined;
    throw new InputError(file, 'is not valid JSON: {error}', line, { error: message.replace(/ in JSON at position \d+.*$/, '') });
  }
  if (!Array.isArray(data)) {
    throw new InputError(file, 'expected a JSON array of {"from", "to", "note"} objects', 1);
  }
  const starts = topLevelElementStarts(text);
  return data.map((item, index) => {
    const line = lineOf(text, starts[index] ?? 0);
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new InputError(file, 'entry {n} is not an object with "from" and "to"', line, { n: index + 1 });
    }
    const { from, to, note } = item as Record<string, unknown>;
    for (const [key, value] of Object.entries({ from, to })) {
      if (typeof value !== 'string') {
        throw new InputError(file, 'entry {n}: "{key}" must be a string', line, { n: index + 1, key });
      }
    }
    if (note !== undefined && typeof note !== 'string') {
      throw new InputError(file, 'entry {n}: "note" must be a string', line, { n: index + 1 });
    }
    return entry(from as string, to as string, note as string | undefined, file, line);
  });
}

// A lone surrogate (half of an emoji, "\ud800" in JSON) is no text: stored, it became invalid UTF-8.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function entry(from: string, to: string, note: string | undefined, file: string, line: number): Correction {
  // One whole sentence per field, so the web app can say each in French (src/web/i18n.ts).
  for (const [reason, value] of [
    ['the wrong form has a lone surrogate (U+{code}), half of a character: it is not text', from],
    ['the right form has a lone surrogate (U+{code}), half of a character: it is not text', to],
    ['the note has a lone surrogate (U+{code}), half of a character: it is not text', note ?? ''],
  ] as const) {
    const lone = LONE_SURROGATE.exec(value);
    if (lone) throw new InputError(file, reason, line, { code: lone[0].charCodeAt(0).toString(16).toUpperCase() });
  }
  const wrong = from.trim().normalize('NFC');
  const right = to.trim().normalize('NFC');
  if (wrong === '') throw new InputError(file, 'the wrong form (first column) is empty', line);
  if (right === '') throw new InputError(file, 'the right form (second column) for “{wrong}” is empty', line, { wrong: clip(wrong) });
  if (wrong === right) throw new InputError(file, '“{wrong}” is corrected to itself', line, { wrong: clip(wrong) });
  const correction: Correction = { from: wrong, to: right, source: { file, line } };
  if (note !== undefined && note.trim() !== '') correction.note = note.trim();
  return correction;
}

function checkEntries(entries: Correction[], file: string): ParsedCorrections {
  const seen = new Map<string, Correction>();
  const corrections: Correction[] = [];
  const warnings: ReaderWarning[] = [];
  for (const correction of entries) {
    const line = correction.source!.line;
    const earlier = seen.get(correction.from);
    if (earlier) {
      if (earlier.to !== correction.to) {
        throw new InputError(file, '“{wrong}” is corrected to “{right}” here but to “{earlier}” at line {line}', line, {
          wrong: clip(correction.from),
          right: clip(correction.to),
          earlier: clip(earlier.to),
          line: earlier.source!.line,
        });
      }
      warnings.push(readerWarning(file, '“{wrong}” repeats line {line}; kept once', { wrong: clip(correction.from), line: earlier.source!.line }, line));
      continue;
    }
    seen.set(correction.from, correction);
    corrections.push(correction);
  }
  return { corrections, warnings };
}

/** Start offsets of the elements of a top-level JSON array, for line numbers. */
function topLevelElementStarts(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (expectElement && !/\s/.test(char) && char !== ']') {
      starts.push(i);
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      if (depth === 1 && char === '[') expectElement = true;
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectElement = true;
  }
  return starts;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}…` : value;
}

/** The list as TSV, re-importable by `parseCorrections`. */
export function formatCorrectionsTsv(corrections: Correction[]): string {
  const clean = (value: string) => guard(value.replace(/[\t\r\n]+/g, ' '));
  return corrections
    .map((c) => [c.from, c.to, c.note].filter((v) => v !== undefined).map((v) => clean(v!)).join('\t') + '\n')
    .join('');
}

/**
 * A cell a spreadsheet would run as a formula (=HYPERLINK(…), +, -, @, or any of
 * these after spaces) gets a leading apostrophe, as the CSV report does; reading
 * the file back takes it off, so the list round-trips. Bug: the TSV export left
 * such cells raw.
 */
export function guard(cell: string): string {
  return /^[\s]*[=+\-@]|^\s/.test(cell) ? `'${cell}` : cell;
}

function unguard(cell: string): string {
  return /^'(?:[\s]*[=+\-@]|\s)/.test(cell) ? cell.slice(1) : cell;
}

