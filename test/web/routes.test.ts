import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';

const SAMPLE = readFileSync('samples/otan-rutte.mt.fr.txt');
const SAMPLE_CORRECTIONS = readFileSync('samples/otan-rutte.corrections.tsv');

function uploadForm(text: Buffer | string, name = 'article.txt', corrections?: { content: Buffer | string; name: string }, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set('file', new Blob([typeof text === 'string' ? text : new Uint8Array(text)]), name);
  if (corrections) form.set('corrections', new Blob([typeof corrections.content === 'string' ? corrections.content : new Uint8Array(corrections.content)]), corrections.name);
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

async function importSample(app: TestApp): Promise<number> {
  const response = await app.client.postMultipart('/documents', uploadForm(SAMPLE, 'otan-rutte.mt.fr.txt', { content: SAMPLE_CORRECTIONS, name: 'otan-rutte.corrections.tsv' }, { title: 'Sample' }));
  expect(response.status).toBe(303);
  return Number(/\/documents\/(\d+)$/.exec(response.location!)![1]);
}

/** The first active finding of a rule, with its sentence. */
async function findingOf(app: TestApp, documentId: number, ruleId: string, text?: string) {
  for (const sentence of (await app.store.documents.allSentences(documentId))) {
    const found = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.ruleId === ruleId && (text === undefined || f.text === text));
    if (found) return { sentence, finding: found };
  }
  throw new Error(`no ${ruleId} finding`);
}

describe('review app routes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ maxBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('lists documents and shows the import form', async () => {
    expect((await app.client.get('/')).status).toBe(302);
    const list = await app.client.get('/documents');
    expect(list.status).toBe(200);
    expect(list.text).toContain('No document yet');
    const form = await app.client.get('/documents/new');
    expect(form.text).toContain('enctype="multipart/form-data"');
  });

  it('imports the sample with its corrections and shows it flagged', async () => {
    const id = await importSample(app);
    const page = await app.client.get(`/documents/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Routte');
    expect(page.text).toContain('corrections/editor');
    expect(page.text).toMatch(/<strong>\d+<\/strong> flagged/);
    expect(page.text).toContain('<svg class="chart"');
    const corrections = await app.client.get(`/documents/${id}/corrections`);
    expect(corrections.text).toContain('Ucraians');
  });

  it('imports pasted text and exports it byte for byte when nothing was decided (CRLF kept)', async () => {
    const text = 'Première ligne.  Deuxième phrase.\r\n\r\nAutre paragraphe sans fin de ligne';
    const form = new FormData();
    form.set('text', text);
    const created = await app.client.postMultipart('/documents', form);
    expect(created.status).toBe(303);
    const exported = await fetch(`${app.url}${created.location}/export/text`);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await exported.arrayBuffer()).equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('answers an oversized text with a 413 page, and stores nothing', async () => {
    const before = (await app.store.documents.countDocuments());
    const response = await app.client.postMultipart('/documents', uploadForm('a'.repeat(70 * 1024)));
    expect(response.status).toBe(413);
    expect(response.text).toContain('over the limit of 64 KB');
    expect((await app.store.documents.countDocuments())).toBe(before);
  });

  it('says what is wrong with a non-UTF-8 file and converts it when asked', async () => {
    const latin = Buffer.from('Le ministre a d\xe9clar\xe9 \x93non\x94.\n', 'latin1');
    const refused = await app.client.postMultipart('/documents', uploadForm(latin, 'old.txt'));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('old.txt');
    expect(refused.text).toContain('Windows-1252');
    expect(refused.text).toMatch(/id="legacy" name="legacy" type="checkbox" checked/);
    const converted = await app.client.postMultipart('/documents', uploadForm(latin, 'old.txt', undefined, { legacy: 'on' }));
    expect(converted.status).toBe(303);
    const text = await (await fetch(`${app.url}${converted.location}/export/text`)).text();
    expect(text).toBe('Le ministre a déclaré “non”.\n');
  });

  it('refuses an empty text and a malformed corrections file, naming file and line, storing nothing', async () => {
    const before = (await app.store.documents.countDocuments());
    const empty = await app.client.postMultipart('/documents', uploadForm('   \n', 'blank.txt'));
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('blank.txt');
    expect(empty.text).toContain('only whitespace');
    const bad = await app.client.postMultipart('/documents', uploadForm('Une phrase.', 'a.txt', { content: 'Routte\tRutte\nsans tabulation\n', name: 'fixes.tsv' }));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<strong>fixes.tsv</strong>, line <strong>2</strong>');
    expect(bad.text).toContain('Nothing was stored');
    expect((await app.store.documents.countDocuments())).toBe(before);
  });

  it('renders everything a user supplied escaped', async () => {
    const hostile = `<script>alert("x")</script> Il a dit « <img src=x onerror=alert(1)> » & "ça" 'aussi'.\n`;
    const form = new FormData();
    form.set('text', hostile);
    form.set('title', '<script>alert(2)</script> & co');
    const created = await app.client.postMultipart('/documents', form);
    expect(created.status).toBe(303);
    for (const path of [created.location!, `${created.location}/sentences/1`, '/documents']) {
      const page = await app.client.get(path);
      expect(page.text).not.toContain('<script>alert');
      expect(page.text).not.toContain('<img src=x');
      expect(page.text).toContain('&lt;script&gt;alert(');
      // The only scripts are our own file.
      expect(page.text.match(/<script/g)).toEqual(['<script']);
    }
  });

  it('sends security headers with a strict script policy', async () => {
    const response = await fetch(`${app.url}/documents`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses state changes without the CSRF token (403)', async () => {
    const id = await importSample(app);
    expect((await app.client.post(`/documents/${id}/sentences/1/review`, { version: '1' }, false)).status).toBe(403);
    expect((await app.client.post(`/documents/${id}/delete`, {}, false)).status).toBe(403);
    const form = new FormData();
    form.set('text', 'Une phrase.');
    expect((await app.client.postMultipart('/documents', form, false)).status).toBe(403);
    // A multipart post to a route that does not read multipart is refused too.
    expect((await app.client.postMultipart(`/documents/${id}/delete`, new FormData())).status).toBe(403);
    const stranger = await fetch(`${app.url}/documents/${id}/delete`, { method: 'POST', body: new URLSearchParams({ _csrf: 'x'.repeat(43) }), redirect: 'manual' });
    expect(stranger.status).toBe(403);
    expect((await app.store.documents.getDocument(id))).toBeDefined();
  });

  it('answers unknown and malformed ids with 404 pages, never a stack trace', async () => {
    const id = await importSample(app);
    for (const path of ['/documents/99999', '/documents/abc', '/documents/1e3', `/documents/${id}/sentences/0`, `/documents/${id}/sentences/9999`, `/documents/${id}/sentences/x`, '/nowhere', `/documents/${id}/export/nothing`]) {
      const page = await app.client.get(path);
      expect(page.status, path).toBe(404);
      expect(page.text).toContain('Not found');
      expect(page.text).not.toMatch(/at .*\.ts:\d+/);
    }
    expect((await app.client.post('/documents/abc/sentences/1/accept', { finding: '1', version: '1' })).status).toBe(404);
  });

  it('accepts a fix, offers to propagate it, applies it everywhere and learns it', async () => {
    const id = await importSample(app);
    const { sentence, finding } = (await findingOf(app, id, 'corrections/editor', 'Routte'));
    const accepted = await app.client.post(`/documents/${id}/sentences/${sentence.idx + 1}/accept`, {
      finding: String(finding.id),
      suggestion: '0',
      version: String(sentence.version),
      return_to: `/documents/${id}#s-${sentence.idx + 1}`,
    });
    expect(accepted.status).toBe(303);
    expect(accepted.location).toContain('offer_from=Routte');
    const after = (await app.store.documents.getSentence(id, sentence.idx))!;
    expect(after.currentText).toContain('Rutte');
    expect(after.currentText).not.toContain('Routte');
    expect(after.version).toBe(sentence.version + 1);
    // An accept is not a review: the editor says when the sentence is done (issue #13, defect 4).
    expect(after.reviewed).toBe(false);

    const page = await app.client.get(accepted.location!);
    expect(page.text).toMatch(/other occurrences? in the document/);
    const remaining = (await app.store.documents.sentencesContaining(id, 'Routte')).length;
    expect(remaining).toBeGreaterThan(0);

    const preview = await app.client.get(`/documents/${id}/propagate?from=Routte&to=Rutte`);
    expect(preview.status).toBe(200);
    const boxes = [...preview.text.matchAll(/name="sentence" value="(\d+)"/g)].map((m) => m[1]);
    expect(boxes.length).toBe(remaining);
    const applied = await app.client.post(`/documents/${id}/propagate`, { from: 'Routte', to: 'Rutte', sentence: boxes, learn: 'on', return_to: `/documents/${id}` });
    expect(applied.status).toBe(303);
    expect((await app.store.documents.sentencesContaining(id, 'Routte'))).toHaveLength(0);
    expect((await app.store.corrections.listCorrections(id)).find((c) => c.from === 'Routte')?.to).toBe('Rutte');

    const text = await (await fetch(`${app.url}/documents/${id}/export/text`)).text();
    expect(text).not.toContain('Routte');
    expect(text.match(/Rutte/g)!.length).toBe(SAMPLE.toString().match(/R(o)?utte/g)!.length);
    const report = JSON.parse(await (await fetch(`${app.url}/documents/${id}/export/report.json`)).text());
    const editorFindings = report.findings.filter((f: { ruleId: string; flaggedText: string }) => f.ruleId === 'corrections/editor' && f.flaggedText === 'Routte');
    expect(editorFindings.length).toBeGreaterThan(1);
    expect(editorFindings.every((f: { decision: string }) => f.decision === 'accepted')).toBe(true);
    expect(report.quality.mqmPer1000).toBeGreaterThan(0);
    expect(report.quality.hter).toBeGreaterThan(0);
  });

  it('rejects a finding with a reason, keeps it rejected, and undoes', async () => {
    const id = await importSample(app);
    const { sentence, finding } = (await findingOf(app, id, 'spelling/fr'));
    const n = sentence.idx + 1;
    const rejected = await app.client.post(`/documents/${id}/sentences/${n}/reject`, { finding: String(finding.id), reason: 'un nom propre', version: String(sentence.version) });
    expect(rejected.status).toBe(303);
    expect((await app.store.findings.getFinding(finding.id))!.rejected).toBe(true);
    const page = await app.client.get(`/documents/${id}/sentences/${n}`);
    expect(page.text).toContain('un nom propre');
    const undone = await app.client.post(`/documents/${id}/sentences/${n}/undo`, { version: String((await app.store.documents.getSentence(id, sentence.idx))!.version) });
    expect(undone.status).toBe(303);
    expect((await app.store.findings.getFinding(finding.id))!.rejected).toBe(false);
  });

  it('edits a sentence, keeps its history, and undoes the edit', async () => {
    const id = await importSample(app);
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    const edited = await app.client.post(`/documents/${id}/sentences/1/edit`, { text: '« Après avoir négocié avec Poutine, il ne peut plus envahir l\'Ukraine »', version: String(sentence.version) });
    expect(edited.status).toBe(303);
    expect((await app.store.documents.getSentence(id, 0))!.currentText).toContain('négocié avec Poutine');
    // The separator before the next line is kept: the export keeps the layout.
    const text = await (await fetch(`${app.url}/documents/${id}/export/text`)).text();
    expect(text.split('\n').length).toBe(SAMPLE.toString().split('\n').length);
    const page = await app.client.get(`/documents/${id}/sentences/1`);
    expect(page.text).toContain('edited by hand');
    expect(page.text).toContain('<ins class="w">avec </ins>');
    await app.client.post(`/documents/${id}/sentences/1/undo`, { version: String((await app.store.documents.getSentence(id, 0))!.version) });
    expect((await app.store.documents.getSentence(id, 0))!.currentText).toBe(sentence.currentText);
    const patch = await (await fetch(`${app.url}/documents/${id}/export/patch`)).text();
    expect(patch).not.toContain('+«');
  });

  it('answers a save with a stale version with 409 showing both versions', async () => {
    const id = await importSample(app);
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Première version enregistrée.', version: String(sentence.version) });
    const stale = await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Seconde version, périmée.', version: String(sentence.version) });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Première version enregistrée.');
    expect(stale.text).toContain('périmée');
    expect((await app.store.documents.getSentence(id, 0))!.currentText).toContain('Première version enregistrée.');
  });

  it('answers review.js with the re-rendered sentence and header', async () => {
    const id = await importSample(app);
    const { sentence, finding } = (await findingOf(app, id, 'typography/space-before-percent'));
    const response = await app.client.post(
      `/documents/${id}/sentences/${sentence.idx + 1}/accept`,
      { finding: String(finding.id), suggestion: '0', version: String(sentence.version), return_to: `/documents/${id}` },
      true,
      { 'x-requested-with': 'relecture' },
    );
    expect(response.status).toBe(200);
    const data = JSON.parse(response.text);
    expect(data.sentence).toBe(sentence.idx + 1);
    expect(data.html).toContain(`id="s-${sentence.idx + 1}"`);
    expect(data.header).toContain('reviewed');
  });

  it('filters by category, severity, status and text', async () => {
    const id = await importSample(app);
    const all = await app.client.get(`/documents/${id}?status=all`);
    const count = (html: string) => (html.match(/<article class="sentence/g) ?? []).length;
    const byCategory = await app.client.get(`/documents/${id}?category=accuracy%2Funtranslated&status=flagged`);
    expect(count(byCategory.text)).toBeGreaterThan(0);
    expect(count(byCategory.text)).toBeLessThan(count(all.text));
    expect(byCategory.text).toContain('untranslated/');
    const search = await app.client.get(`/documents/${id}?status=all&q=Pistorius`);
    expect(count(search.text)).toBe(2);
    const reviewed = await app.client.get(`/documents/${id}?status=reviewed`);
    expect(count(reviewed.text)).toBe(0);
    const paged = await app.client.get(`/documents/${id}?page=999`);
    expect(paged.status).toBe(200);
  });

  it('keeps a corrections list: add, remove, export as TSV, re-import into the next document', async () => {
    const id = await importSample(app);
    const added = await app.client.post(`/documents/${id}/corrections`, { from: 'Zelenski', to: 'Zelensky', note: 'presse française' });
    expect(added.status).toBe(303);
    const bad = await app.client.post(`/documents/${id}/corrections`, { from: 'Rutte', to: 'Rutte', note: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('corrected to itself');
    const zelenski = (await findingOf(app, id, 'corrections/editor', 'Zelenski'));
    expect(zelenski.finding.suggestions).toEqual(['Zelensky']);
    const tsv = await (await fetch(`${app.url}/documents/${id}/corrections.tsv`)).text();
    expect(tsv).toContain('Zelenski\tZelensky\tpresse française\n');

    const next = await app.client.postMultipart('/documents', uploadForm(SAMPLE, 'next.txt', { content: tsv, name: 'exported.tsv' }));
    const nextId = Number(/(\d+)$/.exec(next.location!)![1]);
    expect((await app.store.corrections.listCorrections(nextId)).map((c) => c.from)).toEqual(['Routte', 'Ucraians', 'Zelenski']);

    const entry = (await app.store.corrections.listCorrections(id)).find((c) => c.from === 'Zelenski')!;
    expect((await app.client.post(`/documents/${id}/corrections/${entry.id}/delete`, {})).status).toBe(303);
    expect((await app.store.corrections.listCorrections(id)).some((c) => c.from === 'Zelenski')).toBe(false);
    await expect(findingOf(app, id, 'corrections/editor', 'Zelenski')).rejects.toThrow();

    const imported = new FormData();
    imported.set('file', new Blob(['[{"from": "Hegseth", "to": "Hegseth Pete"}]']), 'list.json');
    expect((await app.client.postMultipart(`/documents/${id}/corrections/import`, imported)).status).toBe(303);
    expect((await app.store.corrections.listCorrections(id)).some((c) => c.from === 'Hegseth')).toBe(true);
  });

  it('exports the report as CSV with a row per finding', async () => {
    const id = await importSample(app);
    const csv = await (await fetch(`${app.url}/documents/${id}/export/report.csv`)).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('sentence,flaggedText,ruleId,category,severity,decision,author,reason,message,suggestions,sentenceBefore,sentenceAfter,source');
    expect(lines.length).toBeGreaterThan(20);
    expect(csv).toContain('corrections/editor');
  });
});
