import type { Category, RuleFailure, Severity } from '../../types.ts';
import type { ReaderWarning } from '../../formats/reader-warning.ts';

/**
 * The review database, as interfaces split by aggregate: documents (with their
 * segments and sentences), findings, decisions, corrections, settings. Every
 * call is async, so that a database server (PostgreSQL, team mode) can stand
 * behind the same interfaces as the embedded SQLite file; `withTransaction`
 * gives a store whose calls all run in one transaction.
 *
 * Implementations: `sql/sql-review-store.ts` (Kysely, portable SQL) over SQLite
 * (`sqlite-store.ts`); the contract every implementation passes is
 * `test/web/store/store-contract.ts`.
 */
export interface ReviewStore {
  readonly documents: DocumentStore;
  readonly findings: FindingStore;
  readonly decisions: DecisionStore;
  readonly corrections: CorrectionStore;
  readonly settings: SettingsStore;
  readonly jobs: JobStore;
  readonly ignores: IgnoreStore;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when
   * it throws. Inside, use the `tx` it is given, never the outer store (whose
   * calls wait for this transaction to end). Transactions never interleave: on
   * SQLite they run one at a time. A nested call joins the running transaction.
   */
  withTransaction<T>(work: (tx: ReviewStore) => Promise<T>): Promise<T>;
  /**
   * After a big write (an import, the end of a chunked job): SQLite copies its
   * WAL back into the database and truncates it to 0 bytes
   * (`wal_checkpoint(TRUNCATE)`), so the -wal file does not keep the size of the
   * biggest import; a no-op on PostgreSQL and inside a transaction.
   */
  checkpoint(): Promise<void>;
  /** False once `close` was called (a grammar pass ending with the app checks it). */
  readonly isOpen: boolean;
  close(): Promise<void>;
}

// ---- records -------------------------------------------------------------

export interface DocumentRecord {
  id: number;
  title: string;
  sourceName: string;
  createdAt: string;
  words: number;
  /** The format adapter that read it and writes it back (`text`, `xliff`…, src/formats/). */
  format: string;
  sourceLanguage: string | null;
  targetLanguage: string | null;
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

/** A translation unit (or a paragraph of plain text): what the format adapter reads and writes. */
export interface SegmentRecord {
  id: number;
  documentId: number;
  /** The file's own id (line number, XLIFF unit id…). */
  externalId: string;
  idx: number;
  sourceText: string | null;
  originalTarget: string;
  /** Always its sentences' current texts end to end. */
  currentTarget: string;
  /** Bumped with every change of one of its sentences. */
  version: number;
  /** The format's extras, kept for the writer and the page: inline codes, notes, state, line. */
  codes: unknown[] | null;
  notes: string[] | null;
  state: string | null;
  line: number | null;
}

/** The unit of review: findings, decisions and diffs are per sentence. */
export interface SentenceRecord {
  id: number;
  documentId: number;
  segmentId: number;
  idx: number;
  /** Index of its segment in the document. */
  paragraph: number;
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
  /** Findings past the cap per rule and per sentence (review/cap-findings.ts), not stored, counted by rule id. */
  findingsLeftOut: Record<string, number>;
}

/** Why a finding went inactive without a decision. */
export type RetiredReason = 'edited' | 'vanished';

/** The stretch of a sentence's previous text that a change replaced, [start, end). */
export interface ChangedStretch {
  start: number;
  end: number;
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

export interface CommentRecord {
  body: string;
  actor: string | null;
  createdAt: string;
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
  /** The word this action appended to the project word list (null: none, or it was there already): its undo takes it away. */
  addedWord?: string | null;
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

/** todo: flagged and not yet reviewed (the review page's default). */
export type StatusFilter = 'todo' | 'flagged' | 'unreviewed' | 'reviewed' | 'all';

export interface SentenceFilter {
  category?: string;
  severity?: string;
  rule?: string;
  status: StatusFilter;
  search?: string;
}

export interface NewSentence {
  text: string;
  refWords: number;
  findings: NewFinding[];
  /** The rules' findings past the cap, by rule id. */
  findingsLeftOut?: Record<string, number>;
}

export interface NewSegment {
  externalId: string;
  source?: string;
  /** Its sentences' texts end to end. */
  sentences: NewSentence[];
  codes?: unknown[];
  notes?: string[];
  state?: string;
  line?: number;
}

export interface NewDocument {
  title: string;
  sourceName: string;
  /** Defaults to `text`. */
  format?: string;
  sourceLanguage?: string;
  targetLanguage?: string;
  skeleton: unknown;
  words: number;
  /** Grammar checking on (the grammar pass then checks every sentence). */
  grammar?: boolean;
  /** Who imported it. */
  createdBy?: string | null;
  segments: NewSegment[];
  corrections: Array<{ from: string; to: string; note?: string }>;
  /** Rules or engines that failed on the import's check: kept, for the review page. */
  failures?: RuleFailure[];
  /** What the readers left out of the review or kept once (empty targets, repeated corrections): kept, for the review page. */
  warnings?: ReaderWarning[];
}

/** A document's reader warnings as stored: the first `MAX_STORED_WARNINGS`, and how many there were. */
export interface ReadWarnings {
  total: number;
  warnings: ReaderWarning[];
}

/** An XLIFF of 100,000 untranslated units says so 100,000 times: the page shows the first, and the count. */
export const MAX_STORED_WARNINGS = 1000;


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

// ---- the aggregates ------------------------------------------------------

/** Documents, their segments and their sentences. */
/** A document's header figures (see `DocumentStore.totals`). */
export interface DocumentTotals {
  sentences: number;
  reviewed: number;
  flagged: number;
  terEdits: number;
  refWords: number;
  /** Open findings by category and by severity (as `openFindingCounts`). */
  byCategory: Map<string, number>;
  bySeverity: Map<string, number>;
  /** Confirmed errors (accepted findings, categorised edits), as `confirmedErrors`. */
  confirmed: Array<{ category: string; severity: string; n: number }>;
}

/** A new document's row and what goes with it, but its segments (written in stretches) and failures (known at its end). */
export type NewDocumentHead = Omit<NewDocument, 'segments' | 'failures'>;

/** A document being written a stretch of segments at a time, within one transaction (`DocumentStore.startDocument`). */
export interface DocumentWriter {
  readonly id: number;
  /** The next segments, in order. */
  addSegments(segments: NewSegment[]): Promise<void>;
  /** Its corrections and failures; its header's totals are written at the transaction's commit. */
  finish(failures?: RuleFailure[]): Promise<number>;
}

export interface DocumentStore {
  /** The document, its segments, sentences, findings, corrections and failures, in one transaction. */
  createDocument(input: NewDocument): Promise<number>;
  /**
   * The same, written in stretches (an import stores what its check has finished
   * while the rest is checked): only inside `withTransaction`, so that nothing of
   * it is seen before its commit and a failure before it leaves nothing.
   */
  startDocument(head: NewDocumentHead): Promise<DocumentWriter>;
  countDocuments(): Promise<number>;
  /** Every document, or those assigned to one user ("assigned to me"). */
  listDocuments(filter?: { assignedTo?: string }): Promise<DocumentSummary[]>;
  getDocument(id: number): Promise<DocumentRecord | undefined>;
  /** An admin gives the document to a reviewer (null: to nobody). */
  assignDocument(id: number, userName: string | null): Promise<void>;
  deleteDocument(id: number): Promise<void>;
  progress(documentId: number): Promise<{ total: number; reviewed: number; flagged: number }>;
  /** Quality sums: TER edits and reference words over every sentence. */
  terTotals(documentId: number): Promise<{ edits: number; refWords: number }>;
  /** The format's skeleton (JSON-serialisable, opaque but to its adapter): read only by exports, it can be large. */
  getSkeleton(documentId: number): Promise<unknown>;
  /** What the readers said of the imported files (empty: nothing). */
  readWarnings(documentId: number): Promise<ReadWarnings>;
  /** What a reader said of a file read into the document later (a corrections list): added after the earlier ones, within the same bound. */
  addReadWarnings(documentId: number, warnings: ReaderWarning[]): Promise<void>;
  /** The segments in order, for the format's writer. */
  segments(documentId: number): Promise<SegmentRecord[]>;
  /** The segments of index `from` to `to` (both included), in order: a re-check's neighbours. */
  segmentsBetween(documentId: number, from: number, to: number): Promise<SegmentRecord[]>;
  /** The segments with these ids, by id: what a page of sentences shows of its sources, without reading the whole document. */
  segmentsByIds(ids: number[]): Promise<Map<number, SegmentRecord>>;
  getSentence(documentId: number, idx: number): Promise<SentenceRecord | undefined>;
  getSentenceById(id: number): Promise<SentenceRecord | undefined>;
  /**
   * Holds the sentence's segment until the caller's transaction ends (PostgreSQL;
   * a no-op on SQLite, whose one writer holds everything). Every change of a
   * sentence takes it first, before any row that points at the sentence: one lock
   * order (segment, then its sentences by id) for every writer, so none deadlocks.
   */
  lockSegmentOf(sentenceId: number): Promise<void>;
  /**
   * Holds the document for its writers until the caller's transaction ends
   * (PostgreSQL, a transaction-level advisory lock; a no-op on SQLite, whose one
   * writer holds everything). A change re-checks more than its own segment (the
   * neighbours its quotations link it to, the places whose document-wide
   * verdicts it moved), so two changes of one document could otherwise take
   * each other's segments in opposite orders and deadlock; taken first, it
   * makes the writers of a document queue, and the document-wide state each
   * re-check reads is the one the previous change committed.
   */
  lockDocumentForChange(documentId: number): Promise<void>;
  /** The same, its row held until the caller's transaction ends (PostgreSQL; SQLite's one writer holds everything). */
  getSentenceForUpdate(id: number): Promise<SentenceRecord | undefined>;
  allSentences(documentId: number): Promise<SentenceRecord[]>;
  /** The sentences of one segment, in order: what a re-check after an edit covers. */
  segmentSentences(segmentId: number): Promise<SentenceRecord[]>;
  /** The sentences of several segments, each segment's in order, in one read (a re-check window's neighbours); every id asked is a key. */
  sentencesOfSegments(segmentIds: number[]): Promise<Map<number, SentenceRecord[]>>;
  /** The sentences with these ids, in document order. */
  sentencesByIds(ids: number[]): Promise<SentenceRecord[]>;
  /**
   * Sentences whose current text may contain `needle` in one of its case forms
   * (as written, capitalised if lower-case, in capitals: text/case-forms.ts, as
   * the corrections and the known words read it), in order; the caller matches
   * words. Exact otherwise, and the same on both stores: no LIKE, whose folding
   * is SQLite's (ASCII only: É ≠ é) or none (PostgreSQL). `after`: only those
   * past that sentence index, `limit` at most.
   */
  sentencesContaining(documentId: number, needle: string, range?: { after?: number; limit?: number }): Promise<SentenceRecord[]>;
  querySentences(documentId: number, filter: SentenceFilter, limit: number, offset: number): Promise<{ rows: SentenceRecord[]; total: number }>;
  /** The neighbour in document order that still has open findings. */
  adjacentFlagged(documentId: number, idx: number, direction: 1 | -1, unreviewedOnly?: boolean): Promise<number | undefined>;
  /** Sets the text and bumps the sentence's and its segment's versions; throws VersionConflict when `expectedVersion` is stale. */
  updateSentenceText(sentenceId: number, expectedVersion: number, text: string, terEdits: number, refWords: number): Promise<SentenceRecord>;
  /**
   * A decision that leaves the text as it is (reject, mark reviewed, an undo of
   * those) still makes a new version, so that a page showing the old one cannot
   * act on it unseen; throws VersionConflict when `expectedVersion` is stale.
   */
  bumpVersion(sentenceId: number, expectedVersion: number): Promise<SentenceRecord>;
  /**
   * Recomputes the cached open-finding count and reviewed flag of a sentence, and
   * its part of its document's totals: called after every change of a sentence's
   * findings, decisions or text.
   */
  refreshSentenceState(sentenceId: number): Promise<void>;
  /**
   * The header's figures, kept up to date by every change (not aggregated over
   * the document): the same as `progress`, `terTotals`, `openFindingCounts` by
   * category and severity, and `confirmedErrors` would give.
   */
  totals(documentId: number): Promise<DocumentTotals>;
  /**
   * Sentences waiting for the grammar pass (documents with grammar on), re-checks
   * first, until `maxChars`, claimed for `claimMs` by the caller: another app
   * process on the same database skips them meanwhile (PostgreSQL: FOR UPDATE
   * SKIP LOCKED), and a claim left by a process that died runs out.
   */
  grammarBacklog(maxChars: number, claimMs?: number): Promise<SentenceRecord[]>;
  /** The pass is done with these sentences (checked or not): others may take them. */
  releaseGrammarClaims(sentenceIds: number[]): Promise<void>;
  /**
   * The document's revision: bumped by every change of its text or corrections,
   * in the change's transaction. What a process keeps in memory about a document
   * (its word index) is good while the revision it was built at is the current one.
   */
  revision(documentId: number): Promise<number>;
  /** +1, as the last statement of a changing transaction; returns the new revision. */
  bumpRevision(documentId: number): Promise<number>;
  grammarPending(documentId: number): Promise<number>;
  setGrammarVersion(sentenceId: number, version: number): Promise<void>;
}

/** What the machine saw, and what failed while it looked. */
export interface FindingStore {
  getFinding(id: number): Promise<FindingRecord | undefined>;
  /** Active findings of the given sentences, by sentence id, in text order. */
  activeFindings(sentenceIds: number[]): Promise<Map<number, FindingRecord[]>>;
  activeFindingsFrom(sentenceId: number, source: string): Promise<FindingRecord[]>;
  /**
   * After a re-check by `source`: its findings still there (same rule and text)
   * keep their row and id at their new place, its others go inactive, new ones
   * are added; other sources' findings are left alone.
   */
  /** `changed`: the stretch of the previous text a change replaced, so a finding that goes is told fixed by the edit or vanished. */
  replaceFindings(documentId: number, sentenceId: number, fresh: NewFinding[], source: string, changed?: ChangedStretch): Promise<void>;
  /** The findings of one source a re-check did not keep, by rule id (the other sources' counts stay). */
  setFindingsLeftOut(sentenceId: number, source: string, counts: Record<string, number>): Promise<void>;
  moveFinding(id: number, start: number): Promise<void>;
  retireFinding(id: number, reason?: RetiredReason): Promise<void>;
  /** Open findings of the document counted by one column. */
  openFindingCounts(documentId: number, column: 'category' | 'severity' | 'rule_id'): Promise<Map<string, number>>;
  /** What `source` failed on there (a sentence, or with null the whole document) replaces what it failed on before. */
  replaceCheckFailures(documentId: number, sentenceId: number | null, source: string, failures: RuleFailure[]): Promise<void>;
  checkFailures(documentId: number, limit?: number): Promise<CheckFailureRecord[]>;
}

/** What the editors did: events, never rewritten but to mark them undone. */
export interface DecisionStore {
  addDecision(decision: NewDecision): Promise<number>;
  history(sentenceId: number): Promise<DecisionRecord[]>;
  /**
   * For editors' open pages: each sentence's version and latest event (its id,
   * kind and who), by 0-based index. A page that saw other values is out of date.
   */
  sentenceStamps(documentId: number, idxs: number[]): Promise<Array<{ idx: number; version: number; lastEvent: number | null; kind: string | null; actor: string | null }>>;
  /** The latest change of the sentence's text (who made the version a conflicting save missed). */
  lastTextChange(sentenceId: number): Promise<DecisionRecord | undefined>;
  /** The decisions the next undo of this sentence would revert: its latest live action. */
  lastLiveAction(sentenceId: number): Promise<DecisionRecord[]>;
  undoable(sentenceIds: number[]): Promise<Set<number>>;
  markUndone(decisionIds: number[]): Promise<void>;
  /** The sentences that still have live decisions of one action (a propagation's), by id. */
  sentencesOfAction(documentId: number, actionId: string): Promise<number[]>;
  /** Every finding of the document with its latest live decision (the report). */
  findingsWithDecisions(documentId: number): Promise<Array<FindingRecord & { sentenceIdx: number; decision: DecisionRecord | null }>>;
  /** Severities of the findings the editor confirmed by accepting a fix. */
  acceptedSeverities(documentId: number): Promise<Map<string, number>>;
  /** Confirmed errors: accepted findings and hand edits with an MQM category, by category and severity. */
  confirmedErrors(documentId: number): Promise<Array<{ category: string; severity: string; n: number }>>;
  /** The MQM error an edit confirmed, once the re-check has said which findings it fixed. */
  setDecisionMqm(decisionId: number, category: string | null, severity: string | null): Promise<void>;
  /** Keeps a propagation offer on its sentence until answered (one per sentence and change). */
  addOffer(documentId: number, sentenceId: number, actionId: string, from: string, to: string): Promise<void>;
  /** The document's offers still waiting, in document order (of the given sentences only, if any). */
  pendingOffers(documentId: number, sentenceIds?: number[]): Promise<OfferRecord[]>;
  answerOffersFor(documentId: number, from: string, to: string, answer: 'applied' | 'dismissed'): Promise<void>;
  answerOffer(documentId: number, id: number, answer: 'applied' | 'dismissed'): Promise<boolean>;
  /** The change that made these offers was undone: they go with it. */
  withdrawOffers(actionId: string): Promise<void>;
  addComment(documentId: number, sentenceId: number, body: string, actor: string | null): Promise<void>;
  /** Comments by sentence id, oldest first (of the given sentences, or of the whole document). */
  comments(documentId: number, sentenceIds?: number[]): Promise<Map<number, CommentRecord[]>>;
}

export interface CorrectionStore {
  listCorrections(documentId: number): Promise<CorrectionRecord[]>;
  getCorrection(documentId: number, id: number): Promise<CorrectionRecord | undefined>;
  /** Adds an entry, or changes the fix of an existing `from` (the editor's latest word wins). */
  upsertCorrection(documentId: number, from: string, to: string, note: string | null, origin: CorrectionRecord['origin'], actor?: string | null): Promise<CorrectionRecord>;
  removeCorrection(documentId: number, id: number): Promise<void>;
}

export type JobState = 'running' | 'done' | 'failed';

/** A long change, run in chunks (`review/chunked-jobs.ts`). */
export interface NewJob {
  /** The action id its decisions share (one undo reverts them all). */
  id: string;
  documentId: number;
  kind: string;
  params: unknown;
  /** The ids it works through, in order (sentences or segments, as `kind` says). */
  items: number[];
  actor: string | null;
}

export interface JobRecord extends NewJob {
  total: number;
  /** How many of `items`, from the first, are applied (committed with them). */
  done: number;
  /** What the chunks counted, added up (sentences changed, occurrences, skipped…). */
  counts: Record<string, number>;
  state: JobState;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface JobStore {
  createJob(job: NewJob): Promise<JobRecord>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /** In a chunk's transaction: `done` items are applied now, and `counts` are added to the job's. */
  advanceJob(id: string, done: number, counts: Record<string, number>): Promise<void>;
  finishJob(id: string, state: Exclude<JobState, 'running'>, error?: string | null): Promise<void>;
  /** Jobs still running, oldest first (to take up after a restart). */
  runningJobs(documentId?: number): Promise<JobRecord[]>;
}

/** What an editor told one document's checks to leave alone: a word (a known word of the document) or a rule. */
export type IgnoreKind = 'word' | 'rule';

export interface IgnoreRecord {
  id: number;
  documentId: number;
  kind: IgnoreKind;
  /** The word (NFC, without elision) or the rule id. */
  value: string;
  /** The decision's action that added it: undoing that action takes it away. */
  actionId: string;
  actor: string | null;
  createdAt: string;
}

/**
 * « Ignorer ce mot / cette règle dans ce document »: the document's own known
 * words and silenced rules, passed to every re-check of the document.
 */
export interface IgnoreStore {
  /** The document's ignores, oldest first. */
  listIgnores(documentId: number): Promise<IgnoreRecord[]>;
  /** Adds one; false (and nothing changes) when the document ignores it already. */
  addIgnore(documentId: number, kind: IgnoreKind, value: string, actionId: string, actor?: string | null): Promise<boolean>;
  /** The undo of the action that added them: they go, and are returned. */
  removeIgnoresOf(documentId: number, actionId: string): Promise<IgnoreRecord[]>;
  /** A rule switched back on from the review page (or a word no longer ignored): it goes, and is returned. */
  removeIgnore(documentId: number, kind: IgnoreKind, value: string): Promise<IgnoreRecord | undefined>;
}

/** Per-document settings (grammar checking) and the app's own. */
export interface SettingsStore {
  /**
   * Grammar on or off. Off withdraws the document's open grammar findings (those
   * never acted on are deleted, those accepted or rejected stay inactive) and
   * forgets which sentences were checked.
   */
  setGrammar(documentId: number, on: boolean): Promise<void>;
  setGrammarError(documentId: number, message: string | null): Promise<void>;
  /** App-wide settings, JSON values by key. */
  getSetting(key: string): Promise<unknown>;
  setSetting(key: string, value: unknown): Promise<void>;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, '\\$&');
}
