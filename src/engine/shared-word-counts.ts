import type { Worker } from 'node:worker_threads';
import type { SegmentedText, SentenceCuts } from '../text/segment.ts';
import { WordTally, type DocumentIndex } from './rule-type.ts';

/**
 * The whole text's word counts for a parallel check, counted by this thread from
 * the first part on while the workers count parts from the last one back (issue
 * #15): the workers, which need the counts before they check anything, sat idle
 * while this thread counted the corpus alone (about 0.5 s of its first second).
 * Each part is claimed by one thread (Atomics); a worker sends its part's counts
 * as a Map, whose order is the order its words were first seen, and the parts are
 * merged in text order: the counts and the first-seen order are buildDocumentIndex's.
 * A worker busy elsewhere (still loading its rule pack) claims nothing: this
 * thread then counts every part, as before. A worker is sent a few parts at a time.
 */
const COUNTS_IN_FLIGHT = 2;

/** What a worker is sent: a part of the text and its sentences, to count their words. */
export interface CountMessage {
  count: number;
  part: number;
  text: string;
  cuts: SentenceCuts;
  claims: Int32Array;
}

/** A worker's answer: the part's word counts, in first-seen order (`undefined`: this thread claimed it first). */
export interface CountAnswer {
  counted: number;
  part: number;
  counts?: Map<string, number>;
}

let counts = 0;

export async function countWordsShared(
  workers: Worker[],
  segmented: SegmentedText,
  parts: Array<{ start: number; end: number }>,
  /** Each part's first sentence (an index into segmented.sentences), and one past the last part's. */
  firstSentences: number[],
  partOf: (k: number) => { text: string; cuts: SentenceCuts },
  /** `workers: parts counted` is added the parts the workers counted. */
  timings?: Record<string, number>,
): Promise<DocumentIndex> {
  const job = ++counts;
  const claims = new Int32Array(new SharedArrayBuffer(Math.max(1, parts.length) * Int32Array.BYTES_PER_ELEMENT));
  const answers = new Map<number, Map<string, number> | undefined>();
  const waiting = new Map<number, () => void>();
  // Parts are given from the last one back; a worker lost leaves its parts to this thread.
  let next = parts.length - 1;
  let own = 0;
  let lostOne = false;
  const offs: Array<() => void> = [];
  for (const worker of workers) {
    let given = 0;
    const give = () => {
      while (given < COUNTS_IN_FLIGHT && next >= own) {
        given++;
        worker.postMessage({ count: job, part: next, ...partOf(next), claims } satisfies CountMessage);
        next--;
      }
    };
    const onMessage = (message: Partial<CountAnswer>) => {
      if (message.counted !== job || message.part === undefined) return;
      given--;
      if (message.counts) {
        answers.set(message.part, message.counts);
        waiting.get(message.part)?.();
      }
      give();
    };
    const lost = () => {
      lostOne = true;
      for (const settle of waiting.values()) settle();
    };
    worker.on('message', onMessage);
    worker.once('exit', lost);
    worker.once('error', lost);
    offs.push(() => {
      worker.off('message', onMessage);
      worker.off('exit', lost);
      worker.off('error', lost);
    });
    give();
  }
  // As buildDocumentIndex counts: the parts merged in text order give its counts and first-seen order.
  const tally = new WordTally();
  const countHere = (k: number) => {
    for (let i = firstSentences[k]; i < firstSentences[k + 1]; i++) for (const word of segmented.sentences[i].words) tally.add(word.text, 1);
  };
  try {
    // This thread's parts from the first one on, till it meets one a worker claimed (every later one is then a worker's).
    for (; own < parts.length; own++) {
      if (Atomics.compareExchange(claims, own, 0, 1) !== 0) break;
      countHere(own);
      // The workers' answers, and their next parts, wait for this thread's event loop.
      if (workers.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // Then the workers' parts in text order: one no thread has claimed yet (queued behind another worker's) is counted here.
    for (let k = own; k < parts.length; k++) {
      if (!answers.has(k) && !lostOne && Atomics.compareExchange(claims, k, 0, 1) !== 0) await new Promise<void>((resolve) => waiting.set(k, resolve));
      const counted = answers.get(k);
      if (counted) {
        for (const [word, n] of counted) tally.add(word, n);
        if (timings) timings['workers: parts counted'] = (timings['workers: parts counted'] ?? 0) + 1;
      } else countHere(k); // claimed here, or its worker was lost
    }
  } finally {
    for (const off of offs) off();
  }
  return tally.index();
}
