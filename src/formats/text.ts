import { InputError } from '../errors.ts';
import { decodeInput } from '../text/decode-input.ts';
import type { FormatAdapter, ParsedDocument, ParsedSegment, ReviewedSegment } from './format-adapter.ts';

/**
 * Plain text, one paragraph a line (how MT output comes). A segment is a line
 * with something visible on it, whole (leading spaces included); the skeleton
 * keeps what sits between them (line breaks, CRLF, blank lines) and after the
 * last, so that an untouched document comes back byte for byte.
 */
export interface TextSkeleton {
  /** `gaps[i]` comes before segment i; the last one ends the file. One more than the segments. */
  gaps: string[];
}

const LINE_BREAK = /\r?\n/g;

export function parseText(text: string): { segments: ParsedSegment[]; skeleton: TextSkeleton } {
  const segments: ParsedSegment[] = [];
  const gaps: string[] = [];
  let gapStart = 0;
  let lineStart = 0;
  let line = 1;
  LINE_BREAK.lastIndex = 0;
  for (;;) {
    const match = LINE_BREAK.exec(text);
    const lineEnd = match ? match.index : text.length;
    const content = text.slice(lineStart, lineEnd);
    // Lines that segment() gives no sentence (blank or spaces only) are layout.
    if (content.trim() !== '') {
      gaps.push(text.slice(gapStart, lineStart));
      segments.push({ externalId: String(line), target: content, line });
      gapStart = lineEnd;
    }
    if (!match) break;
    lineStart = match.index + match[0].length;
    line++;
  }
  gaps.push(text.slice(gapStart));
  return { segments, skeleton: { gaps } };
}

function checkSkeleton(skeleton: unknown, count: number): TextSkeleton {
  const gaps = (skeleton as TextSkeleton | undefined)?.gaps;
  if (!Array.isArray(gaps) || gaps.length !== count + 1 || gaps.some((gap) => typeof gap !== 'string')) {
    throw new Error(`text skeleton does not fit ${count} segments`);
  }
  return { gaps };
}

/** The targets back between the gaps, and where each starts. */
export function layoutText(skeleton: unknown, targets: readonly string[]): { text: string; starts: number[] } {
  const { gaps } = checkSkeleton(skeleton, targets.length);
  const starts: number[] = [];
  const parts: string[] = [];
  let length = 0;
  targets.forEach((target, i) => {
    parts.push(gaps[i]);
    length += gaps[i].length;
    starts.push(length);
    parts.push(target);
    length += target.length;
  });
  parts.push(gaps[targets.length]);
  return { text: parts.join(''), starts };
}

export const textFormat: FormatAdapter = {
  id: 'text',
  label: 'Plain text',
  extensions: ['txt', 'text'],
  contentType: 'text/plain; charset=utf-8',

  parse(bytes, options): ParsedDocument {
    const text = decodeInput(bytes, { file: options.fileName, maxBytes: options.maxBytes });
    const { segments, skeleton } = parseText(text);
    if (segments.length === 0) throw new InputError(options.fileName, 'contains only whitespace: there is no text to check');
    return { format: 'text', sourceLanguage: options.sourceLanguage, targetLanguage: options.targetLanguage, segments, skeleton };
  },

  serialize(skeleton, segments: readonly ReviewedSegment[]) {
    // A line break typed into a segment would make a new paragraph: the layout is the skeleton's.
    return Buffer.from(layoutText(skeleton, segments.map((s) => s.target)).text, 'utf8');
  },

  layout: layoutText,
};
