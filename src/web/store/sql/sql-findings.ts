import { canonicalRuleId } from '../../../rules/rule-aliases.ts';
import { sql } from 'kysely';
import type { RuleFailure } from '../../../types.ts';
import type { ChangedStretch, CheckFailureRecord, FindingRecord, FindingStore, NewFinding, RetiredReason } from '../review-store.ts';
import { batches, findingRow, now, toCheckFailure, toFinding } from './rows.ts';
import { insertRows } from './insert-rows.ts';
import { compiledOnce } from './compiled-once.ts';
import type { SqlReviewStore } from './sql-review-store.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Is a finding covered by a live rejection? (The same test as the open_findings view.) As 0/1 in every dialect. */
export const REJECTED = sql`CASE WHEN EXISTS (SELECT 1 FROM decisions d WHERE d.sentence_id = f.sentence_id AND d.kind = 'reject'
  AND d.rule_id = f.rule_id AND d.flagged_text = f.text AND d.undone_at IS NULL) THEN 1 ELSE 0 END`;

const COUNTABLE = new Set(['category', 'severity', 'rule_id']);

// The statements of an accept's path, built and compiled once per dialect (compiled-once.ts, issue #15).
const ACTIVE_FINDINGS = compiledOnce((db, sentenceIds: readonly number[]) =>
  sql<any>`SELECT f.*, ${REJECTED} AS rejected FROM findings f
    WHERE f.active = 1 AND f.sentence_id IN (${sql.join(sentenceIds)}) ORDER BY f.start, f.length, f.id`,
);
const ACTIVE_FINDINGS_FROM = compiledOnce((db, sentenceId: number, source: string) =>
  sql<any>`SELECT f.*, ${REJECTED} AS rejected FROM findings f
    WHERE f.sentence_id = ${sentenceId} AND f.active = 1 AND f.source = ${source} ORDER BY f.start, f.id`,
);
const STORED_FINDINGS = compiledOnce((db, sentenceId: number, source: string) =>
  db.selectFrom('findings').selectAll().where('sentence_id', '=', sentenceId).where('active', '=', 1).where('source', '=', source).orderBy('start').orderBy('id'),
);
/**
 * Findings moved by a re-check, in one statement whatever their number (one `UPDATE` each
 * was 10 statements per accept with its deferred re-checks, issue #15): the new values as
 * a `VALUES` list joined by id (SQLite 3.33+ and PostgreSQL both have `UPDATE … FROM`; the
 * casts type PostgreSQL's parameters, which a `VALUES` list would read as text).
 */
const MOVE_FINDINGS = compiledOnce((db, ids: readonly number[], starts: readonly number[], lengths: readonly number[], messages: readonly string[], suggestions: readonly string[], severities: readonly string[]) =>
  sql`UPDATE findings SET start = v.column2, length = v.column3, message = v.column4, suggestions = v.column5, severity = v.column6
    FROM (VALUES ${sql.join(ids.map((id, j) => sql`(CAST(${id} AS INTEGER), CAST(${starts[j]} AS INTEGER), CAST(${lengths[j]} AS INTEGER), CAST(${messages[j]} AS TEXT), CAST(${suggestions[j]} AS TEXT), CAST(${severities[j]} AS TEXT))`))}) AS v
    WHERE findings.id = v.column1`,
);
const RETIRE_FINDINGS = compiledOnce((db, ids: readonly number[], reason: string) => db.updateTable('findings').set({ active: 0, retired: reason as RetiredReason }).where('id', 'in', ids));
const CLEAR_FAILURES = compiledOnce((db, documentId: number, source: string, sentenceId: number) =>
  db.deleteFrom('check_failures').where('document_id', '=', documentId).where('source', '=', source).where('sentence_id', '=', sentenceId),
);
const CHECK_FAILURES = compiledOnce((db, documentId: number, limit: number) =>
  sql<any>`SELECT c.*, s.idx AS sentence_idx FROM check_failures c LEFT JOIN sentences s ON s.id = c.sentence_id
    WHERE c.document_id = ${documentId} ORDER BY CASE WHEN c.sentence_id IS NULL THEN 0 ELSE 1 END, s.idx, c.id LIMIT ${limit}`,
);

export class SqlFindings implements FindingStore {
  constructor(private readonly store: SqlReviewStore) {}

  private get db() {
    return this.store.db;
  }

  async getFinding(id: number): Promise<FindingRecord | undefined> {
    const { rows } = await sql<any>`SELECT f.*, ${REJECTED} AS rejected FROM findings f WHERE f.id = ${id}`.execute(this.db);
    return rows[0] ? toFinding(rows[0]) : undefined;
  }

  async activeFindings(sentenceIds: number[]): Promise<Map<number, FindingRecord[]>> {
    const out = new Map<number, FindingRecord[]>(sentenceIds.map((id) => [id, []]));
    if (sentenceIds.length === 0) return out;
    const { rows } = await ACTIVE_FINDINGS(this.store, sentenceIds);
    for (const row of rows) out.get(Number(row.sentence_id))!.push(toFinding(row));
    return out;
  }

  async activeFindingsFrom(sentenceId: number, source: string): Promise<FindingRecord[]> {
    const { rows } = await ACTIVE_FINDINGS_FROM(this.store, sentenceId, source);
    return rows.map(toFinding);
  }

  async setFindingsLeftOut(sentenceId: number, source: string, counts: Record<string, number>): Promise<void> {
    const empty = Object.keys(counts).length === 0;
    const row = await this.db.selectFrom('sentences').select('findings_left_out').where('id', '=', sentenceId).executeTakeFirst();
    if (!row || (row.findings_left_out === null && empty)) return;
    const bySource: Record<string, Record<string, number>> = row.findings_left_out ? JSON.parse(row.findings_left_out) : {};
    if (empty) delete bySource[source];
    else bySource[source] = counts;
    await this.db
      .updateTable('sentences')
      .set({ findings_left_out: Object.keys(bySource).length > 0 ? JSON.stringify(bySource) : null })
      .where('id', '=', sentenceId)
      .execute();
  }

  async replaceFindings(documentId: number, sentenceId: number, fresh: NewFinding[], source: string, changed?: ChangedStretch): Promise<void> {
    await this.store.withTransaction(async (tx) => {
      const self = tx.findings as SqlFindings;
      const at = now();
      const existing = (await STORED_FINDINGS(self.store, sentenceId, source)).rows;
      const pool = new Map<string, typeof existing>();
      for (const row of existing) {
        // Findings stored under a rule's former id are the same finding (src/rules/rule-aliases.ts).
        const key = `${canonicalRuleId(row.rule_id)}\u0000${row.text}`;
        pool.set(key, [...(pool.get(key) ?? []), row]);
      }
      const added: Array<ReturnType<typeof findingRow>> = [];
      const moved: Array<{ id: number; start: number; length: number; message: string; suggestions: string; severity: string }> = [];
      for (const finding of fresh) {
        const same = pool.get(`${canonicalRuleId(finding.ruleId)}\u0000${finding.text}`)?.shift();
        const update = { start: finding.start, length: finding.length, message: finding.message, suggestions: JSON.stringify(finding.suggestions), severity: finding.severity };
        if (same) {
          // A neighbour re-checked with an edited paragraph mostly finds what it had: nothing to write then.
          if (Number(same.start) === update.start && Number(same.length) === update.length && same.message === update.message && same.suggestions === update.suggestions && same.severity === update.severity) continue;
          moved.push({ id: Number(same.id), ...update });
        } else {
          added.push(findingRow(documentId, sentenceId, { ...finding, source }, at));
        }
      }
      for (const part of batches(moved, 100)) {
        await MOVE_FINDINGS(
          self.store,
          part.map((m) => m.id),
          part.map((m) => m.start),
          part.map((m) => m.length),
          part.map((m) => m.message),
          part.map((m) => m.suggestions),
          part.map((m) => m.severity),
        );
      }
      // New findings in one insert (in their order, so their ids too), not a statement each.
      await insertRows(self.db, 'findings', added);
      // A finding that goes was fixed by the edit when the change touched what it
      // flagged; otherwise it vanished after a re-check (issue #13, defect 3).
      const gone = [...pool.values()].flat();
      const edited = gone.filter((row) => changed !== undefined && touches(changed, Number(row.start), Number(row.start) + Number(row.length))).map((row) => row.id);
      const vanished = gone.map((row) => row.id).filter((id) => !edited.includes(id));
      for (const part of batches(edited)) await RETIRE_FINDINGS(self.store, part, 'edited');
      for (const part of batches(vanished)) await RETIRE_FINDINGS(self.store, part, 'vanished');
    });
  }

  async moveFinding(id: number, start: number): Promise<void> {
    await this.db.updateTable('findings').set({ start }).where('id', '=', id).execute();
  }

  async retireFinding(id: number, reason: RetiredReason = 'vanished'): Promise<void> {
    await this.db.updateTable('findings').set({ active: 0, retired: reason }).where('id', '=', id).execute();
  }

  async openFindingCounts(documentId: number, column: 'category' | 'severity' | 'rule_id'): Promise<Map<string, number>> {
    if (!COUNTABLE.has(column)) throw new Error(`cannot count findings by ${column}`);
    const { rows } = await sql<any>`SELECT ${sql.ref(column)} AS k, COUNT(*) AS n FROM open_findings WHERE document_id = ${documentId} GROUP BY ${sql.ref(column)}`.execute(this.db);
    return new Map(rows.map((row: any) => [row.k as string, Number(row.n)]));
  }

  async replaceCheckFailures(documentId: number, sentenceId: number | null, source: string, failures: RuleFailure[]): Promise<void> {
    await this.store.withTransaction(async (tx) => {
      const db = (tx as SqlReviewStore).db;
      if (sentenceId === null) await db.deleteFrom('check_failures').where('document_id', '=', documentId).where('source', '=', source).where('sentence_id', 'is', null).execute();
      else await CLEAR_FAILURES(tx as SqlReviewStore, documentId, source, sentenceId);
      const at = now();
      if (failures.length > 0) {
        await db
          .insertInto('check_failures')
          .values(failures.map((failure) => ({ document_id: documentId, sentence_id: sentenceId, source: failure.source ?? source, rule_id: failure.ruleId, message: failure.message, created_at: at })))
          .execute();
      }
    });
  }

  async checkFailures(documentId: number, limit = 50): Promise<CheckFailureRecord[]> {
    const { rows } = await CHECK_FAILURES(this.store, documentId, limit);
    return rows.map(toCheckFailure);
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
