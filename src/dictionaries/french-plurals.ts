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
  // Run once per dictionary, to make the cache file above: clarity over speed.
  const out = new Map<string, string>();
  for (const line of dic.split('\n')) {
    const slash = line.indexOf('/');
    if (slash <= 0) continue;
    const word = line.slice(0, slash);
    const flags = line.slice(slash + 1).split(/[\s\t]/)[0];
    if (/[sxz]$/.test(word) || !/^\p{Ll}[\p{Ll}’']*$/u.test(word)) continue;
    // Flags are two characters each (FLAG long): « S. », « F+ », « L' »…
    const chunks: string[] = flags.match(/.{2}/gu) ?? [];
    const plural = chunks.some((f) => f === 'S.' || f === 'F.' || f === 'F+') ? `${word}s` : chunks.includes('X.') ? xPlural(word) : undefined;
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
