import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createChecker, type Checker } from '../../../src/checker.ts';
import { createApp, type AppDeps, type AppOptions } from '../../../src/web/app.ts';
import type { ReviewService } from '../../../src/web/review/review-service.ts';
import type { ReviewStore } from '../../../src/web/store/review-store.ts';
import { openSqliteStore, type SqliteReviewStore } from '../../../src/web/store/sqlite-store.ts';
import { withConnectionTimeouts } from '../../../src/web/http-server.ts';

let sharedChecker: Checker | undefined;
/** Loading the rule pack takes a moment: once per test file is enough. */
export function checker(): Checker {
  sharedChecker ??= createChecker();
  return sharedChecker;
}

export interface TestApp<S extends ReviewStore = SqliteReviewStore> {
  url: string;
  store: S;
  /** The app's review service (and through it the grammar pass), for tests that wait on it. */
  service: ReviewService;
  dbFile: string;
  dir: string;
  client: Client;
  close(): Promise<void>;
}

/** The app on an ephemeral port of 127.0.0.1, with a database in a fresh temporary folder. */
export async function startTestApp(options: AppOptions = {}, dir = mkdtempSync(join(tmpdir(), 'relecture-web-')), deps: Partial<Pick<AppDeps, 'grammalecte' | 'grammar' | 'checker'>> = {}): Promise<TestApp> {
  const dbFile = join(dir, 'review.db');
  return startTestAppOn(openSqliteStore(dbFile), options, dir, deps, dbFile);
}

/** The same app on a store the test opened (PostgreSQL: route tests run on both databases); the app closes it. */
export async function startTestAppOn<S extends ReviewStore>(store: S, options: AppOptions = {}, dir = mkdtempSync(join(tmpdir(), 'relecture-web-')), deps: Partial<Pick<AppDeps, 'grammalecte' | 'grammar' | 'checker' | 'accounts'>> = {}, dbFile = ''): Promise<TestApp<S>> {
  // Tests read the English labels unless they ask for French (the app's default).
  const app = createApp({ store, checker: checker(), options: { lang: 'en', ...options }, ...deps });
  const server: Server = await new Promise((resolve) => {
    const s = withConnectionTimeouts(app.listen(0, '127.0.0.1', () => resolve(s)));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    service: app.locals.service,
    dbFile,
    dir,
    client: new Client(url),
    async close() {
      // A browser's keep-alive or polling connection must not hold the close up.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.locals.service.stop();
      await store.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A browser-like client: keeps the CSRF cookie and reads the token from pages. */
export class Client {
  /** Every cookie the app set (CSRF token, session), as a browser keeps them. */
  readonly cookies = new Map<string, string>();
  token = '';

  constructor(readonly base: string) {}

  get cookie(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  set cookie(header: string) {
    this.cookies.clear();
    for (const part of header.split(';')) {
      const [name, ...value] = part.trim().split('=');
      if (name) this.cookies.set(name, value.join('='));
    }
  }

  async get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
    const response = await fetch(this.base + path, { headers: { cookie: this.cookie }, redirect: 'manual' });
    this.remember(response);
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.token = token[1];
    return { status: response.status, text, headers: response.headers };
  }

  /** Posts a form; `_csrf` is added unless `withToken` is false. */
  async post(path: string, fields: Record<string, string | string[]>, withToken = true, extraHeaders: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
    if (!this.token) await this.get('/documents');
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    if (withToken) body.set('_csrf', this.token);
    const response = await fetch(this.base + path, { method: 'POST', body, headers: { cookie: this.cookie, ...extraHeaders }, redirect: 'manual' });
    this.remember(response);
    return { status: response.status, text: await response.text(), location: response.headers.get('location') };
  }

  async postMultipart(path: string, form: FormData, withToken = true): Promise<{ status: number; text: string; location: string | null }> {
    if (!this.token) await this.get('/documents');
    if (withToken) form.set('_csrf', this.token);
    const response = await fetch(this.base + path, { method: 'POST', body: form, headers: { cookie: this.cookie }, redirect: 'manual' });
    this.remember(response);
    return { status: response.status, text: await response.text(), location: response.headers.get('location') };
  }

  private remember(response: Response) {
    for (const set of response.headers.getSetCookie()) {
      const [pair, ...attributes] = set.split(';');
      const [name, ...value] = pair.trim().split('=');
      // An expired cookie (cleared at sign-out) is forgotten, as a browser does.
      if (attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value.join('=') === '') this.cookies.delete(name);
      else this.cookies.set(name, value.join('='));
    }
  }
}
