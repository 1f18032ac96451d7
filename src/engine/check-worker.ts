import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createChecker } from '../checker.ts';
import type { Correction } from '../types.ts';
import { claim, type PartResult } from './parallel-check.ts';
import type { WorkerCheckerOptions } from './check-workers.ts';
import type { DocumentIndex, Rule } from './rule-type.ts';
import { tokenizeWords, type SentenceCuts } from '../text/segment.ts';
import type { CountAnswer, CountMessage } from './shared-word-counts.ts';

/**
 * A worker thread of parallel-check.ts: builds the same checker as the main
 * thread, then for each check it is lent to (a job: the paragraph rules, the
 * corrections, the known words, the whole document's word counts) checks each
 * part of the text it is sent and sends its unfinished findings back, one part
 * at a time (what it holds is one part's). A worker kept by CheckWorkers serves
 * many jobs; with `warm` it first checks the rule pack's own examples, so that
 * its expressions are compiled before the first real part.
 */
export interface CheckJob {
  job: number;
  ruleIds: string[];
  corrections: Correction[];
  knownWords: string[];
  claims: Int32Array;
  index: DocumentIndex;
  /** Measure each part's CPU time in this thread too (bench/import-phases.ts asks for timings). */
  timed?: boolean;
}

export type WorkerMessage = { start: CheckJob } | { job: number; part: number; text: string; cuts?: SentenceCuts } | { end: number } | CountMessage;

const data = workerData as { checker: WorkerCheckerOptions; warm?: boolean };
// The rule pack and dictionaries load while the main thread cuts the text.
const checker = createChecker(data.checker);
let job: (CheckJob & { rules: Rule[] }) | undefined;
// The known words of the last job, learned by this worker's checker (a job's own words replace them).
let learned = new Set<string>();

/**
 * How many times a warmed worker checks the pack's examples (43,000 characters, about 0.3 s each
 * once compiled): once compiles the expressions; four times also got the checking code optimised,
 * and the first import's parts then cost the worker 218–236 ms of CPU each, against 235–258 ms
 * after one (bench/RESULTS.md, 2026-12-02 01:21: two alternating pairs, load 5–6).
 */
const WARM_ROUNDS = 4;

/**
 * The warm-up is checked a few examples at a time (WARM_CHUNK_CHARS), this thread's messages
 * read between them, and it stops at the first check it is lent to: that check's parts then
 * compile the same code. A warm-up checked in one go held a first import that came right
 * after the server listened (npm run bench's) behind its rounds, 1.4–3 s of this thread,
 * with its parts queued (issue #15).
 */
const WARM_CHUNK_CHARS = 4_000;
/** Set by a check's start: the warm-up in progress stops. */
let lent = false;

async function warmUp(): Promise<void> {
  // Every example of the pack, good and bad: each rule's expressions compiled, its code run.
  const chunks: string[] = [];
  let chunk: string[] = [];
  let length = 0;
  for (const text of checker.enabledRules.flatMap((rule) => rule.examples.map((example) => example.text.replace(/\[\[|\]\]/g, '')))) {
    chunk.push(text);
    length += text.length + 1;
    if (length >= WARM_CHUNK_CHARS) {
      chunks.push(chunk.join('\n'));
      chunk = [];
      length = 0;
    }
  }
  if (chunk.length > 0) chunks.push(chunk.join('\n'));
  const of = WARM_ROUNDS * chunks.length;
  let checked = 0;
  for (; checked < of && !lent; checked++) {
    checker.check(chunks[checked % chunks.length]);
    // The messages that came meanwhile (a check's start) are read before the next chunk.
    await new Promise((resolve) => setImmediate(resolve));
  }
  parentPort!.postMessage({ warmed: true, chunks: checked, of });
}

parentPort!.on('message', (message: WorkerMessage) => {
  if ('count' in message) {
    // A part's word counts, before the check's start (shared-word-counts.ts); a part the main thread took first is not counted.
    lent = true;
    if (!claim(message.claims, message.part)) {
      parentPort!.postMessage({ counted: message.count, part: message.part } satisfies CountAnswer);
      return;
    }
    const counts = new Map<string, number>();
    for (let i = 0; i < message.cuts.length; i += 2) for (const word of tokenizeWords(message.text, message.cuts[i], message.cuts[i + 1])) counts.set(word.text, (counts.get(word.text) ?? 0) + 1);
    parentPort!.postMessage({ counted: message.count, part: message.part, counts } satisfies CountAnswer);
    return;
  }
  if ('start' in message) {
    lent = true;
    const wanted = new Set(message.start.ruleIds);
    const words = new Set(message.start.knownWords);
    checker.forgetWords([...learned].filter((word) => !words.has(word)));
    checker.learnWords([...words].filter((word) => !learned.has(word)));
    learned = words;
    job = { ...message.start, rules: checker.enabledRules.filter((rule) => wanted.has(rule.id)) };
    return;
  }
  if ('end' in message) {
    // The document's counts are not kept until the next job.
    if (job?.job === message.end) job = undefined;
    return;
  }
  if (!job || job.job !== message.job) return;
  // A part the main thread took first (it takes them from the end while this worker's are queued) is not checked twice.
  if (!claim(job.claims, message.part)) {
    parentPort!.postMessage({ job: job.job, part: message.part, skipped: true });
    return;
  }
  const started = performance.now();
  const cpu = job.timed ? threadCpuMs() : 0;
  const result: PartResult = checker.checkPart(message.text, job.rules, { corrections: job.corrections, index: job.index, sentenceCuts: message.cuts });
  parentPort!.postMessage({ job: job.job, part: message.part, ...result, ms: performance.now() - started, ...(job.timed ? { cpuMs: threadCpuMs() - cpu } : {}) });
});

/** This thread's CPU time in ms (Linux: user + system ticks of /proc/thread-self; 0 elsewhere): `process.cpuUsage` is the whole process's. */
function threadCpuMs(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

if (data.warm) void warmUp();
