import type { NewFinding, CheckFailureRecord, IgnoreRecord, CorrectionRecord, DecisionRecord, DocumentRecord, FindingRecord, SegmentRecord, SentenceRecord } from '../review-store.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
// Rows → records. Counts go through Number(): PostgreSQL's COUNT and SUM are bigint.

export const toDocument = (row: any): DocumentRecord => ({
  id: Number(row.id),
  title: row.title,
  sourceName: row.source_name,
  createdAt: row.created_at,
  words: Number(row.words),
  format: row.format,
  sourceLanguage: row.source_language ?? null,
  targetLanguage: row.target_language ?? null,
  grammar: Number(row.grammar) === 1,
  grammarError: row.grammar_error ?? null,
  createdBy: row.created_by ?? null,
  assignedTo: row.assigned_to ?? null,
});

const json = (value: string | null) => (value === null || value === undefined ? null : JSON.parse(value));

export const toSegment = (row: any): SegmentRecord => ({
  id: Number(row.id),
  documentId: Number(row.document_id),
  externalId: row.external_id,
  idx: Number(row.idx),
  sourceText: row.source_text ?? null,
  originalTarget: row.original_target,
  currentTarget: row.current_target,
  version: Number(row.version),
  codes: json(row.codes),
  notes: json(row.notes),
  state: row.state ?? null,
  line: row.line === null || row.line === undefined ? null : Number(row.line),
});

export const toSentence = (row: any): SentenceRecord => ({
  id: Number(row.id),
  documentId: Number(row.document_id),
  segmentId: Number(row.segment_id),
  idx: Number(row.idx),
  paragraph: Number(row.paragraph),
  originalText: row.original_text,
  currentText: row.current_text,
  version: Number(row.version),
  openFindings: Number(row.open_findings),
  reviewed: Number(row.reviewed) === 1,
  terEdits: Number(row.ter_edits),
  refWords: Number(row.ref_words),
  updatedAt: row.updated_at,
  grammarVersion: row.grammar_version === null || row.grammar_version === undefined ? null : Number(row.grammar_version),
  // Stored by source, then rule id, so that each source's re-check replaces its own counts.
  findingsLeftOut: row.findings_left_out ? Object.assign({}, ...Object.values(JSON.parse(row.findings_left_out) as Record<string, Record<string, number>>)) : {},
});

export const toFinding = (row: any): FindingRecord => ({
  id: Number(row.id),
  documentId: Number(row.document_id),
  sentenceId: Number(row.sentence_id),
  ruleId: row.rule_id,
  source: row.source,
  category: row.category,
  severity: row.severity,
  message: row.message,
  start: Number(row.start),
  length: Number(row.length),
  text: row.text,
  suggestions: JSON.parse(row.suggestions),
  active: Number(row.active) === 1,
  retired: row.retired ?? null,
  createdAt: row.created_at,
  rejected: Number(row.rejected) === 1,
});

export const toDecision = (row: any): DecisionRecord => ({
  id: Number(row.id),
  documentId: Number(row.document_id),
  sentenceId: Number(row.sentence_id),
  actor: row.actor,
  actionId: row.action_id,
  kind: row.kind,
  findingId: row.finding_id === null ? null : Number(row.finding_id),
  ruleId: row.rule_id,
  flaggedText: row.flagged_text,
  replacement: row.replacement,
  reason: row.reason,
  beforeText: row.before_text,
  afterText: row.after_text,
  mqmCategory: row.mqm_category ?? null,
  mqmSeverity: row.mqm_severity ?? null,
  addedWord: row.added_word ?? null,
  createdAt: row.created_at,
  undoneAt: row.undone_at,
});

export const toCorrection = (row: any): CorrectionRecord => ({
  id: Number(row.id),
  documentId: Number(row.document_id),
  from: row.from_text,
  to: row.to_text,
  note: row.note,
  origin: row.origin,
  createdAt: row.created_at,
  actor: row.actor ?? null,
});

export const toIgnore = (row: any): IgnoreRecord => ({
  id: Number(row.id),
  documentId: Number(row.document_id),
  kind: row.kind,
  value: row.value,
  actionId: row.action_id,
  actor: row.actor ?? null,
  createdAt: row.created_at,
});

export const toCheckFailure = (row: any): CheckFailureRecord => ({
  id: Number(row.id),
  documentId: Number(row.document_id),
  sentenceId: row.sentence_id === null ? null : Number(row.sentence_id),
  sentenceIdx: row.sentence_idx === null || row.sentence_idx === undefined ? null : Number(row.sentence_idx),
  source: row.source,
  ruleId: row.rule_id,
  message: row.message,
  createdAt: row.created_at,
});

export const now = () => new Date().toISOString();

/** A finding as its `findings` row, for the import's batches and a re-check's inserts alike. */
export const findingRow = (documentId: number, sentenceId: number, finding: NewFinding, at: string) => ({
  document_id: documentId,
  sentence_id: sentenceId,
  rule_id: finding.ruleId,
  source: finding.source,
  category: finding.category,
  severity: finding.severity,
  message: finding.message,
  start: finding.start,
  length: finding.length,
  text: finding.text,
  suggestions: JSON.stringify(finding.suggestions),
  created_at: at,
});

/** Rows in batches small enough for any dialect's limit on bound parameters. */
export function* batches<T>(rows: readonly T[], size = 200): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
