import { afterEach, describe, expect, it } from 'vitest';
import type { Checker } from '../../../src/checker.ts';
import { checker, removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) {
    await app.close();
    removeDir(app.dir);
  }
});

/** The real rule pack, with one rule that throws on every text (as a broken rule type would). */
function checkerWithBrokenRule(): Checker {
  const real = checker();
  return { ...real, check: (text, options) => ({ ...real.check(text, options), failures: [{ ruleId: 'typography/broken', message: 'TypeError: cannot read x' }] }) };
}

async function importText(app: TestApp, text: string): Promise<number> {
  await app.client.get('/documents/new'); // the form's CSRF token
  const form = new FormData();
  form.set('text', text);
  const response = await app.client.postMultipart('/documents', form);
  expect(response.status).toBe(303);
  return Number(/\/documents\/(\d+)$/.exec(response.location!)![1]);
}

describe('the review page', () => {
  it('shows a rule that failed at the import and on a re-check, never drops it silently', async () => {
    const app = await startTestApp({}, undefined, { checker: checkerWithBrokenRule() });
    apps.push(app);
    const id = await importText(app, 'Mark Routte a parlé.\n');
    const page = await app.client.get(`/documents/${id}`);
    expect(page.text).toContain('A check failed');
    expect(page.text).toMatch(/rule <code>typography\/broken<\/code>: TypeError: cannot read x/);
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Mark Rutte a parlé.', version: String(sentence.version) });
    const after = await app.client.get(`/documents/${id}`);
    expect(after.text).toContain('2 checks failed');
    expect(after.text).toMatch(/Sentence 1<\/a>: rule <code>typography\/broken<\/code>/);
  });

  it('says nothing of failures when every rule ran', async () => {
    const app = await startTestApp();
    apps.push(app);
    const id = await importText(app, 'Mark Routte a parlé.\n');
    expect((await app.client.get(`/documents/${id}`)).text).not.toContain('check-failures');
  });

  it('links every export of the registry, each served by the one export route', async () => {
    const app = await startTestApp();
    apps.push(app);
    const id = await importText(app, 'Mark Routte a parlé.\r\n');
    const page = (await app.client.get(`/documents/${id}`)).text;
    const links = [...page.matchAll(/href="\/documents\/\d+\/export\/([^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(['text', 'patch', 'report.json', 'report.csv', 'corrections.tsv']);
    for (const link of links) expect((await app.client.get(`/documents/${id}/export/${link}`)).status).toBe(200);
    expect((await app.client.get(`/documents/${id}/export/text`)).text).toBe('Mark Routte a parlé.\r\n');
    expect((await app.client.get(`/documents/${id}/export/nothing`)).status).toBe(404);
  });
});
