import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nspell from 'nspell';

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
  /** Dictionary words one or two edits away, best first. */
  suggest(word: string, limit?: number): string[];
}

const CACHE_FORMAT = 1;

// French elided articles and pronouns are stored glued to their word by the
// dictionary (l'homme); we strip them before lookup, so we do not keep those forms.
const ELIDED_PREFIX = /^(?:l|d|j|m|n|s|t|c|ç|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)'/i;

export function cacheDirectory(): string {
  if (process.env.RELECTURE_CACHE_DIR) return process.env.RELECTURE_CACHE_DIR;
  // node_modules/.cache is where build tools keep their caches (Babel, ESLint).
  return fileURLToPath(new URL('../../node_modules/.cache/relecture/', import.meta.url));
}

function packageDirectory(name: string): string {
  return dirname(fileURLToPath(import.meta.resolve(name)));
}

function dictionaryFiles(language: Language): { aff: Buffer; dic: Buffer } {
  const dir = packageDirectory(`dictionary-${language}`);
  return { aff: readFileSync(join(dir, 'index.aff')), dic: readFileSync(join(dir, 'index.dic')) };
}

function expandForms(language: Language, aff: Buffer, dic: Buffer): string[] {
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
  const { aff, dic } = dictionaryFiles(language);
  const hash = createHash('sha256').update(aff).update(dic).digest('hex').slice(0, 16);
  const file = join(cacheDirectory(), `words-${language}-${CACHE_FORMAT}-${hash}.txt`);
  let forms: string[];
  try {
    forms = readFileSync(file, 'utf8').split('\n');
  } catch {
    forms = expandForms(language, aff, dic);
    try {
      mkdirSync(dirname(file), { recursive: true });
      // Write then rename, so that a concurrent reader never sees half a file.
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, forms.join('\n'));
      renameSync(temporary, file);
    } catch {
      // A read-only install still works, only slower to start.
    }
  }
  const set = createWordSet(language, forms);
  loaded.set(language, set);
  return set;
}

export function createWordSet(language: Language, forms: Iterable<string>): WordSet {
  const words = new Set(forms);
  const hasForm = (form: string) => words.has(form);
  // Lower-case forms by their unaccented spelling, built on the first suggestion.
  let byBare: Map<string, string[]> | undefined;
  const bareIndex = () => {
    if (byBare) return byBare;
    byBare = new Map();
    for (const form of words) {
      if (form !== form.toLowerCase()) continue;
      const key = bare(form);
      const list = byBare.get(key);
      if (list) list.push(form);
      else byBare.set(key, [form]);
    }
    return byBare;
  };
  const knowsSimple = (word: string): boolean => {
    if (words.has(word)) return true;
    const lower = word.toLowerCase();
    if (lower === word) return false;
    if (words.has(lower)) return true;
    // ALL CAPS: the capitalised form (PARIS → Paris).
    return word === word.toUpperCase() && words.has(lower.charAt(0).toUpperCase() + lower.slice(1));
  };
  const knows = (raw: string): boolean => {
    const word = raw.replace(/’/g, "'").replace(/‑/g, '-');
    if (knowsSimple(word)) return true;
    if (language === 'fr') {
      const elided = ELIDED_PREFIX.exec(word);
      if (elided) return word.length > elided[0].length && knows(word.slice(elided[0].length));
      if (word.includes('-')) return word.split('-').every((part) => part === '' || FRENCH_HYPHEN_PARTS.has(part.toLowerCase()) || knowsSimple(part));
    }
    return false;
  };
  return {
    language,
    size: words.size,
    hasForm,
    knows,
    suggest: (word, limit = 5) => suggest(word, knows, bareIndex, limit),
  };
}

// Pronouns and the euphonic t of French inversions: a-t-il, dit-elle, donne-le-moi.
const FRENCH_HYPHEN_PARTS = new Set(['t', 'il', 'elle', 'on', 'ils', 'elles', 'je', 'tu', 'nous', 'vous', 'le', 'la', 'les', 'moi', 'toi', 'lui', 'leur', 'y', 'en', 'ce', 'ci', 'là']);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzàâäçéèêëîïôöùûüÿœæ';

const PLAIN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

function edits(word: string, alphabet: string): string[] {
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

function bare(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/**
 * Dictionary words one edit away, plus words that differ only in accents or by
 * one edit once accents are set aside (ministere → ministère, recu → reçu). Two
 * full edits would cost a million look-ups a word; this costs a few thousand.
 */
function suggest(word: string, knows: (w: string) => boolean, byBareForm: () => Map<string, string[]>, limit: number): string[] {
  const lower = word.toLowerCase();
  const restoreCase = (candidate: string) =>
    word === word.toUpperCase() && word.length > 1 ? candidate.toUpperCase() : word[0] !== lower[0] ? candidate[0].toUpperCase() + candidate.slice(1) : candidate;
  const found = new Map<string, number>();
  for (const candidate of edits(lower, ALPHABET)) if (!found.has(candidate) && knows(candidate)) found.set(candidate, score(lower, candidate, 1));
  const index = byBareForm();
  const plain = bare(lower);
  for (const key of [plain, ...edits(plain, PLAIN_ALPHABET)]) {
    for (const candidate of index.get(key) ?? []) {
      if (found.has(candidate) || candidate === lower) continue;
      found.set(candidate, score(lower, candidate, key === plain ? 1 : 2));
    }
  }
  return [...found.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0], 'fr'))
    .slice(0, limit)
    .map(([candidate]) => restoreCase(candidate));
}

// Edits that only touch accents or keep the first letter are the likelier fixes.
function score(word: string, candidate: string, distance: number): number {
  let value = distance * 10;
  if (bare(word) === bare(candidate)) value -= 8;
  if (word[0] !== candidate[0]) value += 3;
  value += Math.abs(word.length - candidate.length);
  return value;
}
