import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { importText } from '../reliability/forms.ts';

/**
 * The re-checks an edit leaves for after its answer (issue #15: a name's variants
 * elsewhere) wait for a quiet moment; an export asked for meanwhile must not give
 * the findings from before the edit.
 */
describe('exports after a change', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.client.get('/documents/new'); // the form's CSRF cookie
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('gives the report of the findings the last edits leave, those of other sentences included', async () => {
    // « Rutkowski » is the reference; « Rutkowsky » in the three last paragraphs is its variant.
    const text = ['Le ministre Rutkowski parle.', 'Rutkowski répond aux questions.', 'Le pays attend Rutkowsky.', 'La presse suit Rutkowsky.', 'On cite Rutkowsky.'].join('\n') + '\n';
    const id = await importText(app, text, 'noms.txt');
    type Row = { sentence: number; ruleId: string; flaggedText: string; decision: string };
    const openVariants = (report: { findings: Row[] }) => report.findings.filter((f) => f.ruleId.startsWith('names/') && f.flaggedText.startsWith('Rutkowsk') && f.decision === 'open');
    const report = async () => JSON.parse(await (await fetch(`${app.url}/documents/${id}/export/report.json`)).text()) as { findings: Row[] };
    expect(openVariants(await report()).map((f) => f.sentence)).toEqual([3, 4, 5]);

    // Another client's request in progress all along (as the app's first middleware counts
    // them): the re-checks the edits leave wait for their bound (100 ms a step), not for a quiet moment.
    app.service.requests.enter();

    // Both first paragraphs take the variant's spelling: it is the name now, in all five.
    for (const n of [1, 2]) {
      const sentence = (await app.store.documents.getSentence(id, n - 1))!;
      const edited = await app.client.post(`/documents/${id}/sentences/${n}/edit`, { text: sentence.currentText.replace('Rutkowski', 'Rutkowsky'), version: String(sentence.version) });
      expect(edited.status).toBe(303);
    }
    // Asked for at once: the export waits for them, whether the server is quiet or not.
    expect(openVariants(await report())).toEqual([]);
    app.service.requests.leave();
  });
});
