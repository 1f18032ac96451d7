import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGrammalecteAvailable } from '../../../src/grammalecte/find-grammalecte.ts';
import { GrammalecteProcess } from '../../../src/grammalecte/grammalecte-process.ts';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';

const available = isGrammalecteAvailable();
const TEXT = "Selon Routte, l'Ouest est unie face à Moscou.\nLes alliés est prêts.\n";

function pasted(text: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set('text', text);
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

async function importText(app: TestApp, fields: Record<string, string>): Promise<number> {
  const response = await app.client.postMultipart('/documents', pasted(TEXT, fields));
  expect(response.status).toBe(303);
  return Number(/\/documents\/(\d+)$/.exec(response.location!)![1]);
}

async function grammarRules(app: TestApp, documentId: number): Promise<string[]> {
  const lines: string[] = [];
  for (const s of await app.store.documents.allSentences(documentId)) {
    for (const f of (await app.store.findings.activeFindings([s.id])).get(s.id)!) if (f.source === 'grammalecte') lines.push(`${s.idx + 1} «${f.text}» → ${f.suggestions.join('|')}`);
  }
  return lines;
}

describe.skipIf(!available)('grammar checking in the review app, with the real Grammalecte', () => {
  const engine = new GrammalecteProcess();
  let app: TestApp;
  beforeAll(async () => {
    // A generous wait: the first request also starts Grammalecte (a second or two).
    app = await startTestApp({ grammarWaitMs: 20_000 }, undefined, { grammalecte: engine });
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
    engine.close();
  });

  it('the settings page says the review app runs it, per document', async () => {
    await engine.start();
    const page = await app.client.get('/settings');
    expect(page.text).toContain('In the review app it is a setting of each document');
    expect(page.text).toContain(`One Grammalecte process serves the app (process ${engine.pid})`);
  });

  it('offers grammar checking in the import form, ticked', async () => {
    const form = await app.client.get('/documents/new');
    expect(form.text).toMatch(/<input id="grammar" name="grammar" type="checkbox" checked>/);
  });

  it('a document imported with grammar on opens with Grammalecte’s findings beside the rules’', async () => {
    const id = await importText(app, { grammar: 'on' });
    expect((await grammarRules(app, id))).toEqual(['1 «unie» → uni', '2 «est» → sont', '2 «prêts» → prêt']);
    const page = await app.client.get(`/documents/${id}`);
    expect(page.text).toContain('<strong>Grammar (Grammalecte):</strong> on, every sentence checked.');
    expect(page.text).toMatch(/grammalecte:gv1__ppas_sujet_être_accord_singulier/);
    expect(page.text).toContain('Turn grammar off');
    expect(await (await fetch(`${app.url}/documents/${id}/grammar`)).json()).toEqual({ available: true, on: true, pending: 0, error: null });
    const list = await app.client.get('/documents');
    expect(list.text).toMatch(new RegExp(`href="/documents/${id}">[^<]*</a><div class="muted small">pasted text · grammar checked by Grammalecte</div>`));
  });

  it('a document imported without it has none, and can be switched on from its header', async () => {
    const id = await importText(app, {});
    expect((await grammarRules(app, id))).toEqual([]);
    const page = await app.client.get(`/documents/${id}`);
    expect(page.text).toContain('<strong>Grammar:</strong> off for this document.');
    const on = await app.client.post(`/documents/${id}/grammar`, { grammar: 'on', return_to: `/documents/${id}` });
    expect(on.status).toBe(303);
    expect(on.location).toMatch(new RegExp(`^/documents/${id}\\?notice=Grammar\\+checking\\+is\\+on`));
    await app.service.grammar!.settleDocument(id, 20_000);
    expect((await grammarRules(app, id))).toHaveLength(3);
    const off = await app.client.post(`/documents/${id}/grammar`, { grammar: 'off' });
    expect(off.status).toBe(303);
    expect((await grammarRules(app, id))).toEqual([]);
    expect((await app.store.documents.getDocument(id))!.grammar).toBe(false);
  });

  it('an accept answers with the sentence re-checked by Grammalecte too', async () => {
    const id = await importText(app, { grammar: 'on' });
    const sentence = (await app.store.documents.getSentence(id, 1))!;
    const est = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.text === 'est')!;
    await app.client.get(`/documents/${id}`);
    const response = await app.client.post(`/documents/${id}/sentences/2/accept`, { finding: String(est.id), suggestion: '0', version: String(sentence.version) }, true, { 'x-requested-with': 'relecture' });
    expect(response.status).toBe(200);
    const data = JSON.parse(response.text);
    expect((await app.store.documents.getSentence(id, 1))!.currentText).toBe('Les alliés sont prêts.');
    // Grammalecte has looked at the new text: « prêts » now agrees with « sont ».
    expect((await grammarRules(app, id))).toEqual(['1 «unie» → uni']);
    expect(data.flagged).toBe(false);
    expect(data.html).not.toContain('grammalecte:');
  });

  it('an editor accepts a Grammalecte suggestion like any other', async () => {
    const id = await importText(app, { grammar: 'on' });
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    const unie = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!.find((f) => f.text === 'unie')!;
    await app.client.get(`/documents/${id}`);
    const response = await app.client.post(`/documents/${id}/sentences/1/accept`, { finding: String(unie.id), suggestion: '0', version: String(sentence.version) });
    expect(response.status).toBe(303);
    expect((await app.store.documents.getSentence(id, 0))!.currentText).toBe("Selon Routte, l'Ouest est uni face à Moscou.");
    const grammarRows = async () => {
      const report = JSON.parse((await app.client.get(`/documents/${id}/export/report.json`)).text) as { findings: Array<{ ruleId: string; flaggedText: string; decision: string }> };
      return report.findings.filter((f) => f.ruleId.startsWith('grammalecte:')).map((f) => `${f.flaggedText} ${f.decision}`);
    };
    expect(await grammarRows()).toEqual(['unie accepted', 'est open', 'prêts open']);
    // Grammar off: the accepted one stays in the report with its decision, the open ones are withdrawn.
    await app.client.post(`/documents/${id}/grammar`, { grammar: 'off' });
    expect(await grammarRows()).toEqual(['unie accepted']);
  });

  it('when Grammalecte is killed mid-check: the header says so, the rules’ findings are there, and “Try again” finishes', async () => {
    await engine.start();
    const pid = engine.pid!;
    await app.client.get('/documents/new');
    const big = Array.from({ length: 400 }, (_, i) => `Les alliés est prêts pour le sommet numéro ${i + 1}, selon Routte.`).join('\n');
    const form = pasted(big, { grammar: 'on' });
    form.set('corrections', new Blob(['Routte\tRutte\n']), 'fixes.tsv');
    const importing = app.client.postMultipart('/documents', form);
    await new Promise((resolve) => setTimeout(resolve, 300));
    process.kill(pid, 'SIGKILL');
    const response = await importing;
    expect(response.status).toBe(303);
    const id = Number(/\/documents\/(\d+)$/.exec(response.location!)![1]);
    const page = await app.client.get(`/documents/${id}`);
    expect(page.text).toMatch(/<strong>Grammar check failed:<\/strong> Grammalecte was killed \(SIGKILL\) while checking; it will be restarted for the next check\. 400 sentences not checked; the rules’ findings are all there\./);
    expect(page.text).toContain('Try again');
    expect((await app.store.findings.openFindingCounts(id, 'rule_id')).get('corrections/editor')).toBe(400);

    const retry = await app.client.post(`/documents/${id}/grammar`, { grammar: 'on' });
    expect(retry.status).toBe(303);
    await app.service.grammar!.settleDocument(id, 30_000);
    expect(await (await fetch(`${app.url}/documents/${id}/grammar`)).json()).toEqual({ available: true, on: true, pending: 0, error: null });
    expect(engine.pid).not.toBe(pid);
    expect((await app.store.findings.openFindingCounts(id, 'rule_id')).get('corrections/editor')).toBe(400);
  });
});

describe('grammar checking in the review app without Grammalecte', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('the import form says it is off and how to turn it on', async () => {
    const form = await app.client.get('/documents/new');
    expect(form.text).toMatch(/<input id="grammar" name="grammar" type="checkbox" disabled aria-describedby="grammar-hint">/);
    expect(form.text).toContain('Grammalecte is not installed: grammar checking is off. To turn it on: <code>apt-get install grammalecte-cli</code>');
  });

  it('an import asking for grammar is refused with the reason, and nothing is stored', async () => {
    const before = (await app.store.documents.countDocuments());
    const response = await app.client.postMultipart('/documents', pasted(TEXT, { grammar: 'on' }));
    expect(response.status).toBe(409);
    expect(response.text).toContain('Grammar checking was asked for, but Grammalecte is not installed on this machine');
    expect(response.text).toContain('Nothing was stored.');
    expect((await app.store.documents.countDocuments())).toBe(before);
  });

  it('a document cannot be switched to grammar checking, and its page does not offer it', async () => {
    const id = await importText(app, {});
    const page = await app.client.get(`/documents/${id}`);
    expect(page.text).not.toContain('id="grammar-status"');
    const on = await app.client.post(`/documents/${id}/grammar`, { grammar: 'on' });
    expect(on.status).toBe(409);
    expect(on.text).toContain('Grammalecte is not installed on this machine, so grammar checking cannot be turned on. To install it: apt-get install grammalecte-cli');
    expect((await app.store.documents.getDocument(id))!.grammar).toBe(false);
  });
});
