import express from 'express';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfProtection, tokenFor } from '../../../src/web/security/csrf.ts';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { importText } from '../reliability/forms.ts';

/** A raw request, so that Host, Origin and Cookie are sent exactly as given (fetch sets Host itself). */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; text: string; setCookie: string[] }> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text, setCookie: res.headers['set-cookie'] ?? [] }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('CSRF tied to the server, Origin and Host checks', () => {
  let app: TestApp;
  let host: string;
  const form = 'application/x-www-form-urlencoded';
  beforeAll(async () => {
    app = await startTestApp();
    host = new URL(app.url).host;
    await app.client.get('/documents/new');
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  const newDocument = () => importText(app, 'Une phrase à garder.\n', 'garder.txt');

  // Bug: the double-submit check took any well-formed cookie value as proof, and
  // a page on another port of 127.0.0.1 can set our cookies (cookies do not
  // separate ports): it planted its own value and posted it as the token.
  it('refuses a planted cookie posted back as its own token (regression: a page on another port deleted a document)', async () => {
    const id = await newDocument();
    const planted = 'A'.repeat(43);
    const response = await raw(app.url, 'POST', `/documents/${id}/delete`, { host, cookie: `relecture_csrf=${planted}`, 'content-type': form }, `_csrf=${planted}`);
    expect(response.status).toBe(403);
    expect((await app.store.documents.getDocument(id))).toBeDefined();
  });

  it('refuses a token signed with another installation’s secret, and takes one signed with this one', async () => {
    const id = await newDocument();
    const cookie = app.client.cookie;
    const value = /relecture_csrf=([^;]+)/.exec(cookie)![1];
    const foreign = tokenFor(Buffer.alloc(32, 7), value);
    expect((await raw(app.url, 'POST', `/documents/${id}/delete`, { host, cookie, 'content-type': form }, `_csrf=${foreign}`)).status).toBe(403);
    expect((await app.store.documents.getDocument(id))).toBeDefined();
    expect((await raw(app.url, 'POST', `/documents/${id}/delete`, { host, cookie, 'content-type': form }, `_csrf=${app.client.token}`)).status).toBe(303);
    expect((await app.store.documents.getDocument(id))).toBeUndefined();
  });

  it('refuses a post whose Origin or Referer is another port or site, even with a valid token', async () => {
    const id = await newDocument();
    const [, port] = host.split(':');
    const other = `http://127.0.0.1:${Number(port) + 1}`;
    const headers = { host, cookie: app.client.cookie, 'content-type': form };
    const body = `_csrf=${app.client.token}`;
    const forged: Array<Record<string, string>> = [{ origin: other }, { origin: 'null' }, { origin: 'http://evil.example' }, { referer: `${other}/attack.html` }, { referer: 'not a url' }];
    for (const extra of forged) {
      const response = await raw(app.url, 'POST', `/documents/${id}/delete`, { ...headers, ...extra }, body);
      expect(response.status, JSON.stringify(extra)).toBe(403);
    }
    // Multipart uploads are checked before multer reads them.
    const boundary = 'xx';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nUne phrase.\r\n--${boundary}--\r\n`;
    const documents = (await app.store.documents.countDocuments());
    expect((await raw(app.url, 'POST', '/documents', { host, cookie: app.client.cookie, origin: other, 'content-type': `multipart/form-data; boundary=${boundary}` }, multipart)).status).toBe(403);
    expect((await app.store.documents.countDocuments())).toBe(documents);
    expect((await app.store.documents.getDocument(id))).toBeDefined();
    // The page's own origin passes.
    expect((await raw(app.url, 'POST', `/documents/${id}/delete`, { ...headers, origin: app.url, referer: `${app.url}/documents` }, body)).status).toBe(303);
  });

  // Bug: any Host was answered, so a page on a name resolving to 127.0.0.1 (DNS
  // rebinding) read documents and deleted one.
  it('answers only its own host names (regression: DNS rebinding read and deleted documents)', async () => {
    const id = await newDocument();
    const [, port] = host.split(':');
    for (const name of ['evil.example', `evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, `localhost.evil.example:${port}`]) {
      const page = await raw(app.url, 'GET', `/documents/${id}`, { host: name });
      expect(page.status, name).toBe(421);
      expect(page.text).not.toContain('Une phrase à garder');
      const deleted = await raw(app.url, 'POST', `/documents/${id}/delete`, { host: name, cookie: app.client.cookie, 'content-type': form }, `_csrf=${app.client.token}`);
      expect(deleted.status, name).toBe(421);
    }
    expect((await app.store.documents.getDocument(id))).toBeDefined();
    for (const name of [host, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) expect((await raw(app.url, 'GET', '/documents', { host: name })).status, name).toBe(200);
  });

  it('answers the names of RELECTURE_ALLOWED_HOSTS (allowedHosts), on any port or the one given', async () => {
    const named = await startTestApp({ allowedHosts: ['relecture.example', 'review.example:8443'] });
    try {
      expect((await raw(named.url, 'GET', '/documents', { host: 'relecture.example' })).status).toBe(200);
      expect((await raw(named.url, 'GET', '/documents', { host: 'relecture.example:9999' })).status).toBe(200);
      expect((await raw(named.url, 'GET', '/documents', { host: 'review.example:8443' })).status).toBe(200);
      expect((await raw(named.url, 'GET', '/documents', { host: 'review.example' })).status).toBe(421);
    } finally {
      await named.close();
      removeDir(named.dir);
    }
  });

  // Bug: decodeURIComponent threw on a malformed % in the cookie: every page
  // answered 500, and another port could plant such a cookie to lock a browser out.
  it('does not lock a browser out with a malformed cookie, planted or not (regression: 500 on every page)', async () => {
    const page = await raw(app.url, 'GET', '/documents', { host, cookie: 'relecture_csrf=%E0%A4%A; other=%' });
    expect(page.status).toBe(200);
    const fresh = /relecture_csrf=([^;]+)/.exec(page.setCookie.join('\n'))![1];
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    // The browser now sends the planted cookie first (longer path), then ours: ours is used, for the page and the post alike.
    const both = `relecture_csrf=%E0%A4%A; relecture_csrf=${fresh}`;
    const again = await raw(app.url, 'GET', '/documents', { host, cookie: both });
    expect(again.status).toBe(200);
    expect(again.text).toContain(`value="${token}"`);
    const id = await newDocument();
    expect((await raw(app.url, 'POST', `/documents/${id}/delete`, { host, cookie: both, 'content-type': form }, `_csrf=${token}`)).status).toBe(303);
  });
});

describe('the CSRF cookie over HTTPS', () => {
  it('is a __Host- cookie, Secure, Path=/, and the plain name is not taken for it', async () => {
    const secret = Buffer.alloc(32, 1);
    const app = express();
    // As behind TLS: req.secure is what Express reports for an HTTPS request.
    app.use((req, _res, next) => (Object.defineProperty(req, 'secure', { value: true }), next()));
    app.use(express.urlencoded({ extended: false }));
    app.use(csrfProtection(secret, []));
    app.all('/', (_req, res) => void res.send(String(res.locals.csrfToken)));
    app.use(((error, _req, res, _next) => void res.status(error.status ?? 500).send('refused')) as express.ErrorRequestHandler);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const first = await fetch(url);
      const setCookie = first.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^__Host-relecture_csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
      const value = /__Host-relecture_csrf=([^;]+)/.exec(setCookie)![1];
      const post = (cookie: string) => fetch(url, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${tokenFor(secret, value)}` });
      expect((await post(`__Host-relecture_csrf=${value}`)).status).toBe(200);
      // A cookie without the prefix can be set over plain HTTP or from another port: it does not count.
      expect((await post(`relecture_csrf=${value}`)).status).toBe(403);
    } finally {
      server.close();
    }
  });
});
