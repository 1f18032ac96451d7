import fs, { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { SqliteReviewStore } from '../../../src/web/store/sqlite-store.ts';
import { removeDir, startTestAppOn, type TestApp } from '../helpers/test-app.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * What one accept answered to review.js costs the database and the disk (issue #15): the
 * statements it runs on SQLite, from the request to its answer (the re-checks deferred to
 * after it are not counted), and the files ejs looks for while rendering its two partials.
 * Bugs: an accept ran 43 statements on the sample (the document's revision read four times in
 * one transaction, the sentence read back after each write, a statement per neighbouring
 * segment), and every ejs include() looked for its file on disk (an existsSync per include,
 * per finding for the hidden fields), view cache or not.
 */
describe('the cost of an accept', () => {
  let app: TestApp;
  const statements: string[] = [];
  let counting = false;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relecture-accept-statements-'));
    const database = openDatabase(join(dir, 'review.db'));
    // Every statement run (the store prepares each SQL string once and runs it many times).
    const prepare = database.prepare.bind(database);
    (database as unknown as { prepare: (sql: string) => unknown }).prepare = (sql: string) => {
      const statement = prepare(sql);
      for (const run of ['all', 'get', 'run', 'iterate'] as const) {
        const original = (statement[run] as (...args: unknown[]) => unknown).bind(statement);
        (statement as unknown as Record<string, unknown>)[run] = (...args: unknown[]) => {
          if (counting) statements.push(sql.replace(/\s+/g, ' ').trim());
          return original(...args);
        };
      }
      return statement;
    };
    app = await startTestAppOn(new SqliteReviewStore(database), {}, dir);
    await app.client.get('/documents/new');
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(readFileSync('samples/otan-rutte.mt.fr.txt'))]), 'otan-rutte.mt.fr.txt');
    form.set('title', 'Sample');
    expect((await app.client.postMultipart('/documents', form)).status).toBe(303);
    await app.service.settled();
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('answers an accept in at most 34 statements (43 before) and renders it without looking for a file', async () => {
    const [document] = await app.store.documents.listDocuments();
    // The first finding with a fix, as an editor would take it.
    let target: { idx: number; version: number; finding: number } | undefined;
    for (const sentence of await app.store.documents.allSentences(document.id)) {
      const finding = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.suggestions.length > 0);
      if (finding) {
        target = { idx: sentence.idx, version: sentence.version, finding: finding.id };
        break;
      }
    }
    expect(target).toBeDefined();
    // The deferred re-checks start once the answer is sent: from then on nothing is the answer's.
    const service = app.service as unknown as { recheckStep: (...args: unknown[]) => Promise<void> };
    const step = service.recheckStep.bind(service);
    service.recheckStep = (...args: unknown[]) => {
      counting = false;
      return step(...args);
    };
    const looked = vi.spyOn(fs, 'existsSync');
    counting = true;
    const response = await app.client.post(`/documents/${document.id}/sentences/${target!.idx + 1}/accept`, { finding: String(target!.finding), suggestion: '0', version: String(target!.version), return_to: `/documents/${document.id}` }, true, { 'x-requested-with': 'relecture' });
    counting = false;
    const templates = looked.mock.calls.filter(([path]) => String(path).endsWith('.ejs'));
    looked.mockRestore();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text).html).toContain(`id="s-${target!.idx + 1}"`);
    expect(templates).toEqual([]);
    // The document's revision: once before the transaction (the word index's check), once in it, once after it.
    expect(statements.filter((s) => s.startsWith('select "revision" from "documents"')).length, statements.join('\n')).toBeLessThanOrEqual(3);
    // The sentence written comes back with its write (RETURNING), the neighbours in one read, the left-out counts neither read nor written when there are none, the document's row read neither in the change (its format is the word index's) nor again for the header: 34 where it was 43.
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(34);
    await app.service.settled();
  });
});
