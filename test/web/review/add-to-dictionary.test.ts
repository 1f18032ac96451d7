import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/checker.ts';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';

const TEXT = 'Le ministre a ouvertment critiqué les appels.\nLe ministre a encore ouvertment parlé.\n';

describe('« add to dictionary » in the review app', () => {
  let app: TestApp;
  let wordsFile: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relecture-words-app-'));
    wordsFile = join(dir, 'project', '.relecture', 'words.txt');
    // A checker of its own: learning a word changes it for the rest of its life.
    app = await startTestApp({ wordsFile }, dir, { checker: createChecker() });
    await app.client.get('/documents/new'); // the import form carries the CSRF token
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('offers it on a spelling finding, appends the word to the project list, rejects the finding, and later checks know the word', async () => {
    const form = new FormData();
    form.set('file', new Blob([TEXT]), 'a.txt');
    form.set('title', 'A');
    const created = await app.client.postMultipart('/documents', form);
    if (!created.location) throw new Error(`import answered ${created.status}: ${created.text?.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 600)}`);
    const id = Number(/\/documents\/(\d+)$/.exec(created.location!)![1]);
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    const finding = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.ruleId === 'spelling/fr')!;
    expect(finding.text).toBe('ouvertment');
    expect((await app.client.get(`/documents/${id}/sentences/1`)).text).toContain('Add to dictionary');

    expect(existsSync(wordsFile)).toBe(false);
    const answer = await app.client.post(`/documents/${id}/sentences/1/add-word`, { finding: String(finding.id), version: String(sentence.version) });
    expect(answer.status).toBe(303);
    expect(readFileSync(wordsFile, 'utf8')).toBe('ouvertment\n');
    expect((await app.store.findings.getFinding(finding.id))!.rejected).toBe(true);

    // A new document with the word: no spelling finding on it any more.
    const again = new FormData();
    again.set('file', new Blob(['Il a ouvertment parlé.\n']), 'b.txt');
    again.set('title', 'B');
    const second = Number(/\/documents\/(\d+)$/.exec((await app.client.postMultipart('/documents', again)).location!)![1]);
    const other = (await app.store.documents.getSentence(second, 0))!;
    expect((await app.store.findings.activeFindings([other.id])).get(other.id)!.map((f) => f.text)).not.toContain('ouvertment');
  });

  it('refuses it on a finding that is not about one unknown word', async () => {
    const form = new FormData();
    form.set('file', new Blob(['Il a dit:  oui.\n']), 'c.txt');
    form.set('title', 'C');
    const id = Number(/\/documents\/(\d+)$/.exec((await app.client.postMultipart('/documents', form)).location!)![1]);
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    const finding = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.ruleId.startsWith('typography/'))!;
    const answer = await app.client.post(`/documents/${id}/sentences/1/add-word`, { finding: String(finding.id), version: String(sentence.version) });
    expect(answer.status).toBe(400);
  });
});
