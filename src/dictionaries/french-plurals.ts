import { cachedLineTable } from './line-table.ts';
import { dictionaryCacheKey, dictionaryFiles } from './word-set.ts';

/**
 * Singular nouns and adjectives of dictionary-fr with the plural its flags give
 * them (`S.`: + s, `F.`/`F+`: + s for the masculine entry, `X.`: -al/-ail → -aux,
 * -au/-eu → + x), read from the Hunspell `.dic` once, on first use. Hunspell's
 * flags carry number, not gender: this is what a determiner–noun number check
 * can lean on, and all it can.
 */
let plurals: ((singular: string) => number | undefined) | undefined;

export function regularPlural(singular: string): string | undefined {
  plurals ??= pluralTable();
  const kind = plurals(singular);
  return kind === PLUS_S ? `${singular}s` : kind === X_PLURAL ? xPlural(singular) : undefined;
}

const PLUS_S = 1;
const X_PLURAL = 2;
const PLURALS_CACHE_FORMAT = 1;

/**
 * The singulars and how each makes its plural, kept in the cache folder under the
 * dictionary's hash (line-table.ts). Bug it replaces: reading and splitting the
 * 3 MB `.dic` at the first determiner of a check cost about 0.1 s of every cold run.
 */
function pluralTable(): (singular: string) => number | undefined {
  return cachedLineTable(`plurals-fr-${PLURALS_CACHE_FORMAT}-${dictionaryCacheKey('fr')}.bin`, () => {
    const kinds = new Map<string, number>();
    for (const [singular, plural] of readPlurals(dictionaryFiles('fr').dic.toString('utf8'))) kinds.set(singular, plural === `${singular}s` ? PLUS_S : X_PLURAL);
    return kinds;
  });
}

export function readPlurals(dic: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of dic.split('\n')) {
    const slash = line.indexOf('/');
    if (slash <= 0) continue;
    // Cheap tests first (this ran over every line at first use: ≈100 ms): a word
    // ending in s, x or z, or a line with none of the plural flags, is no singular here.
    const last = line.charCodeAt(slash - 1);
    if (last === 115 || last === 120 || last === 122) continue;
    if (line.indexOf('S.', slash) === -1 && line.indexOf('F.', slash) === -1 && line.indexOf('F+', slash) === -1 && line.indexOf('X.', slash) === -1) continue;
    const word = line.slice(0, slash);
    if (!lowerCaseWord(word)) continue;
    // Flags are two characters each (FLAG long): « S. », « F+ », « L' »…
    const flag = pluralFlag(line, slash + 1);
    const plural = flag === 's' ? `${word}s` : flag === 'x' ? xPlural(word) : undefined;
    if (plural) out.set(word, plural);
  }
  return out;
}

function xPlural(word: string): string | undefined {
  if (word.endsWith('ail')) return `${word.slice(0, -3)}aux`;
  if (word.endsWith('al')) return `${word.slice(0, -2)}aux`;
  if (/[aeoœ]u$/.test(word)) return `${word}x`;
  return undefined;
}

/** /^\p{Ll}[\p{Ll}’']*$/u, with the plain a–z words (most of them) decided without the Unicode expression. */
function lowerCaseWord(word: string): boolean {
  if (word.length === 0) return false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 97 && code <= 122) continue;
    if (i > 0 && (code === 39 || code === 0x2019)) continue;
    return /^\p{Ll}[\p{Ll}’']*$/u.test(word);
  }
  return true;
}

/**
 * Which plural flag the flags from `from` to the first white space carry: 's'
 * (S., F., F+), 'x' (X.) or none; two UTF-16 units a flag, as /.{2}/gu cuts them
 * when no flag character is astral (else that expression decides).
 */
function pluralFlag(line: string, from: number): 's' | 'x' | undefined {
  let end = from;
  while (end < line.length && !isWhiteSpace(line.charCodeAt(end))) end++;
  let x = false;
  for (let i = from; i + 1 < end; i += 2) {
    const a = line.charCodeAt(i);
    const b = line.charCodeAt(i + 1);
    if ((a >= 0xd800 && a <= 0xdfff) || (b >= 0xd800 && b <= 0xdfff)) return astralFlags(line.slice(from, end));
    if (b === 46 && (a === 83 || a === 70)) return 's'; // S. F.
    if (a === 70 && b === 43) return 's'; // F+
    if (a === 88 && b === 46) x = true; // X.
  }
  for (let i = from; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return astralFlags(line.slice(from, end));
  }
  return x ? 'x' : undefined;
}

function astralFlags(flags: string): 's' | 'x' | undefined {
  const chunks: string[] = flags.match(/.{2}/gu) ?? [];
  return chunks.some((f) => f === 'S.' || f === 'F.' || f === 'F+') ? 's' : chunks.includes('X.') ? 'x' : undefined;
}

/** What /\s/ matches. */
function isWhiteSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}
