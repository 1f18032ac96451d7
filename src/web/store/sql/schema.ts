import type { Generated, Kysely } from 'kysely';

/**
 * The review tables as the queries of `sql/` see them, for every dialect. Flags
 * are integers (0/1) and times ISO-8601 text in both SQLite and PostgreSQL, so
 * that one query reads the same rows from either; a dialect's DDL (SQLite:
 * `../migrations.ts`) must give these columns these types.
 */
export interface DocumentsTable {
  id: Generated<number>;
  title: string;
  source_name: string;
  created_at: string;
  words: number;
  grammar: Generated<number>;
  grammar_error: string | null;
  format: Generated<string>;
  source_language: string | null;
  target_language: string | null;
  /** JSON. */
  skeleton: string;
  created_by: string | null;
  revision: Generated<number>;
  assigned_to: string | null;
  /** JSON: `ReadWarnings`. */
  read_warnings: Generated<string>;
}

export interface SegmentsTable {
  id: Generated<number>;
  document_id: number;
  external_id: string;
  idx: number;
  source_text: string | null;
  original_target: string;
  current_target: string;
  version: Generated<number>;
  /** JSON arrays, or null. */
  codes: string | null;
  notes: string | null;
  state: string | null;
  line: number | null;
  updated_at: string;
}

export interface SentencesTable {
  id: Generated<number>;
  document_id: number;
  segment_id: number;
  idx: number;
  paragraph: number;
  original_text: string;
  current_text: string;
  version: Generated<number>;
  open_findings: Generated<number>;
  reviewed: Generated<number>;
  ter_edits: Generated<number>;
  ref_words: number;
  updated_at: string;
  grammar_version: number | null;
  /** Until when (ISO time) a grammar pass has this sentence in hand; null: nobody. */
  grammar_claimed_until: string | null;
  /** JSON: findings not kept, by source then rule id (NULL: none). */
  findings_left_out: string | null;
  /** JSON: the sentence's part of its document's totals when last counted (document-totals.ts). */
  counted: string | null;
}

/** A document's header figures, one row per figure (document-totals.ts). */
export interface DocumentCountsTable {
  document_id: number;
  key: string;
  n: number;
}

export interface FindingsTable {
  id: Generated<number>;
  document_id: number;
  sentence_id: number;
  rule_id: string;
  source: Generated<string>;
  category: string;
  severity: string;
  message: string;
  start: number;
  length: number;
  text: string;
  /** JSON array. */
  suggestions: string;
  active: Generated<number>;
  /** Why it went inactive without a decision: 'edited' or 'vanished' (null: active, or not recorded). */
  retired: string | null;
  created_at: string;
}

export interface DecisionsTable {
  id: Generated<number>;
  document_id: number;
  sentence_id: number;
  actor: string | null;
  action_id: string;
  kind: string;
  finding_id: number | null;
  rule_id: string | null;
  flagged_text: string | null;
  replacement: string | null;
  reason: string | null;
  before_text: string | null;
  after_text: string | null;
  mqm_category: string | null;
  mqm_severity: string | null;
  added_word: string | null;
  created_at: string;
  undone_at: string | null;
}

export interface OffersTable {
  id: Generated<number>;
  document_id: number;
  sentence_id: number;
  action_id: string;
  from_text: string;
  to_text: string;
  created_at: string;
  answered_at: string | null;
  answer: string | null;
}

export interface CommentsTable {
  id: Generated<number>;
  document_id: number;
  sentence_id: number;
  body: string;
  actor: string | null;
  created_at: string;
}

export interface CorrectionsTable {
  id: Generated<number>;
  document_id: number;
  from_text: string;
  to_text: string;
  note: string | null;
  origin: string;
  actor: string | null;
  created_at: string;
}

export interface CheckFailuresTable {
  id: Generated<number>;
  document_id: number;
  sentence_id: number | null;
  source: string;
  rule_id: string;
  message: string;
  created_at: string;
}

export interface DocumentIgnoresTable {
  id: Generated<number>;
  document_id: number;
  kind: string;
  value: string;
  action_id: string;
  actor: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON. */
  value: string;
}

export interface JobsTable {
  id: string;
  document_id: number;
  kind: string;
  /** JSON. */
  params: string;
  /** JSON: the ids the job works through, in order. */
  items: string;
  total: number;
  done: Generated<number>;
  /** JSON: counts the chunks added up. */
  counts: Generated<string>;
  state: string;
  error: string | null;
  actor: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewDatabase {
  documents: DocumentsTable;
  segments: SegmentsTable;
  sentences: SentencesTable;
  findings: FindingsTable;
  /** A view: active findings that no live rejection in their sentence covers. */
  open_findings: FindingsTable;
  decisions: DecisionsTable;
  offers: OffersTable;
  comments: CommentsTable;
  corrections: CorrectionsTable;
  check_failures: CheckFailuresTable;
  settings: SettingsTable;
  jobs: JobsTable;
  document_counts: DocumentCountsTable;
  document_ignores: DocumentIgnoresTable;
}

export type Db = Kysely<ReviewDatabase>;
