import type { Checker } from '../../checker.ts';
import type { CheckWorkers } from '../../engine/check-workers.ts';
import { getFormat, layoutParsed, type ParsedDocument } from '../../formats/index.ts';
import { parseText } from '../../formats/text.ts';
import { CheckText } from '../../pipeline/engine.ts';
import { RulesEngine, type RulesResult } from '../../pipeline/rules-engine.ts';
import { splitSentences, type SegmentedText } from '../../text/segment.ts';
import type { Correction, Finding, Span } from '../../types.ts';
import type { ReaderWarning } from '../../formats/reader-warning.ts';
import { terTokenCount } from '../quality/ter.ts';
import type { DocumentWriter, NewDocument, NewDocumentHead, NewSegment, ReviewStore } from '../store/review-store.ts';
import type { CheckedStretch, CheckTimings } from '../../engine/parallel-check.ts';
import { findingsBySentence } from './stored-findings.ts';
import { capFindings } from './cap-findings.ts';
import { apostropheStyle, countApostrophes, type SpaceStyle, type SuggestionStyle } from '../../text/suggestion-style.ts';
import { styleFindings } from './style-findings.ts';

export interface ImportInput {
  title: string;
  sourceName: string;
  /** Plain text, decoded (BOM removed, line breaks as given)… */
  text?: string;
  /** …or a document any format adapter read (src/formats/). */
  document?: ParsedDocument;
  corrections: Correction[];
  /** What the corrections' reader said (duplicates kept once); the document's own reader's come with `document`. */
  warnings?: ReaderWarning[];
  /** The space fixes put before ; : ! ? and inside « » (default narrow, U+202F). */
  spaces?: SpaceStyle;
}

/**
 * Checks the whole document once, as the CLI does (the engines see the text
 * its format lays out: for plain text the file itself), and cuts each segment
 * into the sentences the editor reviews, with its findings made relative to
 * each. Pure: nothing is stored here, so a failure stores nothing.
 */
export function prepareImport(checker: Checker, input: ImportInput): NewDocument {
  const { parsed, layout } = laidOut(input);
  return cutImport(input, parsed, layout, new RulesEngine(checker).run(new CheckText(layout.text, layout.segments, { corrections: input.corrections })));
}

/**
 * From this length the app checks an import in worker threads, lower than the CLI's
 * bound (PARALLEL_MIN_CHARS, 12 M): a CLI process ends after its check, where one
 * thread is the faster on two cores, but the server goes on answering accepts, and a
 * corpus checked in its own thread left its heap such that one accept in ten on
 * another document then took 150–250 ms (16 clients paced on the sample ×10: p95
 * 146–253 ms in 4 runs, 20 ms with the import in workers; the import 9 s against
 * 11 s: bench/RESULTS.md, 2026-12-01 21:01). What an editor waits for every minute
 * weighs more than what an import waits once.
 */
export const IMPORT_PARALLEL_MIN_CHARS = 3_000_000;

/** The same, for a request that can wait: a big document is checked in worker threads, one per core (`pool`'s when it lends them). */
export async function prepareImportInWorkers(checker: Checker, input: ImportInput, pool?: CheckWorkers): Promise<NewDocument> {
  const { parsed, layout } = laidOut(input);
  return cutImport(input, parsed, layout, await new RulesEngine(checker).check(new CheckText(layout.text, layout.segments, { corrections: input.corrections }), { minChars: IMPORT_PARALLEL_MIN_CHARS, pool }));
}

/** The document as its format lays it out for the engines (exported for bench/import-phases.ts, which times each step). */
export function laidOut(input: ImportInput) {
  const parsed: ParsedDocument = input.document ?? { format: 'text', ...parseText(input.text ?? '') };
  return { parsed, layout: layoutParsed(getFormat(parsed.format), parsed) };
}

/** The checked document cut into the editor's sentences, each with its findings (exported for bench/import-phases.ts). */
export function cutImport(input: ImportInput, parsed: ParsedDocument, layout: ReturnType<typeof layoutParsed>, result: RulesResult): NewDocument {
  const cutter = new ImportCutter(input, parsed, layout, result.segmented);
  return { ...importHead(input, parsed, result.words), segments: cutter.take(Infinity, result.findings), failures: result.failures };
}

/** The document's row and its corrections and reader warnings: what an import stores before its segments. */
function importHead(input: ImportInput, parsed: ParsedDocument, words: number): NewDocumentHead {
  return {
    title: input.title,
    sourceName: input.sourceName,
    format: parsed.format,
    sourceLanguage: parsed.sourceLanguage,
    targetLanguage: parsed.targetLanguage,
    skeleton: parsed.skeleton,
    words,
    corrections: input.corrections.map((c) => ({ from: c.from, to: c.to, note: c.note })),
    warnings: [...(parsed.warnings ?? []), ...(input.warnings ?? [])],
  };
}

/**
 * Cuts the checked text's segments into the editor's sentences, each with its
 * findings (capped, then styled), a stretch at a time: `take(end, findings)` gives
 * the segments that end before `end` (the check's stretch so far), with the
 * findings given up to then. Taken in one go or stretch by stretch, the segments
 * are the same.
 */
export class ImportCutter {
  private readonly spans: (segment: Span) => Span[];
  private readonly style: SuggestionStyle;
  private next = 0;
  private pending: Finding[] = [];

  constructor(
    input: Pick<ImportInput, 'spaces'>,
    private readonly parsed: ParsedDocument,
    private readonly layout: ReturnType<typeof layoutParsed>,
    segmented: SegmentedText,
  ) {
    this.spans = sentenceSpanner(layout, segmented);
    // Fixes in the document's typography: its apostrophe, the configured French spaces.
    this.style = { apostrophe: apostropheStyle(countApostrophes(layout.text)), spaces: input.spaces ?? 'narrow' };
  }

  take(end: number, checked: readonly Finding[]): NewSegment[] {
    for (const finding of checked) this.pending.push(finding);
    const { layout } = this;
    const parsed = this.parsed.segments;
    let last = this.next;
    while (last < layout.segments.length && layout.segments[last].end < end) last++;
    if (last === this.next) return [];
    // The findings that start before the next segment belong to these (or to none: in a gap between them).
    const bound = last < layout.segments.length ? layout.segments[last].start : Infinity;
    const mine = this.pending.filter((finding) => finding.offset < bound);
    this.pending = this.pending.filter((finding) => finding.offset >= bound);
    const spans = layout.segments.slice(this.next, last).map(this.spans);
    const findings = findingsBySentence(mine, layout.text, spans.flat());
    let f = 0;
    const segments = spans.map((sentences, k) => {
      const segment = parsed[this.next + k];
      return {
        externalId: segment.externalId,
        ...(segment.source !== undefined ? { source: segment.source } : {}),
        ...(segment.codes ? { codes: segment.codes } : {}),
        ...(segment.notes ? { notes: segment.notes } : {}),
        ...(segment.state !== undefined ? { state: segment.state } : {}),
        ...(segment.line !== undefined ? { line: segment.line } : {}),
        sentences: sentences.map((span) => {
          const text = layout.text.slice(span.start, span.end);
          // Capped first (a 1 MB line raises 100k findings), then the kept ones styled.
          const { kept, leftOut } = capFindings(findings[f++]);
          return { text, refWords: terTokenCount(text), findings: styleFindings(kept, text, this.style), findingsLeftOut: leftOut };
        }),
      };
    });
    this.next = last;
    return segments;
  }
}

/**
 * Checks the import and stores it in one transaction, each stretch of segments
 * as soon as the check has finished it (in worker threads for a big text: this
 * thread writes what they checked meanwhile, issue #15). A failure, of the check
 * or of a write, rolls it all back: no document, nothing stored before it lost.
 * `undefined` when the document has no sentence to review (nothing stored).
 * `timings`: the parallel check's steps (bench/import-phases.ts).
 */
export async function storeImport(checker: Checker, store: ReviewStore, input: ImportInput, extra: Pick<NewDocumentHead, 'grammar' | 'createdBy'>, pool?: CheckWorkers, timings?: CheckTimings): Promise<number | undefined> {
  const { parsed, layout } = laidOut(input);
  const nothing = new Error('no sentence');
  try {
    return await store.withTransaction(async (tx) => {
      let writer: DocumentWriter | undefined;
      let cutter: ImportCutter | undefined;
      let sentences = 0;
      const onChecked = async (stretch: CheckedStretch) => {
        cutter ??= new ImportCutter(input, parsed, layout, stretch.segmented);
        writer ??= await tx.documents.startDocument({ ...importHead(input, parsed, stretch.words), ...extra });
        const segments = cutter.take(stretch.last ? Infinity : stretch.end, stretch.findings);
        for (const segment of segments) sentences += segment.sentences.length;
        await writer.addSegments(segments);
      };
      const result = await new RulesEngine(checker).check(new CheckText(layout.text, layout.segments, { corrections: input.corrections }), { minChars: IMPORT_PARALLEL_MIN_CHARS, pool, onChecked, timings });
      if (!writer || sentences === 0) throw nothing;
      return writer.finish(result.failures);
    });
  } catch (error) {
    if (error === nothing) return undefined;
    throw error;
  }
}

/**
 * Each segment's sentences, covering its target exactly (the first from its
 * start, the last to its end). The check has already cut the text into sentences
 * (`segmented`): a segment that is one line of the very text it saw (plain text,
 * NFC) takes that line's sentences, rather than a second cut of the whole
 * document (1.6 s of a 915k-word import, issue #15); any other segment (a
 * decomposed text, a segment holding line breaks) is cut here, as the check would.
 */
export function sentenceSpans(layout: { text: string; segments: readonly Span[] }, segmented: SegmentedText): Span[][] {
  return layout.segments.map(sentenceSpanner(layout, segmented));
}

/** `sentenceSpans` one segment at a time, in order. */
function sentenceSpanner(layout: { text: string; segments: readonly Span[] }, segmented: SegmentedText): (segment: Span) => Span[] {
  const { paragraphs, sentences } = segmented;
  const sameText = segmented.text === layout.text;
  let p = 0;
  let s = 0;
  return (segment) => {
    let cut: Span[] | undefined;
    if (sameText) {
      // Segments and lines both come in text order.
      while (p < paragraphs.length && paragraphs[p].start < segment.start) p++;
      const line = paragraphs[p];
      if (line && line.start === segment.start && line.end === segment.end) {
        while (s < sentences.length && sentences[s].paragraph < line.index) s++;
        cut = [];
        for (; s < sentences.length && sentences[s].paragraph === line.index; s++) cut.push({ start: sentences[s].start, end: sentences[s].end });
      }
    }
    cut ??= layout.text.slice(segment.start, segment.end).trim() === '' ? [] : splitSentences(layout.text, segment.start, segment.end).map(([start, end]) => ({ start, end }));
    if (cut.length === 0) return [{ start: segment.start, end: segment.end }];
    cut[0].start = segment.start;
    cut[cut.length - 1].end = segment.end;
    return cut;
  };
}

/** Sentences a prepared document will have (an empty import has none). */
export function sentenceCount(document: NewDocument): number {
  return document.segments.reduce((sum, segment) => sum + segment.sentences.length, 0);
}
