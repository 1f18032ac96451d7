import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { importText } from './forms.ts';
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
    const sentence = app.store.getSentence(id, 0)!;
    const { result, slowestMs, requests } = await latencyWhile(app, '/documents', () =>
      app.client.post(`/documents/${id}/sentences/1/edit`, { text: `Le ${nonWord(1500)} dort.`, version: String(sentence.version) }),
    );
    console.log(`1,500-letter word edit: slowest other request ${slowestMs.toFixed(0)} ms over ${requests}`);
    expect(result.status).toBe(303);
    expect(slowestMs).toBeLessThan(1000);
    const findings = app.store.activeFindings([sentence.id]).get(sentence.id)!;
    expect(findings.some((f) => f.ruleId === 'spelling/fr' && f.length === 1500 && f.suggestions.length === 0)).toBe(true);
  });

  it('imports a text with a 1,500-letter word and a 300,000-letter capitalised token, and renders it', async () => {
    const text = `Le ${nonWord(1500, 3)} dort. ${nonWord(300_000, 5, true)} parle.\n`;
    const { result: imported, slowestMs } = await latencyWhile(app, '/documents', () => importText(app, text, 'long-words.txt'));
    expect(slowestMs).toBeLessThan(1000);
    const page = await app.client.get(`/documents/${imported}`);
    expect(page.status).toBe(200);
  });
});
