import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { importText } from '../reliability/forms.ts';

/** The job pages (issue #16, defect 5): a propagation small enough to end within the request, and what its page offers. */
describe('job pages', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.client.get('/documents/new');
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('answers a small propagation as before, with a link to its job, whose page undoes it all', async () => {
    const id = await importText(app, 'Routte parle.\nRoutte part.\nIl reste.\n', 'r.txt');
    const response = await app.client.post(`/documents/${id}/propagate`, { from: 'Routte', to: 'Rutte', sentence: ['1', '2'], learn: 'on', return_to: `/documents/${id}` });
    expect(response.status).toBe(303);
    const location = new URL(response.location!, app.url);
    expect(location.pathname).toBe(`/documents/${id}`);
    expect(location.searchParams.get('notice')).toBe('propagated-learned');
    const job = location.searchParams.get('job')!;
    const review = await app.client.get(location.pathname + location.search);
    expect(review.text).toContain('2 occurrences changed in 2 sentences, added to the corrections.');
    expect(review.text).toContain(`href="/documents/${id}/jobs/${job}"`);

    const json = await fetch(`${app.url}/documents/${id}/jobs/${job}`, { headers: { accept: 'application/json' } });
    expect(await json.json()).toMatchObject({ id: job, kind: 'propagate', state: 'done', done: 2, total: 2, counts: { changed: 2, occurrences: 2 } });
    const page = await app.client.get(`/documents/${id}/jobs/${job}`);
    expect(page.text).toContain('Done: 2 of 2.');
    expect(page.text).not.toContain('http-equiv="refresh"');

    const undo = await app.client.post(`/documents/${id}/jobs/${job}/undo`, { return_to: `/documents/${id}` });
    expect(undo.status).toBe(303);
    expect(undo.location).toMatch(new RegExp(`^/documents/${id}/jobs/[0-9a-f-]{36}\\?return_to=`));
    const undone = await app.client.get(undo.location!);
    expect(undone.text).toContain('2 sentences put back as they were.');
    expect((await app.store.documents.allSentences(id)).map((s) => s.currentText.trimEnd())).toEqual(['Routte parle.', 'Routte part.', 'Il reste.']);
  });

  it('answers 404 for a job of another document, a malformed id, and an undo of a job that is no propagation', async () => {
    const one = await importText(app, 'Routte parle.\n', 'a.txt');
    const two = await importText(app, 'Routte parle.\n', 'b.txt');
    const response = await app.client.post(`/documents/${one}/propagate`, { from: 'Routte', to: 'Rutte', sentence: ['1'] });
    const job = new URL(response.location!, app.url).searchParams.get('job')!;
    expect((await app.client.get(`/documents/${two}/jobs/${job}`)).status).toBe(404);
    expect((await app.client.get(`/documents/${one}/jobs/not-a-job`)).status).toBe(404);
    const undo = await app.client.post(`/documents/${one}/jobs/${job}/undo`, {});
    const undoJob = /jobs\/([0-9a-f-]{36})/.exec(undo.location!)![1];
    expect((await app.client.post(`/documents/${one}/jobs/${undoJob}/undo`, {})).status).toBe(404);
    // A notice's job link is only ever a UUID.
    const page = await app.client.get(`/documents/${one}?notice=propagated&n=1&s=1&job=${encodeURIComponent('"><script>x</script>')}`);
    expect(page.text).not.toContain('<script>x');
    expect(page.text).not.toContain('/jobs/"');
  });

  it('says in French what a job did', async () => {
    const french = await startTestApp({ lang: 'fr' });
    try {
      await french.client.get('/documents/new');
      const id = await importText(french, 'Routte parle.\n', 'f.txt');
      const response = await french.client.post(`/documents/${id}/propagate`, { from: 'Routte', to: 'Rutte', sentence: ['1'] });
      const job = new URL(response.location!, french.url).searchParams.get('job')!;
      const page = await french.client.get(`/documents/${id}/jobs/${job}`);
      expect(page.text).toContain('Terminé : 1 sur 1.');
      expect(page.text).toContain('1 occurrence modifiée dans 1 phrase.');
      expect(page.text).toContain('Annuler toute la propagation');
    } finally {
      await french.close();
      removeDir(french.dir);
    }
  });
});
