import { afterEach, describe, expect, it } from 'vitest';
import { insertRows } from '../../../../src/web/store/sql/insert-rows.ts';
import { openSqliteStore, type SqliteReviewStore } from '../../../../src/web/store/sqlite-store.ts';

describe('insertRows', () => {
  let store: SqliteReviewStore | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  const segmentRow = (documentId: number, idx: number) => ({ document_id: documentId, external_id: `u${idx}`, idx, source_text: idx % 4 === 0 ? `s${idx}` : null, original_target: `t${idx}`, current_target: `t${idx}`, line: idx, updated_at: 'now' });

  it('writes rows of several batches, each with its own values, in order', async () => {
    store = openSqliteStore(':memory:');
    const id = await store.documents.createDocument({ title: 't', sourceName: 't.txt', skeleton: null, words: 0, segments: [], corrections: [] });
    const rows = Array.from({ length: 450 }, (_, idx) => segmentRow(id, idx));
    await insertRows(store.db, 'segments', rows);
    const stored = await store.documents.segments(id);
    expect(stored.map((s) => [s.externalId, s.idx, s.sourceText, s.currentTarget, s.line])).toEqual(rows.map((r) => [r.external_id, r.idx, r.source_text, r.current_target, r.line]));
  });

  it('a later batch whose columns differ (one left undefined, keys in another order) is written as Kysely compiles it', async () => {
    store = openSqliteStore(':memory:');
    const id = await store.documents.createDocument({ title: 't', sourceName: 't.txt', skeleton: null, words: 0, segments: [], corrections: [] });
    const rows: Record<string, unknown>[] = Array.from({ length: 450 }, (_, idx) => segmentRow(id, idx));
    rows[300] = { ...rows[300], line: undefined };
    const { idx, ...rest } = rows[420] as { idx: number };
    rows[420] = { idx, ...rest };
    await insertRows(store.db, 'segments', rows);
    const stored = await store.documents.segments(id);
    expect(stored).toHaveLength(450);
    expect(stored[300]).toMatchObject({ externalId: 'u300', line: null });
    expect(stored[420]).toMatchObject({ externalId: 'u420', idx: 420, line: 420 });
    expect(stored[449]).toMatchObject({ externalId: 'u449', line: 449 });
  });
});
