import type { Checker } from '../checker.ts';
import type { Glossary, SourcePair } from '../engine/rule-type.ts';
import { pairAt, type RunResult } from '../engine/run-rules.ts';
import { bilingualCsvAdapter, bilingualTsvAdapter } from '../formats/bilingual-table.ts';
import type { BilingualFormatAdapter, ParsedBilingualDocument } from '../formats/bilingual-document.ts';
import { bilingualTextAdapter } from '../formats/bilingual-text.ts';
import type { ReviewedSegment } from '../formats/format-adapter.ts';
import { tmxAdapter } from '../formats/tmx.ts';
import { xliffAdapter } from '../formats/xliff.ts';
import type { Correction, Finding } from '../types.ts';
import { alignTexts } from './align-texts.ts';

/**
 * A bilingual document as the checker sees it: one text to check and, for every
 * stretch of it, the source it translates. Two aligned plain texts are checked
 * as the MT file itself (offsets, lines and columns into it, as for a plain MT
 * text). Other formats are checked as their targets one a line; each finding is
 * then told back in the file's terms: `segment` (the unit id), `offset` and
 * `length` into that segment's target (inline codes one character each), `line`
 * the file line of the target, `column` 1 + the offset.
 */
export const BILINGUAL_FORMATS: readonly BilingualFormatAdapter[] = [xliffAdapter, tmxAdapter, bilingualTsvAdapter, bilingualCsvAdapter];

export function bilingualFormatFor(fileName: string): BilingualFormatAdapter | undefined {
  const lower = fileName.toLowerCase();
  return BILINGUAL_FORMATS.find((adapter) => adapter.extensions.some((extension) => lower.endsWith(`.${extension}`)));
}

export interface BilingualInput {
  fileName: string;
  bytes: Uint8Array;
  /** Two-file input: the source text beside the MT. */
  sourceFileName?: string;
  sourceBytes?: Uint8Array;
  sourceLanguage?: string;
  targetLanguage?: string;
}

export interface BilingualDocument {
  adapter: BilingualFormatAdapter;
  parsed: ParsedBilingualDocument;
  /** The text the rules check. */
  text: string;
  pairs: Array<SourcePair & { segment: string; line: number }>;
  /** Findings are told in the file's own terms (segment-relative) rather than in `text`. */
  segmentRelative: boolean;
}

export function readBilingual(input: BilingualInput): BilingualDocument {
  const adapter = input.sourceBytes ? bilingualTextAdapter : bilingualFormatFor(input.fileName);
  if (!adapter) throw new Error(`no bilingual format for ${input.fileName}`);
  const parsed = adapter.parse(input.bytes, {
    fileName: input.fileName,
    sourceBytes: input.sourceBytes,
    sourceFileName: input.sourceFileName,
    sourceLanguage: input.sourceLanguage,
    targetLanguage: input.targetLanguage,
  });
  if (adapter === bilingualTextAdapter) {
    const skeleton = parsed.skeleton as { text: string };
    const text = skeleton.text;
    const pairs = parsed.segments.map((segment) => {
      const span = (parsed.skeleton as { segments: Record<string, { start: number; end: number }> }).segments[segment.externalId];
      return { start: span.start, end: span.end, source: segment.source ?? '', segment: segment.externalId, line: segment.line ?? 1 };
    });
    return { adapter, parsed, text, pairs, segmentRelative: false };
  }
  let text = '';
  const pairs: BilingualDocument['pairs'] = [];
  for (const segment of parsed.segments) {
    pairs.push({ start: text.length, end: text.length + segment.target.length, source: segment.source ?? '', segment: segment.externalId, line: segment.line ?? 1 });
    text += `${segment.target}\n`;
  }
  return { adapter, parsed, text, pairs, segmentRelative: true };
}

export type BilingualFinding = Finding & { segment?: string };

export interface CheckBilingualOptions {
  corrections?: Correction[];
  glossary?: Glossary;
  onProgress?: (done: number, total: number) => void;
}

export function checkBilingual(checker: Checker, document: BilingualDocument, options: CheckBilingualOptions = {}): RunResult & { findings: BilingualFinding[] } {
  const result = checker.check(document.text, {
    corrections: options.corrections,
    onProgress: options.onProgress,
    sources: document.pairs,
    sourceLanguage: document.parsed.sourceLanguage,
    glossary: options.glossary,
  });
  const findings = result.findings.map((finding) => {
    const pair = pairAt(document.pairs, finding.offset);
    if (!pair) return finding;
    if (!document.segmentRelative) return { ...finding, segment: pair.segment };
    const offset = finding.offset - pair.start;
    // A target with line breaks of its own: count them from the target's line.
    const before = document.text.slice(pair.start, finding.offset);
    const breaks = before.split('\n').length - 1;
    return { ...finding, segment: pair.segment, offset, line: pair.line + breaks, column: offset - (breaks > 0 ? before.lastIndexOf('\n') + 1 : 0) + 1 };
  });
  return { ...result, findings };
}

/** `apply`: each target with `fix` applied, written back in the document's own format. */
export function writeBilingual(document: BilingualDocument, fix: (target: string) => string): { bytes: Uint8Array; changed: number } {
  const reviewed: ReviewedSegment[] = document.parsed.segments.map((segment) => {
    const target = fix(segment.target);
    return { externalId: segment.externalId, target, changed: target !== segment.target };
  });
  return { bytes: document.adapter.serialize(document.parsed.skeleton, reviewed), changed: reviewed.filter((s) => s.changed).length };
}

/** For callers that have the two texts already (benchmarks, the eval scorer). */
export function pairsOfTexts(mt: string, source: string): SourcePair[] {
  return alignTexts(mt, source, { mt: 'mt', source: 'source' });
}
