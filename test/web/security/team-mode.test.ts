import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../../src/web/accounts/account-store.ts';
import { hashPassword } from '../../../src/web/accounts/passwords.ts';
import { SqliteAccountStore } from '../../../src/web/accounts/sqlite-account-store.ts';
import { createApp } from '../../../src/web/app.ts';
import { isLoopback, signInAtStart } from '../../../src/web/security/bind-address.ts';
import { ROUTE_ACCESS, type Access } from '../../../src/web/security/route-roles.ts';
import { hashToken, safeNext, SESSION_COOKIE } from '../../../src/web/security/sign-in.ts';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { type ReviewStore } from '../../../src/web/store/review-store.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import { checker, Client, removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { importForm } from '../reliability/forms.ts';

const PASSWORDS: Record<string, string> = { ada: 'ada-admin-pass-9', rita: 'rita-reviews-42', vic: 'vic-only-reads-7' };
const ROLE_OF: Record<string, Role> = { ada: 'admin', rita: 'reviewer', vic: 'viewer' };

/** Every (method, path) the app registers, read from Express's own router. */
function registeredRoutes(app: Express): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  const walk = (stack: Array<{ route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }>) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) out.push({ method: method.toUpperCase(), path: layer.route.path });
      else if (layer.handle?.stack) walk(layer.handle.stack as never);
    }
  };
  walk((app as unknown as { router: { stack: never } }).router.stack);
  return out;
}

async function signIn(app: TestApp, name: string, password = PASSWORDS[name]): Promise<Client> {
  const client = new Client(app.url);
  await client.get('/login');
  const response = await client.post('/login', { username: name, password });
  if (response.status !== 303) throw new Error(`sign-in of ${name} answered ${response.status}`);
  return client;
}

describe('the route table', () => {
  it('gives every route the app registers a role, and names no route that does not exist', async () => {
    const store = openSqliteStore(':memory:');
    const app = createApp({ store, checker: checker(), options: { lang: 'en' } });
    const registered = registeredRoutes(app).map((r) => `${r.method} ${r.path}`);
    const table = ROUTE_ACCESS.map((r) => `${r.method} ${r.path}`);
    expect(registered.filter((route) => !table.includes(route)), 'routes without a line in src/web/security/route-roles.ts').toEqual([]);
    expect(table.filter((route) => !registered.includes(route)), 'lines of the table no route answers').toEqual([]);
    expect(new Set(table).size).toBe(table.length);
    await store.close();
  });
});

describe('team mode: sign-in, roles, authorship', () => {
  let app: TestApp;
  let accounts: SqliteAccountStore;
  let id: number;
  let log: string[];
  const clients: Record<string, Client> = {};

  beforeAll(async () => {
    app = await startTestApp({ signIn: { maxFailuresPerName: 3, windowMs: 60_000 } });
    accounts = new SqliteAccountStore(app.store.database);
    for (const [name, role] of Object.entries(ROLE_OF)) await accounts.addUser(name, role, await hashPassword(PASSWORDS[name]));
    // Everything the app prints from here on, to look for passwords in it.
    log = [];
    for (const method of ['log', 'error', 'warn', 'info'] as const) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void log.push(args.map(String).join(' ')));
    for (const name of Object.keys(ROLE_OF)) clients[name] = await signIn(app, name);
    const imported = await clients.rita.postMultipart('/documents', importForm({ content: 'Le Routte a parlé. Mark Rutte est arrivé hier. Le Routte est parti.\n', name: 'a.txt' }, {}, { content: 'Routte\tRutte\n', name: 'c.tsv' }));
    expect(imported.status).toBe(303);
    id = Number(/\/documents\/(\d+)$/.exec(imported.location!)![1]);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await app.close();
    removeDir(app.dir);
  });

  /** A concrete URL for a table line: real ids where reading is harmless, unknown ones where the route would destroy the fixture. */
  async function urlFor(method: string, path: string): Promise<string> {
    const destructive = /\/delete$|\/remove$|\/assign$|\/role$/.test(path);
    const correction = (await app.store.corrections.listCorrections(id))[0]?.id ?? 1;
    return path
      .replace(':id', String(destructive ? 999_999 : id))
      .replace(':n', '1')
      .replace(':cid', String(method === 'POST' ? 999_999 : correction))
      .replace(':name', path.includes('/export/') ? 'report.csv' : 'no-such-user');
  }

  async function call(client: Client, method: string, url: string) {
    if (method === 'GET') {
      const response = await fetch(app.url + url, { headers: { cookie: client.cookie, accept: 'text/html' }, redirect: 'manual' });
      return { status: response.status, text: await response.text(), location: response.headers.get('location') };
    }
    return client.post(url, { version: '1', text: 'x', from: 'a', to: 'b', user: '', role: 'viewer' });
  }

  const below = (role: Role, access: Access) => access !== 'public' && ['viewer', 'reviewer', 'admin'].indexOf(role) < ['viewer', 'reviewer', 'admin'].indexOf(access);

  it('answers every route as nobody with the sign-in page (GET) or 401, as each role with 403 where the role is too low', async () => {
    const nobody = new Client(app.url);
    await nobody.get('/login');
    const failures: string[] = [];
    // Signing out is tried last, on its own: in the loop it would sign the callers out.
    for (const { method, path, access } of ROUTE_ACCESS.filter((r) => r.path !== '/logout')) {
      const url = (await urlFor(method, path));
      if (access !== 'public') {
        const answer = await call(nobody, method, url);
        const ok = method === 'GET' ? answer.status === 303 && answer.location?.startsWith('/login?next=') : answer.status === 401;
        if (!ok) failures.push(`nobody ${method} ${url} → ${answer.status}`);
      }
      for (const name of ['vic', 'rita', 'ada']) {
        const answer = await call(clients[name], method, url);
        if (below(ROLE_OF[name], access)) {
          if (answer.status !== 403 || !answer.text.includes(`needs the ${access} role`)) failures.push(`${name} ${method} ${url} → ${answer.status}, expected 403`);
        } else if ([401, 403, 500].includes(answer.status) && !(path === '/login' && method === 'POST')) {
          failures.push(`${name} (${ROLE_OF[name]}) ${method} ${url} → ${answer.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Nothing was deleted on the way.
    expect((await app.store.documents.getDocument(id))).toBeDefined();
    expect(await accounts.countUsers()).toBe(3);
  });

  it('lets a viewer read and export, not change', async () => {
    expect((await clients.vic.get(`/documents/${id}`)).status).toBe(200);
    expect((await fetch(`${app.url}/documents/${id}/export/report.csv`, { headers: { cookie: clients.vic.cookie } })).status).toBe(200);
    const before = (await app.store.documents.getSentence(id, 0))!;
    expect((await clients.vic.post(`/documents/${id}/sentences/1/edit`, { version: String(before.version), text: 'changé' })).status).toBe(403);
    expect((await app.store.documents.getSentence(id, 0))!.currentText).toBe(before.currentText);
  });

  it('records who imported, accepted, edited and rejected, and shows it in the history and the report', async () => {
    expect((await app.store.documents.getDocument(id))!.createdBy).toBe('rita');
    const sentence = (await app.store.documents.getSentence(id, 2))!;
    const finding = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.ruleId === 'corrections/editor')!;
    expect((await clients.rita.post(`/documents/${id}/sentences/3/accept`, { finding: String(finding.id), suggestion: '0', version: String(sentence.version) })).status).toBe(303);
    const edited = (await app.store.documents.getSentence(id, 1))!;
    expect((await clients.ada.post(`/documents/${id}/sentences/2/edit`, { version: String(edited.version), text: 'Mark Rutte est arrivé lundi.' })).status).toBe(303);
    expect((await app.store.decisions.history(sentence.id)).map((d) => `${d.kind}:${d.actor}`)).toEqual(['accept:rita']);
    expect((await app.store.decisions.history(edited.id)).map((d) => `${d.kind}:${d.actor}`)).toEqual(['edit:ada']);
    const page = await clients.vic.get(`/documents/${id}/sentences/3`);
    expect(page.text).toMatch(/accept<\/span>[^]*by <strong>rita<\/strong>/);

    const csv = await (await fetch(`${app.url}/documents/${id}/export/report.csv`, { headers: { cookie: clients.vic.cookie } })).text();
    const [header, ...rows] = csv.trimEnd().split('\r\n');
    const columns = header.split(',');
    expect(columns).toContain('author');
    const accepted = rows.find((row) => row.includes('corrections/editor') && row.includes('accepted'))!;
    expect(accepted.split(',')[columns.indexOf('author')]).toBe('rita');
    const json = JSON.parse(await (await fetch(`${app.url}/documents/${id}/export/report.json`, { headers: { cookie: clients.vic.cookie } })).text());
    expect(json.document.importedBy).toBe('rita');
    expect(json.findings.find((f: { decision: string }) => f.decision === 'accepted').author).toBe('rita');
  });

  it('names who made the other change when two editors save the same version', async () => {
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    const version = String(sentence.version);
    expect((await clients.ada.post(`/documents/${id}/sentences/1/edit`, { version, text: 'Le Rutte a parlé.' })).status).toBe(303);
    const second = await clients.rita.post(`/documents/${id}/sentences/1/edit`, { version, text: 'Le Rutte avait parlé.' });
    expect(second.status).toBe(409);
    expect(second.text).toContain('was saved by <strong>ada</strong> (edit');
    const fragment = await clients.rita.post(`/documents/${id}/sentences/1/edit`, { version, text: 'Le Rutte a dit.' }, true, { 'x-requested-with': 'relecture' });
    expect(JSON.parse(fragment.text)).toMatchObject({ conflict: true, changedBy: 'ada' });
  });

  it('tells an open page which sentences others changed, and who (review.js polls it)', async () => {
    const stamps = async () => (await (await fetch(`${app.url}/documents/${id}/versions?sentences=1,2,3,x,99`, { headers: { cookie: clients.vic.cookie } })).json()).sentences;
    const before = await stamps();
    expect(Object.keys(before)).toEqual(['1', '2', '3']);
    const sentence = (await app.store.documents.getSentence(id, 1))!;
    expect((await clients.rita.post(`/documents/${id}/sentences/2/edit`, { version: String(sentence.version), text: 'Mark Rutte est venu lundi.' })).status).toBe(303);
    const after = await stamps();
    expect(after['2']).toMatchObject({ version: sentence.version + 1, kind: 'edit', by: 'rita' });
    expect(after['2'].stamp).not.toBe(before['2'].stamp);
    expect(after['1'].stamp).toBe(before['1'].stamp);
    // A rejection does not change the text, but the page is out of date all the same.
    const finding = (await app.store.findings.activeFindings([(await app.store.documents.getSentence(id, 2))!.id])).get((await app.store.documents.getSentence(id, 2))!.id)![0];
    if (finding) {
      await clients.ada.post(`/documents/${id}/sentences/3/reject`, { finding: String(finding.id) });
      expect((await stamps())['3']).toMatchObject({ kind: 'reject', by: 'ada' });
    }
  });

  it('lets an admin assign a document, and a reviewer list what is assigned to them', async () => {
    const other = await clients.rita.postMultipart('/documents', importForm({ content: 'Un autre texte ici.\n', name: 'b.txt' }));
    const otherId = Number(/\/documents\/(\d+)$/.exec(other.location!)![1]);
    expect((await clients.ada.post(`/documents/${otherId}/assign`, { user: 'rita' })).status).toBe(303);
    expect((await clients.ada.post(`/documents/${otherId}/assign`, { user: 'nobody-such' })).status).toBe(400);
    expect((await clients.rita.post(`/documents/${otherId}/assign`, { user: 'rita' })).status).toBe(403);
    const mine = await clients.rita.get('/documents?mine=1');
    expect(mine.text).toContain('b.txt');
    expect(mine.text).not.toContain('a.txt');
    expect((await clients.vic.get('/documents?mine=1')).text).toContain('No document is assigned to you');
    expect((await clients.rita.get('/documents')).text).toContain('a.txt');
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, Secure behind a TLS proxy, and renews it at sign-in', async () => {
    const client = new Client(app.url);
    await client.get('/login');
    // A token planted before sign-in (session fixation) is not the one signed in.
    client.cookies.set(SESSION_COOKIE, 'A'.repeat(43));
    const response = await fetch(`${app.url}/login`, {
      method: 'POST',
      headers: { cookie: client.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: client.token, username: 'vic', password: PASSWORDS.vic }),
      redirect: 'manual',
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(cookie).not.toContain('A'.repeat(43));

    const proxied = await startTestApp({ trustProxy: 'loopback' }, app.dir + '-proxied');
    try {
      const proxyAccounts = new SqliteAccountStore(proxied.store.database);
      await proxyAccounts.addUser('vic', 'viewer', await hashPassword(PASSWORDS.vic));
      // Over HTTPS the CSRF cookie is the __Host- one (#16): the form is fetched through the proxy too.
      const form = await fetch(`${proxied.url}/login`, { headers: { 'x-forwarded-proto': 'https' } });
      const csrfCookie = form.headers.getSetCookie().find((c) => c.startsWith('__Host-relecture_csrf='))!.split(';')[0];
      const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
      const answer = await fetch(`${proxied.url}/login`, {
        method: 'POST',
        headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
        body: new URLSearchParams({ _csrf: csrfToken, username: 'vic', password: PASSWORDS.vic }),
        redirect: 'manual',
      });
      expect(answer.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(/;\s*Secure/i);
    } finally {
      await proxied.close();
      removeDir(proxied.dir);
    }
  });

  it('refuses a forged, a stale, a signed-out and a removed user’s session', async () => {
    const forged = new Client(app.url);
    forged.cookies.set(SESSION_COOKIE, 'x'.repeat(43));
    expect((await forged.get(`/documents/${id}`)).status).toBe(303);
    forged.cookies.set(SESSION_COOKIE, 'not a token; really');
    expect((await forged.get(`/documents/${id}`)).status).toBe(303);

    // Stale: the session's time ran out.
    const stale = await signIn(app, 'vic');
    app.store.database.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE token_hash = ?").run(hashToken(stale.cookies.get(SESSION_COOKIE)!));
    expect((await stale.get(`/documents/${id}`)).status).toBe(303);

    const leaving = await signIn(app, 'vic');
    const token = leaving.cookies.get(SESSION_COOKIE)!;
    expect((await leaving.post('/logout', {})).location).toBe('/login');
    const replay = new Client(app.url);
    replay.cookies.set(SESSION_COOKIE, token);
    expect((await replay.get(`/documents/${id}`)).status).toBe(303);

    await accounts.addUser('temp', 'reviewer', await hashPassword('temporary-pass'));
    const temp = await signIn(app, 'temp', 'temporary-pass');
    expect((await temp.get(`/documents/${id}`)).status).toBe(200);
    expect((await clients.ada.post('/users/temp/remove', {})).status).toBe(303);
    expect((await temp.get(`/documents/${id}`)).status).toBe(303);
  });

  it('keeps the session in the database: a second app on the same database knows it (restart, another process)', async () => {
    const store = openSqliteStore(app.dbFile);
    const second = createApp({ store, checker: checker(), options: { lang: 'en' } });
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const s = second.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
      const page = await fetch(`${url}/documents/${id}`, { headers: { cookie: clients.vic.cookie }, redirect: 'manual' });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Signed in as <strong>vic</strong>');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
  });

  it('limits failed sign-ins per name, counted in the database so that every process sees them', async () => {
    await accounts.addUser('paula', 'viewer', await hashPassword('paula-right-pass'));
    const attacker = new Client(app.url);
    await attacker.get('/login');
    for (let i = 0; i < 3; i++) expect((await attacker.post('/login', { username: 'paula', password: `guess-${i}` })).status).toBe(401);
    const limited = await attacker.post('/login', { username: 'paula', password: 'paula-right-pass' });
    expect(limited.status).toBe(429);
    expect(limited.text).toContain('Too many failed sign-ins for this name');
    // Another app process on the same database refuses too.
    const store = openSqliteStore(app.dbFile);
    const second = createApp({ store, checker: checker(), options: { lang: 'en', signIn: { maxFailuresPerName: 3, windowMs: 60_000 } } });
    const server = await new Promise<import('node:http').Server>((resolve) => {
      const s = second.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const other = new Client(`http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`);
      await other.get('/login');
      expect((await other.post('/login', { username: 'paula', password: 'paula-right-pass' })).status).toBe(429);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
    }
    // Other names are not locked out.
    expect((await signIn(app, 'vic')).cookies.has(SESSION_COOKIE)).toBe(true);
  });

  it('lets an admin manage users from the Users page', async () => {
    expect((await clients.ada.get('/users')).text).toContain('rita');
    expect((await clients.ada.post('/users', { name: 'newbie', role: 'reviewer', password: 'short' })).status).toBe(400);
    expect((await clients.ada.post('/users', { name: 'newbie', role: 'reviewer', password: 'newbie-password-1' })).status).toBe(303);
    expect((await clients.ada.post('/users', { name: 'newbie', role: 'reviewer', password: 'newbie-password-1' })).status).toBe(409);
    expect((await clients.ada.post('/users/newbie/role', { role: 'viewer' })).status).toBe(303);
    expect((await accounts.findUser('newbie'))!.role).toBe('viewer');
    expect((await signIn(app, 'newbie', 'newbie-password-1')).cookies.has(SESSION_COOKIE)).toBe(true);
    expect((await clients.ada.post('/users/ada/remove', {})).status).toBe(409);
  });

  it('never logs or stores a password in clear (the database files and everything the app printed)', async () => {
    const secrets = [...Object.values(PASSWORDS), 'temporary-pass', 'paula-right-pass', 'newbie-password-1', 'guess-0'];
    app.store.database.pragma('wal_checkpoint(TRUNCATE)');
    const files = readdirSync(app.dir).map((file) => readFileSync(join(app.dir, file)));
    for (const secret of secrets) {
      for (const bytes of files) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
      expect(log.join('\n')).not.toContain(secret);
    }
    const stored = app.store.database.prepare('SELECT password_hash FROM users').all() as Array<{ password_hash: string }>;
    expect(stored.every((row) => row.password_hash.startsWith('$argon2id$'))).toBe(true);
    // Sessions are kept as hashes of their tokens, never the token the cookie carries.
    const token = clients.vic.cookies.get(SESSION_COOKIE)!;
    for (const bytes of files) expect(bytes.includes(Buffer.from(token))).toBe(false);
  });
});

describe('when sign-in applies', () => {
  it('tells loopback addresses from the others', async () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1']) expect(isLoopback(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.4', 'example.org', '::ffff:10.0.0.1']) expect(isLoopback(host), host).toBe(false);
  });

  it('runs single-user on loopback with no user, requires sign-in beyond it, and refuses to start beyond it with no user', async () => {
    expect(signInAtStart('127.0.0.1', 0)).toEqual({ requireSignIn: false });
    expect(signInAtStart('127.0.0.1', 2)).toEqual({ requireSignIn: false });
    expect(signInAtStart('0.0.0.0', 1)).toEqual({ requireSignIn: true });
    expect(signInAtStart('0.0.0.0', 0).refusal).toMatch(/refusing to listen on 0\.0\.0\.0.*relecture users add NAME --role admin/);
  });

  it('refuses to start on a non-loopback address with no user, saying how to add one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relecture-bind-'));
    try {
      const result = spawnSync(process.execPath, ['dist/server.js'], { env: { ...process.env, HOST: '0.0.0.0', PORT: '0', RELECTURE_DB: join(dir, 'r.db'), DATABASE_URL: '' }, encoding: 'utf8', timeout: 30_000 });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('refusing to listen on 0.0.0.0');
      expect(result.stderr).toContain('relecture users add NAME --role admin');
    } finally {
      removeDir(dir);
    }
  });

  it('turns sign-in on for the running app as soon as a user is added (from the CLI or another process)', async () => {
    const app = await startTestApp();
    try {
      expect((await app.client.get('/documents')).status).toBe(200);
      await new SqliteAccountStore(app.store.database).addUser('late', 'admin', await hashPassword('late-admin-pass'));
      const again = await app.client.get('/documents');
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toBe('/login?next=%2Fdocuments');
    } finally {
      await app.close();
      removeDir(app.dir);
    }
  });

  it('with requireSignIn (a non-loopback bind) signs nobody in while there is no user', async () => {
    const app = await startTestApp({ requireSignIn: true });
    try {
      expect((await app.client.get('/documents')).status).toBe(303);
      await app.client.get('/login');
      expect((await app.client.post('/login', { username: 'x', password: 'whatever-long' })).status).toBe(401);
    } finally {
      await app.close();
      removeDir(app.dir);
    }
  });

  it('sends a signed-in user back only to a path of this site', async () => {
    expect(safeNext('/documents/3?x=1')).toBe('/documents/3?x=1');
    for (const bad of ['//evil.example', '/\\evil', 'https://evil.example/', '/login?next=/x', undefined]) expect(safeNext(bad)).toBe('/documents');
  });
});
