import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker.ts';
import { CheckWorkers } from '../../src/engine/check-workers.ts';
import { buildDocumentIndex } from '../../src/engine/rule-type.ts';
import { countWordsShared } from '../../src/engine/shared-word-counts.ts';
import { segment, sentenceCuts } from '../../src/text/segment.ts';

// Issue #15: a parallel check's word counts are counted by this thread from the first
// part and by the workers from the last (they sat idle while this thread counted the
// whole text). The counts and the order the words were first seen must be those of
// one thread's count: the rules read both.
const checker = createChecker();
const sample = readFileSync(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');
const text = [...Array.from({ length: 4 }, () => sample), 'Zolbrak et Quintane partent.'].join('\n').normalize('NFC');

let pool: CheckWorkers | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

/** The text cut at line starts into parts of about `size` characters, with their sentences' cuts, as parallel-check.ts does. */
function cutParts(size: number) {
  const segmented = segment(text, { keepWords: false });
  const parts: Array<{ start: number; end: number }> = [];
  for (let start = 0; start < text.length; ) {
    const lineBreak = text.indexOf('\n', start + size);
    const end = lineBreak === -1 ? text.length : lineBreak + 1;
    parts.push({ start, end });
    start = end;
  }
  const cuts: Int32Array[] = [];
  const firstSentences = [0];
  for (const part of parts) {
    const found = sentenceCuts(segmented, part.start, part.end, firstSentences[firstSentences.length - 1]);
    cuts.push(found.cuts);
    firstSentences.push(found.next);
  }
  return { segmented, parts, firstSentences, partOf: (k: number) => ({ text: text.slice(parts[k].start, parts[k].end), cuts: cuts[k] }) };
}

describe('word counts shared with the workers', () => {
  it('gives one thread\'s counts and first-seen order when a worker counts the last parts', async () => {
    pool = new CheckWorkers(checker.workerOptions, 1);
    await pool.warm();
    const workers = pool.take(1, checker.workerOptions)!;
    const { segmented, parts, firstSentences, partOf } = cutParts(1_500);
    expect(parts.length).toBeGreaterThan(6);
    // This thread's first part is slowed (it sleeps 1 s in it): the warmed worker meanwhile claims the last parts it was sent.
    const first = segmented.sentences[0];
    const sleep = new Int32Array(new SharedArrayBuffer(4));
    Object.defineProperty(segmented.sentences, 0, { value: { ...first, get words() { Atomics.wait(sleep, 0, 0, 1_000); return segment(text).sentences[0].words; } } });
    const timings: Record<string, number> = {};
    const shared = await countWordsShared(workers, segmented, parts, firstSentences, partOf, timings);
    await pool.giveBack(workers);
    const single = buildDocumentIndex(segment(text));
    expect(timings['workers: parts counted']).toBeGreaterThan(0);
    expect([...shared.wordCounts]).toEqual([...single.wordCounts]);
    expect([...shared.firstSeen]).toEqual([...single.firstSeen]);
  }, 60_000);

  it('counts every part here when no worker is given', async () => {
    const { segmented, parts, firstSentences, partOf } = cutParts(1_500);
    const timings: Record<string, number> = {};
    const shared = await countWordsShared([], segmented, parts, firstSentences, partOf, timings);
    const single = buildDocumentIndex(segment(text));
    expect(timings['workers: parts counted']).toBeUndefined();
    expect([...shared.wordCounts]).toEqual([...single.wordCounts]);
    expect([...shared.firstSeen]).toEqual([...single.firstSeen]);
  });
});
