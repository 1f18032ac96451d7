import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRENCH, translator } from '../../src/web/i18n.ts';
import { NOT_FOUND_MESSAGES } from '../../src/web/http-error.ts';
import { CATEGORIES, SEVERITIES } from '../../src/types.ts';
import { seedSampleIfEmpty } from '../../src/web/seed-sample.ts';
import { SqliteAccountStore } from '../../src/web/accounts/sqlite-account-store.ts';
import { hashPassword } from '../../src/web/accounts/passwords.ts';
import { checker, Client, removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';
import { XML_ERROR_REASONS } from '../../src/formats/xml-errors.ts';
import { FORM_WORDING } from '../../src/web/routes/documents.ts';

/** The text of every file under `dir` whose name ends with `ext`. */
function sourcesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

/** Every label a view passes to t() or th() as a literal. */
function viewLabels(): string[] {
  const labels = new Set<string>();
  for (const source of sourcesUnder('views', '.ejs')) {
    // t('…'), th("…"), and the labels of a lookup object passed to t({ a: '…' }[x]).
    for (const match of source.matchAll(/\bth?\((['"])((?:\\.|(?!\1).)*)\1/g)) labels.add(match[2].replace(/\\(.)/g, '$1'));
    for (const match of source.matchAll(/\bt\(\{([^}]*)\}\[/g)) for (const value of match[1].matchAll(/:\s*'((?:\\.|[^'])*)'/g)) labels.add(value[1]);
    for (const match of source.matchAll(/\bth?\([^()]*\?\s*'((?:\\.|[^'])*)'\s*:\s*'((?:\\.|[^'])*)'/g)) {
      labels.add(match[1]);
      labels.add(match[2]);
    }
  }
  return [...labels];
}

/** Where the string literal opening at `start` ends (after its closing quote). */
function literalEnd(source: string, start: number): number {
  let i = start + 1;
  while (i < source.length && source[i] !== source[start]) i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/**
 * The reason of each `new InputError(file, reason, …)` in `source`: its literal, or each literal of a
 * `cond ? '…' : '…'`, each with its opening quote (a template literal, `…${x}…`, cannot be looked up).
 */
function inputErrorReasons(source: string): string[] {
  const reasons: string[] = [];
  for (const call of source.matchAll(/new InputError\(/g)) {
    let depth = 0;
    let start = -1;
    let i = call.index + call[0].length;
    while (i < source.length) {
      const c = source[i];
      if (c === "'" || c === '"' || c === '`') {
        i = literalEnd(source, i);
        continue;
      }
      if ('([{'.includes(c)) depth++;
      else if (')]}'.includes(c) && depth-- === 0) break;
      else if (c === ',' && depth === 0) {
        if (start !== -1) break;
        start = i + 1;
      }
      i++;
    }
    const reason = start === -1 ? '' : source.slice(start, i);
    for (let at = reason.search(/['"`]/); at !== -1; ) {
      const end = literalEnd(reason, at);
      reasons.push(reason.slice(at, end - 1));
      const next = reason.slice(end).search(/['"`]/);
      at = next === -1 ? -1 : end + next;
    }
  }
  return reasons;
}

/** Where the readers whose refusals the import form and the corrections page show live (their InputError reasons). */
const READERS = ['src/text', 'src/corrections', 'src/formats', 'src/bilingual'];

/**
 * The English templates the server's own code passes as literals: HttpError messages and t('…') calls in
 * src/web, and the reasons of the readers the import form reports (InputError in READERS and src/web).
 */
function serverLabels(): string[] {
  const labels = new Set<string>();
  for (const source of [...READERS, 'src/web'].flatMap((dir) => sourcesUnder(dir, '.ts'))) {
    for (const reason of inputErrorReasons(source)) labels.add(reason);
  }
  for (const source of sourcesUnder('src/web', '.ts')) {
    for (const match of source.matchAll(/new HttpError\(\d+,\s*(['`])((?:\\.|(?!\1).)*)\1/g)) labels.add(`${match[1]}${match[2]}`);
    for (const match of source.matchAll(/\bt\('((?:\\.|[^'])*)'/g)) labels.add(`'${match[1]}`);
    // The labels of the export links (exports/index.ts), which a view passes to t() by name.
    for (const match of source.matchAll(/\blabel: '((?:\\.|[^'])*)'/g)) labels.add(`'${match[1]}`);
  }
  // A template literal (`…${x}…`) cannot be looked up: it is reported as it is.
  return [...labels].map((label) => (/^['"]/.test(label) ? label.slice(1).replace(/\\(.)/g, '$1') : label));
}

/** A raw request with a Host header of our choosing (fetch sets its own). */
function withHost(url: string, path: string, host: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: new URL(url).port, path, headers: { host } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** English words no French label has: one in a page's text means a label that skipped t(). */
const ENGLISH = /(?<![\p{L}\p{N}_/-])(the|and|this|with|from|which|your|you|was|has|have|been|each|every|only|of|to|is|by|for|not|does|exist|expired|server|again|since|pasted|uploaded|viewer|reviewer|sample|accuracy|fluency|terminology|minor|major|critical|more|sentences?|findings?|reviewed|undo|accept|reject|apply|show|hide|open|changed|checked)(?![\p{L}\p{N}_/-])/iu;

function englishIn(html: string): string[] {
  const visible = html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<code>[\s\S]*?<\/code>|<kbd>[\s\S]*?<\/kbd>/g, ' ')
    // The language menu names English in English.
    .replace(/<option value="en"[^>]*>English<\/option>/g, ' ');
  const texts = visible.split(/<[^>]*>/).map((text) => text.replace(/&[a-z#0-9]+;/g, ' ').trim()).filter(Boolean);
  // Labels in attributes, and those a script shows later (data-… on #live, data-confirm): any data value with a space.
  const attributes = [...visible.matchAll(/\s(?:title|aria-label|placeholder|alt|data-[a-z-]+)="([^"]*)"/g)].map((match) => match[1]);
  return [...texts, ...attributes].filter((text) => ENGLISH.test(text));
}

/** Three bilingual files the readers refuse, each naming a unit or a line (issue #13: their reasons in French). */
const TRANSLATED_XLIFF = `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="fr" datatype="plaintext" original="a.txt">
    <body>
      <trans-unit id="intro-1"><source>Hello.</source><target>Bonjour.</target></trans-unit>
      <trans-unit id="intro-2"><source>The end.</source><target>La fin.</target></trans-unit>
    </body>
  </file>
</xliff>
`;
// Not one unit has a target: the file was never translated (one unit without
// a target beside translated ones is only left out, with a warning).
const BROKEN_XLIFF = TRANSLATED_XLIFF.replace('<target>Bonjour.</target>', '').replace('<target>La fin.</target>', '');
const BROKEN_TMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="en-US" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="test"/>
  <body>
    <tu tuid="t1"><tuv xml:lang="en-US"><seg>Hello.</seg></tuv></tu>
    <tu tuid="t2"><tuv xml:lang="en-US"><seg>The end.</seg></tuv><tuv xml:lang="de-DE"><seg>Das Ende.</seg></tuv></tu>
    <tu tuid="t3"><tuv xml:lang="de-DE"><seg>Hallo.</seg></tuv><tuv xml:lang="fr-FR"><seg>Bonjour.</seg></tuv></tu>
  </body>
</tmx>
`;
const BROKEN_TABLE = 'id\tsource\ttarget\nu1\tHello.\tBonjour.\nu1\tThe end.\tLa fin.\n';

function withFile(content: string, name: string): FormData {
  const form = new FormData();
  form.set('file', new Blob([content]), name);
  return form;
}

describe('interface language (issue #13)', () => {
  it('has the French of every label the views use', () => {
    const labels = viewLabels();
    expect(labels.length).toBeGreaterThan(150);
    expect(labels.filter((label) => !(label in FRENCH))).toEqual([]);
  });

  it('has the French of every message the server code passes as a literal: errors, 404 names, the host and CSRF refusals (issue #13)', () => {
    const labels = serverLabels();
    expect(labels.length).toBeGreaterThan(25);
    for (const needed of ['Reviewed pairs (.tmx)', 'Sign in first: this needs an account (ask an admin for one).', 'This server does not answer to the name “{name}”. Open it at {url}, or add the name to RELECTURE_ALLOWED_HOSTS.']) expect(labels).toContain(needed);
    expect([...labels, ...Object.values(NOT_FOUND_MESSAGES)].filter((label) => !(label in FRENCH))).toEqual([]);
  });

  it('has the French of every reason the XLIFF, TMX and bilingual-table readers give, with the same values (issue #13)', () => {
    const reasons = ['src/formats', 'src/bilingual'].flatMap((dir) => sourcesUnder(dir, '.ts')).flatMap(inputErrorReasons);
    expect(reasons.length).toBeGreaterThan(40);
    // A reason built as a template literal cannot be looked up; each must be a template with values.
    expect(reasons.filter((reason) => reason.startsWith('`'))).toEqual([]);
    const labels = reasons.map((reason) => reason.slice(1).replace(/\\(.)/g, '$1'));
    for (const needed of ["unit '{id}' has no <target>: the file is not translated (Relecture reviews translations)", "unit '{id}' has no {language} <tuv>", "duplicate id '{id}' (first at line {line})"]) {
      expect(labels).toContain(needed);
    }
    expect(labels.filter((label) => !(label in FRENCH))).toEqual([]);
  });

  it('has the French of the readers’ advice as the import form words it, without command-line flags', () => {
    expect(Object.values(FORM_WORDING).filter((wording) => !(wording in FRENCH))).toEqual([]);
    expect(Object.values(FORM_WORDING).map((wording) => FRENCH[wording]).filter((french) => /--[a-z]/.test(french))).toEqual([]);
  });

  it('has the French of the XML parser’s commonest refusals, which the XML reader says as reasons of its own (issue #13)', () => {
    expect(XML_ERROR_REASONS.length).toBeGreaterThan(10);
    expect(XML_ERROR_REASONS.filter((reason) => !(reason in FRENCH))).toEqual([]);
  });

  it('keeps every value of a template in its French: the unit id, the line, the file are never lost (issue #13)', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const lost = Object.entries(FRENCH).filter(([english, french]) => names(english).join() !== names(french).join());
    expect(lost).toEqual([]);
  });

  it('names the MQM categories and severities in French (their ids stay in forms and exports)', () => {
    expect([...CATEGORIES, ...SEVERITIES].filter((name) => !(name in FRENCH))).toEqual([]);
  });

  it('puts values in and keeps English as written', () => {
    expect(translator('fr')('Page {page} of {pages}', { page: 2, pages: 3 })).toBe('Page 2 sur 3');
    expect(translator('en')('Page {page} of {pages}', { page: 2, pages: 3 })).toBe('Page 2 of 3');
  });

  it('says a count in the singular or the plural as each language does, never « erreur(s) » (issue #13)', () => {
    const fr = translator('fr');
    const en = translator('en');
    const label = '{n} {n|finding|findings} accepted in {s} {s|sentence|sentences}.';
    expect(fr(label, { n: 0, s: 1 })).toBe('0 erreur acceptée dans 1 phrase.');
    expect(fr(label, { n: 2, s: 1 })).toBe('2 erreurs acceptées dans 1 phrase.');
    expect(en(label, { n: 0, s: 1 })).toBe('0 findings accepted in 1 sentence.');
    expect(en(label, { n: 1, s: 12 })).toBe('1 finding accepted in 12 sentences.');
    // A form may hold the count itself; a count written with a thousands space is still read.
    expect(fr('Apply to {total} {total|occurrence|occurrences}', { total: 1 })).toBe('Appliquer à l’occurrence');
    expect(fr('Apply to {total} {total|occurrence|occurrences}', { total: '12\u202F000' })).toBe('Appliquer aux 12\u202F000 occurrences');
    // No label is left with a « (s) » in either language.
    expect(Object.entries(FRENCH).flat().filter((text) => /\p{L}\(s\)/u.test(text))).toEqual([]);
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
      // The sample's page whole: its title, the findings' tooltips (severity), the chart.
      // (Rule messages cite the English or Spanish they calque between asterisks: *meet with*.)
      expect(englishIn(page.text.replace(/\*[^*<]+\*/g, ' '))).toEqual([]);
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

    it('says a reader’s refusal in English when the editor chose English, as the CLI does (issue #13)', async () => {
      const refused = await app.client.postMultipart('/documents', withFile(BROKEN_XLIFF, 'broken.xlf'));
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('<html lang="en">');
      expect(refused.text).toContain('<strong>broken.xlf</strong>, line <strong>5</strong>: unit &#39;intro-1&#39; has no &lt;target&gt;: the file is not translated');
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
      // The line review.js writes when another editor changed a sentence takes its words from the page.
      const review = await app.client.get(`/documents/${id}`);
      expect(review.text).toContain('data-changed-by="Modifiée par {name} ({kind}) depuis le chargement de cette page."');
      expect(readFileSync('public/review.js', 'utf8')).toMatch(/label\('changed-by'/);
    });

    it('has no English left on the refusals: 421 unknown host, CSRF 403s, 404s, a missing finding (issue #13)', async () => {
      const pages: Array<[string, { status: number; text: string }, number]> = [
        ['421', await withHost(app.url, '/documents', 'evil.example'), 421],
        ['CSRF, no token', await app.client.post(`/documents/${id}/sentences/1/review`, { version: '1' }, false), 403],
        ['CSRF, another origin', await app.client.post(`/documents/${id}/sentences/1/review`, { version: '1' }, true, { origin: 'http://evil.example' }), 403],
        ['404 document', await app.client.get('/documents/999'), 404],
        ['404 sentence', await app.client.get(`/documents/${id}/sentences/99`), 404],
        ['404 offer', await app.client.post(`/documents/${id}/offers/999/dismiss`, {}), 404],
        ['404 job', await app.client.get(`/documents/${id}/jobs/00000000-0000-4000-8000-000000000000`), 404],
        ['404 page', await app.client.get('/nowhere'), 404],
        // A finding that is gone is a stale page: the conflict page says the sentence changed.
        ['missing finding', await app.client.post(`/documents/${id}/sentences/1/accept`, { finding: '99999', suggestion: '0', version: '1' }), 409],
      ];
      const found: Record<string, string[]> = {};
      for (const [name, page, status] of pages) {
        expect(page.status, name).toBe(status);
        expect(page.text, name).toContain('<html lang="fr">');
        const english = englishIn(page.text);
        if (english.length > 0) found[name] = english;
      }
      expect(found).toEqual({});
      expect(pages[0][1].text).toContain('Ce serveur ne répond pas au nom « evil.example »');
      expect(pages[2][1].text).toContain('depuis un autre site ou un autre port');
      expect(pages[3][1].text).toContain('Ce document n’existe pas.');
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
      const blank = new FormData();
      blank.set('text', ' \n\u200b ');
      const notImported = await app.client.postMultipart('/documents', blank);
      expect(notImported.status).toBe(400);
      expect(notImported.text).toContain('Le texte collé ne contient que des espaces');
      // The readers' reasons, with their values: a Latin-1 file, a corrections line without a tab, an entry without its fix.
      const latin = new FormData();
      latin.set('file', new Blob([Buffer.from('Le caf\xe9 est froid.\n', 'latin1')]), 'cafe.txt');
      const notUtf8 = await app.client.postMultipart('/documents', latin);
      expect(notUtf8.status).toBe(400);
      expect(notUtf8.text).toContain('n’est pas en UTF-8 : il semble être en ISO-8859-1');
      const badList = new FormData();
      badList.set('text', 'Un texte.\n');
      badList.set('corrections', new Blob(['chaat chat\n']), 'liste.tsv');
      const notList = await app.client.postMultipart('/documents', badList);
      expect(notList.status).toBe(400);
      expect(notList.text).toContain('aucune tabulation dans « chaat chat »');
      const noFix = await app.client.post(`/documents/${id}/corrections`, { from: 'chien', to: '', note: '' });
      expect(noFix.status).toBe(400);
      expect(noFix.text).toContain('<strong>nouvelle entrée</strong>');
      for (const [name, page] of [['new', await app.client.get('/documents/new')], ['409', conflict], ['400', refused], ['import refused', notImported], ['not UTF-8', notUtf8], ['bad list', notList], ['entry without fix', noFix]] as const) {
        expect(page.text, name).toContain('<html lang="fr">');
        const english = englishIn(page.text);
        if (english.length > 0) found[name] = english;
      }
      expect(found).toEqual({});
    });

    it('says the XLIFF, TMX and bilingual-table readers’ refusals in French, still naming the unit id and the line (issue #13)', async () => {
      const cases: Array<[string, string, string]> = [
        ['broken.xlf', BROKEN_XLIFF, '<strong>broken.xlf</strong>, ligne <strong>5</strong> : l’unité « intro-1 » n’a pas de &lt;target&gt; : le fichier n’est pas traduit (Relecture relit des traductions)'],
        ['broken.tmx', BROKEN_TMX, '<strong>broken.tmx</strong>, ligne <strong>5</strong> : l’unité « t1 » n’a pas de &lt;tuv&gt; en fr-FR'],
        ['broken.tsv', BROKEN_TABLE, '<strong>broken.tsv</strong>, ligne <strong>3</strong> : identifiant « u1 » en double (déjà à la ligne 2)'],
        // The XML parser's own words too (saxes: "unclosed tag: target").
        ['cut.xlf', TRANSLATED_XLIFF.slice(0, TRANSLATED_XLIFF.indexOf('Bonjour.') + 'Bonjour.'.length), '<strong>cut.xlf</strong>, ligne <strong>5</strong> : XML mal formé à la colonne 70 : l’élément &lt;target&gt; n’est jamais fermé'],
      ];
      const found: Record<string, string[]> = {};
      const before = (await app.store.documents.listDocuments()).length;
      for (const [name, content, french] of cases) {
        const refused = await app.client.postMultipart('/documents', withFile(content, name));
        expect(refused.status, name).toBe(400);
        expect(refused.text, name).toContain('<html lang="fr">');
        expect(refused.text, name).toContain(french);
        const english = englishIn(refused.text);
        if (english.length > 0) found[name] = english;
      }
      expect(found).toEqual({});
      // Nothing stored: the form said so.
      expect((await app.store.documents.listDocuments()).length).toBe(before);
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
      // Not signed in: a form posted without a session is a 401 page.
      const stranger = new Client(app.url);
      await stranger.get('/login');
      const unsigned = await stranger.post('/documents/1/sentences/1/review', { version: '1' });
      expect(unsigned.status).toBe(401);
      check('401', unsigned.text);
      expect(unsigned.text).toContain('Connectez-vous d’abord');
      // A conflict that names who saved before, and what they did (« modification », not « edit »).
      await ada.get('/documents/new');
      const form = new FormData();
      form.set('text', 'Une phrase à relire.\n');
      const id = Number(/(\d+)$/.exec((await ada.postMultipart('/documents', form)).location!)![1]);
      await ada.post(`/documents/${id}/sentences/1/edit`, { text: 'Une phrase relue.', version: '1' });
      const conflict = await ada.post(`/documents/${id}/sentences/1/edit`, { text: 'Une phrase périmée.', version: '1' });
      expect(conflict.status).toBe(409);
      expect(conflict.text).toContain('<strong>ada</strong> (modification');
      check('409 with a name', conflict.text);
      expect(found).toEqual({});
    });
  });
});

