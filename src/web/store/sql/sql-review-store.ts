import { sql, type Kysely } from 'kysely';
import type { ReviewStore } from '../review-store.ts';
import type { ReviewDatabase } from './schema.ts';
import { SqlCorrections } from './sql-corrections.ts';
import { SqlDecisions } from './sql-decisions.ts';
import { SqlDocuments } from './sql-documents.ts';
import { SqlFindings } from './sql-findings.ts';
import { SqlJobs } from './sql-jobs.ts';
import { SqlIgnores } from './sql-ignores.ts';
import { SqlSettings } from './sql-settings.ts';

/**
 * The review store in SQL that SQLite and PostgreSQL both speak, built with
 * Kysely (which writes each dialect's placeholders, quoting and RETURNING): one
 * implementation for every database. What differs — the DDL, the connection —
 * lives with each database (`../sqlite-store.ts`; a PostgreSQL store passes a
 * Kysely over PostgresDialect and its own migrations).
 */
export type SqlDialect = 'sqlite' | 'postgres';

export class SqlReviewStore implements ReviewStore {
  readonly documents: SqlDocuments;
  readonly findings: SqlFindings;
  readonly decisions: SqlDecisions;
  readonly corrections: SqlCorrections;
  readonly settings: SqlSettings;
  readonly jobs: SqlJobs;
  readonly ignores: SqlIgnores;
  private closed = false;
  /**
   * Inside a transaction: what its changes move in each document's totals
   * (document id → figure → amount), written once, sorted, as its last
   * statements (see document-totals.ts), so that concurrent writers of one
   * document take the totals' rows in one order and only at the end.
   */
  readonly pendingTotals = new Map<number, Map<string, number>>();
  /**
   * Inside a transaction: each document's revision once read or bumped here, while no
   * other writer can move it (SQLite: the transaction's one snapshot; PostgreSQL: once
   * the document is held, `lockDocumentForChange`), so that the word index's check of
   * it reads it once per transaction, not at each step of a change (issue #15).
   */
  readonly revisions = new Map<number, number>();
  /** PostgreSQL, inside a transaction: the documents this one holds for their writers. */
  readonly heldDocuments = new Set<number>();

  constructor(
    /** The database, or (inside `withTransaction`) the transaction. */
    readonly db: Kysely<ReviewDatabase>,
    private readonly root?: SqlReviewStore,
    private readonly onClose?: () => Promise<void> | void,
    /** The few statements that differ (row locks, the grammar claims) ask which database this is. */
    private readonly ownDialect: SqlDialect = 'sqlite',
  ) {
    this.documents = new SqlDocuments(this);
    this.findings = new SqlFindings(this);
    this.decisions = new SqlDecisions(this);
    this.corrections = new SqlCorrections(this);
    this.settings = new SqlSettings(this);
    this.jobs = new SqlJobs(this);
    this.ignores = new SqlIgnores(this);
  }

  get dialect(): SqlDialect {
    return this.root ? this.root.dialect : this.ownDialect;
  }

  /** Is this the store of a transaction (`withTransaction`'s `tx`)? */
  get inTransaction(): boolean {
    return this.root !== undefined;
  }

  get isOpen(): boolean {
    return this.root ? this.root.isOpen : !this.closed;
  }

  async withTransaction<T>(work: (tx: ReviewStore) => Promise<T>): Promise<T> {
    // Already in one: join it (a store's own multi-statement writes are transactions too).
    if (this.root) return work(this);
    // Kysely holds the one SQLite connection for the whole transaction (its
    // runtime driver locks it), so transactions run one at a time and other
    // calls wait for the commit; on PostgreSQL each gets a pooled connection.
    return this.db.transaction().execute(async (trx) => {
      const tx = new SqlReviewStore(trx, this);
      const result = await work(tx);
      await tx.documents.writeTotals(tx.pendingTotals);
      return result;
    });
  }

  async checkpoint(): Promise<void> {
    if (this.root || this.dialect !== 'sqlite' || this.closed) return;
    // A reader holding an old snapshot makes it stop short (busy = 1): the next checkpoint finishes the job.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(this.db);
  }

  async close(): Promise<void> {
    if (this.root || this.closed) return;
    this.closed = true;
    await this.db.destroy();
    await this.onClose?.();
  }
}
