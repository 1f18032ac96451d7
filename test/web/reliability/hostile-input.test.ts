import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { exportBytes, importForm, importText } from './forms.ts';

/**
 * Input editors really send, through the import form: each refusal says what
 * is wrong and stores nothing; each accepted text comes back byte for byte.
 */

const LIMIT = 1536 * 1024;

/** French sentences on one line, no newline, at least `bytes` long. */
function oneLongLine(bytes: number): string {
  const sentence = 'Le ministre a déclaré que la réunion était utile et que les alliés resteraient unis. ';
  return sentence.repeat(Math.ceil(bytes / Buffer.byteLength(sentence))).trimEnd();
}

/** The reason shown in the import form's alert. */
function alertOf(html: string): string {
  const alert = /role="alert">([^]*?)<\/section>/.exec(html)?.[1] ?? '';
  const entities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#34;': '"', '&amp;': '&' };
  return alert.replace(/<[^>]+>/g, '').replace(/&(lt|gt|quot|#39|#34|amp);/g, (entity) => entities[entity]).replace(/\s+/g, ' ').trim();
}

describe('import of hostile and unusual input', () => {
  let app: TestApp;
  let inputsTried = 0;
  beforeAll(async () => {
    app = await startTestApp({ maxBytes: LIMIT });
    await app.client.get('/documents/new');
  });
  afterAll(async () => {
    console.log(`hostile-input: ${inputsTried} inputs tried through the web import`);
    await app.close();
    removeDir(app.dir);
  });

  /** Posts a file that must be refused with `status`, and checks nothing was stored. */
  async function refused(form: FormData, status: number, path = '/documents'): Promise<string> {
    inputsTried++;
    const documents = (await app.store.documents.countDocuments());
    const response = await app.client.postMultipart(path, form);
    expect(response.status).toBe(status);
    expect((await app.store.documents.countDocuments())).toBe(documents);
    return response.text;
  }

  async function roundTrip(text: string | Buffer, name = 'input.txt'): Promise<number> {
    inputsTried++;
    const id = await importText(app, text, name);
    expect((await exportBytes(app, id)).equals(Buffer.from(text))).toBe(true);
    return id;
  }

  it('refuses an empty file, saying it is empty', async () => {
    const page = await refused(importForm({ content: '', name: 'vide.txt' }), 400);
    expect(alertOf(page)).toContain('vide.txt: is empty');
  });

  it('refuses whitespace only, pasted or in a file', async () => {
    expect(alertOf(await refused(importForm(undefined, { text: ' \n\t\u00a0 \r\n' }), 400))).toContain('The pasted text contains only whitespace');
    expect(alertOf(await refused(importForm({ content: '\r\n \u00a0\u202f\n', name: 'blancs.txt' }), 400))).toContain('contains only whitespace');
  });

  // Bug: a text of only zero-width characters (U+200B, U+2060, U+FEFF) passed the
  // "only whitespace" check, because String.trim() does not remove them, and was
  // stored as a document with one invisible sentence.
  it('refuses a text of only invisible characters (regression: it was stored)', async () => {
    expect(alertOf(await refused(importForm({ content: '\u200b\u2060 \ufeff\u200d\n', name: 'invisible.txt' }), 400))).toContain('only whitespace or invisible characters');
    expect(alertOf(await refused(importForm(undefined, { text: '\u200b\u200b' }), 400))).toContain('only whitespace or invisible characters');
  });

  it('accepts one 1 MB line with no newline, reviewable and exported byte for byte', async () => {
    const line = oneLongLine(1024 * 1024);
    expect(Buffer.byteLength(line)).toBeGreaterThanOrEqual(1024 * 1024);
    const id = await roundTrip(line, 'long.txt');
    const page = await app.client.get(`/documents/${id}?status=all`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="s-1"');
    expect((await app.client.get(`/documents/${id}?status=all&page=2`)).status).toBe(200);
  });

  it('answers a text over the limit with a 413 page, file or pasted', async () => {
    const big = 'a'.repeat(LIMIT + 1);
    expect(await refused(importForm({ content: big, name: 'big.txt' }), 413)).toContain('over the limit of 1.5 MB');
    expect(await refused(importForm(undefined, { text: big }), 413)).toContain('over the limit of 1.5 MB');
    expect(await refused(importForm({ content: 'Une phrase.', name: 'a.txt' }, {}, { content: big, name: 'big.tsv' }), 413)).toContain('over the limit');
  });

  it('names Latin-1 (ISO-8859-1) French, offers to convert, and converts when asked', async () => {
    const latin1 = Buffer.from('Le café était fermé à Noël.\n', 'latin1');
    const page = await refused(importForm({ content: latin1, name: 'ancien.txt' }), 400);
    expect(alertOf(page)).toContain('ancien.txt, line 1: is not UTF-8: it looks like ISO-8859-1');
    expect(page).toContain('Convert from Windows-1252 / Latin-1');
    expect(page).toMatch(/name="legacy" type="checkbox" checked/);
    inputsTried++;
    const converted = await app.client.postMultipart('/documents', importForm({ content: latin1, name: 'ancien.txt' }, { legacy: 'on' }));
    expect(converted.status).toBe(303);
    const id = Number(/(\d+)$/.exec(converted.location!)![1]);
    expect((await exportBytes(app, id)).toString('utf8')).toBe('Le café était fermé à Noël.\n');
  });

  it('converts Windows-1252 corrections uploaded with a Windows-1252 text', async () => {
    inputsTried++;
    const text = Buffer.from('L\x92\xe9t\xe9 de Zelenski.\n', 'latin1');
    const corrections = Buffer.from('Zelenski\tZelensky\tpresse fran\xe7aise\n', 'latin1');
    const response = await app.client.postMultipart('/documents', importForm({ content: text, name: 'w.txt' }, { legacy: 'on' }, { content: corrections, name: 'w.tsv' }));
    expect(response.status).toBe(303);
    const id = Number(/(\d+)$/.exec(response.location!)![1]);
    expect((await exportBytes(app, id)).toString('utf8')).toBe('L’été de Zelenski.\n');
    expect((await app.store.corrections.listCorrections(id)).map((c) => [c.from, c.to, c.note])).toEqual([['Zelenski', 'Zelensky', 'presse française']]);
  });

  it('refuses UTF-16 with a byte order mark, naming it', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Bonjour à tous.\n', 'utf16le')]);
    expect(alertOf(await refused(importForm({ content: le, name: 'u16.txt' }), 400))).toContain('is UTF-16 (little-endian, with a byte order mark), not UTF-8: save it as UTF-8');
    const be = Buffer.from(le).swap16();
    expect(alertOf(await refused(importForm({ content: be, name: 'u16be.txt' }), 400))).toContain('big-endian');
  });

  it('refuses binary data', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const page = await refused(importForm({ content: png, name: 'image.png' }), 400);
    expect(alertOf(page)).toContain('looks like binary data, not text');
    expect(page).not.toContain('Convert from Windows-1252 / Latin-1 below');
  });

  it('keeps CRLF, NFC and NFD accents, zero-width and non-breaking characters, emoji and right-to-left text, byte for byte', async () => {
    await roundTrip('Première phrase.\r\nDeuxième phrase.\r\n\r\nTroisième.\r\n');
    await roundTrip(`Le ${'café'.normalize('NFC')} et le ${'café'.normalize('NFD')} sont ${'déjà'.normalize('NFD')} servis.\n`);
    await roundTrip('Il a dit\u00a0: «\u202foui\u202f» à\u200bla\u2060réunion\u200d.\uFEFF Fin.\n');
    await roundTrip('Bravo 👏🏽 à l’équipe 👨‍👩‍👧 ! Le drapeau 🇫🇷 flotte.\n');
    await roundTrip('Le mot arabe سلام et l’hébreu שלום\u200f sont cités\u202e ici\u202c.\n');
    await roundTrip('\n\n  Texte précédé de lignes vides et suivi d’espaces.   \n\n\n');
    await roundTrip('\uFEFFUn texte avec BOM.\n'.slice(1));
  });

  it('drops a UTF-8 byte order mark on import (the one change to the bytes)', async () => {
    inputsTried++;
    const id = await importText(app, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Avec BOM.\n')]), 'bom.txt');
    expect((await exportBytes(app, id)).toString('utf8')).toBe('Avec BOM.\n');
  });

  describe('corrections files', () => {
    let id: number;
    beforeAll(async () => {
      id = await importText(app, 'Le point a.b reste, axb aussi. La note (x) et x ensemble. Routte parle.\n', 'meta.txt');
    });

    async function importCorrections(content: string, name: string): Promise<{ status: number; text: string }> {
      inputsTried++;
      const form = new FormData();
      form.set('file', new Blob([content]), name);
      return app.client.postMultipart(`/documents/${id}/corrections/import`, form);
    }

    async function refusedCorrections(content: string, name: string): Promise<string> {
      const before = (await app.store.corrections.listCorrections(id)).length;
      const response = await importCorrections(content, name);
      expect(response.status).toBe(400);
      expect((await app.store.corrections.listCorrections(id))).toHaveLength(before);
      expect(response.text).toContain('Nothing was changed.');
      return alertOf(response.text);
    }

    it('refuses a missing column, an empty side, and conflicting entries, naming file and line', async () => {
      expect(await refusedCorrections('Routte\tRutte\nsans colonne\n', 'missing.tsv')).toContain('missing.tsv, line 2: expected “wrong<TAB>right[<TAB>note]”');
      expect(await refusedCorrections('Routte\t\n', 'empty-right.tsv')).toContain('empty-right.tsv, line 1: the right form (second column) for “Routte” is empty');
      expect(await refusedCorrections('\tRutte\n', 'empty-left.tsv')).toContain('the wrong form (first column) is empty');
      expect(await refusedCorrections('Routte\tRutte\nRoutte\tRoute\n', 'conflict.tsv')).toContain('conflict.tsv, line 2: “Routte” is corrected to “Route” here but to “Rutte” at line 1');
      expect(await refusedCorrections('[{"from": "Routte"}]', 'missing.json')).toContain('"to" must be a string');
      expect(await refusedCorrections('', 'empty.tsv')).toContain('is empty');
    });

    it('keeps an exact duplicate once', async () => {
      expect((await importCorrections('Routte\tRutte\nRoutte\tRutte\n', 'dup.tsv')).status).toBe(303);
      expect((await app.store.corrections.listCorrections(id)).filter((c) => c.from === 'Routte')).toHaveLength(1);
    });

    it('matches regex metacharacters in `from` literally', async () => {
      expect((await importCorrections('a.b\tA-B\n(x)\t[x]\n', 'meta.tsv')).status).toBe(303);
      const ids = (await app.store.documents.allSentences(id)).map((sentence) => sentence.id);
      const flagged = [...(await app.store.findings.activeFindings(ids)).values()]
        .flat()
        .filter((f) => f.ruleId === 'corrections/editor')
        .map((f) => `${f.text}→${f.suggestions.join('|')}`);
      expect(flagged).toContain('a.b→A-B');
      expect(flagged).toContain('(x)→[x]');
      // "axb" would match an unescaped a.b, and a bare "x" an unescaped (x).
      expect(flagged).not.toContain('axb→A-B');
      expect(flagged.filter((f) => f.endsWith('→[x]'))).toHaveLength(1);
    });
  });
});

/** A real 50 MB upload against the default 5 MB limit, on a raw socket so the timing is visible. */
describe('a 50 MB upload', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.client.get('/documents/new');
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  /** Streams `total` bytes of body and reports how much was sent when the answer came. */
  function streamBody(path: string, headers: Record<string, string>, head: Buffer, total: number): Promise<{ status: number; sentWhenAnswered: number; text: string }> {
    const { port } = new URL(app.url);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    return new Promise((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (data) => (text += data));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode!, sentWhenAnswered, text });
        });
      });
      req.on('error', (error) => (answered ? undefined : reject(error)));
      req.write(head);
      sent = head.length;
      const pump = () => {
        while (!answered && sent < total) {
          const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
          sent += piece.length;
          if (!req.write(piece)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
  }

  // Bug: multer and body-parser read a too-large body to its end before answering
  // 413, so a 50 MB post was answered only once all 50 MB had been received.
  it('is refused with 413 while it is still being sent, without buffering it (regression: answered only after 50 MB)', async () => {
    const total = 50 * 1024 * 1024;
    const boundary = '----relecture50mb';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${app.client.token}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    const documents = (await app.store.documents.countDocuments());
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const multipart = await streamBody('/documents', { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(total), cookie: app.client.cookie }, head, total);
    const elapsed = Date.now() - started;
    const grown = process.memoryUsage().rss - rssBefore;
    console.log(`50 MB multipart: ${multipart.status} after ${(multipart.sentWhenAnswered / 1024 / 1024).toFixed(1)} MB sent, ${elapsed} ms, RSS +${(grown / 1024 / 1024).toFixed(1)} MB`);
    expect(multipart.status, multipart.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toBe(413);
    expect(multipart.text).toContain('over the limit of 5 MB');
    expect(multipart.text).toContain('Too large');
    expect(multipart.sentWhenAnswered).toBeLessThan(total / 2);
    expect(grown).toBeLessThan(40 * 1024 * 1024);
    expect((await app.store.documents.countDocuments())).toBe(documents);

    // A form body announced at 50 MB is refused from its Content-Length alone.
    const form = await streamBody('/documents/1/corrections', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(total), cookie: app.client.cookie }, Buffer.from('from='), total);
    console.log(`50 MB form: ${form.status} after ${(form.sentWhenAnswered / 1024 / 1024).toFixed(1)} MB sent`);
    expect(form.status).toBe(413);
    expect(form.sentWhenAnswered).toBeLessThan(total / 2);
    // Chunked, with no length announced: the parsers stop keeping it at the
    // limit and read the rest away (not answered early, but never held in memory).
    const rssChunked = process.memoryUsage().rss;
    const chunked = await streamBody('/documents/1/corrections', { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', cookie: app.client.cookie }, Buffer.from('from='), total);
    const grownChunked = process.memoryUsage().rss - rssChunked;
    console.log(`50 MB chunked form: ${chunked.status} after ${(chunked.sentWhenAnswered / 1024 / 1024).toFixed(1)} MB sent, RSS +${(grownChunked / 1024 / 1024).toFixed(1)} MB`);
    expect(chunked.status).toBe(413);
    expect(grownChunked).toBeLessThan(40 * 1024 * 1024);
    // The server still answers.
    expect((await app.client.get('/documents')).status).toBe(200);
  });
});
