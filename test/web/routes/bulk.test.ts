import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';

async function importText(app: TestApp, text: string): Promise<number> {
  const form = new FormData();
  form.set('text', text);
  form.set('title', 'T');
  const response = await app.client.postMultipart('/documents', form);
  expect(response.status, response.text.slice(0, 300)).toBe(303);
  return Number(/\/documents\/(\d+)$/.exec(response.location!)![1]);
}

const TEXT = ['Il a dit: oui.', 'Elle a dit: non.', 'Puis: rien.', 'Le Blorvax parle.'].join('\n') + '\n';
const RULE = 'typography/space-before-double-punctuation';

const texts = async (app: TestApp, id: number) => (await app.store.documents.allSentences(id)).map((s) => s.currentText.trimEnd());
const openOf = async (app: TestApp, id: number, rule: string) => {
  const counts = await app.store.findings.openFindingCounts(id, 'rule_id');
  return counts.get(rule) ?? 0;
};

/** The preview's form fields, as the browser would post them. */
function formOf(html: string, action: string): Record<string, string> {
  const form = html.slice(html.indexOf(`action="${action}"`));
  const fields: Record<string, string> = {};
  for (const match of form.slice(0, form.indexOf('</form>')).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[match[1]] = match[2].replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');
  return fields;
}

describe('bulk actions on the review page (issue #13)', () => {
  let app: TestApp;
  beforeAll(async () => {
    // The French interface, as editors get it by default.
    app = await startTestApp({ lang: 'fr' });
    await app.client.get('/documents/new');
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('accept every finding of a rule: a preview that changes nothing, then one action that one undo reverts', async () => {
    const id = await importText(app, TEXT);
    expect(await openOf(app, id, RULE)).toBe(3);
    const review = await app.client.get(`/documents/${id}`);
    expect(review.text).toContain('Actions groupées');
    const preview = await app.client.get(`/documents/${id}/bulk?kind=accept-rule&rule=${encodeURIComponent(RULE)}&return_to=/documents/${id}`);
    expect(preview.status).toBe(200);
    expect(preview.text).toMatch(/<strong>3<\/strong> erreurs dans <strong>3<\/strong> phrases : #1 #2 #3/);
    expect(preview.text).toContain('<ins');
    expect(await texts(app, id)).toEqual(TEXT.trimEnd().split('\n'));

    const done = await app.client.post(`/documents/${id}/bulk`, formOf(preview.text, `/documents/${id}/bulk`));
    expect(done.status).toBe(303);
    const job = await app.client.get(done.location!);
    expect(job.text).toContain('3 erreurs acceptées dans 3 phrases.');
    expect(await texts(app, id)).toEqual(['Il a dit\u202F: oui.', 'Elle a dit\u202F: non.', 'Puis\u202F: rien.', 'Le Blorvax parle.']);
    expect(await openOf(app, id, RULE)).toBe(0);

    const undone = await app.client.post(`${done.location!.split('?')[0]}/undo`, formOf(job.text, `${done.location!.split('?')[0]}/undo`));
    expect(undone.status).toBe(303);
    expect(await texts(app, id)).toEqual(TEXT.trimEnd().split('\n'));
    expect(await openOf(app, id, RULE)).toBe(3);
  });

  it('a sentence changed after the preview is left as it is and reported', async () => {
    const id = await importText(app, TEXT);
    const preview = await app.client.get(`/documents/${id}/bulk?kind=reject-rule&rule=${encodeURIComponent(RULE)}`);
    const fields = formOf(preview.text, `/documents/${id}/bulk`);
    // Another editor edits sentence 2 meanwhile.
    const second = (await app.store.documents.getSentence(id, 1))!;
    await app.client.post(`/documents/${id}/sentences/2/edit`, { text: 'Elle a répondu: non.', version: String(second.version) });
    const done = await app.client.post(`/documents/${id}/bulk`, fields);
    const job = await app.client.get(done.location!);
    expect(job.text).toContain('2 erreurs rejetées dans 2 phrases.');
    expect(job.text).toContain('1 phrase laissée telle quelle : modifiée depuis l’aperçu.');
    expect(await openOf(app, id, RULE)).toBe(1);
  });

  it('reject one flagged word everywhere', async () => {
    const id = await importText(app, 'Il voit un chaat noir.\nPuis il part.\nEt le chaat reste.\n');
    const preview = await app.client.get(`/documents/${id}/bulk?kind=reject-word&word=chaat`);
    expect(preview.text).toMatch(/<strong>2<\/strong> erreurs dans <strong>2<\/strong> phrases : #1 #3/);
    expect(preview.text).toContain('<mark class="bulk-hit">chaat</mark>');
    await app.client.post(`/documents/${id}/bulk`, formOf(preview.text, `/documents/${id}/bulk`));
    const open = await app.store.findings.activeFindings((await app.store.documents.allSentences(id)).map((s) => s.id));
    expect([...open.values()].flat().filter((f) => f.text === 'chaat' && !f.rejected)).toEqual([]);
  });

  it('switch a rule off for the document (withdrawn, and an edit does not raise it again), then on again', async () => {
    const id = await importText(app, TEXT);
    const preview = await app.client.get(`/documents/${id}/bulk?kind=switch-off&rule=${encodeURIComponent(RULE)}`);
    expect(preview.text).toContain('Désactiver la règle (3 erreurs retirées)');
    const off = await app.client.post(`/documents/${id}/rules/off`, formOf(preview.text, `/documents/${id}/rules/off`));
    expect(off.status).toBe(303);
    expect(await openOf(app, id, RULE)).toBe(0);
    const third = (await app.store.documents.getSentence(id, 2))!;
    await app.client.post(`/documents/${id}/sentences/3/edit`, { text: 'Ensuite: rien.', version: String(third.version) });
    expect(await openOf(app, id, RULE)).toBe(0);
    const review = await app.client.get(`/documents/${id}`);
    expect(review.text).toContain('Règles désactivées pour ce document');
    const on = await app.client.post(`/documents/${id}/rules/on`, formOf(review.text, `/documents/${id}/rules/on`));
    expect(on.status).toBe(303);
    expect(await openOf(app, id, RULE)).toBe(3);
  });

  it('refuses a bulk action that names no rule or word, and malformed versions', async () => {
    const id = await importText(app, TEXT);
    expect((await app.client.get(`/documents/${id}/bulk?kind=accept-rule`)).status).toBe(400);
    expect((await app.client.post(`/documents/${id}/bulk`, { kind: 'reject-rule', rule: RULE, versions: '1:x' })).status).toBe(400);
  });
});
