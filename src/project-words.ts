import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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

/** Adds a word at the end of the list (creating `.relecture/` if needed), unless it is there already; says whether it added it. */
export function appendProjectWord(path: string, word: string): boolean {
  if (!/^[\p{L}\p{M}\p{N}]+(?:['’\-‑.][\p{L}\p{M}\p{N}]+)*$/u.test(word)) throw new InputError(path, `« ${word} » is not a word`);
  if (existsSync(path) && readProjectWords(path).includes(word)) return false;
  mkdirSync(dirname(path), { recursive: true });
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
  appendFileSync(path, `${text === '' || text.endsWith('\n') ? '' : '\n'}${word}\n`);
  return true;
}

/**
 * Takes away the line `appendProjectWord` wrote for `word` (the last line that
 * is exactly the word): the undo of the action that added it. Every other line,
 * comments and blank lines included, stays byte for byte; a list edited since so
 * that no such line is left is not touched. Written to a temporary file renamed
 * over the list, so a crash leaves the old list or the new one. Says whether it
 * removed a line.
 */
export function removeProjectWord(path: string, word: string): boolean {
  if (!existsSync(path)) return false;
  const text = readFileSync(path, 'utf8');
  // Lines with their own ends, so the others are written back exactly as read.
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let at = -1;
  for (let i = lines.length - 1; i >= 0 && at < 0; i--) if (lines[i].replace(/\r?\n$/, '').normalize('NFC') === word) at = i;
  if (at < 0) return false;
  lines.splice(at, 1);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, lines.join(''));
  renameSync(temporary, path);
  return true;
}
