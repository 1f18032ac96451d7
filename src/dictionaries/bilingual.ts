import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { cachedListTable } from './line-table.ts';

/**
 * French equivalents of English and Spanish words, from FreeDict's dictionaries
 * as Debian installs them (`apt-get install dict-freedict-eng-fra
 * dict-freedict-fra-spa`, files in /usr/share/dictd). FreeDict over Apertium:
 * its dictd files are plain text (an index of base64 offsets into a gzip
 * stream), readable with node:zlib alone, where Apertium ships compiled
 * transducers. Optional: without the files, `frenchFor` answers nothing and the
 * untranslated-word rule still flags the word, only without an equivalent.
 * RELECTURE_FREEDICT_DIR points elsewhere (tests, other systems).
 */
export type SourceLanguage = 'en' | 'es';

const FILES: Record<SourceLanguage, string> = { en: 'freedict-eng-fra', es: 'freedict-fra-spa' };

function directory(): string {
  return process.env.RELECTURE_FREEDICT_DIR || '/usr/share/dictd';
}

export function isBilingualDictionaryAvailable(language: SourceLanguage): boolean {
  return existsSync(join(directory(), `${FILES[language]}.index`)) && existsSync(join(directory(), `${FILES[language]}.dict.dz`));
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const decode = (value: string) => [...value].reduce((n, c) => n * 64 + B64.indexOf(c), 0);

interface Entry {
  headword: string;
  body: string;
}

function readEntries(language: SourceLanguage): Entry[] {
  const base = join(directory(), FILES[language]);
  // node:zlib only here, when a table is made: a check reads the tables made before.
  const data = process.getBuiltinModule('node:zlib').gunzipSync(readFileSync(`${base}.dict.dz`)).toString('utf8');
  // Offsets count bytes: slice the buffer, not the string.
  const bytes = Buffer.from(data, 'utf8');
  const entries: Entry[] = [];
  for (const line of readFileSync(`${base}.index`, 'utf8').split('\n')) {
    const [headword, offset, length] = line.split('\t');
    if (!headword || !offset || !length || headword.startsWith('00database')) continue;
    const start = decode(offset);
    entries.push({ headword, body: bytes.subarray(start, start + decode(length)).toString('utf8') });
  }
  return entries;
}

/** The translations line of an entry: the line after its headword line, split on commas. */
function translations(body: string): string[] {
  const line = body.split('\n')[1] ?? '';
  return line
    .replace(/^\s*\d+\.\s*/, '')
    .split(/\s*(?:,|;|\d+\.)\s*/)
    .map((t) => t.trim())
    .filter((t) => t !== '' && !/[<>/]/.test(t));
}

type Table = (word: string) => string[] | undefined;
const tables = new Map<SourceLanguage, Table>();

/**
 * The table kept in the cache folder, named after the dictd files' sizes and
 * times, looked up in place (line-table.ts): unpacking and reading FreeDict cost
 * each thread's first foreign word 190 ms; reading the table back as JSON still
 * cost a cold check 60 ms for Spanish (1.6 MB), the compact file a few.
 */
function table(language: SourceLanguage): Table {
  let lookup = tables.get(language);
  if (lookup) return lookup;
  const file = cacheFile(language);
  let built: Map<string, string[]> | undefined;
  const build = () => (built ??= buildTable(language));
  // No dictionary files, an empty table, or items the file cannot hold: the Map itself.
  lookup = (file && cachedListTable(file, build)) || ((word) => build().get(word));
  tables.set(language, lookup);
  return lookup;
}

const TABLE_CACHE_FORMAT = 2;

function cacheFile(language: SourceLanguage): string | undefined {
  const base = join(directory(), FILES[language]);
  try {
    const stamp = [`${base}.index`, `${base}.dict.dz`].map((path) => {
      const stat = statSync(path);
      return `${path}:${stat.size}:${stat.mtimeMs}`;
    });
    const hash = createHash('sha256').update(stamp.join('\n')).digest('hex').slice(0, 16);
    return `freedict-${language}-${TABLE_CACHE_FORMAT}-${hash}.bin`;
  } catch {
    return undefined; // no dictionary
  }
}

/** The table made from the dictd files (what the cache file holds). */
export function buildTable(language: SourceLanguage): Map<string, string[]> {
  const map = new Map<string, string[]>();
  if (isBilingualDictionaryAvailable(language)) {
    for (const entry of readEntries(language)) {
      if (language === 'en') {
        // English → French: the headword's translations.
        const list = map.get(entry.headword) ?? [];
        for (const t of translations(entry.body)) if (!list.includes(t)) list.push(t);
        map.set(entry.headword, list);
      } else {
        // French → Spanish, read backwards: each Spanish translation points to the French headword.
        for (const t of translations(entry.body)) {
          const list = map.get(t) ?? [];
          if (!list.includes(entry.headword)) list.push(entry.headword);
          map.set(t, list);
        }
      }
    }
  }
  return map;
}

/** The base forms an inflected English or Spanish word may come from: skills → skill, devices → device. */
function baseForms(word: string, language: SourceLanguage): string[] {
  const forms = [word];
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s')) forms.push(word.slice(0, -1));
  if (language === 'en') {
    if (word.endsWith('ed')) forms.push(word.slice(0, -2), word.slice(0, -1));
    if (word.endsWith('ing')) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  }
  return forms;
}

/** French equivalents of a word, best first (at most `limit`); none when the dictionary is missing. */
export function frenchFor(word: string, language: SourceLanguage, limit = 3): string[] {
  const lookup = table(language);
  for (const form of baseForms(word.toLowerCase(), language)) {
    const found = lookup(form);
    if (found && found.length > 0) return found.slice(0, limit);
  }
  return [];
}
