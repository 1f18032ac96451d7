import type { CorrectionMatcher } from '../corrections/match-corrections.ts';
import type { DocumentIndex, Glossary } from '../engine/rule-type.ts';
import { normalise } from '../text/normalise.ts';
import { segment, type SegmentedText } from '../text/segment.ts';
import type { Correction, Finding, RuleFailure } from '../types.ts';

/**
 * The one interface every checker of Relecture implements, so that the CLI and
 * the review app reach each the same way (Vale's "an external checker is one
 * more rule type"): the built-in rules are one engine (`rules-engine.ts`),
 * Grammalecte another (`grammalecte-engine.ts`), a source-aware checker a third.
 * `check-document.ts` runs several and merges what they found.
 */

/** One segment (translation unit, paragraph) as engines see it: where its target stands in the checked text. */
export interface CheckSegment {
  /** The segment's external id (line number, XLIFF unit id…). */
  id: string;
  /** `[start, end)` of its target in `CheckText.text`. */
  start: number;
  end: number;
  /** The source text, for bilingual formats. */
  source?: string;
}

export interface CheckOptions {
  /** The editor's corrections; the review app passes its matcher, kept up to date entry by entry. */
  corrections?: Correction[] | CorrectionMatcher;
  /** Words this check takes as known, beside the project's (a document's own, from « ignorer ce mot dans ce document »). */
  knownWords?: Iterable<string>;
  /** Word counts of the whole document when only a part of it is checked. */
  index?: DocumentIndex;
  /** Called as the rules run, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Bilingual documents: the source's language (BCP 47), when known; the source-aware rules guess it otherwise. */
  sourceLanguage?: string;
  /** A user's termbase and do-not-translate list, for the source-aware rules. */
  glossary?: Glossary;
}

/**
 * What engines check: one text, cut into segments. For plain text it is the
 * file itself (so offsets and lines point into what the user gave); for other
 * formats the targets one a line (see `format-adapter.ts`, `layout`).
 */
export class CheckText {
  private segmentedCache: SegmentedText | undefined;

  constructor(
    readonly text: string,
    readonly segments: readonly CheckSegment[] = [{ id: '1', start: 0, end: text.length }],
    readonly options: CheckOptions = {},
  ) {}

  /**
   * The NFC working text cut into sentences, as the rules cut it. Computed once
   * for every engine (the rules engine hands its own over), so that all agree on
   * sentence indexes.
   */
  get segmented(): SegmentedText {
    this.segmentedCache ??= segment(normalise(this.text).text);
    return this.segmentedCache;
  }

  /** An engine that already cut the working text (the rules do) shares its cut. */
  rememberSegmented(segmented: SegmentedText): void {
    this.segmentedCache ??= segmented;
  }
}

/** A finding that says who sent it. */
export type SourcedFinding = Finding & { source: string };

export interface EngineResult {
  /** Offsets into `CheckText.text`; every one has `source` set to the engine's id. */
  findings: SourcedFinding[];
  /** Rules of this engine that threw, or parts of the text it could not check. */
  failures: RuleFailure[];
  /** Set when the engine gave nothing at all (not installed, crashed, too slow): for users. */
  error?: string;
}

export interface Engine {
  /** Who sends the findings (`relecture`, `grammalecte`…): their `source`. */
  readonly id: string;
  /** Shown to users (`Relecture's rules`, `Grammalecte`). */
  readonly label: string;
  check(input: CheckText): Promise<EngineResult>;
}
