import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';
import { importForm } from './reliability/forms.ts';

/** Markup that must come back as text wherever a user can put it. */
const PAYLOAD = `"'><script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)>`;

/** The page shows the payload only escaped: no script of ours but one, no tag, no broken attribute. */
function expectInert(html: string, where: string): void {
  expect(html, where).not.toContain('<script>alert');
  expect(html, where).not.toContain('<img src=x');
  expect(html, where).not.toContain('<svg onload');
  expect(html, where).not.toContain(`"'>`);
  expect(html.match(/<script/g) ?? [], where).toHaveLength(1);
}

describe('review app security', () => {
  let app: TestApp;
  let id: number;
  beforeAll(async () => {
    app = await startTestApp({ maxBytes: 256 * 1024 });
    await app.client.get('/documents/new');
    const created = await app.client.postMultipart(
      '/documents',
      importForm({ content: readFileSync('samples/otan-rutte.mt.fr.txt'), name: 'otan.txt' }, { title: `Titre ${PAYLOAD}` }),
    );
    id = Number(/(\d+)$/.exec(created.location!)![1]);
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('renders every user-controlled field inert', async () => {
    const text = await app.client.postMultipart('/documents', importForm(undefined, { text: `Le texte ${PAYLOAD} continue. Routte ${PAYLOAD}.`, title: PAYLOAD }));
    const textId = Number(/(\d+)$/.exec(text.location!)![1]);
    expect((await app.client.post(`/documents/${id}/corrections`, { from: `Routte${PAYLOAD}`, to: `Rutte${PAYLOAD}`, note: PAYLOAD })).status).toBe(303);
    expect((await app.client.post(`/documents/${textId}/corrections`, { from: 'Routte', to: PAYLOAD, note: PAYLOAD })).status).toBe(303);
    // A rejection reason and an edit carrying the payload.
    const sentence = (await app.store.documents.allSentences(id)).find((s) => s.openFindings > 0)!;
    const finding = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)![0];
    expect((await app.client.post(`/documents/${id}/sentences/${sentence.idx + 1}/reject`, { finding: String(finding.id), reason: PAYLOAD, version: String(sentence.version) })).status).toBe(303);
    expect((await app.client.post(`/documents/${id}/sentences/1/edit`, { text: `Nouveau ${PAYLOAD}`, version: String((await app.store.documents.getSentence(id, 0))!.version) })).status).toBe(303);
    const q = encodeURIComponent(PAYLOAD);
    const pages = [
      '/documents',
      `/documents/${id}`,
      `/documents/${textId}`,
      `/documents/${textId}/sentences/1`,
      `/documents/${id}/sentences/1`,
      `/documents/${id}/sentences/${sentence.idx + 1}`,
      `/documents/${id}/corrections`,
      `/documents/${textId}/corrections`,
      `/documents/${id}?q=${q}`,
      `/documents/${id}?status=${q}&category=${q}&severity=${q}&rule=${q}&page=${q}`,
      `/documents/${id}?notice=${q}`,
      `/documents/${id}?offer_at=1&offer_from=${q}&offer_to=${q}`,
      `/documents/${id}/sentences/1?offer_at=1&offer_from=${q}&offer_to=${q}`,
      `/documents/${textId}/propagate?from=Routte&to=${q}&return_to=${q}`,
      `/documents/${id}/propagate?from=${q}&to=x&return_to=/documents/${id}${q}`,
      `/documents/${q}`,
    ];
    for (const path of pages) expectInert((await app.client.get(path)).text, path);
    // The 409 page shows the submitted text.
    const stale = await app.client.post(`/documents/${id}/sentences/1/edit`, { text: PAYLOAD, version: '1' });
    expect(stale.status).toBe(409);
    expectInert(stale.text, 'conflict page');
    // Refused forms echo what was typed.
    const bad = await app.client.post(`/documents/${id}/corrections`, { from: PAYLOAD, to: PAYLOAD, note: PAYLOAD });
    expect(bad.status).toBe(400);
    expectInert(bad.text, 'refused correction');
    const refused = await app.client.postMultipart('/documents', importForm({ content: Buffer.from('caf\xe9', 'latin1'), name: PAYLOAD }, { title: PAYLOAD }));
    expectInert(refused.text, 'refused import');
    // The fragment answer of review.js carries the same escaped HTML.
    const fragment = await app.client.post(`/documents/${id}/sentences/2/edit`, { text: PAYLOAD, version: String((await app.store.documents.getSentence(id, 1))!.version) }, true, { 'x-requested-with': 'relecture' });
    expect(JSON.parse(fragment.text).html).not.toContain('<script>alert');
    // Downloads are attachments with a name made of letters and dashes only.
    for (const path of ['export/text', 'export/patch', 'export/report.json', 'export/report.csv', 'corrections.tsv']) {
      const response = await fetch(`${app.url}/documents/${id}/${path}`);
      expect(response.headers.get('content-disposition'), path).toMatch(/^attachment; filename="?[a-z0-9.-]+"?$/);
      expect(response.headers.get('content-type')).not.toContain('text/html');
    }
  });

  it('refuses every state-changing route without a valid CSRF token (403), changing nothing', async () => {
    const sentence = (await app.store.documents.getSentence(id, 2))!;
    const correction = (await app.store.corrections.listCorrections(id))[0];
    const posts: Array<[string, Record<string, string>]> = [
      [`/documents/${id}/delete`, {}],
      [`/documents/${id}/sentences/3/accept`, { finding: '1', suggestion: '0', version: String(sentence.version) }],
      [`/documents/${id}/sentences/3/reject`, { finding: '1', version: String(sentence.version) }],
      [`/documents/${id}/sentences/3/edit`, { text: 'Piraté.', version: String(sentence.version) }],
      [`/documents/${id}/sentences/3/undo`, { version: String(sentence.version) }],
      [`/documents/${id}/sentences/3/review`, { version: String(sentence.version) }],
      [`/documents/${id}/propagate`, { from: 'Routte', to: 'Rutte', sentence: '3' }],
      [`/documents/${id}/corrections`, { from: 'a', to: 'b' }],
      [`/documents/${id}/corrections/${correction.id}/delete`, {}],
      ['/documents', { text: 'Une phrase.' }],
      [`/documents/${id}/corrections/import`, {}],
      [`/documents/${id}/grammar`, { grammar: 'off' }],
    ];
    const before = { documents: (await app.store.documents.countDocuments()), corrections: (await app.store.corrections.listCorrections(id)).length, history: (await app.store.decisions.history(sentence.id)).length };
    let refused = 0;
    for (const [path, fields] of posts) {
      // No token at all, a token that is not the cookie's, and a token with no cookie.
      expect((await app.client.post(path, fields, false)).status, path).toBe(403);
      expect((await app.client.post(path, { ...fields, _csrf: 'A'.repeat(43) }, false)).status, path).toBe(403);
      const anonymous = await fetch(app.url + path, { method: 'POST', body: new URLSearchParams({ ...fields, _csrf: app.client.token }), redirect: 'manual' });
      expect(anonymous.status, path).toBe(403);
      const multipart = new FormData();
      for (const [key, value] of Object.entries(fields)) multipart.set(key, value);
      expect((await app.client.postMultipart(path, multipart, false)).status, `${path} multipart`).toBe(403);
      refused += 4;
    }
    expect({ documents: (await app.store.documents.countDocuments()), corrections: (await app.store.corrections.listCorrections(id)).length, history: (await app.store.decisions.history(sentence.id)).length }).toEqual(before);
    expect((await app.store.documents.getSentence(id, 2))!.currentText).toBe(sentence.currentText);
    console.log(`security: ${refused} forged posts on ${posts.length} routes refused with 403`);
  });

  it('never serves a file for a path traversal attempt in an id or an export name', async () => {
    const attempts = [
      '/documents/..%2f..%2fetc/export.txt',
      '/documents/..%2f..%2fetc%2fpasswd/export/text',
      `/documents/${id}/export/..%2f..%2fpasswd`,
      `/documents/${id}/export/..%2F..%2F..%2Fpackage.json`,
      `/documents/${id}/export/%2e%2e/%2e%2e/package.json`,
      '/documents/%2e%2e/%2e%2e/package.json',
      `/documents/${id}/export/text%00.json`,
      '/public/..%2f..%2fpackage.json',
      '/public/%2e%2e/%2e%2e/package.json',
      '/public/..%5c..%5cpackage.json',
      '/public/../../package.json',
      `/documents/${id}/corrections.tsv%2f..%2f..%2fpackage.json`,
    ];
    for (const path of attempts) {
      const response = await fetch(app.url + path, { redirect: 'manual' });
      const body = await response.text();
      expect(response.status, path).toBe(404);
      expect(body, path).not.toContain('"name": "relecture"');
      expect(body, path).not.toContain('root:');
      expect(response.headers.get('content-disposition'), path).toBeNull();
    }
  });

  it('answers unknown or malformed ids with 404 on every route, GET or POST', async () => {
    const bad = ['0', '-1', '99999', 'abc', '1e3', '1.5', '0x10', '%20', '9'.repeat(30)];
    for (const value of bad) {
      for (const path of [`/documents/${value}`, `/documents/${value}/corrections`, `/documents/${value}/export/text`, `/documents/${id}/sentences/${value}`, `/documents/${value}/propagate?from=a&to=b`]) {
        expect((await app.client.get(path)).status, path).toBe(404);
      }
      for (const path of [`/documents/${value}/delete`, `/documents/${id}/sentences/${value}/edit`, `/documents/${value}/sentences/1/edit`, `/documents/${value}/corrections`]) {
        expect((await app.client.post(path, { text: 'x', version: '1', from: 'a', to: 'b' })).status, path).toBe(404);
      }
    }
    // Unknown finding or correction ids inside a known document: a conflict or nothing, never a 500.
    const sentence = (await app.store.documents.getSentence(id, 3))!;
    expect((await app.client.post(`/documents/${id}/sentences/4/accept`, { finding: '99999', suggestion: '0', version: String(sentence.version) })).status).toBe(409);
    expect((await app.client.post(`/documents/${id}/sentences/4/accept`, { finding: '1', suggestion: '99', version: String(sentence.version) })).status).toBe(409);
    expect((await app.client.post(`/documents/${id}/sentences/4/accept`, { finding: 'x', suggestion: '-1', version: 'nope' })).status).toBe(409);
    expect((await app.client.post(`/documents/${id}/sentences/4/reject`, { finding: '99999' })).status).toBe(409);
    expect((await app.client.post(`/documents/${id}/corrections/99999/delete`, {})).status).toBe(303);
  });

  it('refuses oversized form bodies with 413', async () => {
    const before = (await app.store.corrections.listCorrections(id)).length;
    const response = await app.client.post(`/documents/${id}/corrections`, { from: 'a'.repeat(300 * 1024), to: 'b' });
    expect(response.status).toBe(413);
    expect(response.text).toContain('Too large');
    expect((await app.store.corrections.listCorrections(id)).length).toBe(before);
    expect((await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'x'.repeat(300 * 1024), version: '1' })).status).toBe(413);
  });
});

describe('an internal error', () => {
  it('is answered with a plain 500 page, no stack trace, no source path', async () => {
    const app = await startTestApp();
    try {
      await app.client.get('/documents/new');
      // A database that went away under the app (a disk unplugged, a bad file).
      app.store.database.close();
      const errors: unknown[] = [];
      const original = console.error;
      console.error = (...args: unknown[]) => void errors.push(args);
      try {
        for (const path of ['/documents', '/documents/1', '/documents/1/export/text']) {
          const page = await app.client.get(path);
          expect(page.status, path).toBe(500);
          expect(page.text).toContain('Something went wrong');
          expect(page.text).not.toMatch(/at \S+ \(|\.ts:\d+|node_modules|TypeError|database connection/);
        }
        const post = await app.client.post('/documents/1/sentences/1/edit', { text: 'x', version: '1' });
        expect(post.status).toBe(500);
        expect(post.text).not.toMatch(/at \S+ \(|\.ts:\d+|node_modules/);
      } finally {
        console.error = original;
      }
      // The error is logged for the operator, not shown to the editor.
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await app.close().catch(() => undefined);
      removeDir(app.dir);
    }
  });
});
