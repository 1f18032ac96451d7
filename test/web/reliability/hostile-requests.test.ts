import { request } from 'node:http';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCorrections, formatCorrectionsTsv } from '../../../src/corrections/parse-corrections.ts';
import { csvCell } from '../../../src/web/review/document-exports.ts';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { importForm, importText } from './forms.ts';

/**
 * Requests a browser would not send, or that used to get a 500, a garbled name,
 * or text of an attacker's choosing on the page: each gets a clear 4xx, or is
 * made harmless, and stores nothing.
 */

function raw(url: string, path: string, headers: Record<string, string>, body: string | Buffer): Promise<{ status: number; text: string }> {
  const { port, host } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { host, 'content-length': String(Buffer.byteLength(body)), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile requests', () => {
  let app: TestApp;
  const logged: string[] = [];
  const original = console.error;
  beforeAll(async () => {
    app = await startTestApp({ maxBytes: 2 * 1024 * 1024 });
    await app.client.get('/documents/new');
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
  });
  afterAll(async () => {
    console.error = original;
    await app.close();
    removeDir(app.dir);
  });

  // Bug: multer read file names as Latin-1.
  it('keeps an accented upload name as it is (regression: « Élysée – réunion » came out « ÃlysÃ©e â rÃ©union »)', async () => {
    const id = await importText(app, 'Le président a parlé.\n', 'Élysée – réunion.txt');
    expect((await app.store.documents.getDocument(id))!.title).toBe('Élysée – réunion');
    expect((await app.store.documents.getDocument(id))!.sourceName).toBe('Élysée – réunion.txt');
  });

  // Bug: each of these answered 500, and the log printed the start of the body.
  it('answers a truncated or malformed multipart body, a bad file name and charset=utf-7 with a 4xx, storing nothing (regression: 500)', async () => {
    const documents = await app.store.documents.countDocuments();
    const headers = { cookie: app.client.cookie };
    const csrfPart = (boundary: string) => `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${app.client.token}\r\n`;
    const truncated = await raw(app.url, '/documents', { ...headers, 'content-type': 'multipart/form-data; boundary=b' }, `${csrfPart('b')}--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nUne phrase sans fin`);
    expect(truncated.status).toBe(400);
    const noBoundary = await raw(app.url, '/documents', { ...headers, 'content-type': 'multipart/form-data' }, `${csrfPart('b')}--b--\r\n`);
    expect(noBoundary.status).toBe(400);
    for (const name of ['a\u0000b.txt', 'a\r\nSet-Cookie: x=1.txt']) {
      const body = Buffer.concat([
        Buffer.from(`${csrfPart('c')}--c\r\nContent-Disposition: form-data; name="file"; filename="`),
        Buffer.from(name, 'utf8'),
        Buffer.from('"\r\nContent-Type: text/plain\r\n\r\nUne phrase.\r\n--c--\r\n'),
      ]);
      const response = await raw(app.url, '/documents', { ...headers, 'content-type': 'multipart/form-data; boundary=c' }, body);
      expect(response.status, JSON.stringify(name)).toBeGreaterThanOrEqual(400);
      expect(response.status, JSON.stringify(name)).toBeLessThan(500);
    }
    const utf7 = await raw(app.url, '/documents/1/corrections', { ...headers, 'content-type': 'application/x-www-form-urlencoded; charset=utf-7' }, `_csrf=${app.client.token}&from=a&to=b`);
    expect(utf7.status).toBe(415);
    expect(await app.store.documents.countDocuments()).toBe(documents);
    // Nothing of the bodies, tokens included, reached the log.
    expect(logged.join('\n')).not.toContain(app.client.token);
    expect(logged.join('\n')).not.toContain('Une phrase');
  });

  it('refuses lone surrogates in JSON corrections, naming the line (regression: stored as invalid UTF-8)', async () => {
    expect(() => parseCorrections('[\n{"from": "a\\ud800", "to": "b"}\n]', 'c.json')).toThrow(/c\.json:2: the wrong form has a lone surrogate \(U\+D800\)/);
    const id = await importText(app, 'Une phrase.\n', 'lone.txt');
    const form = new FormData();
    form.set('file', new Blob(['[{"from": "x", "to": "\\udc00y"}]']), 'lone.json');
    const response = await app.client.postMultipart(`/documents/${id}/corrections/import`, form);
    expect(response.status).toBe(400);
    expect(await app.store.corrections.listCorrections(id)).toEqual([]);
  });

  it('guards formula cells in the TSV export, leading spaces too, and reads them back as they were (regression: =HYPERLINK left raw)', async () => {
    const tsv = formatCorrectionsTsv([{ from: '=HYPERLINK("http://x")', to: 'lien' }, { from: '@SUM', to: '+1', note: ' -2' }]);
    expect(tsv).toBe(`'=HYPERLINK("http://x")\tlien\n'@SUM\t'+1\t' -2\n`);
    expect(parseCorrections(tsv, 'back.tsv').corrections.map((c) => [c.from, c.to, c.note])).toEqual([
      ['=HYPERLINK("http://x")', 'lien', undefined],
      ['@SUM', '+1', '-2'],
    ]);
    const id = await importText(app, 'Le mot =HYPERLINK("http://x") reste.\n', 'formula.txt');
    expect((await app.client.post(`/documents/${id}/corrections`, { from: '=HYPERLINK("http://x")', to: 'lien' })).status).toBe(303);
    const exported = await (await fetch(`${app.url}/documents/${id}/corrections.tsv`)).text();
    expect(exported.split('\n').every((line) => !/^[=+\-@]/.test(line))).toBe(true);
  });

  it('guards formula cells in the CSV exports after leading spaces too (regression: " =1+1" left raw)', () => {
    expect(csvCell(' =HYPERLINK("http://x")')).toBe(`"' =HYPERLINK(""http://x"")"`);
    expect(csvCell('  @SUM')).toBe(`'  @SUM`);
    expect(csvCell('-2')).toBe(`'-2`);
    expect(csvCell('a = b')).toBe('a = b');
  });

  it('shows only its own notices, never text from the link (regression: ?notice= showed any text)', async () => {
    const id = await importText(app, 'Une phrase.\n', 'notice.txt');
    const forged = await app.client.get(`/documents/${id}?notice=${encodeURIComponent('Votre session a expiré : appelez le 01 23 45 67 89')}`);
    expect(forged.text).not.toContain('appelez');
    expect(forged.text).not.toContain('class="notice"');
    const known = await app.client.get(`/documents/${id}?notice=propagated-learned&n=3&s=2`);
    expect(known.text).toContain('3 occurrences changed in 2 sentences, added to the corrections.');
    const numbersOnly = await app.client.get(`/documents/${id}?notice=propagated&n=${encodeURIComponent('<b>9</b>')}&s=2`);
    expect(numbersOnly.text).toContain('0 occurrences changed in 2 sentences.');
  });

  it('strips right-to-left overrides and control characters from titles (regression: accepted)', async () => {
    const response = await app.client.postMultipart('/documents', importForm(undefined, { text: 'Une phrase.', title: 'facture\u202Etxt.exe\u2066 \u0007fin' }));
    const id = Number(/(\d+)$/.exec(response.location!)![1]);
    expect((await app.store.documents.getDocument(id))!.title).toBe('facturetxt.exe  fin');
    const named = await importText(app, 'Une phrase.\n', 'rapport\u202Efdp.txt');
    expect((await app.store.documents.getDocument(named))!.title).toBe('rapportfdp');
  });

  it('sends pages that show documents with Cache-Control: no-store, and our assets cacheable', async () => {
    const id = await importText(app, 'Une phrase.\n', 'cache.txt');
    for (const path of ['/documents', `/documents/${id}`, `/documents/${id}/sentences/1`, `/documents/${id}/export/text`, `/documents/${id}/corrections`]) {
      expect((await fetch(app.url + path)).headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await fetch(`${app.url}/public/review.js`)).headers.get('cache-control')).toContain('max-age');
  });

  // Bug: the WAL file stayed at 64 MB after a big import.
  it('cuts the WAL file back after a big import (regression: it stayed at 64 MB)', async () => {
    const sentence = 'Le ministre a déclaré que la réunion était utile et que les alliés resteraient unis. ';
    await importText(app, `${sentence.repeat(20_000)}\n`, 'big.txt');
    // The next write after the checkpoint starts the WAL over at its limit.
    await importText(app, 'Une phrase.\n', 'small.txt');
    expect(statSync(`${app.dbFile}-wal`).size).toBeLessThanOrEqual(4 * 1024 * 1024 + 64 * 1024);
  });
});
