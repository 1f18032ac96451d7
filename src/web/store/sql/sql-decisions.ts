import { sql } from 'kysely';
import { LOCAL_ACTOR, type DecisionRecord, type DecisionStore, type FindingRecord, type NewDecision } from '../review-store.ts';
import { now, toDecision, toFinding } from './rows.ts';
import { REJECTED } from './sql-findings.ts';
import type { SqlReviewStore } from './sql-review-store.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

export class SqlDecisions implements DecisionStore {
  constructor(private readonly store: SqlReviewStore) {}

  private get db() {
    return this.store.db;
  }

  async addDecision(decision: NewDecision): Promise<number> {
    const row = await this.db
      .insertInto('decisions')
      .values({
        document_id: decision.documentId,
        sentence_id: decision.sentenceId,
        actor: decision.actor ?? LOCAL_ACTOR,
        action_id: decision.actionId,
        kind: decision.kind,
        finding_id: decision.findingId ?? null,
        rule_id: decision.ruleId ?? null,
        flagged_text: decision.flaggedText ?? null,
        replacement: decision.replacement ?? null,
        reason: decision.reason ?? null,
        before_text: decision.beforeText ?? null,
        after_text: decision.afterText ?? null,
        created_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async history(sentenceId: number): Promise<DecisionRecord[]> {
    return (await this.db.selectFrom('decisions').selectAll().where('sentence_id', '=', sentenceId).orderBy('id').execute()).map(toDecision);
  }

  async sentenceStamps(documentId: number, idxs: number[]): Promise<Array<{ idx: number; version: number; lastEvent: number | null; kind: string | null; actor: string | null }>> {
    if (idxs.length === 0) return [];
    const { rows } = await sql<any>`
      SELECT s.idx, s.version, d.id AS last_event, d.kind, d.actor FROM sentences s
      LEFT JOIN decisions d ON d.id = (SELECT MAX(id) FROM decisions WHERE sentence_id = s.id)
      WHERE s.document_id = ${documentId} AND s.idx IN (${sql.join(idxs)}) ORDER BY s.idx`.execute(this.db);
    return rows.map((row: any) => ({ idx: Number(row.idx), version: Number(row.version), lastEvent: row.last_event === null ? null : Number(row.last_event), kind: row.kind ?? null, actor: row.actor ?? null }));
  }

  async lastTextChange(sentenceId: number): Promise<DecisionRecord | undefined> {
    const row = await this.db.selectFrom('decisions').selectAll().where('sentence_id', '=', sentenceId).where('after_text', 'is not', null).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toDecision(row) : undefined;
  }

  async lastLiveAction(sentenceId: number): Promise<DecisionRecord[]> {
    const last = await this.db
      .selectFrom('decisions')
      .select('action_id')
      .where('sentence_id', '=', sentenceId)
      .where('kind', '!=', 'undo')
      .where('undone_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last) return [];
    return (
      await this.db.selectFrom('decisions').selectAll().where('sentence_id', '=', sentenceId).where('action_id', '=', last.action_id).where('undone_at', 'is', null).orderBy('id').execute()
    ).map(toDecision);
  }

  async undoable(sentenceIds: number[]): Promise<Set<number>> {
    if (sentenceIds.length === 0) return new Set();
    const rows = await this.db.selectFrom('decisions').select('sentence_id').distinct().where('kind', '!=', 'undo').where('undone_at', 'is', null).where('sentence_id', 'in', sentenceIds).execute();
    return new Set(rows.map((row) => Number(row.sentence_id)));
  }

  async markUndone(decisionIds: number[]): Promise<void> {
    if (decisionIds.length === 0) return;
    await this.db.updateTable('decisions').set({ undone_at: now() }).where('id', 'in', decisionIds).execute();
  }

  async findingsWithDecisions(documentId: number): Promise<Array<FindingRecord & { sentenceIdx: number; decision: DecisionRecord | null }>> {
    const { rows } = await sql<any>`
      SELECT f.*, ${REJECTED} AS rejected, s.idx AS sentence_idx FROM findings f JOIN sentences s ON s.id = f.sentence_id
      WHERE f.document_id = ${documentId} ORDER BY s.idx, f.start, f.id`.execute(this.db);
    const findings = rows.map((row: any) => ({ ...toFinding(row), sentenceIdx: Number(row.sentence_idx) }));
    const decisions = (
      await this.db.selectFrom('decisions').selectAll().where('document_id', '=', documentId).where('undone_at', 'is', null).where('kind', 'in', ['accept', 'reject']).orderBy('id').execute()
    ).map(toDecision);
    const byFinding = new Map<number, DecisionRecord>();
    const rejections = new Map<string, DecisionRecord>();
    for (const decision of decisions) {
      if (decision.findingId !== null) byFinding.set(decision.findingId, decision);
      if (decision.kind === 'reject') rejections.set(`${decision.sentenceId}\u0000${decision.ruleId}\u0000${decision.flaggedText}`, decision);
    }
    return findings.map((finding: FindingRecord & { sentenceIdx: number }) => ({
      ...finding,
      decision: byFinding.get(finding.id) ?? (finding.rejected ? (rejections.get(`${finding.sentenceId}\u0000${finding.ruleId}\u0000${finding.text}`) ?? null) : null),
    }));
  }

  async acceptedSeverities(documentId: number): Promise<Map<string, number>> {
    const { rows } = await sql<any>`
      SELECT f.severity AS k, COUNT(DISTINCT f.id) AS n FROM decisions d JOIN findings f ON f.id = d.finding_id
      WHERE d.document_id = ${documentId} AND d.kind = 'accept' AND d.undone_at IS NULL GROUP BY f.severity`.execute(this.db);
    return new Map(rows.map((row: any) => [row.k as string, Number(row.n)]));
  }
}
