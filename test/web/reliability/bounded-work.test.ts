import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { FINDINGS_PER_PAGE } from '../../../src/web/render/view-models.ts';
import { MAX_FINDINGS_PER_RULE, MAX_FINDINGS_PER_SENTENCE } from '../../../src/web/review/cap-findings.ts';
import { importForm, importText } from './forms.ts';
import { latencyWhile } from './latency.ts';

/**
 * Hostile requests whose work used to grow faster than their size: each must
 * answer, and the server must keep answering everyone else within a second
 * meanwhile (a functional bound on blocking, not a benchmark).
 */

/** Letters that spell no French word, `n` of them. */
function nonWord(n: number, seed = 1, capital = false): string {
  let state = seed;
  let word = '';
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    word += 'abcdefghijklmnopqrstuvwxyzéèà'[state % 29];
  }
  return capital ? word[0].toUpperCase() + word.slice(1) : word;
}

describe('bounded work per request', () => {
  let app: TestApp;
  let id: number;
  beforeAll(async () => {
    app = await startTestApp({ maxBytes: 2 * 1024 * 1024 });
    await app.client.get('/documents/new');
    // The first unknown word loads the Spanish and English dictionaries (a one-time cost of the process).
    id = await importText(app, 'Le chat dort sur le tapis.\nLe ministre parle du thing.\n', 'chat.txt');
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  // Bug: suggestions for a word of n letters cost n²: an edit with an 800-letter
  // word blocked every other request for 18.6 s; a 1,500-letter one crashed the server.
  it('answers an edit with a 1,500-letter word, and others meanwhile within a second (regression: froze 18.6 s)', async () => {
    const sentence = (await app.store.documents.getSentence(id, 0))!;
    const { result, slowestMs, requests } = await latencyWhile(app, '/documents', () =>
      app.client.post(`/documents/${id}/sentences/1/edit`, { text: `Le ${nonWord(1500)} dort.`, version: String(sentence.version) }),
    );
    console.log(`1,500-letter word edit: slowest other request ${slowestMs.toFixed(0)} ms over ${requests}`);
    expect(result.status).toBe(303);
    expect(slowestMs).toBeLessThan(1000);
    const findings = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!;
    expect(findings.some((f) => f.ruleId === 'spelling/fr' && f.length === 1500 && f.suggestions.length === 0)).toBe(true);
  });

  it('imports a text with a 1,500-letter word and a 300,000-letter capitalised token, and renders it', async () => {
    const text = `Le ${nonWord(1500, 3)} dort. ${nonWord(300_000, 5, true)} parle.\n`;
    const imported = await importText(app, text, 'long-words.txt');
    const page = await app.client.get(`/documents/${imported}`);
    expect(page.status).toBe(200);
  });

  // Bug: a 1 MB line with no full stop is one sentence; its import stored ~260,000
  // findings on it, and the review page's highlighting (quadratic) then did not
  // answer within 5.5 minutes, on every visit.
  it('keeps a 1 MB one-sentence line to the findings cap, says how many were left out, and pages the rest (regression: page never answered)', async () => {
    const line = 'Routte a dit le le mot, '.repeat(Math.ceil((1024 * 1024) / 24));
    const form = importForm({ content: line, name: 'one-line.txt' }, {}, { content: 'Routte\tRutte\n', name: 'c.tsv' });
    const response = await app.client.postMultipart('/documents', form);
    expect(response.status).toBe(303);
    const lineId = Number(/(\d+)$/.exec(response.location!)![1]);
    const sentence = (await app.store.documents.getSentence(lineId, 0))!;
    const stored = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!;
    expect(stored.length).toBeLessThanOrEqual(MAX_FINDINGS_PER_SENTENCE);
    const perRule = new Map<string, number>();
    for (const f of stored) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
    expect(Math.max(...perRule.values())).toBeLessThanOrEqual(MAX_FINDINGS_PER_RULE);
    const leftOut = Object.values(sentence.findingsLeftOut).reduce((a: number, b: number) => a + b, 0);
    expect(leftOut).toBeGreaterThan(40_000);

    const { result: page, slowestMs } = await latencyWhile(app, '/documents', () => app.client.get(`/documents/${lineId}`));
    console.log(`1 MB one-sentence line: ${stored.length} findings kept, ${leftOut} left out; review page ${page.text.length} bytes, slowest other request ${slowestMs.toFixed(0)} ms`);
    expect(page.status).toBe(200);
    expect(slowestMs).toBeLessThan(1000);
    expect(page.text).toContain(`${leftOut} more findings left out in this sentence`);
    expect(page.text.match(/<li class="finding /g)).toHaveLength(FINDINGS_PER_PAGE);
    const second = await app.client.get(`/documents/${lineId}/sentences/1?findings=2`);
    expect(second.status).toBe(200);
    expect(second.text).toContain(`Findings ${FINDINGS_PER_PAGE + 1}–${2 * FINDINGS_PER_PAGE} of ${stored.length}`);
    expect(second.text).toContain('rel="prev"');
    // An edit re-checks the sentence under the same cap.
    const edited = await app.client.post(`/documents/${lineId}/sentences/1/edit`, { text: `Le le ${line}`, version: String(sentence.version) });
    expect(edited.status).toBe(303);
    expect((await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!.length).toBeLessThanOrEqual(MAX_FINDINGS_PER_SENTENCE);
    expect(Object.values((await app.store.documents.getSentence(lineId, 0))!.findingsLeftOut).reduce((a: number, b: number) => a + b, 0)).toBeGreaterThan(40_000);
  });

  // Bug: the propagation form of a long document ticks a box per sentence: over
  // 10,000 of them answered 500 (“too many parameters”).
  it('takes a propagation over 12,000 ticked sentences (regression: 500, too many parameters)', async () => {
    const ticks = Array.from({ length: 12_000 }, (_, i) => String(i + 1));
    const response = await app.client.post(`/documents/${id}/propagate`, { from: 'Routte', to: 'Rutte', sentence: ticks });
    expect(response.status).toBe(303);
  });
});
