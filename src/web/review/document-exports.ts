import { fillTemplate } from '../../formats/reader-warning.ts';
import { createTwoFilesPatch } from 'diff';
import { formatCorrectionsTsv } from '../../corrections/parse-corrections.ts';
import { mqmPenaltyPer1000, mqmScore } from '../quality/mqm.ts';
import { getFormat } from '../../formats/index.ts';
import type { DocumentRecord, DocumentTotals, ReviewStore } from '../store/review-store.ts';

/**
 * The document written back by its format's adapter, with each segment's
 * current target (or, `original`, the MT as imported). With no change this is
 * the imported file byte for byte (CRLF included, for plain text).
 */
export async function documentBytes(store: ReviewStore, document: DocumentRecord, which: 'current' | 'original' = 'current'): Promise<Uint8Array> {
  const adapter = getFormat(document.format);
  const [skeleton, segments] = await Promise.all([store.documents.getSkeleton(document.id), store.documents.segments(document.id)]);
  return adapter.serialize(
    skeleton,
    segments.map((segment) => {
      const changed = which === 'current' && (segment.version > 1 || segment.currentTarget !== segment.originalTarget);
      // A unit the editor worked on is reviewed (XLIFF state, SDLXLIFF conf, memoQ status); the others keep theirs.
      return { externalId: segment.externalId, target: which === 'current' ? segment.currentTarget : segment.originalTarget, changed, ...(changed ? { state: 'reviewed' } : {}) };
    }),
  );
}

const utf8 = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

/** The corrected document as text (plain text: the corrected text itself). */
export async function correctedText(store: ReviewStore, document: DocumentRecord): Promise<string> {
  return utf8(await documentBytes(store, document, 'current'));
}

export async function originalText(store: ReviewStore, document: DocumentRecord): Promise<string> {
  return utf8(await documentBytes(store, document, 'original'));
}

export async function unifiedDiff(store: ReviewStore, document: DocumentRecord): Promise<string> {
  const name = baseName(document);
  const [before, after] = [await originalText(store, document), await correctedText(store, document)];
  return createTwoFilesPatch(`${name}.mt.txt`, `${name}.corrected.txt`, before, after, 'machine translation', 'reviewed');
}

export interface QualityFigures {
  /** Word-level TER from the MT text to the current text, over the current text's words. */
  hter: number;
  terEdits: number;
  referenceWords: number;
  /** MQM-style penalty points per 1000 words, from the confirmed errors. */
  mqmPer1000: number;
  /** 100 minus the penalty per 100 words (MQM-DQF's quality score). */
  mqmScore: number;
  /** Confirmed errors (accepted findings and categorised edits) by severity. */
  confirmed: Record<string, number>;
  /** The same by MQM category, each with its counts by severity. */
  confirmedByCategory: Record<string, { total: number } & Record<string, number>>;
  words: number;
}

export async function qualityFigures(store: ReviewStore, document: DocumentRecord, totals?: DocumentTotals): Promise<QualityFigures> {
  // The document's kept totals (a few rows), not sums over every sentence and decision.
  const { terEdits, refWords, confirmed: confirmedRows } = totals ?? (await store.documents.totals(document.id));
  const ter = { edits: terEdits, refWords };
  const confirmed = new Map<string, number>();
  const confirmedByCategory: QualityFigures['confirmedByCategory'] = {};
  for (const row of confirmedRows) {
    confirmed.set(row.severity, (confirmed.get(row.severity) ?? 0) + row.n);
    const category = (confirmedByCategory[row.category] ??= { total: 0 } as QualityFigures['confirmedByCategory'][string]);
    category.total += row.n;
    category[row.severity] = (category[row.severity] ?? 0) + row.n;
  }
  return {
    hter: ter.refWords === 0 ? 0 : ter.edits / ter.refWords,
    terEdits: ter.edits,
    referenceWords: ter.refWords,
    mqmPer1000: mqmPenaltyPer1000(confirmed, document.words),
    mqmScore: mqmScore(confirmed, document.words),
    confirmed: Object.fromEntries(confirmed),
    confirmedByCategory,
    words: document.words,
  };
}

export interface ReportRow {
  sentence: number;
  flaggedText: string;
  ruleId: string;
  category: string;
  severity: string;
  message: string;
  suggestions: string[];
  /**
   * What happened to it: accepted, rejected, open; fixed-by-edit (a change of the
   * text covered what it flagged); vanished-after-recheck (a re-check no longer
   * raised it, its text untouched: a correction removed, a count changed); or
   * inactive (retired before the report recorded why).
   */
  decision: string;
  /** Who accepted or rejected it (empty: open, fixed by an edit, or the single-user app). */
  author: string;
  reason: string;
  sentenceBefore: string;
  sentenceAfter: string;
  /** The source of the sentence's segment, for bilingual documents (empty otherwise). */
  source: string;
}

export async function reportRows(store: ReviewStore, document: DocumentRecord): Promise<ReportRow[]> {
  const sentences = await store.documents.allSentences(document.id);
  const sources = new Map((await store.documents.segments(document.id)).map((segment) => [segment.id, segment.sourceText ?? '']));
  return (await store.decisions.findingsWithDecisions(document.id)).map((finding) => {
    const sentence = sentences[finding.sentenceIdx];
    const decision =
      finding.decision?.kind === 'accept'
        ? 'accepted'
        : finding.decision?.kind === 'reject'
          ? 'rejected'
          : finding.active
            ? 'open'
            : finding.retired === 'edited'
              ? 'fixed-by-edit'
              : finding.retired === 'vanished'
                ? 'vanished-after-recheck'
                : 'inactive';
    return {
      sentence: finding.sentenceIdx + 1,
      flaggedText: finding.text,
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      message: finding.message,
      suggestions: finding.suggestions,
      decision,
      author: finding.decision?.actor ?? '',
      reason: finding.decision?.reason ?? '',
      sentenceBefore: sentence.originalText.trimEnd(),
      sentenceAfter: sentence.currentText.trimEnd(),
      source: withoutCodes(sources.get(sentence.segmentId) ?? ''),
    };
  });
}

export async function reportJson(store: ReviewStore, document: DocumentRecord): Promise<string> {
  const progress = await store.documents.progress(document.id);
  const read = await store.documents.readWarnings(document.id);
  const report = {
    document: { id: document.id, title: document.title, source: document.sourceName, created: document.createdAt, words: document.words, importedBy: document.createdBy, assignedTo: document.assignedTo },
    progress,
    quality: await qualityFigures(store, document),
    findings: await reportRows(store, document),
    edits: await editRows(store, document),
    comments: await commentRows(store, document),
    // What the readers left out of the review (empty targets) or kept once, in English as the CLI says it.
    readerWarnings: { total: read.total, warnings: read.warnings.map((w) => ({ file: w.file, line: w.line ?? null, message: fillTemplate(w.template, w.values) })) },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Hand edits, with the MQM error each confirmed (category and severity; null: not an error). */
export async function editRows(store: ReviewStore, document: DocumentRecord) {
  const rows: Array<{ sentence: number; category: string | null; severity: string | null; before: string; after: string; author: string }> = [];
  for (const sentence of await store.documents.allSentences(document.id)) {
    for (const d of await store.decisions.history(sentence.id)) {
      if (d.kind === 'edit' && d.undoneAt === null) rows.push({ sentence: sentence.idx + 1, category: d.mqmCategory, severity: d.mqmSeverity, before: d.beforeText?.trimEnd() ?? '', after: d.afterText?.trimEnd() ?? '', author: d.actor });
    }
  }
  return rows;
}

/** The editors' comments, sentence by sentence. */
export async function commentRows(store: ReviewStore, document: DocumentRecord) {
  const byId = new Map((await store.documents.allSentences(document.id)).map((s) => [s.id, s.idx + 1]));
  return [...(await store.decisions.comments(document.id))].flatMap(([sentenceId, comments]) => comments.map((c) => ({ sentence: byId.get(sentenceId), comment: c.body, author: c.actor, at: c.createdAt })));
}

// The source column comes last, so that scripts reading the earlier columns by position go on working.
const CSV_COLUMNS: Array<keyof ReportRow> = ['sentence', 'flaggedText', 'ruleId', 'category', 'severity', 'decision', 'author', 'reason', 'message', 'suggestions', 'sentenceBefore', 'sentenceAfter', 'source'];

/**
 * RFC 4180 CSV; a cell that starts like a formula is prefixed, so a spreadsheet
 * does not run it — after leading spaces too, which spreadsheets skip.
 */
export const csvCell = (value: unknown): string => {
  let text = Array.isArray(value) ? value.join(' | ') : String(value);
  if (/^[\t\r]|^\s*[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Inline codes (private-use placeholders) have no meaning outside their file: left out of CSV and TMX. */
const withoutCodes = (text: string) => text.replace(/[\uE000-\uF8FF]/g, '');

/** Bilingual documents as a table: id, source, MT, reviewed target (RFC 4180, formula-safe). */
export async function bilingualCsv(store: ReviewStore, document: DocumentRecord): Promise<string> {
  const segments = await store.documents.segments(document.id);
  const lines = ['id,source,mt,target', ...segments.map((s) => [s.externalId, withoutCodes(s.sourceText ?? ''), withoutCodes(s.originalTarget), withoutCodes(s.currentTarget)].map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** The reviewed pairs as a TMX 1.4 memory (source → current target), for the next job's CAT tool. */
export async function reviewedTmx(store: ReviewStore, document: DocumentRecord): Promise<string> {
  const segments = await store.documents.segments(document.id);
  const escape = (text: string) => withoutCodes(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const source = document.sourceLanguage ?? 'und';
  const target = document.targetLanguage ?? 'fr';
  const units = segments
    .filter((s) => s.sourceText)
    .map((s) => `    <tu tuid="${escape(s.externalId).replace(/"/g, '&quot;')}">\n      <tuv xml:lang="${escape(source)}"><seg>${escape(s.sourceText!)}</seg></tuv>\n      <tuv xml:lang="${escape(target)}"><seg>${escape(s.currentTarget)}</seg></tuv>\n    </tu>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="Relecture" creationtoolversion="0.1.0" segtype="sentence" o-tmf="Relecture" adminlang="en" srclang="${escape(source)}" datatype="plaintext"/>\n  <body>\n${units.join('\n')}\n  </body>\n</tmx>\n`;
}

export async function reportCsv(store: ReviewStore, document: DocumentRecord): Promise<string> {
  const lines = [CSV_COLUMNS.join(','), ...(await reportRows(store, document)).map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

export async function correctionsTsv(store: ReviewStore, documentId: number): Promise<string> {
  return formatCorrectionsTsv((await store.corrections.listCorrections(documentId)).map((c) => ({ from: c.from, to: c.to, ...(c.note ? { note: c.note } : {}) })));
}

/** A file name from the title: letters, digits and dashes. */
export function baseName(document: DocumentRecord): string {
  const slug = document.title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 60);
  return slug || `document-${document.id}`;
}
