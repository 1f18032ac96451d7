import { sql } from 'kysely';
import { LOCAL_ACTOR, type CommentRecord, type DecisionRecord, type DecisionStore, type FindingRecord, type NewDecision, type OfferRecord } from '../review-store.ts';
import { now, toDecision, toFinding } from './rows.ts';
import { REJECTED } from './sql-findings.ts';
import type { SqlReviewStore } from './sql-review-store.ts';
import { compiledOnce } from './compiled-once.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The statements of an accept's path, built and compiled once per dialect (compiled-once.ts, issue #15).
const ADD_DECISION = compiledOnce(
  (
    db,
    documentId: number,
    sentenceId: number,
    actor: string,
    actionId: string,
    kind: string,
    findingId: number | null,
    ruleId: string | null,
    flaggedText: string | null,
    replacement: string | null,
    reason: string | null,
    beforeText: string | null,
    afterText: string | null,
    addedWord: string | null,
    at: string,
  ) =>
    db
      .insertInto('decisions')
      .values({
        document_id: documentId,
        sentence_id: sentenceId,
        actor,
        action_id: actionId,
        kind: kind as NewDecision['kind'],
        finding_id: findingId,
        rule_id: ruleId,
        flagged_text: flaggedText,
        replacement,
        reason,
        before_text: beforeText,
        after_text: afterText,
        added_word: addedWord,
        created_at: at,
      })
      .returning('id'),
);
const UNDOABLE = compiledOnce((db, sentenceIds: readonly number[]) =>
  db.selectFrom('decisions').select('sentence_id').distinct().where('kind', '!=', 'undo').where('undone_at', 'is', null).where('sentence_id', 'in', sentenceIds),
);
const COMMENTS_OF = compiledOnce((db, documentId: number, sentenceIds: readonly number[]) =>
  db.selectFrom('comments').selectAll().where('document_id', '=', documentId).where('sentence_id', 'in', sentenceIds).orderBy('id'),
);
const OFFERS_OF = compiledOnce((db, documentId: number, sentenceIds: readonly number[]) =>
  sql<any>`SELECT o.*, s.idx AS sentence_idx FROM offers o JOIN sentences s ON s.id = o.sentence_id
    WHERE o.document_id = ${documentId} AND o.answered_at IS NULL AND o.sentence_id IN (${sql.join(sentenceIds)}) ORDER BY s.idx, o.id`,
);

export class SqlDecisions implements DecisionStore {
  constructor(private readonly store: SqlReviewStore) {}

  private get db() {
    return this.store.db;
  }

  async addDecision(decision: NewDecision): Promise<number> {
    const d = decision;
    const [row] = (
      await ADD_DECISION(this.store, d.documentId, d.sentenceId, d.actor ?? LOCAL_ACTOR, d.actionId, d.kind, d.findingId ?? null, d.ruleId ?? null, d.flaggedText ?? null, d.replacement ?? null, d.reason ?? null, d.beforeText ?? null, d.afterText ?? null, d.addedWord ?? null, now())
    ).rows;
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
    const { rows } = await UNDOABLE(this.store, sentenceIds);
    return new Set(rows.map((row) => Number(row.sentence_id)));
  }

  async sentencesOfAction(documentId: number, actionId: string): Promise<number[]> {
    const rows = await this.db.selectFrom('decisions').select('sentence_id').distinct().where('document_id', '=', documentId).where('action_id', '=', actionId).where('undone_at', 'is', null).orderBy('sentence_id').execute();
    return rows.map((row) => Number(row.sentence_id));
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

  async confirmedErrors(documentId: number): Promise<Array<{ category: string; severity: string; n: number }>> {
    const { rows } = await sql<any>`
      SELECT category, severity, COUNT(*) AS n FROM (
        SELECT DISTINCT f.id AS id, f.category AS category, f.severity AS severity FROM decisions d JOIN findings f ON f.id = d.finding_id
        WHERE d.document_id = ${documentId} AND d.kind = 'accept' AND d.undone_at IS NULL
        UNION ALL
        SELECT -d.id AS id, d.mqm_category AS category, d.mqm_severity AS severity FROM decisions d
        WHERE d.document_id = ${documentId} AND d.kind = 'edit' AND d.undone_at IS NULL AND d.mqm_category IS NOT NULL AND d.mqm_severity IS NOT NULL
      ) confirmed GROUP BY category, severity ORDER BY category, severity`.execute(this.db);
    return rows.map((row: any) => ({ category: row.category, severity: row.severity, n: Number(row.n) }));
  }

  async setDecisionMqm(decisionId: number, category: string | null, severity: string | null): Promise<void> {
    await this.store.withTransaction(async (tx) => {
      const row = await (tx as SqlReviewStore).db.updateTable('decisions').set({ mqm_category: category, mqm_severity: severity }).where('id', '=', decisionId).returning('sentence_id').executeTakeFirst();
      // It is set after the edit's re-check: the sentence's confirmed errors, hence the document's totals, move now.
      if (row?.sentence_id !== null && row?.sentence_id !== undefined) await tx.documents.refreshSentenceState(Number(row.sentence_id));
    });
  }

  async addOffer(documentId: number, sentenceId: number, actionId: string, from: string, to: string): Promise<void> {
    const pending = await this.db.selectFrom('offers').select('id').where('sentence_id', '=', sentenceId).where('from_text', '=', from).where('to_text', '=', to).where('answered_at', 'is', null).executeTakeFirst();
    if (pending) return;
    await this.db.insertInto('offers').values({ document_id: documentId, sentence_id: sentenceId, action_id: actionId, from_text: from, to_text: to, created_at: now(), answered_at: null, answer: null }).execute();
  }

  async pendingOffers(documentId: number, sentenceIds?: number[]): Promise<OfferRecord[]> {
    if (sentenceIds && sentenceIds.length === 0) return [];
    const { rows } = sentenceIds
      ? await OFFERS_OF(this.store, documentId, sentenceIds)
      : await sql<any>`
      SELECT o.*, s.idx AS sentence_idx FROM offers o JOIN sentences s ON s.id = o.sentence_id
      WHERE o.document_id = ${documentId} AND o.answered_at IS NULL ORDER BY s.idx, o.id`.execute(this.db);
    return rows.map((row: any) => ({ id: Number(row.id), documentId: Number(row.document_id), sentenceId: Number(row.sentence_id), sentenceIdx: Number(row.sentence_idx), actionId: row.action_id, from: row.from_text, to: row.to_text, createdAt: row.created_at }));
  }

  async answerOffersFor(documentId: number, from: string, to: string, answer: 'applied' | 'dismissed'): Promise<void> {
    await this.db.updateTable('offers').set({ answered_at: now(), answer }).where('document_id', '=', documentId).where('from_text', '=', from).where('to_text', '=', to).where('answered_at', 'is', null).execute();
  }

  async answerOffer(documentId: number, id: number, answer: 'applied' | 'dismissed'): Promise<boolean> {
    const result = await this.db.updateTable('offers').set({ answered_at: now(), answer }).where('document_id', '=', documentId).where('id', '=', id).where('answered_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async withdrawOffers(actionId: string): Promise<void> {
    await this.db.updateTable('offers').set({ answered_at: now(), answer: 'undone' }).where('action_id', '=', actionId).where('answered_at', 'is', null).execute();
  }

  async addComment(documentId: number, sentenceId: number, body: string, actor: string | null): Promise<void> {
    await this.db.insertInto('comments').values({ document_id: documentId, sentence_id: sentenceId, body, actor, created_at: now() }).execute();
  }

  async comments(documentId: number, sentenceIds?: number[]): Promise<Map<number, CommentRecord[]>> {
    const out = new Map<number, CommentRecord[]>();
    if (sentenceIds && sentenceIds.length === 0) return out;
    const rows = sentenceIds ? (await COMMENTS_OF(this.store, documentId, sentenceIds)).rows : await this.db.selectFrom('comments').selectAll().where('document_id', '=', documentId).orderBy('id').execute();
    for (const row of rows) {
      const id = Number(row.sentence_id);
      out.set(id, [...(out.get(id) ?? []), { body: row.body, actor: row.actor, createdAt: row.created_at }]);
    }
    return out;
  }
}
