import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { importText } from '../reliability/forms.ts';

// Bug: reject and mark-reviewed left the sentence's version as it was, so an undo
// posted from an out-of-date page undid another editor's reject.
describe('every decision makes a new version (regression: a stale undo reverted another editor’s reject)', () => {
  let app: TestApp;
  let id: number;
  beforeAll(async () => {
    app = await startTestApp();
    await app.client.get('/documents/new');
    id = await importText(app, 'Le ministere a parlé. Routte est venu. Le ministere a fini.\n', 'v.txt');
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  const findingOf = async (idx: number) => {
    const sentence = (await app.store.documents.getSentence(id, idx))!;
    return (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => !f.rejected)!;
  };

  it('answers 409 to an undo from a page older than another editor’s reject, which stays', async () => {
    const other = new Client(app.url);
    await other.get('/documents/new');
    // Editor A edits sentence 1 (something to undo), then B rejects a finding there.
    const start = (await app.store.documents.getSentence(id, 0))!;
    expect((await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Le ministere a parlé hier.', version: String(start.version) })).status).toBe(303);
    const seenByA = (await app.store.documents.getSentence(id, 0))!.version;
    const finding = await findingOf(0);
    const rejected = await other.post(`/documents/${id}/sentences/1/reject`, { finding: String(finding.id), version: String(seenByA) });
    expect(rejected.status).toBe(303);
    expect((await app.store.documents.getSentence(id, 0))!.version).toBe(seenByA + 1);
    // A's page still says seenByA: the undo is refused, the reject stands.
    const undo = await app.client.post(`/documents/${id}/sentences/1/undo`, { version: String(seenByA) });
    expect(undo.status).toBe(409);
    expect((await app.store.decisions.history(start.id)).filter((d) => d.kind === 'reject' && d.undoneAt === null)).toHaveLength(1);
    expect((await app.store.findings.getFinding(finding.id))!.rejected).toBe(true);
  });

  it('refuses a reject or a mark-reviewed on a stale version, and moves the version with each', async () => {
    const sentence = (await app.store.documents.getSentence(id, 2))!;
    const finding = await findingOf(2);
    expect((await app.client.post(`/documents/${id}/sentences/3/review`, { version: String(sentence.version) })).status).toBe(303);
    expect((await app.store.documents.getSentence(id, 2))!.version).toBe(sentence.version + 1);
    expect((await app.client.post(`/documents/${id}/sentences/3/reject`, { finding: String(finding.id), version: String(sentence.version) })).status).toBe(409);
    expect((await app.client.post(`/documents/${id}/sentences/3/review`, { version: String(sentence.version) })).status).toBe(409);
    expect((await app.client.post(`/documents/${id}/sentences/3/reject`, { finding: String(finding.id), version: String(sentence.version + 1) })).status).toBe(303);
    // An undo of the reject (no text change) makes a version too.
    expect((await app.client.post(`/documents/${id}/sentences/3/undo`, { version: String(sentence.version + 2) })).status).toBe(303);
    expect((await app.store.documents.getSentence(id, 2))!.version).toBe(sentence.version + 3);
  });
});
