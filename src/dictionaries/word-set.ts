import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { probeElidedEdits, probeOneEdits } from './edit-probe.ts';
import { LineHashSet } from './line-hash-set.ts';

export type Language = 'fr' | 'es' | 'en';

/**
 * Every correct form of a Hunspell dictionary as a plain set of strings.
 *
 * nspell expands the affix rules when it loads (5 s and 700 MB for French), so we
 * let it do that once, keep the forms it accepts, and cache them on disk next to
 * the dictionary's hash: later loads read one file (≈0.2 s). The dictionary stays
 * the source of truth: a new version of `dictionary-fr` changes the hash and the
 * cache is rebuilt.
 */
export interface WordSet {
  language: Language;
  size: number;
  /** Exact form, no case folding. */
  hasForm(form: string): boolean;
  /** Hunspell's case rules: Paris → paris, PARIS → Paris or paris. */
  knows(word: string): boolean;
  /**
   * Dictionary words one edit (or a few accents) away, best first. With a
   * `budget`, the look-ups are counted against it, and a word whose look-ups do
   * not fit gets no suggestion (`budget.exhausted` says so).
   */
  suggest(word: string, limit?: number, budget?: SuggestionBudget): string[];
}

/** Look-ups left for suggestions; shared by the words of a sentence or of a whole check. */
export interface SuggestionBudget {
  remaining: number;
  /** A word was left without suggestions because the budget ran out. */
  exhausted?: boolean;
}

/**
 * Past this many letters a token gets no suggestion. Bug: the candidates of a
 * word of n letters are about 90·n strings of n letters, and its accent
 * variants up to n², so one 800-letter token took 20 s and 2.8 GB, and a
 * 1,500-letter one ran the server out of heap. The longest French words
 * (anticonstitutionnellement) have 25 letters.
 */
export const MAX_SUGGESTION_LENGTH = 40;

const CACHE_FORMAT = 3;

// French elided articles and pronouns are stored glued to their word by the
// dictionary (l'homme); we strip them before lookup, so we do not keep those forms.
const ELISIONS = ['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'ç', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu', 'presqu'];
const ELIDED_PREFIX = new RegExp(`^(?:${ELISIONS.join('|')})'`, 'i');
/** The same elisions, for the probe of lower-case candidates (edit-probe.ts, `probeElidedEdits`). */
const ELISION_SET: ReadonlySet<string> = new Set(ELISIONS);

export function cacheDirectory(): string {
  if (process.env.RELECTURE_CACHE_DIR) return process.env.RELECTURE_CACHE_DIR;
  // node_modules/.cache is where build tools keep their caches (Babel, ESLint).
  return fileURLToPath(new URL('../../node_modules/.cache/relecture/', import.meta.url));
}

/**
 * Writes a cache file whole or not at all (a temporary file, then a rename, so a
 * concurrent reader never sees half of it). False where the folder is read-only:
 * the caller builds it again next time.
 */
export function writeCacheFile(path: string, data: string | Uint8Array): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, path);
    return true;
  } catch {
    return false;
  }
}

// The dictionary packages export only their JavaScript entry, not their files,
// so we find their folder the way Node does: node_modules up from here.
function packageDirectory(name: string): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(directory, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`the ${name} package is not installed: run npm install`);
    directory = parent;
  }
}

export function dictionaryFiles(language: Language): { aff: Buffer; dic: Buffer } {
  const dir = packageDirectory(`dictionary-${language}`);
  return { aff: readFileSync(join(dir, 'index.aff')), dic: readFileSync(join(dir, 'index.dic')) };
}

/**
 * The hash of a dictionary's files, which names its cache: remembered in a small
 * file beside the caches under the package's version and the files' sizes, so
 * that a start does not read and hash 3 MB of Hunspell files to find it.
 */
function dictionaryHash(language: Language, read: () => { aff: Buffer; dic: Buffer }): string {
  const dir = packageDirectory(`dictionary-${language}`);
  let stamp: string | undefined;
  try {
    const version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: string }).version;
    stamp = `${version}:${statSync(join(dir, 'index.aff')).size}:${statSync(join(dir, 'index.dic')).size}`;
  } catch {
    // Hashed below.
  }
  return rememberedHash(`words-${language}-${CACHE_FORMAT}.key`, stamp, () => {
    const { aff, dic } = read();
    return createHash('sha256').update(aff).update(dic).digest('hex').slice(0, 16);
  });
}

/**
 * A hash of package files that names a cache, remembered in `keyFile` (in the cache
 * folder) under `stamp` (the package's version and the files' sizes): `hash`, which
 * reads them, runs only when the stamp changed or none could be made (16 hex digits).
 */
export function rememberedHash(keyFile: string, stamp: string | undefined, hash: () => string): string {
  const path = join(cacheDirectory(), keyFile);
  try {
    const kept = JSON.parse(readFileSync(path, 'utf8')) as { stamp: string; hash: string };
    if (stamp && kept.stamp === stamp && /^[0-9a-f]{16}$/.test(kept.hash)) return kept.hash;
  } catch {
    // Not remembered yet.
  }
  const value = hash();
  if (stamp) writeCacheFile(path, JSON.stringify({ stamp, hash: value })); // read-only: hashed at each start
  return value;
}

/** What names a dictionary's caches (the hash of its files, remembered): other tables made from it are named after it too. */
export function dictionaryCacheKey(language: Language): string {
  return dictionaryHash(language, () => dictionaryFiles(language));
}

function expandForms(language: Language, aff: Buffer, dic: Buffer): string[] {
  // Loaded only to build a cache: importing nspell cost every start 10 ms.
  const nspell = createRequire(import.meta.url)('nspell') as typeof import('nspell');
  const spell = nspell({ aff, dic });
  const forms: string[] = [];
  for (const form of Object.keys((spell as unknown as { data: Record<string, unknown> }).data)) {
    if (language === 'fr' && ELIDED_PREFIX.test(form)) continue;
    if (spell.correct(form)) forms.push(form);
  }
  return forms;
}

const loaded = new Map<Language, WordSet>();

export function loadWordSet(language: Language): WordSet {
  const cached = loaded.get(language);
  if (cached) return cached;
  let files: { aff: Buffer; dic: Buffer } | undefined;
  const read = () => (files ??= dictionaryFiles(language));
  const hash = dictionaryHash(language, read);
  const file = join(cacheDirectory(), `words-${language}-${CACHE_FORMAT}-${hash}.txt`);
  const tableFile = `${file.slice(0, -4)}.hash`;
  const onDisk = SortedFile.open(file, `${file.slice(0, -4)}.idx`);
  if (onDisk) {
    const table = () => {
      const kept = readTable(tableFile, onDisk.count);
      if (kept) return kept;
      const { sorted, starts } = onDisk.whole();
      const built = LineHashSet.build(sorted, starts, onDisk.count).slots;
      writeTable(tableFile, built);
      return built;
    };
    const set = wordSetOverList(language, onDisk, TABLE_AFTER_LOOKUPS, table);
    loaded.set(language, set);
    return set;
  }
  let sorted: Buffer;
  let starts: Uint32Array | undefined;
  try {
    sorted = readFileSync(file);
    starts = readIndex(`${file.slice(0, -4)}.idx`, sorted);
  } catch {
    sorted = Buffer.from(sortByCodePoint(previousFormat(language, hash) ?? expandForms(language, read().aff, read().dic)).join('\n'));
    // A read-only install still works, only slower to start.
    if (writeCacheFile(file, sorted)) {
      // Caches of older dictionaries or formats are dead weight.
      try {
        for (const name of readdirSync(dirname(file))) {
          if (name.startsWith(`words-${language}-`) && /\.(?:txt|idx|hash)$/.test(name) && !join(dirname(file), name).startsWith(file.slice(0, -4))) rmSync(join(dirname(file), name), { force: true });
        }
      } catch {
        // Left for the next build.
      }
    }
  }
  if (!starts) {
    starts = lineStarts(sorted);
    writeIndex(`${file.slice(0, -4)}.idx`, starts);
  }
  // The hash table over the forms' bytes, built once and kept beside them (4 bytes
  // a slot, not a string a form: Spanish and English get one too), read when a
  // text has made enough look-ups for it to pay; a short text never reads it.
  const count = sorted.length === 0 ? 0 : starts.length - 1;
  const bytes = sorted;
  const lines = starts;
  const table = () => {
    const kept = readTable(tableFile, count);
    if (kept) return kept;
    const built = LineHashSet.build(bytes, lines, count).slots;
    writeTable(tableFile, built);
    return built;
  };
  const set = createWordSetFromSorted(language, sorted, starts, TABLE_AFTER_LOOKUPS, table);
  loaded.set(language, set);
  return set;
}

/**
 * The compact form: the cache file's bytes as they lie (sorted UTF-8 forms, one
 * a line) and the offsets of its lines (the .idx file beside it). Loading is
 * two reads (≈10 ms for French, against 0.25 s to split the file and hash
 * 450,000 strings); a look-up is a binary search over the bytes (≈4 µs). Past
 * `hashAfter` look-ups, a hash table over the same bytes takes over
 * (line-hash-set.ts, ≈0.1 µs a look-up): `table` reads it from its cache file
 * (4 MB for French, ≈2 ms, the cost of a few hundred binary searches); without
 * `table` it is built (≈70 ms, the cost of ≈15,000).
 */
const TABLE_AFTER_LOOKUPS = 400;
const HASH_AFTER_LOOKUPS = 15_000;

export function createWordSetFromSorted(language: Language, sorted: Buffer, starts = lineStarts(sorted), hashAfter = HASH_AFTER_LOOKUPS, table?: () => Int32Array): WordSet {
  const whole = { sorted, starts };
  return wordSetOverList(language, { count: sorted.length === 0 ? 0 : starts.length - 1, whole: () => whole }, hashAfter, table);
}

/** A sorted list of forms, one a line, and its line offsets: in memory, or still on disk (SortedFile). */
interface SortedList {
  readonly count: number;
  whole(): { sorted: Buffer; starts: Uint32Array };
  /** While the list is on disk: a look-up from the file, or undefined once it should be read whole. */
  probe?(target: Buffer): boolean | undefined;
}

function wordSetOverList(language: Language, list: SortedList, hashAfter: number, table?: () => Int32Array): WordSet {
  const { count } = list;
  let lookups = 0;
  let hashed: LineHashSet | undefined;
  let inMemory: { sorted: Buffer; starts: Uint32Array } | undefined;
  const hashTable = () => {
    if (hashed) return hashed;
    const { sorted, starts } = (inMemory ??= list.whole());
    return (hashed = table ? new LineHashSet(sorted, starts, table()) : LineHashSet.build(sorted, starts, count));
  };
  const hasForm = (form: string): boolean => {
    if (form.includes('\n')) return false; // the line separator is in no form
    if (hashed) return hashed.has(form);
    if (++lookups > hashAfter) return hashTable().has(form);
    const target = Buffer.from(form);
    if (!inMemory) {
      const found = list.probe?.(target);
      if (found !== undefined) return found;
      inMemory = list.whole();
    }
    const { sorted, starts } = inMemory;
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      // UTF-8 bytes sort as code points do: the file is sorted that way.
      const order = sorted.compare(target, 0, target.length, starts[mid], starts[mid + 1] - 1);
      if (order === 0) return true;
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  };
  // Suggestions probe the table itself (edit-probe.ts) where it is cheap to have: read from its cache file, or already built.
  return wordSet(language, count, hasForm, () => ((hashed ?? table) ? hashTable() : undefined));
}

/**
 * How many look-ups a list answers from its files before it is read whole. A look-up
 * on disk is a binary search by positional reads, two a step (≈20 steps: 40 system
 * calls, ≈50 µs); reading French whole (5.3 MB and its 1.8 MB of offsets) costs
 * 3–5 ms, Spanish (7.6 + 2.6 MB) more, and a check of one sentence asks Spanish and
 * English about one or two capitalised words: it read 17 MB of lists for them.
 */
const PROBES_ON_DISK = 64;

/** A sorted list and its index of line offsets (the .idx file) in the cache folder, looked up on disk until it pays to read them. */
class SortedFile implements SortedList {
  private probes = 0;
  private line = Buffer.alloc(256);
  private readonly offsets = Buffer.alloc(8);
  private read: { sorted: Buffer; starts: Uint32Array } | undefined;
  private constructor(
    private listFd: number,
    private indexFd: number,
    readonly count: number,
  ) {}

  /** Undefined where a file is missing or the index does not fit the list (stale or torn): the caller rebuilds it. */
  static open(path: string, indexPath: string): SortedFile | undefined {
    let listFd = -1;
    let indexFd = -1;
    try {
      listFd = openSync(path, 'r');
      indexFd = openSync(indexPath, 'r');
      const listSize = fstatSync(listFd).size;
      const indexSize = fstatSync(indexFd).size;
      const ends = Buffer.alloc(4);
      // As readIndex checks: the first offset 0, the last one past the list's end.
      if (indexSize % 4 === 0 && indexSize >= 8 && readSync(indexFd, ends, 0, 4, 0) === 4 && ends.readUInt32LE(0) === 0 && readSync(indexFd, ends, 0, 4, indexSize - 4) === 4 && ends.readUInt32LE(0) === listSize + 1) {
        return new SortedFile(listFd, indexFd, listSize === 0 ? 0 : indexSize / 4 - 1);
      }
    } catch {
      // Missing: built by the caller.
    }
    if (listFd !== -1) closeSync(listFd);
    if (indexFd !== -1) closeSync(indexFd);
    return undefined;
  }

  probe(target: Buffer): boolean | undefined {
    if (this.listFd === -1 || ++this.probes > PROBES_ON_DISK) return undefined;
    let low = 0;
    let high = this.count - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      readSync(this.indexFd, this.offsets, 0, 8, mid * 4);
      const start = this.offsets.readUInt32LE(0);
      const length = this.offsets.readUInt32LE(4) - 1 - start;
      if (length > this.line.length) this.line = Buffer.alloc(Math.max(length, this.line.length * 2));
      readSync(this.listFd, this.line, 0, length, start);
      const order = Buffer.compare(target, this.line.subarray(0, length));
      if (order === 0) return true;
      if (order < 0) high = mid - 1;
      else low = mid + 1;
    }
    return false;
  }

  /**
   * Both files read whole from the descriptors opened (the same versions the look-ups
   * read), which are then closed; kept, for the hash table's build asks again.
   */
  whole(): { sorted: Buffer; starts: Uint32Array } {
    if (this.read) return this.read;
    const sorted = readFileSync(this.listFd);
    const index = readFileSync(this.indexFd);
    closeSync(this.listFd);
    closeSync(this.indexFd);
    this.listFd = this.indexFd = -1;
    // readFileSync of a descriptor reads from its position, which positional reads leave at 0.
    // A cache file is replaced by a rename, never rewritten: these are the versions probed.
    const bytes = index.byteOffset % 4 === 0 ? index : Buffer.from(index);
    return (this.read = { sorted, starts: new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2) });
  }
}

/**
 * A list of strings kept as a sorted file (and its line index) in the cache
 * folder, looked up in place as a dictionary is: read when `file` exists, made
 * with `make` and written there otherwise (the name lists, names/name-lists.ts).
 */
export function cachedSortedList(file: string, make: () => Iterable<string>): WordSet {
  const path = join(cacheDirectory(), file);
  const indexPath = path.replace(/\.txt$/, '') + '.idx';
  const onDisk = SortedFile.open(path, indexPath);
  if (onDisk) return wordSetOverList('en', onDisk, HASH_AFTER_LOOKUPS);
  let sorted: Buffer;
  try {
    sorted = readFileSync(path);
  } catch {
    sorted = Buffer.from(sortByCodePoint([...new Set(make())].filter((form) => form !== '' && !form.includes('\n'))).join('\n'));
    writeCacheFile(path, sorted); // read-only: made again at the next start
  }
  let starts = readIndex(indexPath, sorted);
  if (!starts) {
    starts = lineStarts(sorted);
    writeIndex(indexPath, starts);
  }
  return createWordSetFromSorted('en', sorted, starts);
}

/** The forms cached by format 2 (sorted by UTF-16 unit) of the same dictionary: no need to expand it again. */
function previousFormat(language: Language, hash: string): string[] | undefined {
  try {
    return readFileSync(join(cacheDirectory(), `words-${language}-2-${hash}.txt`), 'utf8').split('\n');
  } catch {
    return undefined;
  }
}

/** Code point order (= UTF-8 byte order); JavaScript's default sort is by UTF-16 unit. */
function sortByCodePoint(forms: string[]): string[] {
  forms.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (!forms.some((form) => /[\uD800-\uDFFF]/.test(form))) return forms; // the two orders agree
  return forms.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

function readIndex(path: string, sorted: Buffer): Uint32Array | undefined {
  try {
    const bytes = readFileSync(path);
    const starts = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
    // A stale or torn index (the list was rewritten) is rebuilt.
    return starts.length >= 2 && starts[0] === 0 && starts[starts.length - 1] === sorted.length + 1 ? starts : undefined;
  } catch {
    return undefined;
  }
}

function readTable(path: string, count: number): Int32Array | undefined {
  try {
    const bytes = readFileSync(path);
    if (bytes.byteOffset % 4 !== 0) return undefined;
    const slots = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
    // Its name holds the dictionary's hash and it is written by rename: only its size is checked.
    return LineHashSet.fits(slots.length, count) ? slots : undefined;
  } catch {
    return undefined;
  }
}

/** The hash table's slots as bytes; read-only: built again by the next process that needs it. */
function writeTable(path: string, slots: Int32Array): void {
  writeCacheFile(path, new Uint8Array(slots.buffer, slots.byteOffset, slots.byteLength));
}

/** The line offsets as bytes; read-only: computed at each start (≈30 ms). */
function writeIndex(path: string, starts: Uint32Array): void {
  writeCacheFile(path, new Uint8Array(starts.buffer, starts.byteOffset, starts.byteLength));
}

/** Offsets of the lines of `bytes`, plus one past the end (as if it ended with a newline). */
function lineStarts(bytes: Buffer): Uint32Array {
  let count = 1;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) count++;
  const starts = new Uint32Array(count + 1);
  let line = 1;
  for (let at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) starts[line++] = at + 1;
  starts[line] = bytes.length + 1;
  return starts;
}

export function createWordSet(language: Language, forms: string[], lookup: 'hash' | 'sorted' = 'hash'): WordSet {
  return wordSet(language, forms.length, lookup === 'hash' ? hashLookup(forms) : sortedLookup(forms));
}

function wordSet(language: Language, size: number, hasForm: (form: string) => boolean, hashTable?: () => LineHashSet | undefined): WordSet {
  const words = { has: hasForm };
  const knowsSimple = (word: string): boolean => {
    if (words.has(word)) return true;
    const lower = word.toLowerCase();
    if (lower === word) return false;
    const rest = word.slice(1);
    const capitalised = rest === rest.toLowerCase();
    const allCaps = word === word.toUpperCase();
    // Capitalised or ALL CAPS may stand for the lower-case word; mIxEd case may not.
    if ((capitalised || allCaps) && words.has(lower)) return true;
    // ALL CAPS: also the capitalised form (PARIS → Paris).
    return allCaps && words.has(lower.charAt(0).toUpperCase() + lower.slice(1));
  };
  // Verdicts by word: a text asks again and again about the same few thousand
  // words (every rule reads them), and a verdict never changes. Bounded, for a
  // server that checks text after text.
  const verdicts = new Map<string, boolean>();
  const knows = (raw: string): boolean => {
    let known = verdicts.get(raw);
    if (known === undefined) {
      if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
      verdicts.set(raw, (known = lookUp(raw)));
    }
    return known;
  };
  const lookUp = (raw: string): boolean => {
    const word = raw.includes('’') || raw.includes('‑') ? raw.replace(/’/g, "'").replace(/‑/g, '-') : raw;
    if (knowsSimple(word)) return true;
    if (language === 'fr') {
      // No apostrophe, no elision: most probes (every suggestion candidate) skip the expression.
      const elided = word.includes("'") ? ELIDED_PREFIX.exec(word) : null;
      if (elided) return word.length > elided[0].length && lookUp(word.slice(elided[0].length));
      if (word.includes('-')) return word.split('-').every((part) => part === '' || FRENCH_HYPHEN_PARTS.has(part.toLowerCase()) || knowsSimple(part));
    }
    return false;
  };
  return {
    language,
    size,
    hasForm,
    knows,
    // Candidates go to `lookUp`, not `knows`: thousands of edits per unknown word,
    // almost none asked again, would fill the verdict map (and the collector) for nothing.
    suggest: (word, limit = 5, budget) => suggest(word, lookUp, limit, budget, hashTable, language === 'fr' ? ELISION_SET : undefined),
  };
}

const MAX_VERDICTS = 200_000;

function hashLookup(forms: string[]): (form: string) => boolean {
  const set = new Set(forms);
  return (form) => set.has(form);
}

function sortedLookup(forms: string[]): (form: string) => boolean {
  return (form) => {
    let low = 0;
    let high = forms.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const value = forms[mid];
      if (value === form) return true;
      if (value < form) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  };
}

// Pronouns and the euphonic t of French inversions: a-t-il, dit-elle, donne-le-moi.
const FRENCH_HYPHEN_PARTS = new Set(['t', 'il', 'elle', 'on', 'ils', 'elles', 'je', 'tu', 'nous', 'vous', 'le', 'la', 'les', 'moi', 'toi', 'lui', 'leur', 'y', 'en', 'ce', 'ci', 'là']);

export const ALPHABET = 'abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ';

/** The one-edit candidates of a word, in the order edit-probe.ts probes them. */
export function edits(word: string, alphabet: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail) out.push(head + tail.slice(1));
    if (tail.length > 1) out.push(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of alphabet) {
      if (tail) out.push(head + letter + tail.slice(1));
      out.push(head + letter + tail);
    }
  }
  return out;
}

const ACCENTED: Record<string, string> = { a: 'àâä', e: 'éèêë', i: 'îï', o: 'ôö', u: 'ùûü', c: 'ç', y: 'ÿ' };

/** The word with one or two letters given (or relieved of) an accent: ministere → ministère. */
function accentVariants(word: string): string[] {
  const plain = word.normalize('NFD').replace(/\p{M}/gu, '');
  if (plain.length !== word.length) return [];
  const options = [...plain].map((letter) => letter + (ACCENTED[letter] ?? ''));
  const out = new Set<string>([plain]);
  const positions = options.map((o, i) => (o.length > 1 ? i : -1)).filter((i) => i >= 0);
  for (const i of positions) {
    for (const letter of options[i]) {
      const one = plain.slice(0, i) + letter + plain.slice(i + 1);
      out.add(one);
      for (const j of positions) {
        if (j <= i) continue;
        for (const second of options[j]) out.add(one.slice(0, j) + second + one.slice(j + 1));
      }
    }
  }
  out.delete(word);
  return [...out];
}

/**
 * Dictionary words one edit away, and words that differ only in one or two
 * accents (ministere → ministère, recu → reçu). Two full edits would cost a
 * million look-ups a word; this costs a few thousand.
 */
function suggest(word: string, knows: (w: string) => boolean, limit: number, budget?: SuggestionBudget, hashTable?: () => LineHashSet | undefined, elisions?: ReadonlySet<string>): string[] {
  if (word.length > MAX_SUGGESTION_LENGTH) return [];
  const lower = word.toLowerCase();
  // The one-edit candidates are counted before they are built: (n + 1) positions, two edits and two per letter each.
  const cost = (lower.length + 1) * (2 + 2 * ALPHABET.length);
  if (budget) {
    if (budget.remaining < cost) {
      budget.exhausted = true;
      return [];
    }
    budget.remaining -= cost;
  }
  const restoreCase = (candidate: string) =>
    word === word.toUpperCase() && word.length > 1 ? candidate.toUpperCase() : word[0] !== lower[0] ? candidate[0].toUpperCase() + candidate.slice(1) : candidate;
  const found = new Map<string, number>();
  const accents = accentVariants(lower);
  if (budget) budget.remaining -= accents.length;
  for (const candidate of accents) if (knows(candidate)) found.set(candidate, 0);
  // The same candidates, in the same order, found in place where the word allows it (edit-probe.ts); as strings otherwise.
  const table = hashTable?.();
  const add = (candidate: string) => {
    if (!found.has(candidate)) found.set(candidate, score(lower, candidate));
  };
  // A word with an apostrophe: in French the look-up also reads a candidate as an elision; elsewhere as it stands.
  const probed =
    table !== undefined &&
    (probeOneEdits(table, lower, ALPHABET, add) || (elisions ? probeElidedEdits(table, lower, ALPHABET, elisions, add) : probeOneEdits(table, lower, ALPHABET, add, { apostrophes: true })));
  if (!probed) {
    for (const candidate of edits(lower, ALPHABET)) if (!found.has(candidate) && knows(candidate)) found.set(candidate, score(lower, candidate));
  }
  return [...found.entries()]
    .sort((a, b) => a[1] - b[1] || (frenchOrder ??= new Intl.Collator('fr')).compare(a[0], b[0]))
    .slice(0, limit)
    .map(([candidate]) => restoreCase(candidate));
}

// `a.localeCompare(b, 'fr')` is this collator's comparison, made anew at each call.
// Made when two candidates first tie on their score: ICU takes about 20 ms to load
// French collation, which a text whose unknown words have one candidate each never needs.
let frenchOrder: Intl.Collator | undefined;

// Edits that keep the first letter and the length are the likelier fixes.
function score(word: string, candidate: string): number {
  let value = 10;
  if (word[0] !== candidate[0]) value += 3;
  value += Math.abs(word.length - candidate.length);
  return value;
}
