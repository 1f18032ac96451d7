/**
 * What Kysely's build and compile cost one statement of an accept's path, and what
 * running it compiled once costs (src/web/store/sql/compiled-once.ts, issue #15):
 *
 *   npx tsx bench/compiled-once.ts DB [--rounds N] [--calls N]
 *
 * On an SQLite review database (DB: one a benchmark kept, `accept-profile.ts FILE --db DB`; a copy, since it writes),
 * each statement is run N times built anew, as the store ran it before, and N times
 * compiled once, the two alternating for a few rounds; prints the median µs a call of
 * each way (wall time, one thread, the same rows read or written). Nothing is appended
 * (bench/RESULTS.md gets the figures by hand).
 */
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { ReviewDatabase } from '../src/web/store/sql/schema.ts';
import { compiledOnce } from '../src/web/store/sql/compiled-once.ts';
import { openSqliteStore } from '../src/web/store/sqlite-store.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string', default: '7' }, calls: { type: 'string', default: '3000' } } });
if (!positionals[0]) throw new Error('usage: npx tsx bench/compiled-once.ts DB [--rounds N] [--calls N]');
const store = openSqliteStore(positionals[0]);
const [document] = await store.documents.listDocuments();
const sentences = await store.documents.allSentences(document.id);
const s = sentences[Math.floor(sentences.length / 2)];
const db = store.db;

// Each statement of an accept's path as the store built it before, and compiled once: the same SQL.
const pairs: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [];
const add = <A extends Array<string | number | readonly number[]>>(name: string, built: (...args: A) => { execute(db: Kysely<ReviewDatabase>): Promise<unknown> }, args: A) => {
  const once = compiledOnce((k, ...a: A) => {
    void k;
    return built(...a) as never;
  });
  pairs.push([name, () => built(...args).execute(db), () => once(store, ...args)]);
};
add('select revision of a document', (id: number) => db.selectFrom('documents').select('revision').where('id', '=', id), [document.id]);
add('select a sentence by id', (id: number) => db.selectFrom('sentences').selectAll().where('id', '=', id), [s.id]);
add('select the segments of a window', (d: number, from: number, to: number) => db.selectFrom('segments').selectAll().where('document_id', '=', d).where('idx', '>=', from).where('idx', '<=', to).orderBy('idx'), [document.id, s.idx - 2, s.idx + 2]);
add('select the sentences of 3 segments', (ids: readonly number[]) => db.selectFrom('sentences').selectAll().where('segment_id', 'in', ids).orderBy('idx'), [[s.segmentId - 1, s.segmentId, s.segmentId + 1]]);
add('update a sentence\'s counted part', (id: number, counted: string) => db.updateTable('sentences').set({ counted }).where('id', '=', id), [s.id, '{}']);
add('select the totals', (d: number) => db.selectFrom('document_counts').select(['key', 'n']).where('document_id', '=', d), [document.id]);
add('sql text: a sentence\'s active findings', (id: number) => sql`SELECT f.* FROM findings f WHERE f.active = 1 AND f.sentence_id IN (${sql.join([id])}) ORDER BY f.start, f.length, f.id`, [s.id]);

const rounds = Number(values.rounds);
const calls = Number(values.calls);
const time = async (run: () => Promise<unknown>) => {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) await run();
  return ((performance.now() - t0) / calls) * 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`| statement (${calls} calls × ${rounds} rounds, alternating) | built anew | compiled once |`);
console.log('|---|---:|---:|');
for (const [name, built, once] of pairs) {
  const a: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    a.push(await time(built));
    b.push(await time(once));
  }
  console.log(`| ${name} | ${median(a).toFixed(1)} µs | ${median(b).toFixed(1)} µs |`);
}
await store.close();
