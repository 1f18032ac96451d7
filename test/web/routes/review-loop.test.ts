import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';

/** Pastes a text (no corrections) and returns the new document's id. */
async function importText(app: TestApp, text: string, corrections = ''): Promise<number> {
  const form = new FormData();
  form.set('text', text);
  form.set('title', 'T');
  if (corrections) form.set('corrections', new Blob([corrections]), 'c.tsv');
  const response = await app.client.postMultipart('/documents', form);
  expect(response.status, response.text.slice(0, 300)).toBe(303);
  return Number(/\/documents\/(\d+)$/.exec(response.location!)![1]);
}

async function findings(app: TestApp, documentId: number, idx: number) {
  const sentence = (await app.store.documents.getSentence(documentId, idx))!;
  return { sentence, findings: (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)! };
}

describe('review loop routes (issue #13)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.client.get('/documents/new'); // a page with a form: the CSRF token
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('defect 4: an accept, a reject or an edit does not mark a sentence reviewed; the editor does', async () => {
    const id = await importText(app, 'Mark Routte a parlé : il a lancé un message: 3% de plus.\n', 'Routte\tRutte\n');
    let { sentence, findings: open } = await findings(app, id, 0);
    expect(open.length).toBeGreaterThan(2);
    const base = `/documents/${id}/sentences/1`;
    const routte = open.find((f) => f.text === 'Routte')!;
    await app.client.post(`${base}/accept`, { finding: String(routte.id), suggestion: '0', version: String(sentence.version) });
    ({ sentence, findings: open } = await findings(app, id, 0));
    await app.client.post(`${base}/reject`, { finding: String(open[0].id), version: String(sentence.version) });
    ({ sentence } = await findings(app, id, 0));
    await app.client.post(`${base}/edit`, { text: 'Mark Rutte a parlé : il a lancé un message : 3% de plus.', version: String(sentence.version) });
    ({ sentence } = await findings(app, id, 0));
    expect(sentence.openFindings).toBeGreaterThan(0);
    expect(sentence.reviewed).toBe(false);
    expect((await app.store.documents.progress(id)).reviewed).toBe(0);

    const confirmed = await app.client.post(`${base}/review`, { version: String(sentence.version), return_to: `/documents/${id}` });
    expect(confirmed.status).toBe(303);
    expect((await app.store.documents.getSentence(id, 0))!.reviewed).toBe(true);
  });

  it('defect 4: with “reviewed when done” on, deciding the last open finding marks the sentence reviewed, and one undo reverts both', async () => {
    const editor = new Client(app.url);
    await editor.get('/settings');
    const saved = await fetch(`${app.url}/settings/preferences`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: editor.token, lang: 'en', auto_review: 'on' }),
      headers: { cookie: editor.cookie },
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    // The preference is the editor's cookie: the client keeps it beside the CSRF one.
    const preference = /relecture_prefs=[^;]+/.exec(saved.headers.get('set-cookie') ?? '')![0];
    editor.cookie = `${editor.cookie}; ${preference}`;
    expect((await editor.get('/settings')).text).toMatch(/id="auto_review" name="auto_review" checked/);

    const id = await importText(app, 'Il a lancé un message: 3% de plus.\n');
    let { sentence, findings: open } = await findings(app, id, 0);
    expect(open).toHaveLength(2);
    const base = `/documents/${id}/sentences/1`;
    await editor.post(`${base}/reject`, { finding: String(open[0].id), version: String(sentence.version) });
    ({ sentence, findings: open } = await findings(app, id, 0));
    expect(sentence.reviewed).toBe(false); // one finding still open
    await editor.post(`${base}/accept`, { finding: String(open.find((f) => !f.rejected)!.id), suggestion: '0', version: String(sentence.version) });
    sentence = (await app.store.documents.getSentence(id, 0))!;
    expect(sentence.openFindings).toBe(0);
    expect(sentence.reviewed).toBe(true);
    await editor.post(`${base}/undo`, { version: String(sentence.version) });
    sentence = (await app.store.documents.getSentence(id, 0))!;
    expect(sentence.openFindings).toBe(1);
    expect(sentence.reviewed).toBe(false);
  });

  it('confirm-and-next without script goes to the next flagged sentence not yet reviewed', async () => {
    const id = await importText(app, 'Un message: ici. Une phrase juste. Un autre message: là.\n');
    const first = (await app.store.documents.getSentence(id, 0))!;
    const response = await app.client.post(`/documents/${id}/sentences/1/review`, { version: String(first.version), next: '1', return_to: `/documents/${id}` });
    expect(response.status).toBe(303);
    expect(response.location).toBe(`/documents/${id}#s-3`);
    expect((await app.store.documents.getSentence(id, 0))!.reviewed).toBe(true);
  });

  it('defect 8: the conflict page marks the words the other change deleted, and those yours would delete', async () => {
    const id = await importText(app, 'Le ministre allemand de la Défense a été très critique.\n');
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    const base = sentence.currentText;
    // The other editor only deleted words.
    await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Le ministre a été critique.', version: String(sentence.version) });
    const stale = await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Le ministre allemand de la Défense a été critique.', version: String(sentence.version), base });
    expect(stale.status).toBe(409);
    const theirs = /<p class="diff-text conflict-diff" lang="fr" data-theirs>([\s\S]*?)<\/p>/.exec(stale.text)![1];
    expect(theirs).toMatch(/<del class="w">allemand de la Défense ?<\/del>/);
    // Where the space between two words goes (before or after the deleted one) is the diff's choice.
    expect(theirs).toMatch(/<del class="w"> ?très ?<\/del>/);
    const yours = /<p class="diff-text conflict-diff" lang="fr" data-yours>([\s\S]*?)<\/p>/.exec(stale.text)![1];
    expect(yours).toMatch(/<ins class="w">allemand de la Défense ?<\/ins>/);
    // Yours deletes a word the saved version has: marked too.
    const deleting = await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Le ministre a été.', version: String(sentence.version), base });
    expect(/data-yours>([\s\S]*?)<\/p>/.exec(deleting.text)![1]).toMatch(/<del class="w"> ?critique<\/del>/);
  });

  it('defect 7: fixes use the document’s apostrophe, at import and after a re-check', async () => {
    const id = await importText(app, "Les alliés sont en accord pour agir. L'OTAN l'a dit et l'Ukraine l'a entendu.\n");
    const { sentence, findings: open } = await findings(app, id, 0);
    const calque = open.find((f) => f.text === 'sont en accord pour')!;
    expect(calque.suggestions).toEqual(["sont d'accord pour"]);
    // An edit elsewhere in the sentence re-checks it: the style holds.
    await app.client.post(`/documents/${id}/sentences/1/edit`, { text: 'Nos alliés sont en accord pour agir.', version: String(sentence.version) });
    const after = (await findings(app, id, 0)).findings.find((f) => f.text === 'sont en accord pour')!;
    expect(after.suggestions).toEqual(["sont d'accord pour"]);
  });

  it('defect 10: the text search folds accents, case and apostrophes', async () => {
    const id = await importText(app, "Il a négocié avec l'Ukraine. Rien d'autre.\n");
    const count = async (q: string) => ((await app.client.get(`/documents/${id}?status=all&q=${encodeURIComponent(q)}`)).text.match(/<article class="sentence/g) ?? []).length;
    expect(await count('NÉGOCIÉ')).toBe(1);
    expect(await count('negocie')).toBe(1);
    expect(await count('l’ukraine')).toBe(1);
    expect(await count('introuvable')).toBe(0);
  });
});

describe('the report says what happened to each finding (issue #13, defect 3)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.client.get('/documents/new');
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('labels a finding fixed by an edit, one that vanished after a re-check, and one still open', async () => {
    const id = await importText(app, 'Mark Routte a parlé. Il a lancé un message: oui. Il a gagné 3% de plus.\n', 'Routte\tRutte\n');
    const report = async () => (await (await fetch(`${app.url}/documents/${id}/export/report.json`)).json()) as { findings: Array<{ flaggedText: string; ruleId: string; decision: string }> };
    // The editor fixes the colon by hand.
    const second = (await app.store.documents.getSentence(id, 1))!;
    await app.client.post(`/documents/${id}/sentences/2/edit`, { text: 'Il a lancé un message : oui.', version: String(second.version) });
    // The correction is removed from the list: its finding on « Routte » is no longer raised, the text untouched.
    const correction = (await app.store.corrections.listCorrections(id))[0];
    expect((await app.client.post(`/documents/${id}/corrections/${correction.id}/delete`, {})).status).toBe(303);

    const rows = (await report()).findings;
    const label = (ruleId: string) => rows.find((row) => row.ruleId === ruleId)?.decision;
    expect(label('typography/space-before-double-punctuation')).toBe('fixed-by-edit');
    expect(label('corrections/editor')).toBe('vanished-after-recheck');
    expect(label('typography/space-before-percent')).toBe('open');
  });
});

describe('propagation offers are kept until answered (issue #13, defect 9)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.client.get('/documents/new');
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  const TEXT = 'Mark Routte a parlé. Routte a répété. Le ministre a répondu à Routte.\n';

  it('shows a pending offer on its sentence and on the review page after a reload, until it is applied, dismissed or undone', async () => {
    const id = await importText(app, TEXT, 'Routte\tRutte\n');
    const accept = async (idx: number) => {
      const { sentence, findings: open } = await findings(app, id, idx);
      const routte = open.find((f) => f.ruleId === 'corrections/editor')!;
      return app.client.post(`/documents/${id}/sentences/${idx + 1}/accept`, { finding: String(routte.id), suggestion: '0', version: String(sentence.version), return_to: `/documents/${id}?status=all` });
    };
    await accept(0);
    // A plain reload of the review page, without the redirect's parameters.
    let page = await app.client.get(`/documents/${id}?status=all`);
    expect(page.text).toMatch(/« Routte » → « Rutte » : <strong>2<\/strong> other occurrences/);
    expect(page.text).toContain('id="pending-offers"');
    expect((await app.client.get(`/documents/${id}/sentences/1`)).text).toContain('data-propagate');

    // Dismissed, it goes.
    const [offer] = await app.store.decisions.pendingOffers(id);
    expect((await app.client.post(`/documents/${id}/offers/${offer.id}/dismiss`, { return_to: `/documents/${id}` })).status).toBe(303);
    page = await app.client.get(`/documents/${id}?status=all`);
    expect(page.text).not.toContain('data-propagate');
    expect(page.text).not.toContain('id="pending-offers"');

    // Undone, the change takes its offer with it.
    await accept(1);
    expect(await app.store.decisions.pendingOffers(id)).toHaveLength(1);
    const second = (await app.store.documents.getSentence(id, 1))!;
    await app.client.post(`/documents/${id}/sentences/2/undo`, { version: String(second.version) });
    expect(await app.store.decisions.pendingOffers(id)).toHaveLength(0);

    // Applied everywhere, it is answered.
    await accept(1);
    const propagated = await app.client.post(`/documents/${id}/propagate`, { from: 'Routte', to: 'Rutte', sentence: ['3'], learn: 'on', return_to: `/documents/${id}` });
    expect(propagated.status).toBe(303);
    expect(await app.store.decisions.pendingOffers(id)).toHaveLength(0);
  });
});

describe('MQM on hand edits, comments (issue #13)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.client.get('/documents/new');
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('takes an edit’s category and severity from the findings it fixes, or from the editor, and counts confirmed errors', async () => {
    const id = await importText(app, 'Il a lancé un message: oui. Il a gagné 3% de plus. Une phrase juste. Les alliés sont en accord pour agir.\n');
    const edit = async (idx: number, text: string, fields: Record<string, string> = {}) => {
      const sentence = (await app.store.documents.getSentence(id, idx))!;
      return app.client.post(`/documents/${id}/sentences/${idx + 1}/edit`, { text, version: String(sentence.version), ...fields });
    };
    // The page prefills the form from the sentence's open finding.
    expect((await app.client.get(`/documents/${id}/sentences/1`)).text).toContain('here: locale-convention, minor');
    // Fixes the colon's finding by hand, category left to the findings it fixes.
    expect((await edit(0, 'Il a lancé un message : oui.')).status).toBe(303);
    // Says it is a preference, though it fixes the percent's finding.
    await edit(1, 'Il a gagné 3 % de plus.', { mqm_category: 'none' });
    // Names the error itself.
    await edit(2, 'Une phrase très juste.', { mqm_category: 'accuracy/mistranslation', mqm_severity: 'major' });
    const refused = await edit(3, 'Autre.', { mqm_category: 'accuracy/bogus' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Unknown MQM category « accuracy/bogus »');

    const report = (await (await fetch(`${app.url}/documents/${id}/export/report.json`)).json()) as {
      edits: Array<{ sentence: number; category: string | null; severity: string | null }>;
      quality: { confirmed: Record<string, number>; confirmedByCategory: Record<string, { total: number }>; mqmScore: number };
    };
    expect(report.edits.map((e) => [e.sentence, e.category, e.severity])).toEqual([
      [1, 'locale-convention', 'minor'],
      [2, null, null],
      [3, 'accuracy/mistranslation', 'major'],
    ]);
    expect(report.quality.confirmed).toEqual({ minor: 1, major: 1 });
    expect(report.quality.confirmedByCategory['locale-convention'].total).toBe(1);
    // 6 penalty points over the document's words.
    const words = (await app.store.documents.getDocument(id))!.words;
    expect(report.quality.mqmScore).toBeCloseTo(100 - (6 * 100) / words, 5);
    const page = await app.client.get(`/documents/${id}`);
    expect(page.text).toContain('data-confirmed');
    expect(page.text).toMatch(/accuracy\/mistranslation<\/td><td><strong>1<\/strong>/);

    // Undone, the edit's error no longer counts.
    const third = (await app.store.documents.getSentence(id, 2))!;
    await app.client.post(`/documents/${id}/sentences/3/undo`, { version: String(third.version) });
    const after = (await (await fetch(`${app.url}/documents/${id}/export/report.json`)).json()) as { quality: { confirmed: Record<string, number> } };
    expect(after.quality.confirmed).toEqual({ minor: 1 });
  });

  it('keeps comments on a sentence, on its page and in the report', async () => {
    const id = await importText(app, 'Une phrase à commenter.\n');
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    expect((await app.client.post(`/documents/${id}/sentences/1/comment`, { comment: 'Vérifier <le> chiffre', version: String(sentence.version) })).status).toBe(303);
    expect((await app.client.get(`/documents/${id}/sentences/1`)).text).toContain('Vérifier &lt;le&gt; chiffre');
    const report = (await (await fetch(`${app.url}/documents/${id}/export/report.json`)).json()) as { comments: Array<{ sentence: number; comment: string }> };
    expect(report.comments).toEqual([expect.objectContaining({ sentence: 1, comment: 'Vérifier <le> chiffre' })]);
  });
});

describe('the space fixes insert is configurable (issue #13, defect 6)', () => {
  it('puts the configured space before « : » (nbsp, plain), narrow by default, and refuses an unknown RELECTURE_SPACES naming it', async () => {
    const fixOf = async (spaces?: 'nbsp' | 'plain') => {
      const app = await startTestApp(spaces ? { spaces } : {});
      try {
        await app.client.get('/documents/new');
        const id = await importText(app, 'Il a dit: oui.\n');
        return (await findings(app, id, 0)).findings.find((f) => f.ruleId === 'typography/space-before-double-punctuation')!.suggestions;
      } finally {
        await app.close();
        removeDir(app.dir);
      }
    };
    expect(await fixOf()).toEqual(['\u202F:']);
    expect(await fixOf('nbsp')).toEqual(['\u00A0:']);
    expect(await fixOf('plain')).toEqual([' :']);
    const saved = process.env.RELECTURE_SPACES;
    process.env.RELECTURE_SPACES = 'wide';
    try {
      await expect(startTestApp()).rejects.toThrow('RELECTURE_SPACES=wide: expected one of');
    } finally {
      if (saved === undefined) delete process.env.RELECTURE_SPACES;
      else process.env.RELECTURE_SPACES = saved;
    }
  });
});
