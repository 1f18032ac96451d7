import type { ReaderWarning } from './reader-warning.ts';
import type { FormatAdapter, ParsedDocument, ParseOptions } from './format-adapter.ts';

/** What the bilingual adapters read: a document, plus what they left out of the review and why. */
export interface ParsedBilingualDocument extends ParsedDocument {
  /** Units read but not reviewed (an empty target: still to translate), each with its place. */
  warnings: ReaderWarning[];
}

/** A `FormatAdapter` whose `parse` also says what it left out. */
export type BilingualFormatAdapter = Omit<FormatAdapter, 'parse'> & {
  parse(bytes: Uint8Array, options: ParseOptions): ParsedBilingualDocument;
};
