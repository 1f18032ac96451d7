import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSampleIfEmpty } from '../../../src/web/seed-sample.ts';
import { checker, removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';

const fixture = (name: string) => readFileSync(new URL(`../../formats/fixtures/${name}`, import.meta.url));
const upload = (form: FormData, field: string, name: string, bytes: Uint8Array | string) => form.set(field, new Blob([typeof bytes === 'string' ? bytes : Buffer.from(bytes)]), name);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
  removeDir(app.dir);
});

async function importFile(name: string, bytes: Uint8Array | string, source?: [string, string], fields: Record<string, string> = {}): Promise<{ status: number; text: string; id?: number }> {
  const form = new FormData();
  upload(form, 'file', name, bytes);
  if (source) upload(form, 'source', source[0], source[1]);
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  // The import form carries the CSRF token, as a browser would have it.
  if (!app.client.token) await app.client.get('/documents/new');
  const created = await app.client.postMultipart('/documents', form);
  return { status: created.status, text: created.text, id: created.location ? Number(/\/documents\/(\d+)/.exec(created.location)![1]) : undefined };
}

describe('bilingual documents in the review app', () => {
  it('imports an MT text with its source: the source above each sentence, the finding marked on both sides', async () => {
    const { status, id } = await importFile('mt.txt', 'Nous ne pouvons pas le permettre, a déclaré Routte.\n', ['src.txt', 'No podemos permitirlo, ha afirmado Rutte.\n']);
    expect(status).toBe(303);
    const page = await app.client.get(`/documents/${id}`);
    expect(page.text).toContain('class="sentence-source"');
    expect(page.text).toContain('<mark class="source-mark">Rutte</mark>');
    expect(page.text).toContain('source/name-spelling');
  });

  // Regression: a browser posts every file input, empty ones included; multer's limit of two files refused the form.
  it('takes the form as a browser posts it: pasted text with empty file, source and corrections parts', async () => {
    await app.client.get('/documents/new');
    const form = new FormData();
    form.set('text', 'Une phrase.');
    for (const field of ['file', 'source', 'corrections']) form.set(field, new Blob([]), '');
    expect((await app.client.postMultipart('/documents', form)).status).toBe(303);
  });

  it('an edit elsewhere in a bilingual segment keeps its source-aware findings (the re-check reads the source)', async () => {
    const { id } = await importFile('mt2.txt', 'Les alliés ont fourni 50 millions, a déclaré Routte.\n', ['src2.txt', 'Los aliados proporcionaron 50.000 millones, ha afirmado Rutte.\n']);
    const [sentence] = await app.store.documents.allSentences(id!);
    const ruleIds = async () => [...(await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!].map((f) => f.ruleId);
    expect(await ruleIds()).toContain('source/number-changed');
    await app.client.post(`/documents/${id}/sentences/1/edit`, { text: sentence.currentText.replace('Routte', 'Rutte'), version: String(sentence.version) });
    const after = await ruleIds();
    expect(after).toContain('source/number-changed');
    expect(after).not.toContain('source/name-spelling');
  });

  it('refuses a source file beside a file that carries its own, and misaligned texts, storing nothing', async () => {
    const before = await app.store.documents.countDocuments();
    const withOwn = await importFile('okapi.xlf', fixture('okapi.xlf'), ['src.txt', 'Hola.\n']);
    expect(withOwn.status).toBe(400);
    expect(withOwn.text).toContain('carries its own source');
    const misaligned = await importFile('mt.txt', 'Une.\nDeux.\n', ['src.txt', 'Uno.\n']);
    expect(misaligned.status).toBe(400);
    expect(misaligned.text).toContain('must be line-aligned');
    expect(await app.store.documents.countDocuments()).toBe(before);
  });

  it('imports an XLIFF, exports it with only the edited unit rewritten and its state set, and the pairs as CSV and TMX', async () => {
    const original = fixture('okapi.xlf');
    const { status, id } = await importFile('okapi.xlf', original);
    expect(status).toBe(303);
    const untouched = Buffer.from(await (await fetch(`${app.url}/documents/${id}/export/document`, { headers: { cookie: app.client.cookie } })).arrayBuffer());
    expect(untouched.equals(original)).toBe(true);

    const sentences = await app.store.documents.allSentences(id!);
    const routte = sentences.find((s) => s.currentText.includes('Routte'))!;
    const edited = await app.client.post(`/documents/${id}/sentences/${routte.idx + 1}/edit`, { text: routte.currentText.replace('Routte', 'Rutte'), version: String(routte.version) });
    expect(edited.status).toBeLessThan(400);
    const out = Buffer.from(await (await fetch(`${app.url}/documents/${id}/export/document`, { headers: { cookie: app.client.cookie } })).arrayBuffer()).toString('utf8');
    expect(out).toBe(original.toString('utf8').replace(
      `<target xml:lang="fr" state="needs-review-translation"><mrk mid="0" mtype="seg">Les alliés dépenseront 50.000 millions.</mrk> <mrk mid="1" mtype="seg">Routte l&apos;a dit à <x id="1"/>La Haye.</mrk>`,
      `<target xml:lang="fr" state="signed-off"><mrk mid="0" mtype="seg">Les alliés dépenseront 50.000 millions.</mrk> <mrk mid="1" mtype="seg">Rutte l'a dit à <x id="1"/>La Haye.</mrk>`,
    ));
    const csv = await (await fetch(`${app.url}/documents/${id}/export/bilingual.csv`, { headers: { cookie: app.client.cookie } })).text();
    expect(csv.split('\r\n')[0]).toBe('id,source,mt,target');
    expect(csv).toContain("tu2#1,Rutte lo dijo en La Haya.,Routte l'a dit à La Haye.,Rutte l'a dit à La Haye.");
    const tmx = await (await fetch(`${app.url}/documents/${id}/export/tmx`, { headers: { cookie: app.client.cookie } })).text();
    expect(tmx).toContain(`<tuv xml:lang="fr"><seg>Rutte l'a dit à La Haye.</seg></tuv>`);
    const report = await (await fetch(`${app.url}/documents/${id}/export/report.csv`, { headers: { cookie: app.client.cookie } })).text();
    expect(report.split('\r\n')[0].endsWith(',sentenceBefore,sentenceAfter,source')).toBe(true);
    expect(report).toContain('Rutte lo dijo en La Haya.');
  });

  it('files other tools write, imported and exported: Xcode’s key without a target named on the page; an ISO-8859-1 XLIFF written back in ISO-8859-1 (issue: real files)', async () => {
    const xcode = await importFile('xcode.xliff', fixture('xcode.xliff'));
    expect(xcode.status).toBe(303);
    expect((await app.client.get(`/documents/${xcode.id}`)).text).toContain('<code>xcode.xliff:18</code> unit &#39;1:alerts.new&#39; has no &lt;target&gt;: not translated yet, left out of the review');
    const untouched = Buffer.from(await (await fetch(`${app.url}/documents/${xcode.id}/export/document`, { headers: { cookie: app.client.cookie } })).arrayBuffer());
    expect(untouched.equals(fixture('xcode.xliff'))).toBe(true);

    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?>\n<xliff version="1.2"><file source-language="en" target-language="fr"><body>\n<trans-unit id="1"><source>The summer work.</source><target>Le travail d\'\xe9t\xe9.</target></trans-unit>\n</body></file></xliff>\n', 'latin1');
    const { status, id } = await importFile('latin1.xlf', latin1);
    expect(status).toBe(303);
    const [sentence] = await app.store.documents.allSentences(id!);
    expect(sentence.currentText).toBe('Le travail d\'été.');
    const edited = await app.client.post(`/documents/${id}/sentences/${sentence.idx + 1}/edit`, { text: 'L’œuvre d’été.', version: String(sentence.version) });
    expect(edited.status).toBeLessThan(400);
    const out = Buffer.from(await (await fetch(`${app.url}/documents/${id}/export/document`, { headers: { cookie: app.client.cookie } })).arrayBuffer());
    expect(out.toString('latin1')).toBe(latin1.toString('latin1').replace("<target>Le travail d'\xe9t\xe9.</target>", '<target state="signed-off">L&#x2019;&#x153;uvre d&#x2019;\xe9t\xe9.</target>'));
  });

  // A TMX of three languages: the import form had no way to say which is the source, and its
  // refusal told the editor to use a command-line flag (--source-lang).
  it('takes the source language from the form for a TMX of several languages, and says so where it is missing', async () => {
    const tu = (id: string, en: string, es: string, fr: string) => `<tu tuid="${id}"><tuv xml:lang="en"><seg>${en}</seg></tuv><tuv xml:lang="es"><seg>${es}</seg></tuv><tuv xml:lang="fr"><seg>${fr}</seg></tuv></tu>`;
    const tmx = `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="*all*" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>\n${tu('1', 'Rutte spoke.', 'Rutte habló.', 'Routte a parlé.')}\n</body></tmx>\n`;
    const before = await app.store.documents.countDocuments();

    const missing = await importFile('three.tmx', tmx);
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('has several languages (en, es, fr): say which is the source in “Source language”');
    expect(missing.text).not.toContain('--source-lang');
    const wrong = await importFile('three.tmx', tmx, undefined, { source_lang: 'es; DROP' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('« es; DROP » is not a language code');
    // The form keeps what was typed, escaped.
    expect(wrong.text).toContain('value="es; DROP"');
    expect(await app.store.documents.countDocuments()).toBe(before);

    const chosen = await importFile('three.tmx', tmx, undefined, { source_lang: 'es' });
    expect(chosen.status).toBe(303);
    expect((await app.store.documents.getDocument(chosen.id!))!.sourceLanguage).toBe('es');
    const [segment] = await app.store.documents.segments(chosen.id!);
    expect(segment.sourceText).toBe('Rutte habló.');
  });

  // Bug: the CLI printed an XLIFF's empty targets and a repeated correction, the app
  // dropped them: an editor never learnt that a unit was not in the review.
  it('says on the review page which units the reader left out and which corrections it kept once, with their places', async () => {
    const form = new FormData();
    upload(form, 'file', 'matecat.xlf', fixture('matecat.xlf'));
    upload(form, 'corrections', 'known.tsv', 'Routte\tRutte\nRoutte\tRutte\n');
    await app.client.get('/documents/new');
    const created = await app.client.postMultipart('/documents', form);
    expect(created.status).toBe(303);
    const id = Number(/\/documents\/(\d+)/.exec(created.location!)![1]);
    const page = await app.client.get(`/documents/${id}`);
    expect(page.text).toContain('2 notes from reading the files');
    expect(page.text).toContain("<code>matecat.xlf:18</code> unit &#39;3&#39; has an empty target: left out of the review");
    expect(page.text).toContain('<code>known.tsv:2</code> “Routte” repeats line 1; kept once');
    const report = JSON.parse((await app.client.get(`/documents/${id}/export/report.json`)).text);
    expect(report.readerWarnings).toEqual({
      total: 2,
      warnings: [
        { file: 'matecat.xlf', line: 18, message: "unit '3' has an empty target: left out of the review" },
        { file: 'known.tsv', line: 2, message: '“Routte” repeats line 1; kept once' },
      ],
    });

    const french = await startTestApp({ lang: 'fr' });
    try {
      await french.client.get('/documents/new');
      const again = new FormData();
      upload(again, 'file', 'matecat.xlf', fixture('matecat.xlf'));
      const frenchId = Number(/\/documents\/(\d+)/.exec((await french.client.postMultipart('/documents', again)).location!)![1]);
      const frenchPage = await french.client.get(`/documents/${frenchId}`);
      expect(frenchPage.text).toContain('1 remarque à la lecture des fichiers');
      expect(frenchPage.text).toContain('<code>matecat.xlf:18</code> l’unité « 3 » a une cible vide : elle est laissée hors de la relecture');
    } finally {
      await french.close();
      removeDir(french.dir);
    }
    // A document read without a word to say shows no such panel.
    const plain = await importFile('plain.txt', 'Le chat dort.\n');
    expect((await app.client.get(`/documents/${plain.id}`)).text).not.toContain('read-warnings');
  });

  // Bug: a list imported on the corrections page kept a repeated line once and said
  // nothing of it, where the same list given at the import was reported.
  it('says which lines of a list imported on the corrections page were kept once, there and on the review page, after what the import said', async () => {
    const form = new FormData();
    upload(form, 'file', 'matecat.xlf', fixture('matecat.xlf'));
    await app.client.get('/documents/new');
    const id = Number(/\/documents\/(\d+)/.exec((await app.client.postMultipart('/documents', form)).location!)![1]);
    const list = new FormData();
    upload(list, 'file', 'later.tsv', 'Zelenski\tZelensky\nRoutte\tRutte\nZelenski\tZelensky\n');
    const imported = await app.client.postMultipart(`/documents/${id}/corrections/import`, list);
    expect(imported.status).toBe(303);
    expect((await app.store.corrections.listCorrections(id)).map((c) => c.from).sort()).toEqual(['Routte', 'Zelenski']);
    const corrections = await app.client.get(`/documents/${id}/corrections`);
    expect(corrections.text).toContain('2 notes from reading the files');
    expect(corrections.text).toContain('<code>later.tsv:3</code> “Zelenski” repeats line 1; kept once');
    const review = await app.client.get(`/documents/${id}`);
    expect(review.text).toContain('2 notes from reading the files');
    expect(review.text.indexOf('matecat.xlf:18')).toBeLessThan(review.text.indexOf('later.tsv:3'));
    // A list with nothing to say adds nothing.
    const clean = new FormData();
    upload(clean, 'file', 'clean.tsv', 'Ucraians\tUkrainiens\n');
    expect((await app.client.postMultipart(`/documents/${id}/corrections/import`, clean)).status).toBe(303);
    expect((await app.store.documents.readWarnings(id)).total).toBe(2);
  });

  it('npm start seeds the sample with its Spanish source', async () => {
    const other = await startTestApp();
    try {
      const id = await seedSampleIfEmpty(other.store, checker(), { withSource: true });
      const page = await other.client.get(`/documents/${id}`);
      expect(page.text).toContain('class="sentence-source"');
      expect(page.text).toContain('Mark Rutte ha desplegado');
    } finally {
      await other.close();
      removeDir(other.dir);
    }
  });
});
