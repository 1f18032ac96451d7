import { InputError } from '../errors.ts';
import { splitSentences } from '../text/segment.ts';
import { alignSentences } from './align-sentences.ts';

/**
 * A source text and its MT, line for line (one paragraph a line, as MT output
 * comes): paragraphs pair by line, sentences inside a paragraph by length and
 * anchors (`alignSentences`). A source sentence the MT left out joins its
 * neighbour's pair, and so does a target sentence with no source, so that every
 * target sentence has a source beside it and the omission shows in that pair.
 */
export interface AlignedPair {
  /** `LINE` for a paragraph that is one pair, `LINE.K` otherwise (1-based). */
  id: string;
  /** 1-based line in both files. */
  line: number;
  /** `[start, end)` of the target in the MT text, trailing spaces left out. */
  start: number;
  end: number;
  source: string;
  sourceStart: number;
  sourceEnd: number;
}

interface Line {
  start: number;
  end: number;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /\r?\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  // A final line break does not open a line.
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

function trimmedEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

function trimmedStart(text: string, start: number, end: number): number {
  while (start < end && /\s/.test(text[start])) start++;
  return start;
}

export function alignTexts(mt: string, source: string, files: { mt: string; source: string }): AlignedPair[] {
  const mtLines = linesOf(mt);
  const sourceLines = linesOf(source);
  if (mtLines.length !== sourceLines.length) {
    // Point at the first line where the paragraphs stop looking alike, when it shows.
    throw new InputError(files.mt, 'has {lines} lines and its source {source} has {sourceLines}: the two files must be line-aligned (one paragraph a line)', undefined, {
      lines: mtLines.length,
      source: files.source,
      sourceLines: sourceLines.length,
    });
  }
  const pairs: AlignedPair[] = [];
  for (let index = 0; index < mtLines.length; index++) {
    const line = index + 1;
    const mtLine = mtLines[index];
    const sourceLine = sourceLines[index];
    const mtBlank = mt.slice(mtLine.start, mtLine.end).trim() === '';
    const sourceBlank = source.slice(sourceLine.start, sourceLine.end).trim() === '';
    if (mtBlank !== sourceBlank) {
      throw new InputError(mtBlank ? files.mt : files.source, 'line {line} is empty here but not in {other}: the two files must be line-aligned', line, { line, other: mtBlank ? files.source : files.mt });
    }
    if (mtBlank) continue;
    const targetSentences = splitSentences(mt, mtLine.start, mtLine.end).filter(([s, e]) => mt.slice(s, e).trim() !== '');
    const sourceSentences = splitSentences(source, sourceLine.start, sourceLine.end).filter(([s, e]) => source.slice(s, e).trim() !== '');
    const beads = alignSentences(
      sourceSentences.map(([s, e]) => source.slice(s, e).trim()),
      targetSentences.map(([s, e]) => mt.slice(s, e).trim()),
    );
    // Fold beads without a target (or without a source) into a neighbour.
    const merged: Array<{ source: number[]; target: number[] }> = [];
    for (const bead of beads) {
      const previous = merged[merged.length - 1];
      if (previous && (bead.target.length === 0 || bead.source.length === 0 || previous.target.length === 0 || previous.source.length === 0)) {
        previous.source.push(...bead.source);
        previous.target.push(...bead.target);
      } else merged.push({ source: [...bead.source], target: [...bead.target] });
    }
    merged.forEach((bead, k) => {
      const start = trimmedStart(mt, targetSentences[bead.target[0]][0], mtLine.end);
      const end = trimmedEnd(mt, start, targetSentences[bead.target[bead.target.length - 1]][1]);
      const sourceStart = bead.source.length > 0 ? trimmedStart(source, sourceSentences[bead.source[0]][0], sourceLine.end) : sourceLine.start;
      const sourceEnd = bead.source.length > 0 ? trimmedEnd(source, sourceStart, sourceSentences[bead.source[bead.source.length - 1]][1]) : sourceLine.start;
      pairs.push({ id: merged.length === 1 ? String(line) : `${line}.${k + 1}`, line, start, end, source: source.slice(sourceStart, sourceEnd), sourceStart, sourceEnd });
    });
  }
  return pairs;
}
