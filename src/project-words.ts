import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from './errors.ts';

/**
 * The project word list, `.relecture/words.txt`: names and terms of the project
 * that are not errors (one a line, `#` comments and blank lines allowed; a line
 * of several words, a multi-word name, teaches each of its words). The CLI and
 * the review app read the same file; the app's « add to dictionary » appends to it.
 */
export const PROJECT_WORDS_FILE = join('.relecture', 'words.txt');

export function readProjectWords(path: string): string[] {
  const words: string[] = [];
  readFileSync(path, 'utf8').split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const parts = line.normalize('NFC').split(/\s+/);
    const bad = parts.find((part) => !/^[\p{L}\p{M}\p{N}]+(?:['’\-‑.][\p{L}\p{M}\p{N}]+)*\.?$/u.test(part));
    if (bad) throw new InputError(`${path}:${index + 1}`, `« ${bad} » is not a word (one word or name a line)`);
    words.push(...parts);
  });
  return words;
}

/** The list of the project in `cwd`, or none. */
export function findProjectWords(cwd = '.', named?: string): { file?: string; words: string[] } {
  const file = named ?? join(cwd, PROJECT_WORDS_FILE);
  if (!named && !existsSync(file)) return { words: [] };
  return { file, words: readProjectWords(file) };
}

/** Adds a word at the end of the list (creating `.relecture/` if needed), unless it is there already. */
export function appendProjectWord(path: string, word: string): void {
  if (!/^[\p{L}\p{M}\p{N}]+(?:['’\-‑.][\p{L}\p{M}\p{N}]+)*$/u.test(word)) throw new InputError(path, `« ${word} » is not a word`);
  if (existsSync(path) && readProjectWords(path).includes(word)) return;
  mkdirSync(dirname(path), { recursive: true });
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  appendFileSync(path, `${text === '' || text.endsWith('\n') ? '' : '\n'}${word}\n`);
}
