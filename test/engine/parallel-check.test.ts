import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker.ts';
import { parseCorrections } from '../../src/corrections/parse-corrections.ts';

// Paragraphs checked in worker threads must give exactly the single-thread
// result: same findings (offsets, lines, columns, sentence indexes, messages,
// order), same failures, same word count.
const checker = createChecker();
const read = (name: string) => readFileSync(new URL(`../../samples/${name}`, import.meta.url), 'utf8');
const sample = read('otan-rutte.mt.fr.txt');
const { corrections } = parseCorrections(read('otan-rutte.corrections.tsv'), 'otan-rutte.corrections.tsv');
const examples = checker.rules.flatMap((rule) => rule.examples.map((e) => e.text.replace(/\[\[|\]\]/g, '')));

// What crosses the cuts between parts: a quotation opened in one paragraph and
// closed in a later one, figures whose unit is in the paragraph before, a name
// spelled one way early and another way late, blank lines, CRLF, decomposed accents.
const awkward = [
  '« Nous ne céderons pas,',
  '— a-t-il ajouté, et nous tiendrons. »',
  'La croissance a atteint 2 % en mai.',
  'Elle est tombée à 1,28 en juin.',
  '',
  'Mark Rutte a parlé. Mark Rutte a conclu.\r',
  'Le ministe\u0301re a re\u0301pondu a\u0300 Routte. Il a rencontré avec les journalistes.',
  'Il a dit : « le le problème » et puis « rien.',
].join('\n');

function document(seed: number): string {
  const paragraphs: string[] = [];
  for (let i = 0; i < 60; i++) {
    const pick = (list: string[]) => list[(seed * 7919 + i * 104729) % list.length];
    paragraphs.push(i % 7 === 3 ? awkward : i % 3 === 0 ? pick(sample.split('\n')) : `${pick(examples)} ${pick(examples)}`);
  }
  return paragraphs.join(seed % 2 === 0 ? '\n' : '\n\n');
}

describe('checking in worker threads', () => {
  it.each([1, 2, 3])('gives the single-thread result on a mixed document (seed %i), with corrections', async (seed) => {
    const text = document(seed);
    const single = checker.check(text, { corrections });
    const parallel = await checker.checkAsync(text, { corrections, workers: 3, minChars: 0 });
    expect(parallel.findings.length).toBeGreaterThan(50);
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.failures).toEqual(single.failures);
    expect(parallel.words).toBe(single.words);
    expect(parallel.segmented.sentences.length).toBe(single.segmented.sentences.length);
  }, 120_000);

  // Issue #15: a worker held its whole part at once (a token per word of half the
  // text); parts are now windows of at most PART_MAX_CHARS, several per worker.
  it.each([1, 2])('gives the single-thread result when each worker checks many small windows in turn (seed %i)', async (seed) => {
    const text = document(seed);
    const single = checker.check(text, { corrections });
    const parallel = await checker.checkAsync(text, { corrections, workers: 2, minChars: 0, partChars: 400 });
    expect(parallel.findings.length).toBeGreaterThan(50);
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.failures).toEqual(single.failures);
    expect(parallel.words).toBe(single.words);
    expect(parallel.segmented.sentences.map((s) => s.words.map((w) => w.text))).toEqual(single.segmented.sentences.map((s) => s.words.map((w) => w.text)));
  }, 120_000);

  it('keeps what runs across the cuts: one quotation over every paragraph, figures whose unit is in the line before', async () => {
    // Wherever the cuts fall, they fall inside the quotation (a part that checked
    // guillemets alone would see a stray » or an unclosed «).
    const lines = ['« Il a déclaré,'];
    for (let i = 0; i < 40; i++) lines.push(i % 2 === 0 ? '— la hausse a atteint 2 % en mai,' : '— et 1,28 en juin,');
    lines.push('voilà tout. »');
    const text = lines.join('\n');
    const single = checker.check(text);
    expect(single.findings.some((f) => f.ruleId === 'numbers/missing-unit')).toBe(true);
    expect(single.findings.some((f) => f.ruleId === 'typography/guillemets')).toBe(false);
    const parallel = await checker.checkAsync(text, { workers: 3, minChars: 0 });
    expect(parallel.findings).toEqual(single.findings);
  }, 120_000);

  // Issue #15: this thread checks parts too, from the end of the queue, below
  // MAIN_PARTS_MAX_CHARS; above, the workers alone do, as before. The parts of an
  // NFC text take their sentences from the whole text's cut (a decomposed one, as
  // document(3) with its « e\u0301 », is cut part by part as before).
  it.each([
    ['this thread beside one worker', undefined, document(3)],
    ['the workers alone (a text above MAIN_PARTS_MAX_CHARS)', 0, document(3)],
    ['this thread beside one worker, on an NFC text whose parts are given their sentences', undefined, document(2).normalize('NFC')],
  ])('gives the single-thread result with %s, over many windows', async (_, mainPartsMaxChars, text) => {
    const single = checker.check(text, { corrections });
    const parallel = await checker.checkAsync(text, { corrections, workers: 2, minChars: 0, partChars: 300, mainPartsMaxChars });
    expect(parallel.findings.length).toBeGreaterThan(50);
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.failures).toEqual(single.failures);
    expect(parallel.words).toBe(single.words);
  }, 120_000);

  // Issue #15: the main thread takes parts from the end of the queue while a worker
  // holds several ahead; a part both took was checked twice (25 checks for the
  // corpus's 23 parts). Whoever claims a part first checks it.
  it('checks each part once, in this thread or in a worker', async () => {
    // Long enough for the worker to be started and busy while this thread takes parts it holds.
    const text = Array.from({ length: 40 }, (_, i) => document(i)).join('\n').normalize('NFC');
    for (let run = 0; run < 2; run++) {
      const timings: Record<string, number> = {};
      await checker.checkAsync(text, { corrections, workers: 2, minChars: 0, partChars: 2_000, timings });
      expect(timings.parts).toBeGreaterThan(20);
      expect((timings['main: parts checked'] ?? 0) + (timings['workers: parts checked'] ?? 0)).toBe(timings.parts);
    }
  }, 120_000);

  it('gives the single-thread result on the sample, cut in two', async () => {
    const single = checker.check(sample, { corrections });
    const parallel = await checker.checkAsync(sample, { corrections, workers: 2, minChars: 0 });
    expect(parallel.findings).toEqual(single.findings);
  }, 120_000);

  // Issue #15: a worker's heap is bounded (WORKER_HEAP_MB) so that V8 collects
  // sooner; a part a worker cannot hold within it is checked in this thread.
  it('checks here what a worker could not hold within its heap bound, with the same result', async () => {
    const text = document(1);
    const single = checker.check(text, { corrections });
    const parallel = await checker.checkAsync(text, { corrections, workers: 2, minChars: 0, partChars: 400, workerHeapMb: 2 });
    expect(parallel.findings.length).toBeGreaterThan(50);
    expect(parallel.findings).toEqual(single.findings);
    expect(parallel.failures).toEqual(single.failures);
  }, 120_000);

  it('stays in this thread for a short text', async () => {
    const result = await checker.checkAsync('Il a rencontré avec les ministres.', { workers: 4 });
    expect(result.findings.map((f) => f.ruleId)).toContain('calque/es/rencontrer-avec');
  });
});
