import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRENCH, translator } from '../../src/web/i18n.ts';
import { seedSampleIfEmpty } from '../../src/web/seed-sample.ts';
import { SqliteAccountStore } from '../../src/web/accounts/sqlite-account-store.ts';
import { hashPassword } from '../../src/web/accounts/passwords.ts';
import { checker, Client, removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';

/** Every label a view passes to t() or th() as a literal. */
function viewLabels(): string[] {
  const labels = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ejs')) {
        const source = readFileSync(path, 'utf8');
        // t('…'), th("…"), and the labels of a lookup object passed to t({ a: '…' }[x]).
        for (const match of source.matchAll(/\bth?\((['"])((?:\\.|(?!\1).)*)\1/g)) labels.add(match[2].replace(/\\(.)/g, '$1'));
        for (const match of source.matchAll(/\bt\(\{([^}]*)\}\[/g)) for (const value of match[1].matchAll(/:\s*'((?:\\.|[^'])*)'/g)) labels.add(value[1]);
        for (const match of source.matchAll(/\bth?\([^()]*\?\s*'((?:\\.|[^'])*)'\s*:\s*'((?:\\.|[^'])*)'/g)) {
          labels.add(match[1]);
          labels.add(match[2]);
        }
      }
    }
  };
  walk('views');
  return [...labels];
}

/** English words no French label has: one in a page's text means a label that skipped t(). */
const ENGLISH = /(?<![\p{L}\p{N}_/-])(the|and|this|with|from|which|your|you|was|has|have|been|each|every|only|of|to|is|by|for|not|sentences?|findings?|reviewed|undo|accept|reject|apply|show|hide|open|changed|checked)(?![\p{L}\p{N}_/-])/iu;

function englishIn(html: string): string[] {
  const visible = html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<code>[\s\S]*?<\/code>|<kbd>[\s\S]*?<\/kbd>/g, ' ')
    // The language menu names English in English.
    .replace(/<option value="en"[^>]*>English<\/option>/g, ' ');
  const texts = visible.split(/<[^>]*>/).map((text) => text.replace(/&[a-z#0-9]+;/g, ' ').trim()).filter(Boolean);
  const attributes = [...visible.matchAll(/\s(?:title|aria-label|placeholder|alt)="([^"]*)"/g)].map((match) => match[1]);
  return [...texts, ...attributes].filter((text) => ENGLISH.test(text));
}

describe('interface language (issue #13)', () => {
  it('has the French of every label the views use', () => {
    const labels = viewLabels();
    expect(labels.length).toBeGreaterThan(150);
    expect(labels.filter((label) => !(label in FRENCH))).toEqual([]);
  });

  it('puts values in and keeps English as written', () => {
    expect(translator('fr')('Page {page} of {pages}', { page: 2, pages: 3 })).toBe('Page 2 sur 3');
    expect(translator('en')('Page {page} of {pages}', { page: 2, pages: 3 })).toBe('Page 2 of 3');
  });

  describe('in the app', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ lang: undefined }); // the app's own default
      await seedSampleIfEmpty(app.store, checker());
    });
    afterAll(async () => {
      await app.close();
      removeDir(app.dir);
    });

    it('speaks French by default, English on the editor’s choice', async () => {
      const page = await app.client.get('/documents/1');
      expect(page.text).toContain('<html lang="fr">');
      expect(page.text).toContain('Confirmer et suivante');
      expect(page.text).toContain('Signalées, pas encore relues');
      expect(page.text).not.toContain('Mark reviewed');
      const saved = await fetch(`${app.url}/settings/preferences`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: app.client.token, lang: 'en' }),
        headers: { cookie: app.client.cookie },
        redirect: 'manual',
      });
      expect(saved.status).toBe(303);
      app.client.cookie += `; ${/relecture_prefs=[^;]+/.exec(saved.headers.get('set-cookie')!)![0]}`;
      const english = await app.client.get('/documents/1');
      expect(english.text).toContain('<html lang="en">');
      expect(english.text).toContain('Confirm and next');
    });

    it('refuses an unknown language, naming it', async () => {
      const refused = await app.client.post('/settings/preferences', { lang: 'de' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Unknown interface language « de »');
    });
  });

  describe('rendered pages, French by default', () => {
    let app: TestApp;
    let id: number;
    beforeAll(async () => {
      app = await startTestApp({ lang: 'fr' });
      await app.client.get('/documents/new');
      const form = new FormData();
      form.set('text', 'Il a dit: oui.\nLe ministre parle du chaat.\n');
      form.set('title', 'Essai');
      form.set('corrections', new Blob(['chaat\tchat\tune coquille\n']), 'c.tsv');
      id = Number(/\/documents\/(\d+)$/.exec((await app.client.postMultipart('/documents', form)).location!)![1]);
    });
    afterAll(async () => {
      await app.close();
      removeDir(app.dir);
    });

    it('have no English label left (issue #13: server messages, errors, notices, the chart)', async () => {
      const rule = 'typography/space-before-double-punctuation';
      const pages = [
        '/documents',
        `/documents/${id}`,
        `/documents/${id}?notice=propagated&n=2&s=1`,
        `/documents/${id}?notice=rule-on&n=3`,
        `/documents/${id}/sentences/1`,
        `/documents/${id}/corrections`,
        `/documents/${id}/bulk?kind=accept-rule&rule=${rule}`,
        `/documents/${id}/bulk?kind=switch-off&rule=${rule}`,
        `/documents/${id}/propagate?from=chaat&to=chat`,
        '/documents/999',
        `/documents/${id}/bulk?kind=accept-rule`,
        '/settings',
      ];
      const found: Record<string, string[]> = {};
      for (const path of pages) {
        const page = await app.client.get(path);
        expect(page.text, path).toContain('<html lang="fr">');
        const english = englishIn(page.text);
        if (english.length > 0) found[path] = english;
      }
      expect(found).toEqual({});
    });

    it('has no English left on the new-document page, a 409 conflict page and a dynamic HttpError page (issue #13)', async () => {
      const sentence = (await app.store.documents.getSentence(id, 0))!;
      await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Première version enregistrée.', version: String(sentence.version) });
      const conflict = await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Seconde version, périmée.', version: String(sentence.version) });
      expect(conflict.status).toBe(409);
      // A message with values put in (escaped): an MQM severity the form does not know.
      const current = (await app.store.documents.getSentence(id, 1))!;
      const refused = await app.client.post(`/documents/${id}/sentences/2/edit`, { text: 'Autre.', version: String(current.version), mqm_severity: 'galaxie<b>' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('galaxie&lt;b&gt;');
      const found: Record<string, string[]> = {};
      for (const [name, page] of [['new', await app.client.get('/documents/new')], ['409', conflict], ['400', refused]] as const) {
        expect(page.text, name).toContain('<html lang="fr">');
        const english = englishIn(page.text);
        if (english.length > 0) found[name] = english;
      }
      expect(found).toEqual({});
    });
  });

  describe('team pages, French by default', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ lang: 'fr' });
      const accounts = new SqliteAccountStore(app.store.database);
      await accounts.addUser('ada', 'admin', await hashPassword('ada-admin-pass-9'));
      await accounts.addUser('vic', 'viewer', await hashPassword('vic-only-reads-7'));
    });
    afterAll(async () => {
      await app.close();
      removeDir(app.dir);
    });

    it('has no English left on the sign-in page, a failed sign-in, the users page and its refusals (issue #13)', async () => {
      const found: Record<string, string[]> = {};
      const check = (name: string, html: string) => {
        expect(html, name).toContain('<html lang="fr">');
        const english = englishIn(html);
        if (english.length > 0) found[name] = english;
      };
      const ada = new Client(app.url);
      check('login', (await ada.get('/login')).text);
      const failed = await ada.post('/login', { username: 'ada', password: 'wrong-password-1' });
      check('failed login', failed.text);
      expect((await ada.post('/login', { username: 'ada', password: 'ada-admin-pass-9' })).status).toBe(303);
      check('users', (await ada.get('/users')).text);
      const badRole = await ada.post('/users/vic/role', { role: 'king' });
      expect(badRole.status).toBe(400);
      check('bad role', badRole.text);
      const self = await ada.post('/users/ada/remove', {});
      expect(self.status).toBe(409);
      check('remove self', self.text);
      const vic = new Client(app.url);
      await vic.get('/login');
      expect((await vic.post('/login', { username: 'vic', password: 'vic-only-reads-7' })).status).toBe(303);
      const forbidden = await vic.get('/users');
      expect(forbidden.status).toBe(403);
      check('403', forbidden.text);
      const nobody = await ada.post('/users/zed/role', { role: 'viewer' });
      expect(nobody.status).toBe(404);
      check('no such user', nobody.text);
      expect(found).toEqual({});
    });
  });
});

