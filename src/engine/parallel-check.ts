import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startCheckWorker, WORKER_HEAP_MB, type CheckWorkers, type WorkerCheckerOptions } from './check-workers.ts';
import type { WorkerMessage } from './check-worker.ts';
import { normalise } from '../text/normalise.ts';
import { segment, sentenceCuts, type SegmentedText, type SentenceCuts } from '../text/segment.ts';
import { indexAtOrBefore } from '../text/position.ts';
import type { Correction, Finding, RuleFailure } from '../types.ts';
import { buildDocumentIndex, type DocumentIndex, type Rule, type RuleType } from './rule-type.ts';
import type { CheckJob } from './check-worker.ts';
import { countWordsShared } from './shared-word-counts.ts';
import { finishFindings, runRules, runRulesYielding, type RunInput, type RunResult, type UnfinishedFinding } from './run-rules.ts';

/**
 * Both cores for big inputs: the text is cut at line breaks into one part per
 * worker thread; each worker loads the same rule pack and checks its part
 * against the word counts of the whole document, while this thread cuts the
 * whole text into sentences (the caller needs them) and runs the rules that need
 * the whole text (`documentWide`: guillemets open across paragraphs, the unit of
 * earlier figures, expressions that may run over a line break or anchor on the
 * text's ends), then checks parts too. The findings are then put back in the whole text's offsets,
 * lines and sentences and finished as one run: the result is the single-thread
 * run's (test/engine/parallel-check.test.ts compares them).
 */

/**
 * Below this many UTF-16 units, one thread checks the text: on this 2-core machine
 * the parallel check costs half as much CPU again as one thread (5.5 M characters:
 * 16.2 s against 9.2 s, threads' timers in /proc) and, the other core seldom free,
 * lost at every size measured below this bound (bench/RESULTS.md, 2026-12-01 20:15:
 * 1×, 2× the corpus; 3× a tie in wall time). The extra CPU is not one thing done
 * twice: the worker's V8 helper threads (its own collector and compiler: 4.4 s
 * against 1.7 s), each part's text cut into sentences again and its run set up
 * again (about 1 s over the corpus in one thread), the worker's start (0.5 s).
 * The bound is kept where one thread's memory stays well under 1 GB (it grows
 * about 190 MB per 5.5 M characters: 761 MB at 17 M), so that 8× the corpus is
 * still cut into bounded windows.
 */
export const PARALLEL_MIN_CHARS = 12_000_000;

/**
 * A worker checks the text a window of at most about this many UTF-16 units at a time
 * (cut at line breaks), so that what it holds while checking (a token per word,
 * the rules' state) stays that of one window whatever the text's length: 8× the
 * corpus held a token per word in every thread at once (issue #15).
 */
export const PART_MAX_CHARS = 250_000;

/**
 * Up to this many UTF-16 units, this thread checks parts too once its document-wide
 * rules are done, beside one worker fewer: since the pattern rules stay within a
 * paragraph, those rules are the guillemets and units alone (about 0.6 s of CPU on the
 * corpus), and this thread then sat idle while a second worker paid its own start
 * (compiling the expressions again, its first part 0.6 s of CPU against 0.3 s for the
 * others) (issue #15). Above, it does not: on 8× the corpus (45 M) its unbounded heap
 * took the garbage of the parts it checked (peak RSS 1,024 MB against 811 MB, the same
 * time: bench/RESULTS.md, 2026-12-01 18:10). Since PARALLEL_MIN_CHARS is above it, this applies
 * only to a check given a lower `minChars` (tests, a caller that asks for workers).
 */
export const MAIN_PARTS_MAX_CHARS = 8_000_000;

export type { WorkerCheckerOptions } from './check-workers.ts';

export interface ParallelInput {
  text: string;
  rules: Rule[];
  types: Record<string, RuleType<any>>;
  checker: WorkerCheckerOptions;
  /** The known words of this check (the project's, the corrections'), for the workers' checkers. */
  knownWords: string[];
  corrections: Correction[];
  /** Workers kept between checks (the review app's); without them, or when another check holds them, workers are started for this one. */
  pool?: CheckWorkers;
  index?: DocumentIndex;
  /** The rest of a single-thread run's input (dictionary, prefilter), for the rules of this thread. */
  local: Pick<RunInput, 'dictionary' | 'prefilter' | 'corrections' | 'knownWords'>;
  /** Threads that check parts, this one included (default: one per core, at most 4): one fewer worker threads are started. */
  workers?: number;
  /** The largest window a worker checks at once (default PART_MAX_CHARS; tests make it small). */
  partChars?: number;
  /** Up to how many UTF-16 units this thread checks parts too (default MAIN_PARTS_MAX_CHARS; tests set it). */
  mainPartsMaxChars?: number;
  /** The old-generation heap bound of each worker (default WORKER_HEAP_MB; tests make it too small to load the rules). */
  workerHeapMb?: number;
  /** Filled with each step's wall time in ms (bench/import-phases.ts reads it). */
  timings?: CheckTimings;
  /** Called with each stretch of the text once checked, in text order, before the next (an import stores it meanwhile); its failure fails the check. */
  onChecked?: (stretch: CheckedStretch) => Promise<void> | void;
}

/** Where a parallel check's time went, in ms: this thread's steps, and the parts' checks in each thread. */
export type CheckTimings = Record<string, number>;

/** What a worker sends back for its part. */
export interface PartResult {
  findings: UnfinishedFinding[];
  failures: RuleFailure[];
  /** The part's check, in ms of the thread's wall time, and of its CPU time when the check is timed. */
  ms?: number;
  cpuMs?: number;
}

/** One checking thread per core (this one and worker threads), at most 4; RELECTURE_WORKERS sets the number (1: everything in this thread). */
export function defaultWorkerCount(): number {
  const wanted = Number(process.env.RELECTURE_WORKERS);
  return Number.isInteger(wanted) && wanted > 0 ? wanted : Math.min(4, availableParallelism());
}

/** Whether the rule carries state across paragraphs (a worker's part cannot check it; the review app re-checks it over linked paragraphs). */
export function isDocumentWide(rule: Rule, types: Record<string, RuleType<any>>): boolean {
  const wide = types[rule.type].documentWide;
  return typeof wide === 'function' ? wide(rule.params) : wide === true;
}

/** Line-start offsets cutting `text` into `count` parts of about equal length. */
function cutPoints(text: string, count: number): number[] {
  const cuts = [0];
  for (let k = 1; k < count; k++) {
    const target = Math.floor((text.length * k) / count);
    const lineBreak = text.indexOf('\n', Math.max(target, cuts[cuts.length - 1]));
    if (lineBreak === -1 || lineBreak + 1 >= text.length) break;
    if (lineBreak + 1 > cuts[cuts.length - 1]) cuts.push(lineBreak + 1);
  }
  return cuts;
}

export async function checkInParallel(input: ParallelInput): Promise<RunResult> {
  const { text, types } = input;
  const workerCount = input.workers ?? defaultWorkerCount();
  const partChars = input.partChars ?? PART_MAX_CHARS;
  const cuts = cutPoints(text, Math.max(workerCount, Math.ceil(text.length / partChars)));
  const parts = cuts.map((start, k) => ({ start, end: cuts[k + 1] ?? text.length }));
  const partRules = input.rules.filter((rule) => !isDocumentWide(rule, types));
  const heapMb = input.workerHeapMb ?? WORKER_HEAP_MB;
  // This thread checks parts too once its document-wide rules are done (takeLast
  // below): on 2 cores, 2 workers beside a busy main thread were 3 threads for 2
  // cores, and the workers' last parts waited while this thread sat idle (issue #15).
  const mainChecksParts = text.length <= (input.mainPartsMaxChars ?? MAIN_PARTS_MAX_CHARS);
  const timings = input.timings;
  let stepStart = performance.now();
  const step = (name: string) => {
    const at = performance.now();
    if (timings) timings[name] = (timings[name] ?? 0) + (at - stepStart);
    stepStart = at;
  };
  // One claim per part, shared by every thread: whoever claims a part first checks it (see PartQueue).
  const claims = new Int32Array(new SharedArrayBuffer(Math.max(1, parts.length) * Int32Array.BYTES_PER_ELEMENT));
  const workerTotal = Math.max(1, Math.min(mainChecksParts ? workerCount - 1 : workerCount, parts.length));
  // Kept workers when the pool lends them (its heap bound is its own), else started for this check.
  const pooled = heapMb === WORKER_HEAP_MB ? input.pool?.take(workerTotal, input.checker) : undefined;
  const workers = pooled ?? Array.from({ length: workerTotal }, () => startCheckWorker(input.checker, heapMb));
  const job = ++jobs;
  if (timings) {
    timings.parts = parts.length;
    timings['workers kept'] = pooled ? 1 : 0;
  }
  step('workers started');
  // Each part's sentences, from the whole text's cut (below), so that no part is cut into sentences again.
  let cutsOf: (k: number) => SentenceCuts | undefined = () => undefined;
  const dispatch = new PartQueue(workers, job, parts.length, (k) => ({ text: text.slice(parts[k].start, parts[k].end), cuts: cutsOf(k) }), claims, timings);
  try {
    // Meanwhile, here: the whole text cut into sentences (their words tokenised
    // when read, not kept), its word counts, sent to the workers as soon as they
    // are known; then they are given parts one at a time, while this thread
    // runs the document-wide rules.
    const working = normalise(text);
    const segmented = segment(working.text, { keepWords: false });
    let firstSentences: number[] | undefined;
    if (working.text === text) {
      // The cuts' offsets are the text's own only when it is NFC (otherwise each part is cut on its own, as before).
      const partCuts: SentenceCuts[] = [];
      let next = 0;
      firstSentences = [0];
      for (const part of parts) {
        const found = sentenceCuts(segmented, part.start, part.end, next);
        partCuts.push(found.cuts);
        next = found.next;
        firstSentences.push(next);
      }
      cutsOf = (k) => partCuts[k];
    }
    step('main: whole text cut into sentences');
    // With the parts' cuts, the workers count the last parts' words meanwhile (shared-word-counts.ts).
    const index =
      input.index ??
      (firstSentences && firstSentences[firstSentences.length - 1] === segmented.sentences.length
        ? await countWordsShared(workers, segmented, parts, firstSentences, (k) => ({ text: text.slice(parts[k].start, parts[k].end), cuts: cutsOf(k)! }), timings)
        : buildDocumentIndex(segmented));
    step('main: word counts');
    dispatch.start({ job, ruleIds: partRules.map((rule) => rule.id), corrections: input.corrections, knownWords: input.knownWords, claims, index: { wordCounts: index.wordCounts, firstSeen: index.firstSeen, namesRevision: index.namesRevision } as DocumentIndex, timed: timings !== undefined });
    step('main: counts sent');
    const documentRules = input.rules.filter((rule) => isDocumentWide(rule, types));
    // The whole text's words, from the counts when they were made here of these sentences.
    let words: number | undefined;
    if (!input.index) {
      words = 0;
      for (const count of index.wordCounts.values()) words += count;
    }
    const whole = await runRulesYielding({ ...input.local, text, rules: documentRules, types, index, unfinished: true, prepared: { working, segmented, words } });
    step('main: document-wide rules');
    // Then parts from the end of the queue, while the workers take them from its start.
    const checkPart = (k: number): PartResult => {
      const started = performance.now();
      const { findings, failures } = runRules({ ...input.local, text: text.slice(parts[k].start, parts[k].end), rules: partRules, types, index, unfinished: true, sentenceCuts: cutsOf(k) });
      if (timings) {
        timings['main: parts checked'] = (timings['main: parts checked'] ?? 0) + 1;
        timings['main: parts, ms'] = (timings['main: parts, ms'] ?? 0) + performance.now() - started;
      }
      return { findings, failures };
    };
    // The parts merged in order as soon as each and those before it are answered, into the whole
    // text's offsets, lines and sentences, and handed to `onChecked` (an import stores them while
    // the rest is checked); `flush` runs it after each answer, one merge at a time.
    const merger = new PartMerger(input, parts, segmented, whole, checkPart);
    let merging: Promise<void> = Promise.resolve();
    let mergeFailed = false;
    const flush = () => {
      merging = merging.then(async () => {
        for (let stretch = merger.next(dispatch); stretch; stretch = merger.next(dispatch)) await input.onChecked?.(stretch);
      });
      merging.catch(() => {
        mergeFailed = true;
      });
    };
    dispatch.onAnswer = flush;
    flush();
    for (let k = mainChecksParts ? dispatch.takeLast() : undefined; k !== undefined && !mergeFailed; k = dispatch.takeLast()) {
      dispatch.answer(k, checkPart(k));
      // The workers' answers, and the next parts they are given, wait for this thread's event loop.
      await new Promise((resolve) => setImmediate(resolve));
    }
    step('main: its parts');
    if (!mergeFailed) await dispatch.done;
    step('main: wait for the workers');
    await merging;
    // Parts a worker could not hold (its heap bound reached: one huge paragraph) are checked by the merger here, with the same rules.
    flush();
    await merging;
    step('main: parts merged');
    return { findings: merger.findings, failures: merger.failures(), segmented, words: whole.words };
  } finally {
    dispatch.detach();
    if (pooled) {
      for (const worker of pooled) worker.postMessage({ end: job } satisfies WorkerMessage);
      await input.pool!.giveBack(pooled);
    } else await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** Each check's number, in its messages: a kept worker's late answers to an earlier check are told apart. */
let jobs = 0;

/** A stretch of the text checked: up to `end`, its findings finished (offsets into the whole text, in the whole run's order). */
export interface CheckedStretch {
  end: number;
  findings: Finding[];
  /** The whole text's sentences and words (an import cuts its segments with them). */
  segmented: SegmentedText;
  words: number;
  /** The text's end: no stretch follows. */
  last: boolean;
}

/**
 * The parts' findings put back in the whole text's offsets, lines and sentences,
 * part after part in text order, each with the document-wide rules' findings that
 * start in it, finished (fallback findings under a specific one dropped, sorted)
 * stretch by stretch: since a stretch's findings all start in it, the stretches end
 * to end are the whole run's findings in its order.
 */
class PartMerger {
  readonly findings: Finding[] = [];
  private merged = 0;
  private line = 1;
  private sentence = 0;
  private position = 0;
  private readonly failed = new Map<string, { part: number; failure: RuleFailure }>();
  /** The document-wide rules' findings, by the part they start in. */
  private readonly wideByPart: Finding[][];
  private readonly fallbackRules: Set<string>;

  constructor(
    private readonly input: ParallelInput,
    private readonly parts: Array<{ start: number; end: number }>,
    private readonly segmented: SegmentedText,
    private readonly whole: RunResult,
    private readonly checkPart: (k: number) => PartResult,
  ) {
    for (const failure of whole.failures) this.failed.set(failure.ruleId, { part: -1, failure });
    this.wideByPart = parts.map(() => []);
    const starts = parts.map((part) => part.start);
    for (const { beforeFirstSentence: _, ...finding } of whole.findings as UnfinishedFinding[]) this.wideByPart[Math.max(0, indexAtOrBefore(starts, finding.offset))].push(finding);
    this.fallbackRules = new Set(input.rules.filter((rule) => input.types[rule.type].fallback).map((rule) => rule.id));
  }

  /** The next part, merged, once it is answered (`undefined` till then, and after the last). */
  next(queue: PartQueue): CheckedStretch | undefined {
    const k = this.merged;
    if (k >= this.parts.length) return undefined;
    const answer = queue.resultOf(k);
    if (!answer.settled) return undefined;
    const result = answer.result ?? this.checkPart(k);
    this.merged++;
    const { text } = this.input;
    const part = this.parts[k];
    for (; this.position < part.start; this.position++) if (text.charCodeAt(this.position) === 10) this.line++;
    // Sentences never cross a line break: those before the part are those of earlier lines.
    while (this.sentence < this.segmented.sentences.length && this.segmented.sentences[this.sentence].paragraph < this.line - 1) this.sentence++;
    const findings = [...this.wideByPart[k]];
    for (const { beforeFirstSentence, ...finding } of result.findings) {
      // A single run stops a rule at its first failure: its findings in later parts are not reported.
      const failure = this.failed.get(finding.ruleId);
      if (failure && failure.part < k) continue;
      findings.push({
        ...finding,
        offset: finding.offset + part.start,
        line: finding.line + this.line - 1,
        sentence: beforeFirstSentence ? Math.max(0, this.sentence - 1) : finding.sentence + this.sentence,
      });
    }
    // Its failures after its findings: a rule's findings in the part it failed in are kept, as a single run keeps them.
    for (const failure of result.failures) if (!this.failed.has(failure.ruleId)) this.failed.set(failure.ruleId, { part: k, failure });
    const finished = finishFindings(findings, this.fallbackRules);
    for (const finding of finished) this.findings.push(finding);
    const last = this.merged === this.parts.length;
    return { end: last ? text.length : part.end, findings: finished, segmented: this.segmented, words: this.whole.words, last };
  }

  /** The rules that failed, each once (its first failure), in the rules' order. */
  failures(): RuleFailure[] {
    const order = new Map(this.input.rules.map((rule, i) => [rule.id, i]));
    return [...this.failed.values()].map((entry) => entry.failure).sort((a, b) => (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0));
  }
}

/**
 * A worker is given a few parts ahead (PARTS_IN_FLIGHT, about 4 MB of text), the
 * next when it answers one: it is not left idle while the main thread runs a long
 * rule (answers wait for this thread's event loop), and the parts' copies are not
 * all queued at once (8× the corpus: 88 MB of serialised text).
 * A worker stopped by its heap bound (ERR_WORKER_OUT_OF_MEMORY) leaves the parts
 * it was given, and once no worker is left every part not yet given, to the
 * caller (`undefined` in `done`); any other failure of a worker fails the check.
 */
const PARTS_IN_FLIGHT = 8;

class PartQueue {
  private next = 0;
  /** The main thread takes parts from the end (takeLast): the part before `last` is the next it may take. */
  private last: number;
  private readonly results: Array<PartResult | undefined>;
  /** Parts answered, or left to the caller: a part both a worker and the main thread checked counts once. */
  private readonly settled: boolean[];
  private left: number;
  private alive: number;
  private settle!: (results: Array<PartResult | undefined>) => void;
  private fail!: (error: Error) => void;
  readonly done: Promise<Array<PartResult | undefined>>;

  /** The listeners `start` added to the workers, taken off by `detach` (a kept worker serves later checks). */
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly workers: Worker[],
    private readonly job: number,
    count: number,
    private readonly partOf: (k: number) => { text: string; cuts?: SentenceCuts },
    /** Per part, 1 once a thread has claimed it (Atomics): a worker skips a part this thread took, and this thread one a worker started. */
    private readonly claims: Int32Array,
    private readonly timings?: CheckTimings,
  ) {
    this.results = new Array(count).fill(undefined);
    this.settled = new Array(count).fill(false);
    this.left = count;
    this.last = count;
    this.alive = workers.length;
    this.done = new Promise((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    // The promise may fail before the caller awaits it (a worker error during the document-wide rules).
    this.done.catch(() => undefined);
    if (count === 0 || workers.length === 0) this.settle(this.results);
  }

  /**
   * The last part no thread has claimed, for the main thread; `undefined` once
   * every part is claimed. It may be one a worker was given and has not started:
   * the worker then skips it. Before the claims, a worker checked such parts too,
   * up to PARTS_IN_FLIGHT of them: on the corpus 25 checks for 23 parts, the last
   * ones on the import's critical path (issue #15).
   */
  takeLast(): number | undefined {
    while (this.last > 0) {
      const k = --this.last;
      // `give` sends workers parts before `last` only: this one is no longer sent to one.
      if (!this.settled[k] && claim(this.claims, k)) return k;
    }
    return undefined;
  }

  /** Called after each part's answer (the merge of the parts answered so far). */
  onAnswer?: () => void;

  /** A part's result (`undefined`: left to the caller), the first one given for it. */
  answer(k: number, result: PartResult | undefined): void {
    if (this.settled[k]) return;
    this.settled[k] = true;
    this.results[k] = result;
    if (--this.left === 0) this.settle(this.results);
    this.onAnswer?.();
  }

  /** Whether part `k` is answered, and its result (`undefined`: left to the caller). */
  resultOf(k: number): { settled: boolean; result?: PartResult } {
    return { settled: this.settled[k], result: this.results[k] };
  }

  /** Sends the check (its rules, the document's counts…) to every worker, then a first part each. */
  start(check: CheckJob): void {
    for (const worker of this.workers) {
      const given = new Set<number>();
      let stopped = false;
      const give = () => {
        while (given.size < PARTS_IN_FLIGHT && this.next < this.last) {
          const k = this.next++;
          given.add(k);
          // The cuts are copied, not moved: a part a worker leaves (its heap bound reached) is checked here with them.
          worker.postMessage({ job: this.job, part: k, ...this.partOf(k) } satisfies WorkerMessage);
        }
      };
      const onMessage = (message: PartResult & { job?: number; part: number; skipped?: true }) => {
        if (message.job !== this.job || !given.delete(message.part)) return;
        // A part this thread claimed first: it answers it; the worker gets its next one.
        if (message.skipped) {
          if (this.left > 0) give();
          return;
        }
        if (this.timings && message.ms !== undefined) {
          this.timings['workers: parts checked'] = (this.timings['workers: parts checked'] ?? 0) + 1;
          this.timings['workers: parts, ms'] = (this.timings['workers: parts, ms'] ?? 0) + message.ms;
          if (message.cpuMs !== undefined) this.timings['workers: parts, CPU ms'] = (this.timings['workers: parts, CPU ms'] ?? 0) + message.cpuMs;
        }
        this.answer(message.part, message);
        if (this.left > 0) give();
      };
      const lost = (error: Error | undefined) => {
        if (stopped) return;
        stopped = true;
        if (this.left === 0) return;
        if (error && (error as NodeJS.ErrnoException).code !== 'ERR_WORKER_OUT_OF_MEMORY') return this.fail(error);
        if (!error) return this.fail(new Error('a check worker stopped before it answered'));
        // Its parts, and once every worker is lost the parts not yet given, are left to the caller.
        for (const k of given) this.answer(k, undefined);
        given.clear();
        if (--this.alive === 0) {
          const unsent = this.next;
          this.next = this.last;
          for (let k = unsent; k < this.last; k++) this.answer(k, undefined);
        }
      };
      const onExit = (code: number) => lost(code === 0 ? undefined : new Error(`a check worker stopped (exit code ${code}) before it answered`));
      worker.on('message', onMessage);
      worker.once('error', lost);
      worker.once('exit', onExit);
      this.listeners.push(() => {
        worker.off('message', onMessage);
        worker.off('error', lost);
        worker.off('exit', onExit);
      });
      worker.postMessage({ start: check } satisfies WorkerMessage);
      give();
    }
  }

  /** Takes this check's listeners off the workers. */
  detach(): void {
    for (const off of this.listeners.splice(0)) off();
  }
}

/** Claims part `k` for the calling thread: false when another thread claimed it first. */
export function claim(claims: Int32Array, k: number): boolean {
  return Atomics.compareExchange(claims, k, 0, 1) === 0;
}
