import type { ReaderWarning } from './reader-warning.ts';

/**
 * The contract between a file format and the rest of Relecture (the textlint
 * plugin / Okapi filter idea): an adapter turns a file into segments plus a
 * skeleton, and merges edited segments back into the skeleton, so that what the
 * editor did not touch comes out byte for byte. Checks, the review app and the
 * exports never know which format a document came from.
 *
 * One module per format under `src/formats/`, registered in `src/formats/index.ts`.
 */

/**
 * An inline code of a bilingual file (`<g>`, `<x/>`, `<ph>`, `<pc>`, `<bpt>`/`<ept>`,
 * …), protected from editing. In the segment's text it stands as one placeholder
 * character (`placeholder`, from the Unicode private-use area U+E000–U+F8FF) so
 * that offsets, diffs and checks see one code unit per code; the adapter puts the
 * original markup back when it serializes.
 */
export interface InlineCode {
  /** The placeholder character that stands for the code in `source` / `target`. */
  placeholder: string;
  /** `open`/`close` for paired codes (`<g>…</g>`, `<bpt>`/`<ept>`), `standalone` otherwise. */
  kind: 'open' | 'close' | 'standalone';
  /** The format's own id of the code (XLIFF `id`/`rid`), used to pair source and target codes. */
  id?: string;
  /** The markup exactly as in the file. */
  markup: string;
  /** What an editor sees for it (`<g1>`, `{1}`, `</b>`…). */
  display: string;
}

/** One translation unit (or one segment of it), as read from the file. */
export interface ParsedSegment {
  /** Stable id from the file (XLIFF unit id + segment id, TMX tuid, line number); unique in the document. */
  externalId: string;
  /** The source text, when the format has one. Inline codes as placeholders. */
  source?: string;
  /** The target (MT) text as in the file. Inline codes as placeholders. */
  target: string;
  /** Inline codes that appear in `source` and `target`. */
  codes?: InlineCode[];
  /** Translator notes, comments. */
  notes?: string[];
  /** The file's own state of the unit (XLIFF `state`, `approved`…), kept as given. */
  state?: string;
  /** 1-based line of the unit in the file, for error messages and the review UI. */
  line?: number;
}

export interface ParsedDocument {
  /** Adapter id: `text`, `bilingual-text`, `xliff`, `tmx`, `bilingual-tsv`… */
  format: string;
  /** BCP 47 tags, when the file says or the caller chose them. */
  sourceLanguage?: string;
  targetLanguage?: string;
  segments: ParsedSegment[];
  /**
   * Everything the adapter needs to write the file back: JSON-serialisable, stored
   * with the document, opaque to everything but its own adapter.
   */
  skeleton: unknown;
  /** What the reader left out of the review, each with its place (bilingual formats). */
  warnings?: ReaderWarning[];
}

export interface ParseOptions {
  /** The file's name, for error messages (`file:line: reason`). */
  fileName: string;
  /** For multilingual files (TMX): which language is the source, which the target. */
  sourceLanguage?: string;
  targetLanguage?: string;
  /** Largest file accepted, in bytes (the CLI allows more than the web import). */
  maxBytes?: number;
  /** A second file, for formats that come as two (a source text beside the MT). */
  sourceBytes?: Uint8Array;
  sourceFileName?: string;
}

/** A segment as it stands after review: the current target, and whether the editor changed it. */
export interface ReviewedSegment {
  externalId: string;
  target: string;
  /** The target differs from what was parsed, or a decision was made on it. */
  changed: boolean;
  /** Set by the review (e.g. `reviewed`), for formats that carry a state. */
  state?: string;
}

export interface FormatAdapter {
  id: string;
  /** Shown in the import page and the exports. */
  label: string;
  /** File name endings it reads, without the dot (`xlf`, `xliff`, `sdlxliff`). */
  extensions: readonly string[];
  /** MIME type of what `serialize` writes. */
  contentType: string;
  /**
   * Reads a file. Throws `InputError` (src/errors.ts) naming the file and the
   * line or unit id for anything it cannot read; never returns a partial document.
   */
  parse(bytes: Uint8Array, options: ParseOptions): ParsedDocument;
  /** Writes the document back in the same format, untouched segments byte for byte. */
  serialize(skeleton: unknown, segments: readonly ReviewedSegment[]): Uint8Array;
  /**
   * For formats whose file is the text itself (plain text): the targets laid out
   * as in the file, and where each starts, so that checks report offsets, lines
   * and columns into the file. Without it, the checked text is the targets one a
   * line (`src/formats/index.ts`, `layoutTargets`).
   */
  layout?(skeleton: unknown, targets: readonly string[]): { text: string; starts: number[] };
}
