import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { cachedLineTable } from '../dictionaries/line-table.ts';
import { cachedSortedList, rememberedHash } from '../dictionaries/word-set.ts';

/**
 * First names, surnames and word frequencies of English and Spanish, from the
 * zxcvbn-ts language packages (`@zxcvbn-ts/language-en`, `@zxcvbn-ts/language-es-es`,
 * MIT; first names and surnames from census and civil-register lists, common words
 * ranked by frequency in the OpenSubtitles corpus, ODC-BY). They are kept up to
 * date for password strength checks, which need exactly this: the names people
 * have and the words they use most. Lists are lower case without accents
 * (begona for Begoña), so lookups fold accents too. Each list loads on first use.
 */
export type NameLanguage = 'en' | 'es';

const require = createRequire(import.meta.url);
const PACKAGES: Record<NameLanguage, string> = { en: '@zxcvbn-ts/language-en', es: '@zxcvbn-ts/language-es-es' };

function loadList(language: NameLanguage, list: 'firstnames' | 'lastnames' | 'commonWords' | 'wikipedia'): string[] {
  const loaded = require(`${PACKAGES[language]}/dist/${list}.json.cjs`) as string[] | { default: string[] };
  return Array.isArray(loaded) ? loaded : loaded.default;
}

/** Lower case without accents but with ñ, the form of the lists: Dragoș → dragos, Íñigo → iñigo. */
export function foldName(word: string): string {
  return word.toLowerCase().replace(/ñ/g, '\u0000').normalize('NFD').replace(/\p{M}/gu, '').replace(/\u0000/g, 'ñ');
}

interface Lookup {
  hasForm(form: string): boolean;
}

let names: Lookup | undefined;
let firstNames: Lookup | undefined;
const ranks = new Map<NameLanguage, (lower: string) => number | undefined>();

/**
 * The lists kept as sorted files in the cache folder (as the dictionaries are,
 * word-set.ts), keyed by the hash of the packages' files: reading the English
 * surnames from their package means decompressing and hashing 89,000 names,
 * 55 ms of a cold start for the first capitalised unknown word.
 */
function ensureNames(): void {
  if (names) return;
  const files = (Object.keys(PACKAGES) as NameLanguage[]).flatMap((language) => (['firstnames', 'lastnames'] as const).map((list) => require.resolve(`${PACKAGES[language]}/dist/${list}.json.cjs`)));
  const key = packageFilesHash(`names-${NAMES_CACHE_FORMAT}.key`, files);
  const build = () => {
    const first = new Set<string>();
    const all = new Set<string>();
    for (const language of Object.keys(PACKAGES) as NameLanguage[]) {
      for (const name of loadList(language, 'firstnames')) {
        first.add(name);
        all.add(name);
      }
      for (const name of loadList(language, 'lastnames')) all.add(name);
    }
    return { first, all };
  };
  let built: ReturnType<typeof build> | undefined;
  firstNames = cachedSortedList(`names-first-${NAMES_CACHE_FORMAT}-${key}.txt`, () => (built ??= build()).first);
  names = cachedSortedList(`names-all-${NAMES_CACHE_FORMAT}-${key}.txt`, () => (built ??= build()).all);
}

const NAMES_CACHE_FORMAT = 1;

/**
 * The hash of a list package's files (its caches' name), remembered under their
 * package versions and sizes as a dictionary's is (word-set.ts): a start with a
 * capitalised unknown word read and hashed 2 MB of these lists (names and ranks).
 */
function packageFilesHash(keyFile: string, files: string[]): string {
  let stamp: string | undefined;
  try {
    // Each file is PACKAGE/dist/NAME.json.cjs.
    stamp = files.map((file) => `${(JSON.parse(readFileSync(join(dirname(dirname(file)), 'package.json'), 'utf8')) as { version?: string }).version}:${statSync(file).size}`).join(' ');
  } catch {
    // Hashed at each start.
  }
  return rememberedHash(keyFile, stamp, () => {
    const hash = createHash('sha256');
    for (const file of files) hash.update(readFileSync(file));
    return hash.digest('hex').slice(0, 16);
  });
}

/** A first name or a surname of the English or Spanish lists. */
export function isListedName(word: string): boolean {
  ensureNames();
  const folded = foldName(word);
  return names!.hasForm(folded) || names!.hasForm(folded.replace(/ñ/g, 'n'));
}

export function isFirstName(word: string): boolean {
  ensureNames();
  const folded = foldName(word);
  return firstNames!.hasForm(folded) || firstNames!.hasForm(folded.replace(/ñ/g, 'n'));
}

/**
 * Rank of a word among the most frequent of the language (1 = most frequent),
 * or undefined when it is not among them: the better of its ranks in spoken
 * language (OpenSubtitles) and in Wikipedia, whose vocabulary is the news's
 * (concejala, repository). Exact lower-case form, accents kept where the list
 * has them (the Spanish list keeps « vía »).
 */
export function frequencyRank(language: NameLanguage, word: string): number | undefined {
  let lookup = ranks.get(language);
  if (!lookup) ranks.set(language, (lookup = loadRanks(language)));
  return lookup(word.toLowerCase());
}

/** Each word's rank: the better of its first places in the two lists, as they come in their packages. */
export function rankedWords(language: NameLanguage): Map<string, number> {
  const map = new Map<string, number>();
  for (const list of RANKED_LISTS) {
    loadList(language, list).forEach((w, i) => {
      if ((map.get(w) ?? Infinity) > i + 1) map.set(w, i + 1);
    });
  }
  return map;
}

const RANKED_LISTS = ['commonWords', 'wikipedia'] as const;
const RANKS_CACHE_FORMAT = 1;

/**
 * The rank table of a language, kept in the cache folder (line-table.ts) under
 * the hash of the two lists' package files, looked up in place. Bug it replaces:
 * decompressing two lists of 100,000 words a language and filling a Map from
 * them took a check's first unknown word 0.2–0.5 s (English and Spanish), more
 * than the rest of the cold start; reading the file back takes a few ms.
 */
function loadRanks(language: NameLanguage): (lower: string) => number | undefined {
  const files = RANKED_LISTS.map((list) => require.resolve(`${PACKAGES[language]}/dist/${list}.json.cjs`));
  return cachedLineTable(`ranks-${language}-${RANKS_CACHE_FORMAT}-${packageFilesHash(`ranks-${language}-${RANKS_CACHE_FORMAT}.key`, files)}.bin`, () => rankedWords(language));
}
