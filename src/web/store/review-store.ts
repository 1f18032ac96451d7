import type { Statement } from 'better-sqlite3';
import type { Db } from './open-database.ts';
import type { Category, Severity } from '../../types.ts';
import { foldForSearch } from '../../text/fold.ts';
import type { RuleFailure } from '../../types.ts';

export interface DocumentRecord {
  id: number;
  title: string;
  sourceName: string;
  createdAt: string;
  words: number;
  tail: string;
  /** Grammalecte checks this document's sentences beside the built-in rules. */
  grammar: boolean;
  /** Why the last grammar pass on this document failed, until one succeeds. */
  grammarError: string | null;
  /** Who imported it (null: the single-user app). */
  createdBy: string | null;
  /** The reviewer an admin gave it to, if any. */
  assignedTo: string | null;
}

export interface DocumentSummary extends DocumentRecord {
  sentences: number;
  reviewed: number;
  flagged: number;
}

export interface SentenceRecord {
  id: number;
  documentId: number;
  idx: number;
  paragraph: number;
  prefix: string;
  originalText: string;
  currentText: string;
  version: number;
  openFindings: number;
  reviewed: boolean;
  terEdits: number;
  refWords: number;
  updatedAt: string;
  /** The version its grammar findings were computed for; null: never. */
  grammarVersion: number | null;
}

/** An offer to apply a word change to the rest of the document, waiting for the editor's answer. */
export interface OfferRecord {
  id: number;
  documentId: number;
  sentenceId: number;
  /** 0-based index of its sentence. */
  sentenceIdx: number;
  actionId: string;
  from: string;
  to: string;
  createdAt: string;
}

/** Why a finding went inactive without a decision. */
export type RetiredReason = 'edited' | 'vanished';

/** The stretch of a sentence's previous text that a change replaced, [start, end). */
export interface ChangedStretch {
  start: number;
  end: number;
}

/** A finding as the checker gives it, relative to its sentence's text. */
export interface NewFinding {
  ruleId: string;
  /** The engine that sent it (`relecture`, `grammalecte`…). */
  source: string;
  category: Category;
  severity: Severity;
  message: string;
  start: number;
  length: number;
  text: string;
  suggestions: string[];
}

export interface FindingRecord extends NewFinding {
  id: number;
  documentId: number;
  sentenceId: number;
  active: boolean;
  /** Why it went inactive: the flagged text was edited, or a re-check no longer raised it (null: active, or not recorded). */
  retired: RetiredReason | null;
  createdAt: string;
  /** A live rejection in the sentence covers this rule and text. */
  rejected: boolean;
}

export type DecisionKind = 'accept' | 'reject' | 'edit' | 'propagate' | 'review' | 'undo';

/** Who made the decisions while there are no accounts: the person at this machine. */
export const LOCAL_ACTOR = 'local';

export interface NewDecision {
  documentId: number;
  /** Who made it; the local user (`local`) until team mode signs people in. */
  actor?: string;
  sentenceId: number;
  actionId: string;
  kind: DecisionKind;
  findingId?: number | null;
  ruleId?: string | null;
  flaggedText?: string | null;
  replacement?: string | null;
  reason?: string | null;
  beforeText?: string | null;
  afterText?: string | null;
  /** An edit's MQM error: the category and severity it fixed (null: not an error, or not said). */
  mqmCategory?: string | null;
  mqmSeverity?: string | null;
}

export interface DecisionRecord extends Required<NewDecision> {
  id: number;
  createdAt: string;
  undoneAt: string | null;
}

export interface CorrectionRecord {
  id: number;
  documentId: number;
  from: string;
  to: string;
  note: string | null;
  origin: 'imported' | 'added' | 'learned';
  createdAt: string;
  /** Who added it last (null: the single-user app). */
  actor: string | null;
}

/** todo: flagged and not yet reviewed (the review page's default). */
export type StatusFilter = 'todo' | 'flagged' | 'unreviewed' | 'reviewed' | 'all';

export interface SentenceFilter {
  category?: string;
  severity?: string;
  rule?: string;
  status: StatusFilter;
  search?: string;
}

export interface NewDocument {
  title: string;
  sourceName: string;
  words: number;
  tail: string;
  /** Grammar checking on (the grammar pass then checks every sentence). */
  grammar?: boolean;
  /** Who imported it. */
  createdBy?: string | null;
  sentences: Array<{ paragraph: number; prefix: string; text: string; refWords: number; findings: NewFinding[] }>;
  corrections: Array<{ from: string; to: string; note?: string }>;
  /** Rules or engines that failed on the import's check: kept, for the review page. */
  failures?: RuleFailure[];
}

/** A sentence changed since the editor loaded it: never overwrite silently. */
export class VersionConflict extends Error {
  constructor(
    readonly sentence: SentenceRecord,
    readonly expectedVersion: number,
  ) {
    super(`sentence ${sentence.idx + 1} is at version ${sentence.version}, not ${expectedVersion}`);
    this.name = 'VersionConflict';
  }
}

const now = () => new Date().toISOString();

/* eslint-disable @typescript-eslint/no-explicit-any */
const toDocument = (row: any): DocumentRecord => ({
  id: row.id,
  title: row.title,
  sourceName: row.source_name,
  createdAt: row.created_at,
  words: row.words,
  tail: row.tail,
  grammar: row.grammar === 1,
  grammarError: row.grammar_error,
  createdBy: row.created_by ?? null,
  assignedTo: row.assigned_to ?? null,
});
const toSentence = (row: any): SentenceRecord => ({
  id: row.id,
  documentId: row.document_id,
  idx: row.idx,
  paragraph: row.paragraph,
  prefix: row.prefix,
  originalText: row.original_text,
  currentText: row.current_text,
  version: row.version,
  openFindings: row.open_findings,
  reviewed: row.reviewed === 1,
  terEdits: row.ter_edits,
  refWords: row.ref_words,
  updatedAt: row.updated_at,
  grammarVersion: row.grammar_version,
});
const toFinding = (row: any): FindingRecord => ({
  id: row.id,
  documentId: row.document_id,
  sentenceId: row.sentence_id,
  ruleId: row.rule_id,
  source: row.source,
  category: row.category,
  severity: row.severity,
  message: row.message,
  start: row.start,
  length: row.length,
  text: row.text,
  suggestions: JSON.parse(row.suggestions),
  active: row.active === 1,
  retired: row.retired ?? null,
  createdAt: row.created_at,
  rejected: row.rejected === 1,
});
const toDecision = (row: any): DecisionRecord => ({
  id: row.id,
  documentId: row.document_id,
  sentenceId: row.sentence_id,
  actor: row.actor,
  actionId: row.action_id,
  kind: row.kind,
  findingId: row.finding_id,
  ruleId: row.rule_id,
  flaggedText: row.flagged_text,
  replacement: row.replacement,
  reason: row.reason,
  beforeText: row.before_text,
  afterText: row.after_text,
  mqmCategory: row.mqm_category ?? null,
  mqmSeverity: row.mqm_severity ?? null,
  createdAt: row.created_at,
  undoneAt: row.undone_at,
});
const toCorrection = (row: any): CorrectionRecord => ({ id: row.id, documentId: row.document_id, from: row.from_text, to: row.to_text, note: row.note, origin: row.origin, createdAt: row.created_at, actor: row.actor ?? null });

// Is a finding covered by a live rejection? (The same test as the open_findings view.)
const REJECTED = `EXISTS (SELECT 1 FROM decisions d WHERE d.sentence_id = f.sentence_id AND d.kind = 'reject'
  AND d.rule_id = f.rule_id AND d.flagged_text = f.text AND d.undone_at IS NULL)`;

/** Grammar findings: those Grammalecte sent. */
const GRAMMAR_SOURCE = 'grammalecte';

/** A check failure as stored: which engine, which rule, what it said, where. */
export interface CheckFailureRecord {
  id: number;
  documentId: number;
  /** Null: the check of the whole document (the import). */
  sentenceId: number | null;
  /** 0-based index of that sentence, for the page. */
  sentenceIdx: number | null;
  source: string;
  ruleId: string;
  message: string;
  createdAt: string;
}

// A sentence is reviewed when the editor said so (a 'review' decision, live):
// an accept, a reject, an edit or a propagation alone does not make it so.
const REVIEW_KINDS = `('review')`;

/**
 * Every read and write of the review database. Synchronous (better-sqlite3):
 * a request is a handful of indexed statements, so there is nothing to await.
 */
export class ReviewStore {
  constructor(readonly db: Db) {}

  // better-sqlite3 statements are meant to be prepared once and reused:
  // preparing on every call was a tenth of an accept's time.
  private readonly statements = new Map<string, Statement<any[]>>();

  private prepare(sql: string): Statement<any[]> {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  // ---- documents -------------------------------------------------------

  createDocument(input: NewDocument): number {
    return this.transaction(() => {
      const at = now();
      const { lastInsertRowid } = this.db
        .prepare('INSERT INTO documents (title, source_name, created_at, words, tail, grammar, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(input.title, input.sourceName, at, input.words, input.tail, input.grammar ? 1 : 0, input.createdBy ?? null);
      const documentId = Number(lastInsertRowid);
      const insertSentence = this.prepare(
        'INSERT INTO sentences (document_id, idx, paragraph, prefix, original_text, current_text, ref_words, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      input.sentences.forEach((sentence, idx) => {
        const { lastInsertRowid: sentenceId } = insertSentence.run(documentId, idx, sentence.paragraph, sentence.prefix, sentence.text, sentence.text, sentence.refWords, at);
        for (const finding of sentence.findings) this.insertFinding(documentId, Number(sentenceId), finding, at);
        this.prepare('UPDATE sentences SET open_findings = ? WHERE id = ?').run(sentence.findings.length, sentenceId);
      });
      for (const correction of input.corrections) this.upsertCorrection(documentId, correction.from, correction.to, correction.note ?? null, 'imported', input.createdBy ?? null);
      const bySource = new Map<string, RuleFailure[]>();
      for (const failure of input.failures ?? []) bySource.set(failure.source ?? 'relecture', [...(bySource.get(failure.source ?? 'relecture') ?? []), failure]);
      for (const [source, failures] of bySource) this.replaceCheckFailures(documentId, null, source, failures);
      return documentId;
    });
  }

  countDocuments(): number {
    return (this.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
  }

  /** Every document, or those assigned to one user ("assigned to me"). */
  listDocuments(filter: { assignedTo?: string } = {}): DocumentSummary[] {
    const rows = this.db
      .prepare(
        `SELECT d.*, COUNT(s.id) AS sentences, COALESCE(SUM(s.reviewed), 0) AS reviewed,
                COALESCE(SUM(s.open_findings > 0), 0) AS flagged
         FROM documents d LEFT JOIN sentences s ON s.document_id = d.id
         ${filter.assignedTo !== undefined ? 'WHERE d.assigned_to = ?' : ''}
         GROUP BY d.id ORDER BY d.created_at DESC, d.id DESC`,
      )
      .all(...(filter.assignedTo !== undefined ? [filter.assignedTo] : [])) as any[];
    return rows.map((row) => ({ ...toDocument(row), sentences: row.sentences, reviewed: row.reviewed, flagged: row.flagged }));
  }

  getDocument(id: number): DocumentRecord | undefined {
    const row = this.prepare('SELECT * FROM documents WHERE id = ?').get(id);
    return row ? toDocument(row) : undefined;
  }

  /** An admin gives the document to a reviewer (null: to nobody). */
  assignDocument(id: number, userName: string | null): void {
    this.prepare('UPDATE documents SET assigned_to = ? WHERE id = ?').run(userName, id);
  }

  deleteDocument(id: number): void {
    this.prepare('DELETE FROM documents WHERE id = ?').run(id);
  }

  /**
   * Grammar on or off. Off withdraws the document's open grammar findings: those
   * the editor never acted on are deleted (the report would otherwise count them
   * as fixed), those accepted or rejected stay, inactive, with their decision.
   * Which sentences were checked is forgotten, so turning it on checks afresh.
   */
  setGrammar(documentId: number, on: boolean): void {
    this.transaction(() => {
      this.prepare('UPDATE documents SET grammar = ?, grammar_error = NULL WHERE id = ?').run(on ? 1 : 0, documentId);
      if (on) return;
      const touched = this.prepare(`SELECT DISTINCT sentence_id AS id FROM findings WHERE document_id = ? AND active = 1 AND source = ?`).all(documentId, GRAMMAR_SOURCE) as Array<{ id: number }>;
      this.prepare(`DELETE FROM findings WHERE document_id = ? AND active = 1 AND source = ? AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.finding_id = findings.id)`).run(documentId, GRAMMAR_SOURCE);
      this.prepare(`UPDATE findings SET active = 0 WHERE document_id = ? AND active = 1 AND source = ?`).run(documentId, GRAMMAR_SOURCE);
      this.prepare('DELETE FROM check_failures WHERE document_id = ? AND source = ?').run(documentId, GRAMMAR_SOURCE);
      this.prepare('UPDATE sentences SET grammar_version = NULL WHERE document_id = ?').run(documentId);
      for (const { id } of touched) this.refreshSentenceState(id);
    });
  }

  setGrammarError(documentId: number, message: string | null): void {
    this.prepare('UPDATE documents SET grammar_error = ? WHERE id = ?').run(message, documentId);
  }

  /**
   * Sentences waiting for the grammar pass, in documents with grammar on: those
   * re-checked after a change first (an editor is looking at them), then those
   * never checked, in document order, until `maxChars` of text.
   */
  grammarBacklog(maxChars: number): SentenceRecord[] {
    const rows = this.prepare(
      `SELECT s.* FROM sentences s JOIN documents d ON d.id = s.document_id
       WHERE d.grammar = 1 AND s.grammar_version IS NOT s.version
       ORDER BY s.grammar_version IS NULL, s.document_id, s.idx LIMIT 2000`,
    ).all() as any[];
    const batch: SentenceRecord[] = [];
    let chars = 0;
    for (const row of rows) {
      if (batch.length > 0 && chars + row.current_text.length > maxChars) break;
      batch.push(toSentence(row));
      chars += row.current_text.length;
    }
    return batch;
  }

  /** Sentences of the document still waiting for the grammar pass. */
  grammarPending(documentId: number): number {
    return (this.prepare('SELECT COUNT(*) AS n FROM sentences WHERE document_id = ? AND grammar_version IS NOT version').get(documentId) as { n: number }).n;
  }

  /** The grammar findings of a sentence now match this version of its text. */
  setGrammarVersion(sentenceId: number, version: number): void {
    this.prepare('UPDATE sentences SET grammar_version = ? WHERE id = ?').run(version, sentenceId);
  }

  progress(documentId: number): { total: number; reviewed: number; flagged: number } {
    const row = this.db
      .prepare('SELECT COUNT(*) AS total, COALESCE(SUM(reviewed), 0) AS reviewed, COALESCE(SUM(open_findings > 0), 0) AS flagged FROM sentences WHERE document_id = ?')
      .get(documentId) as { total: number; reviewed: number; flagged: number };
    return row;
  }

  /** Open findings of the document counted by one column. */
  openFindingCounts(documentId: number, column: 'category' | 'severity' | 'rule_id'): Map<string, number> {
    const rows = this.prepare(`SELECT ${column} AS key, COUNT(*) AS n FROM open_findings WHERE document_id = ? GROUP BY ${column}`).all(documentId) as Array<{ key: string; n: number }>;
    return new Map(rows.map((row) => [row.key, row.n]));
  }

  /** Quality sums: TER edits and reference words over every sentence. */
  terTotals(documentId: number): { edits: number; refWords: number } {
    return this.prepare('SELECT COALESCE(SUM(ter_edits), 0) AS edits, COALESCE(SUM(ref_words), 0) AS refWords FROM sentences WHERE document_id = ?').get(documentId) as {
      edits: number;
      refWords: number;
    };
  }

  /**
   * The document's confirmed errors: findings the editor accepted, and hand edits
   * that carry an MQM category (given, or taken from the findings they fixed).
   * Undone decisions do not count.
   */
  confirmedErrors(documentId: number): Array<{ category: string; severity: string; n: number }> {
    return this.prepare(
      `SELECT category, severity, COUNT(*) AS n FROM (
         SELECT DISTINCT f.id AS id, f.category AS category, f.severity AS severity FROM decisions d JOIN findings f ON f.id = d.finding_id
         WHERE d.document_id = ? AND d.kind = 'accept' AND d.undone_at IS NULL
         UNION ALL
         SELECT -d.id, d.mqm_category, d.mqm_severity FROM decisions d
         WHERE d.document_id = ? AND d.kind = 'edit' AND d.undone_at IS NULL AND d.mqm_category IS NOT NULL AND d.mqm_severity IS NOT NULL
       ) GROUP BY category, severity ORDER BY category, severity`,
    ).all(documentId, documentId) as Array<{ category: string; severity: string; n: number }>;
  }

  // ---- comments --------------------------------------------------------

  addComment(documentId: number, sentenceId: number, body: string, actor: string | null): void {
    this.prepare('INSERT INTO comments (document_id, sentence_id, body, actor, created_at) VALUES (?, ?, ?, ?, ?)').run(documentId, sentenceId, body, actor, now());
  }

  /** Comments by sentence id, oldest first (of the given sentences, or of the whole document). */
  comments(documentId: number, sentenceIds?: number[]): Map<number, Array<{ body: string; actor: string | null; createdAt: string }>> {
    const only = sentenceIds ? ` AND sentence_id IN (${sentenceIds.map(() => '?').join(',') || 'NULL'})` : '';
    const rows = this.prepare(`SELECT * FROM comments WHERE document_id = ?${only} ORDER BY id`).all(documentId, ...(sentenceIds ?? [])) as any[];
    const out = new Map<number, Array<{ body: string; actor: string | null; createdAt: string }>>();
    for (const row of rows) out.set(row.sentence_id, [...(out.get(row.sentence_id) ?? []), { body: row.body, actor: row.actor, createdAt: row.created_at }]);
    return out;
  }

  /** Severities of the findings the editor confirmed by accepting a fix. */
  acceptedSeverities(documentId: number): Map<string, number> {
    const rows = this.db
      .prepare(
        `SELECT f.severity AS key, COUNT(DISTINCT f.id) AS n FROM decisions d JOIN findings f ON f.id = d.finding_id
         WHERE d.document_id = ? AND d.kind = 'accept' AND d.undone_at IS NULL GROUP BY f.severity`,
      )
      .all(documentId) as Array<{ key: string; n: number }>;
    return new Map(rows.map((row) => [row.key, row.n]));
  }

  // ---- sentences -------------------------------------------------------

  getSentence(documentId: number, idx: number): SentenceRecord | undefined {
    const row = this.prepare('SELECT * FROM sentences WHERE document_id = ? AND idx = ?').get(documentId, idx);
    return row ? toSentence(row) : undefined;
  }

  getSentenceById(id: number): SentenceRecord | undefined {
    const row = this.prepare('SELECT * FROM sentences WHERE id = ?').get(id);
    return row ? toSentence(row) : undefined;
  }

  /** All sentences in order, for exports and the document index. */
  allSentences(documentId: number): SentenceRecord[] {
    return (this.prepare('SELECT * FROM sentences WHERE document_id = ? ORDER BY idx').all(documentId) as any[]).map(toSentence);
  }

  /** The sentences of one paragraph (a segment), in order: what a re-check after an edit covers. */
  paragraphSentences(documentId: number, paragraph: number): SentenceRecord[] {
    return (this.prepare('SELECT * FROM sentences WHERE document_id = ? AND paragraph = ? ORDER BY idx').all(documentId, paragraph) as any[]).map(toSentence);
  }

  /** Sentences whose current text may contain `needle` (SQL narrows, the caller matches words). */
  sentencesContaining(documentId: number, needle: string): SentenceRecord[] {
    return (this.prepare(`SELECT * FROM sentences WHERE document_id = ? AND current_text LIKE ? ESCAPE '\\' ORDER BY idx`).all(documentId, `%${escapeLike(needle)}%`) as any[]).map(
      toSentence,
    );
  }

  querySentences(documentId: number, filter: SentenceFilter, limit: number, offset: number): { rows: SentenceRecord[]; total: number } {
    const where = ['s.document_id = ?'];
    const params: unknown[] = [documentId];
    if (filter.status === 'flagged') where.push('s.open_findings > 0');
    if (filter.status === 'todo') where.push('s.open_findings > 0 AND s.reviewed = 0');
    if (filter.status === 'unreviewed') where.push('s.reviewed = 0');
    if (filter.status === 'reviewed') where.push('s.reviewed = 1');
    // With "flagged", category/severity/rule select open findings; otherwise any finding still in the text.
    const source = filter.status === 'flagged' || filter.status === 'todo' ? 'open_findings' : '(SELECT * FROM findings WHERE active = 1)';
    const findingConditions: string[] = [];
    if (filter.category) {
      // A top-level category ("fluency") selects its sub-categories too.
      findingConditions.push('(f.category = ? OR f.category LIKE ?)');
      params.push(filter.category, `${escapeLike(filter.category)}/%`);
    }
    if (filter.severity) {
      findingConditions.push('f.severity = ?');
      params.push(filter.severity);
    }
    if (filter.rule) {
      findingConditions.push('f.rule_id = ?');
      params.push(filter.rule);
    }
    if (findingConditions.length > 0) where.push(`EXISTS (SELECT 1 FROM ${source} f WHERE f.sentence_id = s.id AND ${findingConditions.join(' AND ')})`);
    const needle = filter.search ? foldForSearch(filter.search).trim() : '';
    if (needle) {
      // Accents, case and apostrophe style folded (relecture_fold is registered by openDatabase).
      where.push('(instr(relecture_fold(s.current_text), ?) > 0 OR instr(relecture_fold(s.original_text), ?) > 0)');
      params.push(needle, needle);
    }
    const clause = where.join(' AND ');
    const total = (this.prepare(`SELECT COUNT(*) AS n FROM sentences s WHERE ${clause}`).get(...params) as { n: number }).n;
    const rows = (this.prepare(`SELECT s.* FROM sentences s WHERE ${clause} ORDER BY s.idx LIMIT ? OFFSET ?`).all(...params, limit, offset) as any[]).map(toSentence);
    return { rows, total };
  }

  /** The neighbour in document order that still has open findings (keyboard j/k, "next flagged"). */
  adjacentFlagged(documentId: number, idx: number, direction: 1 | -1, unreviewedOnly = false): number | undefined {
    const unreviewed = unreviewedOnly ? ' AND reviewed = 0' : '';
    const row = this.db
      .prepare(
        direction === 1
          ? `SELECT idx FROM sentences WHERE document_id = ? AND open_findings > 0${unreviewed} AND idx > ? ORDER BY idx LIMIT 1`
          : `SELECT idx FROM sentences WHERE document_id = ? AND open_findings > 0${unreviewed} AND idx < ? ORDER BY idx DESC LIMIT 1`,
      )
      .get(documentId, idx) as { idx: number } | undefined;
    return row?.idx;
  }

  /** Sets the text and bumps the version; throws VersionConflict when `expectedVersion` is stale. */
  updateSentenceText(sentenceId: number, expectedVersion: number, text: string, terEdits: number, refWords: number): SentenceRecord {
    const result = this.db
      .prepare('UPDATE sentences SET current_text = ?, version = version + 1, ter_edits = ?, ref_words = ?, updated_at = ? WHERE id = ? AND version = ?')
      .run(text, terEdits, refWords, now(), sentenceId, expectedVersion);
    const sentence = this.getSentenceById(sentenceId)!;
    if (result.changes === 0) throw new VersionConflict(sentence, expectedVersion);
    return sentence;
  }

  /** Recomputes the cached open-finding count and reviewed flag of a sentence. */
  refreshSentenceState(sentenceId: number): void {
    this.db
      .prepare(
        `UPDATE sentences SET
           open_findings = (SELECT COUNT(*) FROM open_findings WHERE sentence_id = ?),
           reviewed = EXISTS (SELECT 1 FROM decisions WHERE sentence_id = ? AND kind IN ${REVIEW_KINDS} AND undone_at IS NULL)
         WHERE id = ?`,
      )
      .run(sentenceId, sentenceId, sentenceId);
  }

  // ---- findings --------------------------------------------------------

  private insertFinding(documentId: number, sentenceId: number, finding: NewFinding, at: string): void {
    this.db
      .prepare(
        'INSERT INTO findings (document_id, sentence_id, rule_id, source, category, severity, message, start, length, text, suggestions, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(documentId, sentenceId, finding.ruleId, finding.source, finding.category, finding.severity, finding.message, finding.start, finding.length, finding.text, JSON.stringify(finding.suggestions), at);
  }

  getFinding(id: number): FindingRecord | undefined {
    const row = this.prepare(`SELECT f.*, ${REJECTED} AS rejected FROM findings f WHERE f.id = ?`).get(id);
    return row ? toFinding(row) : undefined;
  }

  /** Active findings of the given sentences, by sentence id, in text order. */
  activeFindings(sentenceIds: number[]): Map<number, FindingRecord[]> {
    const out = new Map<number, FindingRecord[]>(sentenceIds.map((id) => [id, []]));
    if (sentenceIds.length === 0) return out;
    const rows = this.db
      .prepare(`SELECT f.*, ${REJECTED} AS rejected FROM findings f WHERE f.active = 1 AND f.sentence_id IN (${sentenceIds.map(() => '?').join(',')}) ORDER BY f.start, f.length, f.id`)
      .all(...sentenceIds) as any[];
    for (const row of rows) out.get(row.sentence_id)!.push(toFinding(row));
    return out;
  }

  /**
   * After a re-check by the rules or by the grammar engine (`source`): that
   * source's findings that are still there (same rule, same text, in order) keep
   * their row and id, with their new place; its others go inactive; new ones are
   * added. The other source's findings are left alone. Ids stay stable, so
   * decisions keep pointing at them.
   */
  replaceFindings(documentId: number, sentenceId: number, fresh: NewFinding[], source: string, changed?: ChangedStretch): void {
    const at = now();
    const existing = this.prepare(`SELECT * FROM findings WHERE sentence_id = ? AND active = 1 AND source = ? ORDER BY start, id`).all(sentenceId, source) as any[];
    const pool = new Map<string, any[]>();
    for (const row of existing) {
      const key = `${row.rule_id}\u0000${row.text}`;
      pool.set(key, [...(pool.get(key) ?? []), row]);
    }
    const move = this.prepare('UPDATE findings SET start = ?, length = ?, message = ?, suggestions = ?, severity = ? WHERE id = ?');
    for (const finding of fresh) {
      const same = pool.get(`${finding.ruleId}\u0000${finding.text}`)?.shift();
      if (same) move.run(finding.start, finding.length, finding.message, JSON.stringify(finding.suggestions), finding.severity, same.id);
      else this.insertFinding(documentId, sentenceId, { ...finding, source }, at);
    }
    // A finding that goes was fixed by the edit when the change touched what it
    // flagged; otherwise it vanished after a re-check (issue #13, defect 3).
    for (const rows of pool.values()) {
      for (const row of rows) {
        this.retireFinding(row.id, changed !== undefined && touches(changed, row.start, row.start + row.length) ? 'edited' : 'vanished');
      }
    }
  }

  /** Active findings of one source in a sentence. */
  activeFindingsFrom(sentenceId: number, source: string): FindingRecord[] {
    return (this.prepare(`SELECT f.*, ${REJECTED} AS rejected FROM findings f WHERE f.sentence_id = ? AND f.active = 1 AND f.source = ? ORDER BY f.start, f.id`).all(sentenceId, source) as any[]).map(toFinding);
  }

  // ---- propagation offers ----------------------------------------------

  /** Keeps an offer on its sentence until answered (one per sentence and change). */
  addOffer(documentId: number, sentenceId: number, actionId: string, from: string, to: string): void {
    const pending = this.prepare('SELECT 1 FROM offers WHERE sentence_id = ? AND from_text = ? AND to_text = ? AND answered_at IS NULL').get(sentenceId, from, to);
    if (pending) return;
    this.prepare('INSERT INTO offers (document_id, sentence_id, action_id, from_text, to_text, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(documentId, sentenceId, actionId, from, to, now());
  }

  /** The document's offers still waiting, in document order (of the given sentences only, if any). */
  pendingOffers(documentId: number, sentenceIds?: number[]): OfferRecord[] {
    const only = sentenceIds ? ` AND o.sentence_id IN (${sentenceIds.map(() => '?').join(',') || 'NULL'})` : '';
    const rows = this.prepare(
      `SELECT o.*, s.idx AS sentence_idx FROM offers o JOIN sentences s ON s.id = o.sentence_id
       WHERE o.document_id = ? AND o.answered_at IS NULL${only} ORDER BY s.idx, o.id`,
    ).all(documentId, ...(sentenceIds ?? [])) as any[];
    return rows.map((row) => ({ id: row.id, documentId: row.document_id, sentenceId: row.sentence_id, sentenceIdx: row.sentence_idx, actionId: row.action_id, from: row.from_text, to: row.to_text, createdAt: row.created_at }));
  }

  /** Answers the pending offers of `from → to` in the document (the propagation ran). */
  answerOffersFor(documentId: number, from: string, to: string, answer: 'applied' | 'dismissed'): void {
    this.prepare('UPDATE offers SET answered_at = ?, answer = ? WHERE document_id = ? AND from_text = ? AND to_text = ? AND answered_at IS NULL').run(now(), answer, documentId, from, to);
  }

  answerOffer(documentId: number, id: number, answer: 'applied' | 'dismissed'): boolean {
    return this.prepare('UPDATE offers SET answered_at = ?, answer = ? WHERE document_id = ? AND id = ? AND answered_at IS NULL').run(now(), answer, documentId, id).changes > 0;
  }

  /** The change that made these offers was undone: they go with it. */
  withdrawOffers(actionId: string): void {
    this.prepare(`UPDATE offers SET answered_at = ?, answer = 'undone' WHERE action_id = ? AND answered_at IS NULL`).run(now(), actionId);
  }

  // ---- check failures --------------------------------------------------

  /**
   * What `source` failed on while checking these sentences (or, with
   * `sentenceId` null, the whole document) replaces what it failed on before there.
   */
  replaceCheckFailures(documentId: number, sentenceId: number | null, source: string, failures: RuleFailure[]): void {
    if (sentenceId === null) this.prepare('DELETE FROM check_failures WHERE document_id = ? AND sentence_id IS NULL AND source = ?').run(documentId, source);
    else this.prepare('DELETE FROM check_failures WHERE sentence_id = ? AND source = ?').run(sentenceId, source);
    const insert = this.prepare('INSERT INTO check_failures (document_id, sentence_id, source, rule_id, message, created_at) VALUES (?, ?, ?, ?, ?, ?)');
    const at = now();
    for (const failure of failures) insert.run(documentId, sentenceId, failure.source ?? source, failure.ruleId, failure.message, at);
  }

  /** The document's check failures, whole-document ones first, then in sentence order. */
  checkFailures(documentId: number, limit = 50): CheckFailureRecord[] {
    const rows = this.prepare(
      `SELECT c.*, s.idx AS sentence_idx FROM check_failures c LEFT JOIN sentences s ON s.id = c.sentence_id
       WHERE c.document_id = ? ORDER BY c.sentence_id IS NOT NULL, s.idx, c.id LIMIT ?`,
    ).all(documentId, limit) as any[];
    return rows.map((row) => ({ id: row.id, documentId: row.document_id, sentenceId: row.sentence_id, sentenceIdx: row.sentence_idx, source: row.source, ruleId: row.rule_id, message: row.message, createdAt: row.created_at }));
  }

  /** A finding kept through an edit elsewhere in its sentence, at its new place. */
  moveFinding(id: number, start: number): void {
    this.prepare('UPDATE findings SET start = ? WHERE id = ?').run(start, id);
  }

  retireFinding(id: number, reason: RetiredReason = 'vanished'): void {
    this.prepare('UPDATE findings SET active = 0, retired = ? WHERE id = ?').run(reason, id);
  }

  // ---- decisions -------------------------------------------------------

  addDecision(decision: NewDecision): number {
    const { lastInsertRowid } = this.db
      .prepare(
        `INSERT INTO decisions (document_id, sentence_id, actor, action_id, kind, finding_id, rule_id, flagged_text, replacement, reason, before_text, after_text, mqm_category, mqm_severity, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        decision.documentId,
        decision.sentenceId,
        decision.actor ?? LOCAL_ACTOR,
        decision.actionId,
        decision.kind,
        decision.findingId ?? null,
        decision.ruleId ?? null,
        decision.flaggedText ?? null,
        decision.replacement ?? null,
        decision.reason ?? null,
        decision.beforeText ?? null,
        decision.afterText ?? null,
        decision.mqmCategory ?? null,
        decision.mqmSeverity ?? null,
        now(),
      );
    return Number(lastInsertRowid);
  }

  /** The MQM error an edit confirmed, once the re-check has said which findings it fixed. */
  setDecisionMqm(decisionId: number, category: string | null, severity: string | null): void {
    this.prepare('UPDATE decisions SET mqm_category = ?, mqm_severity = ? WHERE id = ?').run(category, severity, decisionId);
  }

  /** Every event of a sentence, oldest first. */
  history(sentenceId: number): DecisionRecord[] {
    return (this.prepare('SELECT * FROM decisions WHERE sentence_id = ? ORDER BY id').all(sentenceId) as any[]).map(toDecision);
  }

  /**
   * For editors' open pages: each sentence's version and latest event (its id,
   * kind and who), by 0-based index. A page that saw other values is out of date.
   */
  sentenceStamps(documentId: number, idxs: number[]): Array<{ idx: number; version: number; lastEvent: number | null; kind: string | null; actor: string | null }> {
    if (idxs.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT s.idx, s.version, d.id AS last_event, d.kind, d.actor FROM sentences s
         LEFT JOIN decisions d ON d.id = (SELECT MAX(id) FROM decisions WHERE sentence_id = s.id)
         WHERE s.document_id = ? AND s.idx IN (${idxs.map(() => '?').join(',')}) ORDER BY s.idx`,
      )
      .all(documentId, ...idxs) as Array<{ idx: number; version: number; last_event: number | null; kind: string | null; actor: string | null }>;
    return rows.map((row) => ({ idx: row.idx, version: row.version, lastEvent: row.last_event, kind: row.kind, actor: row.actor }));
  }

  /** The latest change of the sentence's text (who made the version a conflicting save missed). */
  lastTextChange(sentenceId: number): DecisionRecord | undefined {
    const row = this.prepare(`SELECT * FROM decisions WHERE sentence_id = ? AND after_text IS NOT NULL ORDER BY id DESC LIMIT 1`).get(sentenceId);
    return row ? toDecision(row) : undefined;
  }

  /** The decisions the next undo of this sentence would revert: the latest live action. */
  lastLiveAction(sentenceId: number): DecisionRecord[] {
    const last = this.prepare(`SELECT action_id FROM decisions WHERE sentence_id = ? AND kind != 'undo' AND undone_at IS NULL ORDER BY id DESC LIMIT 1`).get(sentenceId) as
      | { action_id: string }
      | undefined;
    if (!last) return [];
    return (this.prepare('SELECT * FROM decisions WHERE sentence_id = ? AND action_id = ? AND undone_at IS NULL ORDER BY id').all(sentenceId, last.action_id) as any[]).map(toDecision);
  }

  /** Sentence ids that have something to undo, among the given ones. */
  undoable(sentenceIds: number[]): Set<number> {
    if (sentenceIds.length === 0) return new Set();
    const rows = this.db
      .prepare(`SELECT DISTINCT sentence_id FROM decisions WHERE kind != 'undo' AND undone_at IS NULL AND sentence_id IN (${sentenceIds.map(() => '?').join(',')})`)
      .all(...sentenceIds) as Array<{ sentence_id: number }>;
    return new Set(rows.map((row) => row.sentence_id));
  }

  markUndone(decisionIds: number[]): void {
    const at = now();
    const mark = this.prepare('UPDATE decisions SET undone_at = ? WHERE id = ?');
    for (const id of decisionIds) mark.run(at, id);
  }

  /** Latest live decision on each finding of the document (for the report). */
  findingsWithDecisions(documentId: number): Array<FindingRecord & { sentenceIdx: number; decision: DecisionRecord | null }> {
    const findings = (
      this.db
        .prepare(`SELECT f.*, ${REJECTED} AS rejected, s.idx AS sentence_idx FROM findings f JOIN sentences s ON s.id = f.sentence_id WHERE f.document_id = ? ORDER BY s.idx, f.start, f.id`)
        .all(documentId) as any[]
    ).map((row) => ({ ...toFinding(row), sentenceIdx: row.sentence_idx as number }));
    const decisions = (this.prepare(`SELECT * FROM decisions WHERE document_id = ? AND undone_at IS NULL AND kind IN ('accept', 'reject') ORDER BY id`).all(documentId) as any[]).map(toDecision);
    const byFinding = new Map<number, DecisionRecord>();
    const rejections = new Map<string, DecisionRecord>();
    for (const decision of decisions) {
      if (decision.findingId !== null) byFinding.set(decision.findingId, decision);
      if (decision.kind === 'reject') rejections.set(`${decision.sentenceId}\u0000${decision.ruleId}\u0000${decision.flaggedText}`, decision);
    }
    return findings.map((finding) => ({
      ...finding,
      decision: byFinding.get(finding.id) ?? (finding.rejected ? rejections.get(`${finding.sentenceId}\u0000${finding.ruleId}\u0000${finding.text}`) ?? null : null),
    }));
  }

  // ---- corrections -----------------------------------------------------

  listCorrections(documentId: number): CorrectionRecord[] {
    return (this.prepare('SELECT * FROM corrections WHERE document_id = ? ORDER BY id').all(documentId) as any[]).map(toCorrection);
  }

  getCorrection(documentId: number, id: number): CorrectionRecord | undefined {
    const row = this.prepare('SELECT * FROM corrections WHERE document_id = ? AND id = ?').get(documentId, id);
    return row ? toCorrection(row) : undefined;
  }

  /** Adds an entry, or changes the fix of an existing `from` (the editor's latest word wins). */
  upsertCorrection(documentId: number, from: string, to: string, note: string | null, origin: CorrectionRecord['origin'], actor: string | null = null): void {
    this.db
      .prepare(
        `INSERT INTO corrections (document_id, from_text, to_text, note, origin, created_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (document_id, from_text) DO UPDATE SET to_text = excluded.to_text, note = COALESCE(excluded.note, note), actor = excluded.actor`,
      )
      .run(documentId, from, to, note, origin, now(), actor);
  }

  removeCorrection(documentId: number, id: number): void {
    this.prepare('DELETE FROM corrections WHERE document_id = ? AND id = ?').run(documentId, id);
  }
}

/**
 * Did a change touch the span [start, end)? A replacement does where it
 * overlaps it; an insertion (an empty stretch) where it falls inside it or at
 * its edge: « message: » → « message : » fixes the colon's finding.
 */
function touches(changed: ChangedStretch, start: number, end: number): boolean {
  if (changed.start === changed.end) return changed.start >= start && changed.start <= end;
  return changed.start < end && changed.end > start;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}
