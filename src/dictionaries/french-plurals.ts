import { dictionaryFiles } from './word-set.ts';

/**
 * Singular nouns and adjectives of dictionary-fr with the plural its flags give
 * them (`S.`: + s, `F.`/`F+`: + s for the masculine entry, `X.`: -al/-ail → -aux,
 * -au/-eu → + x), read from the Hunspell `.dic` once, on first use. Hunspell's
 * flags carry number, not gender: this is what a determiner–noun number check
 * can lean on, and all it can.
 */
let plurals: Map<string, string> | undefined;

export function regularPlural(singular: string): string | undefined {
  plurals ??= readPlurals(dictionaryFiles('fr').dic.toString('utf8'));
  return plurals.get(singular);
}

export function readPlurals(dic: string): Map<string, string> {
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
