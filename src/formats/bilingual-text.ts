import { alignTexts } from '../bilingual/align-texts.ts';
import { InputError } from '../errors.ts';
import { decodeInput } from '../text/decode-input.ts';
import type { BilingualFormatAdapter } from './bilingual-document.ts';
import { applyEdits } from './xml-tree.ts';

/**
 * Two plain texts, the MT and its source, line for line (`check MT --source SRC`,
 * or the import page's second file). Segments are the aligned pairs of
 * `alignTexts`: a sentence, or the few sentences that translate one another. The
 * skeleton is the MT text and where each target sits; writing back gives the MT
 * text with the reviewed targets in place and every other byte as it was.
 */
export interface BilingualTextSkeleton {
  format: 'bilingual-text';
  text: string;
  bom: boolean;
  segments: Record<string, { start: number; end: number; target: string }>;
  /** Segment ids in document order (an object's integer-like keys, "1" and "4", would come before "3.1"). */
  order: string[];
}

export const bilingualTextAdapter: BilingualFormatAdapter = {
  id: 'bilingual-text',
  label: 'Plain text with its source (two files, line for line)',
  // Never chosen by a file name: an MT text is plain text unless a source comes with it.
  extensions: [],
  contentType: 'text/plain; charset=utf-8',

  parse(bytes, options) {
    if (!options.sourceBytes) throw new InputError(options.fileName, 'needs its source text beside it (--source FILE)');
    const sourceFile = options.sourceFileName ?? 'source';
    const text = decodeInput(bytes, { file: options.fileName });
    const source = decodeInput(options.sourceBytes, { file: sourceFile });
    const pairs = alignTexts(text, source, { mt: options.fileName, source: sourceFile });
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const segments: BilingualTextSkeleton['segments'] = {};
    for (const pair of pairs) segments[pair.id] = { start: pair.start, end: pair.end, target: text.slice(pair.start, pair.end) };
    return {
      format: 'bilingual-text',
      sourceLanguage: options.sourceLanguage,
      targetLanguage: options.targetLanguage,
      segments: pairs.map((pair) => ({ externalId: pair.id, source: pair.source, target: text.slice(pair.start, pair.end), line: pair.line })),
      skeleton: { format: 'bilingual-text', text, bom, segments, order: pairs.map((pair) => pair.id) } satisfies BilingualTextSkeleton,
      warnings: [],
    };
  },

  // Checks see the MT file itself, so offsets, lines and columns point into it.
  // Regression: spans were taken in Object.values order, which puts "4" before "3.1".
  layout(skeleton, targets) {
    const s = skeleton as BilingualTextSkeleton;
    const spans = s.order.map((id) => s.segments[id]);
    let text = '';
    let position = 0;
    const starts: number[] = [];
    spans.forEach((span, i) => {
      text += s.text.slice(position, span.start);
      starts.push(text.length);
      text += targets[i];
      position = span.end;
    });
    return { text: text + s.text.slice(position), starts };
  },

  serialize(skeleton, segments) {
    const s = skeleton as BilingualTextSkeleton;
    const edits = segments
      .filter((segment) => segment.changed && s.segments[segment.externalId] && segment.target !== s.segments[segment.externalId].target)
      .map((segment) => ({ ...s.segments[segment.externalId], text: segment.target }));
    for (const segment of segments) if (!s.segments[segment.externalId]) throw new Error(`segment '${segment.externalId}' is not in this text`);
    const out = applyEdits(s.text, edits);
    return new Uint8Array(Buffer.from(s.bom ? `\uFEFF${out}` : out, 'utf8'));
  },
};
