import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { createChecker } from '../checker.ts';
import type { Correction } from '../types.ts';
import { claim, type PartResult } from './parallel-check.ts';
import type { WorkerCheckerOptions } from './check-workers.ts';
import type { DocumentIndex, Rule } from './rule-type.ts';
import type { SentenceCuts } from '../text/segment.ts';

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

export type WorkerMessage = { start: CheckJob } | { job: number; part: number; text: string; cuts?: SentenceCuts } | { end: number };

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

if (data.warm) {
  // Every example of the pack, good and bad, in one text: each rule's expressions compiled, its code run.
  const examples = checker.enabledRules.flatMap((rule) => rule.examples.map((example) => example.text.replace(/\[\[|\]\]/g, ''))).join('\n');
  for (let round = 0; round < WARM_ROUNDS; round++) checker.check(examples);
  parentPort!.postMessage({ warmed: true });
}

parentPort!.on('message', (message: WorkerMessage) => {
  if ('start' in message) {
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
