import { caseForms } from '../../../text/case-forms.ts';
import { foldForSearch } from '../../../text/fold.ts';
import { sql, type RawBuilder } from 'kysely';
import { escapeLike, VersionConflict, type DocumentRecord, type DocumentStore, type DocumentSummary, type DocumentTotals, type NewDocument, type NewDocumentHead, type NewSegment, type DocumentWriter, type ReadWarnings, MAX_STORED_WARNINGS, type SegmentRecord, type SentenceFilter, type SentenceRecord } from '../review-store.ts';
import { batches, findingRow, now, toDocument, toSegment, toSentence } from './rows.ts';
import { addDelta, contributionDelta, importedContribution, sentenceContribution, totalsOf, type Contribution } from './document-totals.ts';
import type { SqlReviewStore } from './sql-review-store.ts';
import { insertRows } from './insert-rows.ts';
import { compiledOnce } from './compiled-once.ts';
import type { ReaderWarning } from '../../../formats/reader-warning.ts';
import type { RuleFailure } from '../../../types.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

// Every column of a document but its skeleton, which only exports read.
const DOCUMENT_COLUMNS = ['id', 'title', 'source_name', 'created_at', 'words', 'grammar', 'grammar_error', 'format', 'source_language', 'target_language', 'created_by', 'assigned_to'] as const;

/** The first key of the documents' advisory locks (PostgreSQL): « RLCT » as an int4. */
const DOCUMENT_LOCK_SPACE = 0x524c4354;

// The statements of an accept's path, built and compiled once per dialect (compiled-once.ts, issue #15).
const DOCUMENT_BY_ID = compiledOnce((db, id: number) => db.selectFrom('documents').select(DOCUMENT_COLUMNS).where('id', '=', id));
const SEGMENTS_BETWEEN = compiledOnce((db, documentId: number, from: number, to: number) =>
  db.selectFrom('segments').selectAll().where('document_id', '=', documentId).where('idx', '>=', from).where('idx', '<=', to).orderBy('idx'),
);
const SEGMENTS_BY_IDS = compiledOnce((db, ids: readonly number[]) => db.selectFrom('segments').selectAll().where('id', 'in', ids));
const SENTENCE_AT = compiledOnce((db, documentId: number, idx: number) => db.selectFrom('sentences').selectAll().where('document_id', '=', documentId).where('idx', '=', idx));
const SENTENCE_BY_ID = compiledOnce((db, id: number) => db.selectFrom('sentences').selectAll().where('id', '=', id));
const SEGMENT_SENTENCES = compiledOnce((db, segmentId: number) => db.selectFrom('sentences').selectAll().where('segment_id', '=', segmentId).orderBy('idx'));
const SENTENCES_OF_SEGMENTS = compiledOnce((db, segmentIds: readonly number[]) => db.selectFrom('sentences').selectAll().where('segment_id', 'in', segmentIds).orderBy('idx'));
const SENTENCES_BY_IDS = compiledOnce((db, ids: readonly number[]) => db.selectFrom('sentences').selectAll().where('id', 'in', ids));
const WRITE_SENTENCE_TEXT = compiledOnce((db, id: number, expectedVersion: number, text: string, terEdits: number, refWords: number, at: string) =>
  db
    .updateTable('sentences')
    .set({ current_text: text, version: sql`version + 1`, ter_edits: terEdits, ref_words: refWords, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll(),
);
const SEGMENT_TEXTS = compiledOnce((db, segmentId: number) => db.selectFrom('sentences').select('current_text').where('segment_id', '=', segmentId).orderBy('idx'));
const WRITE_SEGMENT_TARGET = compiledOnce((db, id: number, target: string, at: string) =>
  db.updateTable('segments').set({ current_target: target, version: sql`version + 1`, updated_at: at }).where('id', '=', id),
);
const REFRESH_STATE = compiledOnce((db, sentenceId: number) =>
  sql<{ document_id: number; reviewed: number; open_findings: number; ter_edits: number; ref_words: number; counted: string | null }>`
    UPDATE sentences SET
      open_findings = (SELECT COUNT(*) FROM open_findings WHERE sentence_id = ${sentenceId}),
      reviewed = CASE WHEN EXISTS (SELECT 1 FROM decisions WHERE sentence_id = ${sentenceId} AND kind = 'review' AND undone_at IS NULL) THEN 1 ELSE 0 END
    WHERE id = ${sentenceId}
    RETURNING document_id, reviewed, open_findings, ter_edits, ref_words, counted`,
);
const SENTENCE_COUNTS = compiledOnce((db, sentenceId: number) =>
  sql<{ k: string; n: number }>`
    SELECT 'category:' || category AS k, COUNT(*) AS n FROM open_findings WHERE sentence_id = ${sentenceId} GROUP BY category
    UNION ALL SELECT 'severity:' || severity AS k, COUNT(*) AS n FROM open_findings WHERE sentence_id = ${sentenceId} GROUP BY severity
    UNION ALL SELECT 'confirmed:' || category || ':' || severity AS k, COUNT(*) AS n FROM (
      SELECT DISTINCT f.id AS id, f.category AS category, f.severity AS severity FROM decisions d JOIN findings f ON f.id = d.finding_id
      WHERE d.sentence_id = ${sentenceId} AND d.kind = 'accept' AND d.undone_at IS NULL
      UNION ALL
      SELECT -d.id AS id, d.mqm_category AS category, d.mqm_severity AS severity FROM decisions d
      WHERE d.sentence_id = ${sentenceId} AND d.kind = 'edit' AND d.undone_at IS NULL AND d.mqm_category IS NOT NULL AND d.mqm_severity IS NOT NULL
    ) confirmed GROUP BY category, severity`,
);
const WRITE_COUNTED = compiledOnce((db, id: number, counted: string) => db.updateTable('sentences').set({ counted }).where('id', '=', id));
const ADD_TOTALS = compiledOnce((db, documentId: number, keys: readonly string[], amounts: readonly number[]) =>
  db
    .insertInto('document_counts')
    .values(keys.map((key, j) => ({ document_id: documentId, key, n: amounts[j] })))
    .onConflict((oc) => oc.columns(['document_id', 'key']).doUpdateSet({ n: sql`document_counts.n + excluded.n` })),
);
const TOTALS = compiledOnce((db, documentId: number) => db.selectFrom('document_counts').select(['key', 'n']).where('document_id', '=', documentId));
const REVISION = compiledOnce((db, documentId: number) => db.selectFrom('documents').select('revision').where('id', '=', documentId));
const BUMP_REVISION = compiledOnce((db, documentId: number) => db.updateTable('documents').set({ revision: sql`revision + 1` }).where('id', '=', documentId).returning('revision'));

/** Documents, segments and sentences, in portable SQL (Kysely compiles it for each dialect). */
export class SqlDocuments implements DocumentStore {
  constructor(private readonly store: SqlReviewStore) {}

  private get db() {
    return this.store.db;
  }

  async createDocument(input: NewDocument): Promise<number> {
    return this.store.withTransaction(async (tx) => {
      const writer = await tx.documents.startDocument(input);
      await writer.addSegments(input.segments);
      return writer.finish(input.failures);
    });
  }

  async startDocument(head: NewDocumentHead): Promise<DocumentWriter> {
    // Outside a transaction each statement would commit alone: a half document seen, or left by a failure.
    if (!this.store.inTransaction) throw new Error('startDocument: call it inside withTransaction');
    const tx = this.store;
    const db = tx.db;
    const at = now();
    const document = await db
      .insertInto('documents')
      .values({
        title: head.title,
        source_name: head.sourceName,
        created_at: at,
        words: head.words,
        grammar: head.grammar ? 1 : 0,
        format: head.format ?? 'text',
        source_language: head.sourceLanguage ?? null,
        target_language: head.targetLanguage ?? null,
        skeleton: JSON.stringify(head.skeleton ?? null),
        created_by: head.createdBy ?? null,
        read_warnings: JSON.stringify({ total: head.warnings?.length ?? 0, warnings: (head.warnings ?? []).slice(0, MAX_STORED_WARNINGS) } satisfies ReadWarnings),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const documentId = Number(document.id);
    // Each sentence's part of the header's totals, and their sum (document-totals.ts).
    const totals = new Map<string, number>();
    // Where the next segment and sentence go.
    let segmentIdx = 0;
    let sentenceIdx = 0;
    const addSegments = async (segments: NewSegment[]) => {
      if (segments.length === 0) return;
      const firstSegment = segmentIdx;
      const firstSentence = sentenceIdx;
      const segmentRows = segments.map((segment) => {
        const target = segment.sentences.map((s) => s.text).join('');
        return {
          document_id: documentId,
          external_id: segment.externalId,
          idx: segmentIdx++,
          source_text: segment.source ?? null,
          original_target: target,
          current_target: target,
          codes: segment.codes ? JSON.stringify(segment.codes) : null,
          notes: segment.notes ? JSON.stringify(segment.notes) : null,
          state: segment.state ?? null,
          line: segment.line ?? null,
          updated_at: at,
        };
      });
      await insertRows(db, 'segments', segmentRows);
      // Ids by position, read back rather than trusted from RETURNING's order.
      const segmentIds = (await db.selectFrom('segments').select(['id', 'idx']).where('document_id', '=', documentId).where('idx', '>=', firstSegment).orderBy('idx').execute()).map((row) => Number(row.id));
      const sentences = segments.flatMap((segment, k) => segment.sentences.map((sentence) => ({ sentence, segmentIdx: firstSegment + k, segmentId: segmentIds[k] })));
      const sentenceRows = sentences.map(({ sentence, segmentIdx: paragraph, segmentId }) => {
        const part = importedContribution(sentence.refWords, sentence.findings);
        addDelta(totals, contributionDelta({}, part));
        return {
          counted: JSON.stringify(part),
          document_id: documentId,
          segment_id: segmentId,
          idx: sentenceIdx++,
          paragraph,
          original_text: sentence.text,
          current_text: sentence.text,
          open_findings: sentence.findings.length,
          ref_words: sentence.refWords,
          updated_at: at,
          findings_left_out: sentence.findingsLeftOut && Object.keys(sentence.findingsLeftOut).length > 0 ? JSON.stringify({ relecture: sentence.findingsLeftOut }) : null,
        };
      });
      await insertRows(db, 'sentences', sentenceRows);
      const sentenceIds = (await db.selectFrom('sentences').select(['id', 'idx']).where('document_id', '=', documentId).where('idx', '>=', firstSentence).orderBy('idx').execute()).map((row) => Number(row.id));
      const findingRows = sentences.flatMap(({ sentence }, k) => sentence.findings.map((finding) => findingRow(documentId, sentenceIds[k], finding, at)));
      await insertRows(db, 'findings', findingRows);
    };
    const finish = async (failures: RuleFailure[] = []) => {
      tx.pendingTotals.set(documentId, totals);
      for (const correction of head.corrections) await tx.corrections.upsertCorrection(documentId, correction.from, correction.to, correction.note ?? null, 'imported', head.createdBy ?? null);
      const bySource = new Map<string, RuleFailure[]>();
      for (const failure of failures) {
        const source = failure.source ?? 'relecture';
        bySource.set(source, [...(bySource.get(source) ?? []), failure]);
      }
      for (const [source, list] of bySource) await tx.findings.replaceCheckFailures(documentId, null, source, list);
      return documentId;
    };
    return { id: documentId, addSegments, finish };
  }

  async countDocuments(): Promise<number> {
    const row = await this.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listDocuments(filter: { assignedTo?: string } = {}): Promise<DocumentSummary[]> {
    const { rows } = await sql<any>`
      SELECT ${sql.join(DOCUMENT_COLUMNS.map((c) => sql.ref(`d.${c}`)))}, COUNT(s.id) AS sentences, COALESCE(SUM(s.reviewed), 0) AS reviewed,
             COALESCE(SUM(CASE WHEN s.open_findings > 0 THEN 1 ELSE 0 END), 0) AS flagged
      FROM documents d LEFT JOIN sentences s ON s.document_id = d.id
      ${filter.assignedTo !== undefined ? sql`WHERE d.assigned_to = ${filter.assignedTo}` : sql``}
      GROUP BY d.id ORDER BY d.created_at DESC, d.id DESC`.execute(this.db);
    return rows.map((row: any) => ({ ...toDocument(row), sentences: Number(row.sentences), reviewed: Number(row.reviewed), flagged: Number(row.flagged) }));
  }

  async getDocument(id: number): Promise<DocumentRecord | undefined> {
    const [row] = (await DOCUMENT_BY_ID(this.store, id)).rows;
    return row ? toDocument(row) : undefined;
  }

  async assignDocument(id: number, userName: string | null): Promise<void> {
    await this.db.updateTable('documents').set({ assigned_to: userName }).where('id', '=', id).execute();
  }

  async getSkeleton(documentId: number): Promise<unknown> {
    const row = await this.db.selectFrom('documents').select('skeleton').where('id', '=', documentId).executeTakeFirst();
    return row ? JSON.parse(row.skeleton) : undefined;
  }

  async readWarnings(documentId: number): Promise<ReadWarnings> {
    const row = await this.db.selectFrom('documents').select('read_warnings').where('id', '=', documentId).executeTakeFirst();
    return row ? (JSON.parse(row.read_warnings) as ReadWarnings) : { total: 0, warnings: [] };
  }

  async addReadWarnings(documentId: number, warnings: ReaderWarning[]): Promise<void> {
    if (warnings.length === 0) return;
    const stored = await this.readWarnings(documentId);
    const kept = [...stored.warnings, ...warnings].slice(0, MAX_STORED_WARNINGS);
    await this.db.updateTable('documents').set({ read_warnings: JSON.stringify({ total: stored.total + warnings.length, warnings: kept } satisfies ReadWarnings) }).where('id', '=', documentId).execute();
  }

  async deleteDocument(id: number): Promise<void> {
    await this.db.deleteFrom('documents').where('id', '=', id).execute();
  }

  async progress(documentId: number): Promise<{ total: number; reviewed: number; flagged: number }> {
    const { rows } = await sql<any>`
      SELECT COUNT(*) AS total, COALESCE(SUM(reviewed), 0) AS reviewed, COALESCE(SUM(CASE WHEN open_findings > 0 THEN 1 ELSE 0 END), 0) AS flagged
      FROM sentences WHERE document_id = ${documentId}`.execute(this.db);
    return { total: Number(rows[0].total), reviewed: Number(rows[0].reviewed), flagged: Number(rows[0].flagged) };
  }

  async terTotals(documentId: number): Promise<{ edits: number; refWords: number }> {
    const { rows } = await sql<any>`SELECT COALESCE(SUM(ter_edits), 0) AS edits, COALESCE(SUM(ref_words), 0) AS ref_words FROM sentences WHERE document_id = ${documentId}`.execute(this.db);
    return { edits: Number(rows[0].edits), refWords: Number(rows[0].ref_words) };
  }

  async segments(documentId: number): Promise<SegmentRecord[]> {
    return (await this.db.selectFrom('segments').selectAll().where('document_id', '=', documentId).orderBy('idx').execute()).map(toSegment);
  }

  async segmentsBetween(documentId: number, from: number, to: number): Promise<SegmentRecord[]> {
    return (await SEGMENTS_BETWEEN(this.store, documentId, from, to)).rows.map(toSegment);
  }

  async segmentsByIds(ids: number[]): Promise<Map<number, SegmentRecord>> {
    const out = new Map<number, SegmentRecord>();
    for (const part of batches([...new Set(ids)])) {
      for (const row of (await SEGMENTS_BY_IDS(this.store, part)).rows) out.set(Number(row.id), toSegment(row));
    }
    return out;
  }

  async getSentence(documentId: number, idx: number): Promise<SentenceRecord | undefined> {
    const [row] = (await SENTENCE_AT(this.store, documentId, idx)).rows;
    return row ? toSentence(row) : undefined;
  }

  async getSentenceById(id: number): Promise<SentenceRecord | undefined> {
    const [row] = (await SENTENCE_BY_ID(this.store, id)).rows;
    return row ? toSentence(row) : undefined;
  }

  async lockSegmentOf(sentenceId: number): Promise<void> {
    if (this.store.dialect === 'postgres') await sql`SELECT id FROM segments WHERE id = (SELECT segment_id FROM sentences WHERE id = ${sentenceId}) FOR UPDATE`.execute(this.db);
  }

  async lockDocumentForChange(documentId: number): Promise<void> {
    // Two keys: this namespace (« RLCT ») and the document, so no other advisory lock of the database collides.
    if (this.store.dialect !== 'postgres') return;
    await sql`SELECT pg_advisory_xact_lock(${DOCUMENT_LOCK_SPACE}, ${documentId})`.execute(this.db);
    if (this.store.inTransaction && !this.store.heldDocuments.has(documentId)) {
      // A revision read before the lock may be stale now: read again once held.
      this.store.revisions.delete(documentId);
      this.store.heldDocuments.add(documentId);
    }
  }

  async getSentenceForUpdate(id: number): Promise<SentenceRecord | undefined> {
    if (this.store.dialect !== 'postgres') return this.getSentenceById(id);
    const { rows } = await sql<any>`SELECT * FROM sentences WHERE id = ${id} FOR UPDATE`.execute(this.db);
    return rows[0] ? toSentence(rows[0]) : undefined;
  }

  async allSentences(documentId: number): Promise<SentenceRecord[]> {
    return (await this.db.selectFrom('sentences').selectAll().where('document_id', '=', documentId).orderBy('idx').execute()).map(toSentence);
  }

  async segmentSentences(segmentId: number): Promise<SentenceRecord[]> {
    return (await SEGMENT_SENTENCES(this.store, segmentId)).rows.map(toSentence);
  }

  async sentencesOfSegments(segmentIds: number[]): Promise<Map<number, SentenceRecord[]>> {
    const out = new Map<number, SentenceRecord[]>(segmentIds.map((id) => [id, []]));
    for (const part of batches([...out.keys()])) {
      for (const row of (await SENTENCES_OF_SEGMENTS(this.store, part)).rows) out.get(Number(row.segment_id))!.push(toSentence(row));
    }
    return out;
  }

  async sentencesByIds(ids: number[]): Promise<SentenceRecord[]> {
    const out: SentenceRecord[] = [];
    for (const part of batches([...new Set(ids)])) out.push(...(await SENTENCES_BY_IDS(this.store, part)).rows.map(toSentence));
    return out.sort((a, b) => a.documentId - b.documentId || a.idx - b.idx);
  }

  async sentencesContaining(documentId: number, needle: string, range: { after?: number; limit?: number } = {}): Promise<SentenceRecord[]> {
    const after = range.after === undefined ? sql`` : sql` AND idx > ${range.after}`;
    const limit = range.limit === undefined ? sql`` : sql` LIMIT ${range.limit}`;
    // Bug (#14 follow-up): LIKE missed MUÑOZ for Muñoz on PostgreSQL, and folds only ASCII on SQLite.
    const position = sql.raw(this.store.dialect === 'postgres' ? 'strpos' : 'instr');
    const forms = sql.join(caseForms(needle).map(({ text }) => sql`${position}(current_text, ${text}) > 0`), sql` OR `);
    const { rows } = await sql<any>`SELECT * FROM sentences WHERE document_id = ${documentId} AND (${forms})${after} ORDER BY idx${limit}`.execute(this.db);
    return rows.map(toSentence);
  }

  async querySentences(documentId: number, filter: SentenceFilter, limit: number, offset: number): Promise<{ rows: SentenceRecord[]; total: number }> {
    const where: RawBuilder<unknown>[] = [sql`s.document_id = ${documentId}`];
    if (filter.status === 'flagged') where.push(sql`s.open_findings > 0`);
    if (filter.status === 'todo') where.push(sql`s.open_findings > 0 AND s.reviewed = 0`);
    if (filter.status === 'unreviewed') where.push(sql`s.reviewed = 0`);
    if (filter.status === 'reviewed') where.push(sql`s.reviewed = 1`);
    // With "flagged", category/severity/rule select open findings; otherwise any finding still in the text.
    const source = filter.status === 'flagged' || filter.status === 'todo' ? sql`open_findings` : sql`(SELECT * FROM findings WHERE active = 1)`;
    const findingConditions: RawBuilder<unknown>[] = [];
    // A top-level category ("fluency") selects its sub-categories too.
    if (filter.category) findingConditions.push(sql`(f.category = ${filter.category} OR f.category LIKE ${`${escapeLike(filter.category)}/%`} ESCAPE '\\')`);
    if (filter.severity) findingConditions.push(sql`f.severity = ${filter.severity}`);
    if (filter.rule) findingConditions.push(sql`f.rule_id = ${filter.rule}`);
    if (findingConditions.length > 0) where.push(sql`EXISTS (SELECT 1 FROM ${source} f WHERE f.sentence_id = s.id AND ${sql.join(findingConditions, sql` AND `)})`);
    const clause = sql.join(where, sql` AND `);
    const needle = filter.search ? foldForSearch(filter.search).trim() : '';
    if (needle) {
      // Accents, case and apostrophes folded (src/text/fold.ts), which no SQL
      // dialect does alike: the other filters narrow in SQL, the text in JS.
      const { rows } = await sql<any>`SELECT s.* FROM sentences s WHERE ${clause} ORDER BY s.idx`.execute(this.db);
      const hits = rows.filter((row: any) => foldForSearch(row.current_text).includes(needle) || foldForSearch(row.original_text).includes(needle));
      return { rows: hits.slice(offset, offset + limit).map(toSentence), total: hits.length };
    }
    const total = await sql<any>`SELECT COUNT(*) AS n FROM sentences s WHERE ${clause}`.execute(this.db);
    const rows = await sql<any>`SELECT s.* FROM sentences s WHERE ${clause} ORDER BY s.idx LIMIT ${limit} OFFSET ${offset}`.execute(this.db);
    return { rows: rows.rows.map(toSentence), total: Number(total.rows[0].n) };
  }

  async adjacentFlagged(documentId: number, idx: number, direction: 1 | -1, unreviewedOnly = false): Promise<number | undefined> {
    let query = this.db.selectFrom('sentences').select('idx').where('document_id', '=', documentId).where('open_findings', '>', 0);
    if (unreviewedOnly) query = query.where('reviewed', '=', 0);
    const row = await query
      .where('idx', direction === 1 ? '>' : '<', idx)
      .orderBy('idx', direction === 1 ? 'asc' : 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? Number(row.idx) : undefined;
  }

  async updateSentenceText(sentenceId: number, expectedVersion: number, text: string, terEdits: number, refWords: number): Promise<SentenceRecord> {
    return this.store.withTransaction(async (tx) => {
      const self = tx as SqlReviewStore;
      const at = now();
      // PostgreSQL, several writers: the segment is held first (one lock order for every
      // writer: segment, then its sentences by id), or two saves of sentences of one
      // segment would each write a target missing the other's text, or deadlock.
      await tx.documents.lockSegmentOf(sentenceId);
      // The row as written comes back with the write (RETURNING), not from a second read.
      const [written] = (await WRITE_SENTENCE_TEXT(self, sentenceId, expectedVersion, text, terEdits, refWords, at)).rows;
      if (!written) throw new VersionConflict((await tx.documents.getSentenceById(sentenceId))!, expectedVersion);
      const sentence = toSentence(written);
      // The segment's target is its sentences' texts end to end (joined here: SQL has no portable aggregate for it).
      const texts = (await SEGMENT_TEXTS(self, sentence.segmentId)).rows;
      await WRITE_SEGMENT_TARGET(self, sentence.segmentId, texts.map((row) => row.current_text).join(''), at);
      return sentence;
    });
  }

  async bumpVersion(sentenceId: number, expectedVersion: number): Promise<SentenceRecord> {
    return this.store.withTransaction(async (tx) => {
      const db = (tx as SqlReviewStore).db;
      // The grammar findings stay current: the text Grammalecte saw has not changed.
      const result = await db
        .updateTable('sentences')
        .set({
          version: sql`version + 1`,
          grammar_version: sql`CASE WHEN grammar_version = version THEN version + 1 ELSE grammar_version END`,
          updated_at: now(),
        })
        .where('id', '=', sentenceId)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      const sentence = (await tx.documents.getSentenceById(sentenceId))!;
      if (Number(result.numUpdatedRows) === 0) throw new VersionConflict(sentence, expectedVersion);
      return sentence;
    });
  }

  async refreshSentenceState(sentenceId: number): Promise<void> {
    await this.store.withTransaction(async (tx) => {
      const self = tx as SqlReviewStore;
      // PostgreSQL: hold the row first, so that the counts below (a new snapshot) see every
      // decision committed before, not only those of the statement's start.
      if (this.store.dialect === 'postgres') await sql`SELECT id FROM sentences WHERE id = ${sentenceId} FOR UPDATE`.execute(self.db);
      // The sentence's part of the document's totals, afresh (what the update wrote, returned by it); the difference goes to the document's rows.
      const [row] = (await REFRESH_STATE(self, sentenceId)).rows;
      if (!row) return;
      const { rows: counts } = await SENTENCE_COUNTS(self, sentenceId);
      const part = sentenceContribution(
        { reviewed: Number(row.reviewed) === 1, openFindings: Number(row.open_findings), terEdits: Number(row.ter_edits), refWords: Number(row.ref_words) },
        counts,
      );
      const before: Contribution = row.counted ? JSON.parse(row.counted) : {};
      const delta = contributionDelta(before, part);
      if (delta.size === 0) return;
      const documentId = Number(row.document_id);
      const pending = (tx as SqlReviewStore).pendingTotals;
      if (!pending.has(documentId)) pending.set(documentId, new Map());
      addDelta(pending.get(documentId)!, delta);
      await WRITE_COUNTED(self, sentenceId, JSON.stringify(part));
    });
  }

  /**
   * A transaction's moves of the totals, as its last statements: figures in one
   * order (document, then key), so that two writers of a document never wait
   * for each other's rows in opposite orders.
   */
  async writeTotals(pending: Map<number, Map<string, number>>): Promise<void> {
    for (const documentId of [...pending.keys()].sort((a, b) => a - b)) {
      const rows = [...pending.get(documentId)!].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
      for (const batch of batches(rows)) {
        await ADD_TOTALS(
          this.store,
          documentId,
          batch.map(([key]) => key),
          batch.map(([, n]) => n),
        );
      }
    }
    pending.clear();
  }

  async totals(documentId: number): Promise<DocumentTotals> {
    return totalsOf((await TOTALS(this.store, documentId)).rows);
  }

  async grammarBacklog(maxChars: number, claimMs = 120_000): Promise<SentenceRecord[]> {
    return this.store.withTransaction(async (tx) => {
      const db = (tx as SqlReviewStore).db;
      const at = now();
      // PostgreSQL: rows another process is claiming at this moment are skipped, not waited
      // for; its claim is committed a few milliseconds later and keeps them apart from then
      // on. SQLite has one writer at a time, so its transaction alone keeps claims apart.
      const lock = this.store.dialect === 'postgres' ? sql`FOR UPDATE OF s SKIP LOCKED` : sql``;
      const { rows } = await sql<any>`
        SELECT s.* FROM sentences s JOIN documents d ON d.id = s.document_id
        WHERE d.grammar = 1 AND (s.grammar_version IS NULL OR s.grammar_version <> s.version)
          AND (s.grammar_claimed_until IS NULL OR s.grammar_claimed_until <= ${at})
        ORDER BY CASE WHEN s.grammar_version IS NULL THEN 1 ELSE 0 END, s.document_id, s.idx LIMIT 300 ${lock}`.execute(db);
      const batch: SentenceRecord[] = [];
      let chars = 0;
      for (const row of rows) {
        if (batch.length > 0 && chars + row.current_text.length > maxChars) break;
        batch.push(toSentence(row));
        chars += row.current_text.length;
      }
      const until = new Date(Date.now() + claimMs).toISOString();
      for (const part of batches(batch.map((s) => s.id))) await db.updateTable('sentences').set({ grammar_claimed_until: until }).where('id', 'in', part).execute();
      return batch;
    });
  }

  async releaseGrammarClaims(sentenceIds: number[]): Promise<void> {
    for (const part of batches(sentenceIds)) await this.db.updateTable('sentences').set({ grammar_claimed_until: null }).where('id', 'in', part).execute();
  }

  async revision(documentId: number): Promise<number> {
    const known = this.steadyRevision(documentId);
    if (known !== undefined) return known;
    const [row] = (await REVISION(this.store, documentId)).rows;
    const revision = Number(row?.revision ?? 0);
    if (this.store.inTransaction && row) this.store.revisions.set(documentId, revision);
    return revision;
  }

  async bumpRevision(documentId: number): Promise<number> {
    const [row] = (await BUMP_REVISION(this.store, documentId)).rows;
    const revision = Number(row?.revision ?? 0);
    if (this.store.inTransaction && row) this.store.revisions.set(documentId, revision);
    return revision;
  }

  /** The revision this transaction already read or wrote, where no other writer can have moved it since (see SqlReviewStore.revisions). */
  private steadyRevision(documentId: number): number | undefined {
    if (!this.store.inTransaction) return undefined;
    if (this.store.dialect === 'postgres' && !this.store.heldDocuments.has(documentId)) return undefined;
    return this.store.revisions.get(documentId);
  }

  async grammarPending(documentId: number): Promise<number> {
    const { rows } = await sql<any>`SELECT COUNT(*) AS n FROM sentences WHERE document_id = ${documentId} AND (grammar_version IS NULL OR grammar_version <> version)`.execute(this.db);
    return Number(rows[0].n);
  }

  async setGrammarVersion(sentenceId: number, version: number): Promise<void> {
    await this.db.updateTable('sentences').set({ grammar_version: version }).where('id', '=', sentenceId).execute();
  }
}
