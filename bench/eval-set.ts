/**
 * The evaluation set of `samples/eval/` (see its README): garbled MT texts with a
 * line-aligned source, the gold French and every error annotated. Read by
 * `bench/eval.ts` and checked by `test/bench/eval-set.test.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ERROR_CLASSES = ['names', 'numbers', 'untranslated', 'calque', 'grammar', 'typography', 'repetition', 'garbled'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export interface EvalError {
  /** 1-based line of the MT (and of the gold and the source). */
  line: number;
  wrong: string;
  right: string;
  class: ErrorClass;
  /** `fr`: a reader of the French alone can see it; `source`: only with the source. */
  detectable: 'fr' | 'source';
  /** `[start, end)` of `wrong` in the MT text, UTF-16 offsets. */
  start: number;
  end: number;
}

export interface EvalText {
  name: string;
  mt: string;
  gold: string;
  source: { text: string; lang: string };
  errors: EvalError[];
}

export const DEFAULT_EVAL_DIR = new URL('../samples/eval/', import.meta.url).pathname;

class EvalSetError extends Error {}

/**
 * Reads every `NAME.errors.tsv` of the folder with its MT, gold and source, and
 * checks that the annotation is complete: replacing each `wrong` by its `right`
 * (in order, each searched after the one before on its line) turns the MT into
 * the gold, and the three files have the same number of lines.
 */
export function loadEvalSet(dir = DEFAULT_EVAL_DIR): EvalText[] {
  const files = readdirSync(dir);
  const names = files.filter((f) => f.endsWith('.errors.tsv')).map((f) => f.slice(0, -'.errors.tsv'.length)).sort();
  return names.map((name) => {
    const read = (file: string) => readFileSync(join(dir, file), 'utf8');
    const sourceFile = files.find((f) => f.startsWith(`${name}.src.`) && f.endsWith('.txt'));
    if (!sourceFile) throw new EvalSetError(`${name}: no ${name}.src.LANG.txt`);
    const mt = read(`${name}.mt.fr.txt`);
    const gold = read(`${name}.gold.fr.txt`);
    const source = { text: read(sourceFile), lang: sourceFile.split('.').at(-2)! };
    const errors = parseErrors(read(`${name}.errors.tsv`), `${name}.errors.tsv`, mt);
    const mtLines = mt.split('\n');
    const goldLines = gold.split('\n');
    if (mtLines.length !== goldLines.length || mtLines.length !== source.text.split('\n').length) {
      throw new EvalSetError(`${name}: the MT, gold and source files must have the same number of lines`);
    }
    const rebuilt = applyErrors(mt, errors);
    const rebuiltLines = rebuilt.split('\n');
    rebuiltLines.forEach((line, i) => {
      if (line !== goldLines[i]) throw new EvalSetError(`${name}.gold.fr.txt:${i + 1}: the MT with its annotated fixes gives\n  ${line}\nbut the gold says\n  ${goldLines[i]}`);
    });
    return { name, mt, gold, source, errors };
  });
}

function parseErrors(tsv: string, file: string, mt: string): EvalError[] {
  const lineStarts = [0];
  for (let i = 0; i < mt.length; i++) if (mt[i] === '\n') lineStarts.push(i + 1);
  const cursor = new Map<number, number>();
  const errors: EvalError[] = [];
  tsv.split('\n').forEach((raw, index) => {
    if (raw.trim() === '' || raw.startsWith('#')) return;
    const where = `${file}:${index + 1}`;
    const cells = raw.split('\t');
    if (cells.length !== 5) throw new EvalSetError(`${where}: expected 5 tab-separated columns (line, wrong, right, class, detectable), found ${cells.length}`);
    const [lineText, wrong, right, cls, detectable] = cells as [string, string, string, string, string];
    const line = Number(lineText);
    if (!Number.isInteger(line) || line < 1 || line > lineStarts.length) throw new EvalSetError(`${where}: no line ${lineText} in the MT`);
    if (!wrong) throw new EvalSetError(`${where}: empty wrong span`);
    if (!(ERROR_CLASSES as readonly string[]).includes(cls)) throw new EvalSetError(`${where}: unknown class "${cls}" (known: ${ERROR_CLASSES.join(', ')})`);
    if (detectable !== 'fr' && detectable !== 'source') throw new EvalSetError(`${where}: detectable must be "fr" or "source", not "${detectable}"`);
    const lineStart = lineStarts[line - 1]!;
    const lineEnd = line < lineStarts.length ? lineStarts[line]! - 1 : mt.length;
    const from = cursor.get(line) ?? lineStart;
    const at = mt.indexOf(wrong, from);
    if (at < 0 || at + wrong.length > lineEnd) throw new EvalSetError(`${where}: "${wrong}" is not on line ${line} of the MT (after the error before it)`);
    cursor.set(line, at + wrong.length);
    errors.push({ line, wrong, right, class: cls as ErrorClass, detectable, start: at, end: at + wrong.length });
  });
  return errors;
}

function applyErrors(mt: string, errors: EvalError[]): string {
  let out = mt;
  for (const error of [...errors].sort((a, b) => b.start - a.start)) out = out.slice(0, error.start) + error.right + out.slice(error.end);
  return out;
}
