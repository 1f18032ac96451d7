import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { parseCorrections } from '../../../../src/corrections/parse-corrections.ts';
import { prepareImport } from '../../../../src/web/review/import-document.ts';
import { ReviewService } from '../../../../src/web/review/review-service.ts';
import { POSTGRES_MIGRATIONS } from '../../../../src/web/store/postgres/migrations.ts';
import { openPostgresStore } from '../../../../src/web/store/postgres/postgres-store.ts';
import { createTestDatabase } from '../../../helpers/postgres.ts';
import { freshTotals, keptTotals } from '../../helpers/fresh-totals.ts';
import { checker } from '../../helpers/test-app.ts';

const missing = inject('postgresMissing');
const SAMPLE = readFileSync('samples/otan-rutte.mt.fr.txt', 'utf8');
const CORRECTIONS = parseCorrections(readFileSync('samples/otan-rutte.corrections.tsv', 'utf8'), 'otan-rutte.corrections.tsv').corrections;

// Issue #15: the PostgreSQL step that fills the header totals of a database made
// before it must give what the changes kept and what a fresh aggregate gives.
describe.skipIf(missing !== '')(`the header totals step on PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('fills them from the reviews, rejects, accepts and edits already there', async () => {
    const { url } = await createTestDatabase(inject('postgresUrl'), 'totals');
    let store = await openPostgresStore(url, { max: 2 });
    const service = new ReviewService(store, checker());
    const id = await store.documents.createDocument(prepareImport(checker(), { title: 's', sourceName: 's.txt', text: SAMPLE, corrections: CORRECTIONS }));
    const all = await store.documents.allSentences(id);
    const findings = await store.findings.activeFindings(all.map((s) => s.id));
    const fixable = all.filter((s) => findings.get(s.id)!.some((f) => f.suggestions.length > 0));
    const fix = async (k: number) => {
      const sentence = (await store.documents.getSentenceById(fixable[k].id))!;
      const finding = (await store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.suggestions.length > 0)!;
      return service.accept(sentence, finding.id, 0, sentence.version, 'local', { autoReview: true });
    };
    await fix(0);
    await fix(1);
    const rejected = (await store.documents.getSentenceById(fixable[2].id))!;
    await service.reject(rejected, (await store.findings.activeFindings([rejected.id])).get(rejected.id)![0].id, 'no', rejected.version);
    const edited = (await store.documents.getSentenceById(fixable[3].id))!;
    await service.edit(edited, `${edited.currentText.trimEnd()} Fin.`, edited.version, 'local', {}, { category: 'style', severity: 'minor' });
    const kept = await keptTotals(store, id);
    expect(kept.confirmed.length).toBeGreaterThan(0);
    await store.close();
    const step = POSTGRES_MIGRATIONS.find((m) => m.includes('CREATE TABLE document_counts'))!;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query('DROP TABLE document_counts; ALTER TABLE sentences DROP COLUMN counted');
      await client.query(step);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    store = await openPostgresStore(url, { max: 2 });
    try {
      expect(await keptTotals(store, id)).toEqual(kept);
      expect(await keptTotals(store, id)).toEqual(await freshTotals(store, id));
    } finally {
      await store.close();
    }
  }, 60_000);
});
