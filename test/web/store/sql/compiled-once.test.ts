import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compiledOnce, type QueryTarget } from '../../../../src/web/store/sql/compiled-once.ts';
import type { ReviewDatabase } from '../../../../src/web/store/sql/schema.ts';

/**
 * A query built and compiled once per shape (issue #15): each call must run the SQL and the
 * parameters Kysely itself would have made for its values, on both dialects, with the build
 * called once per dialect and list length.
 */
function target(dialect: 'sqlite' | 'postgres'): QueryTarget & { ran: CompiledQuery[] } {
  const db = new Kysely<ReviewDatabase>({
    dialect: {
      createAdapter: () => (dialect === 'sqlite' ? new SqliteAdapter() : new PostgresAdapter()),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => (dialect === 'sqlite' ? new SqliteIntrospector(k) : new PostgresIntrospector(k)),
      createQueryCompiler: () => (dialect === 'sqlite' ? new SqliteQueryCompiler() : new PostgresQueryCompiler()),
    },
  });
  const ran: CompiledQuery[] = [];
  const executeQuery = db.executeQuery.bind(db);
  (db as unknown as { executeQuery: (q: CompiledQuery) => unknown }).executeQuery = (query: CompiledQuery) => {
    ran.push(query);
    return executeQuery(query);
  };
  return { db, dialect, ran };
}

describe('compiledOnce', () => {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    it(`${dialect}: runs what Kysely compiles for each call's values, building once per dialect and list length`, async () => {
      const store = target(dialect);
      let builds = 0;
      const plain = (db: Kysely<ReviewDatabase>, documentId: number, ids: readonly number[], source: string | null) =>
        db.selectFrom('findings').selectAll().where('document_id', '=', documentId).where('active', '=', 1).where('sentence_id', 'in', ids).where('source', '=', source).orderBy('start');
      const query = compiledOnce((db, documentId: number, ids: readonly number[], source: string | null) => {
        builds++;
        return plain(db, documentId, ids, source);
      });
      const calls: Array<[number, number[], string | null]> = [
        [1, [4, 5], 'relecture'],
        [2, [7, 8], null],
        [3, [9], 'grammalecte'],
        [4, [1, 2], 'x'],
      ];
      for (const [documentId, ids, source] of calls) await query(store, documentId, ids, source);
      expect(builds).toBe(2); // lists of 2, then of 1
      expect(store.ran.map((q) => [q.sql, q.parameters])).toEqual(calls.map(([documentId, ids, source]) => {
        const own = plain(store.db, documentId, ids, source).compile();
        return [own.sql, own.parameters];
      }));
      // A constant the build wrote itself (active = 1) stays among the parameters.
      expect(store.ran[0].parameters).toEqual([1, 1, 4, 5, 'relecture']);
    });

    it(`${dialect}: sql text too, each value where its placeholder stood`, async () => {
      const store = target(dialect);
      const query = compiledOnce((db, id: number, text: string) => sql`UPDATE findings SET message = ${text} WHERE id = ${id} AND message <> ${text}`);
      await query(store, 7, 'a');
      await query(store, 8, 'b');
      expect(store.ran.map((q) => q.parameters)).toEqual([
        ['a', 7, 'a'],
        ['b', 8, 'b'],
      ]);
      expect(store.ran[1].sql).toBe(sql`UPDATE findings SET message = ${'b'} WHERE id = ${8} AND message <> ${'b'}`.compile(store.db).sql);
    });
  }

  it('refuses a build that does not pass an argument to the SQL (one it branched on would be wrong for other values)', () => {
    const query = compiledOnce((db, id: number, _unused: string) => db.selectFrom('findings').selectAll().where('id', '=', id));
    expect(() => query(target('sqlite'), 1, 'x')).toThrow(/argument 1 of select .* is not one of its parameters/);
  });

  it('keeps one shape per dialect: the same query on SQLite then PostgreSQL gets each its own SQL', async () => {
    const query = compiledOnce((db, id: number) => db.selectFrom('findings').select('id').where('id', '=', id));
    const lite = target('sqlite');
    const pg = target('postgres');
    await query(lite, 1);
    await query(pg, 2);
    expect(lite.ran[0].sql).toBe('select "id" from "findings" where "id" = ?');
    expect(pg.ran[0].sql).toBe('select "id" from "findings" where "id" = $1');
  });
});
