/**
 * The cost of the query layer: the review store (Kysely over better-sqlite3,
 * async, a statement compiled and prepared per call) against the same read with
 * a prepared better-sqlite3 statement, and a whole edit through the review
 * service (decision, new text, segment re-check, findings) on the sample.
 * Run: npx tsx bench/store.ts (figures go to bench/RESULTS.md by hand).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChecker } from '../src/checker.ts';
import { parseCorrections } from '../src/corrections/parse-corrections.ts';
import { prepareImport } from '../src/web/review/import-document.ts';
import { ReviewService } from '../src/web/review/review-service.ts';
import { Kysely, SqliteDialect } from 'kysely';
import { openSqliteStore } from '../src/web/store/sqlite-store.ts';
import { SqlReviewStore } from '../src/web/store/sql/sql-review-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'relecture-bench-store-'));
const store = openSqliteStore(join(dir, 'bench.db'));
const checker = createChecker();
const text = readFileSync(new URL('../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');
const corrections = parseCorrections(readFileSync(new URL('../samples/otan-rutte.corrections.tsv', import.meta.url), 'utf8'), 'c.tsv').corrections;

let started = performance.now();
const prepared = prepareImport(checker, { title: 'bench', sourceName: 'bench.txt', text, corrections });
const checkMs = performance.now() - started;
started = performance.now();
const id = await store.documents.createDocument(prepared);
const storeMs = performance.now() - started;
const sentences = await store.documents.allSentences(id);

const READS = 5000;
started = performance.now();
for (let i = 0; i < READS; i++) await store.documents.getSentenceById(sentences[i % sentences.length].id);
const kyselyRead = (performance.now() - started) / READS;
// The same store without the statement cache (Kysely prepares every query itself).
const uncached = new SqlReviewStore(new Kysely({ dialect: new SqliteDialect({ database: store.database }) }));
started = performance.now();
for (let i = 0; i < READS; i++) await uncached.documents.getSentenceById(sentences[i % sentences.length].id);
const uncachedRead = (performance.now() - started) / READS;
const statement = store.database.prepare('SELECT * FROM sentences WHERE id = ?');
started = performance.now();
for (let i = 0; i < READS; i++) statement.get(sentences[i % sentences.length].id);
const rawRead = (performance.now() - started) / READS;

const service = new ReviewService(store, checker);
const EDITS = 200;
started = performance.now();
for (let i = 0; i < EDITS; i++) {
  const sentence = (await store.documents.getSentence(id, i % sentences.length))!;
  await service.edit(sentence, `${sentence.currentText.trimEnd()} ${i % 2 ? 'Fin.' : 'Suite.'}`, sentence.version);
}
const editMs = (performance.now() - started) / EDITS;

console.log(`sample: ${sentences.length} sentences; import check ${checkMs.toFixed(0)} ms, store ${storeMs.toFixed(0)} ms`);
console.log(
  `one sentence read: store ${(kyselyRead * 1000).toFixed(1)} µs (without its statement cache ${(uncachedRead * 1000).toFixed(1)} µs), prepared better-sqlite3 statement ${(rawRead * 1000).toFixed(1)} µs: ${(kyselyRead / rawRead).toFixed(1)}× (${(uncachedRead / rawRead).toFixed(1)}× uncached)`,
);
console.log(`one edit through the review service (decision, text, segment re-check, findings): ${editMs.toFixed(2)} ms`);
await store.close();
rmSync(dir, { recursive: true, force: true });
