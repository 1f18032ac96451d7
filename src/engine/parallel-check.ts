import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { normalise } from '../text/normalise.ts';
import { segment } from '../text/segment.ts';
import type { Correction, Finding, RuleFailure } from '../types.ts';
import { buildDocumentIndex, type DocumentIndex, type Rule, type RuleType } from './rule-type.ts';
import { finishFindings, runRules, type RunInput, type RunResult, type UnfinishedFinding } from './run-rules.ts';

/**
 * Both cores for big inputs: the text is cut at line breaks into one part per
 * worker thread; each worker loads the same rule pack and checks its part
 * against the word counts of the whole document, while this thread cuts the
 * whole text into sentences (the caller needs them) and runs the rules that need
 * the whole text (`documentWide`: guillemets open across paragraphs, the unit of
 * earlier figures, expressions that may run over a line break or anchor on the
 * text's ends). The findings are then put back in the whole text's offsets,
 * lines and sentences and finished as one run: the result is the single-thread
 * run's (test/engine/parallel-check.test.ts compares them).
 */

/**
 * Below this many UTF-16 units, starting workers costs more than it saves: each loads
 * the rules and dictionaries and compiles the expressions it runs again, and the main
 * thread still cuts the whole text and runs the cross-paragraph rules. Measured on a
 * quiet 2-core machine (bench/RESULTS.md, 2026-12-01 15:20): one thread is faster at
 * 0.57 M characters (1.8 s against 2.2 s) and at 2 M (3.8 s against 4.2 s), two workers
 * at 5.5 M (7.7 s against 9.0 s); the lines cross near 3 M.
 */
export const PARALLEL_MIN_CHARS = 3_000_000;

/**
 * A worker checks the text a window of at most about this many UTF-16 units at a time
 * (cut at line breaks), so that what it holds while checking (a token per word,
 * the rules' state) stays that of one window whatever the text's length: 8× the
 * corpus held a token per word in every thread at once (issue #15).
 */
export const PART_MAX_CHARS = 250_000;

/** How to build the same checker in a worker: what createChecker was given. */
export interface WorkerCheckerOptions {
  rulesDirectory?: string;
  disable?: string[];
  enable?: string[];
  prefilter?: boolean;
  knownWords?: string[];
}

export interface ParallelInput {
  text: string;
  rules: Rule[];
  types: Record<string, RuleType<any>>;
  checker: WorkerCheckerOptions;
  corrections: Correction[];
  index?: DocumentIndex;
  /** The rest of a single-thread run's input (dictionary, prefilter), for the rules of this thread. */
  local: Pick<RunInput, 'dictionary' | 'prefilter' | 'corrections' | 'knownWords'>;
  /** Worker threads to use (default: one per core, at most 4). */
  workers?: number;
  /** The largest window a worker checks at once (default PART_MAX_CHARS; tests make it small). */
  partChars?: number;
}

/** What a worker sends back for its part. */
export interface PartResult {
  findings: UnfinishedFinding[];
  failures: RuleFailure[];
}

/** One worker per core, at most 4; RELECTURE_WORKERS sets the number (1: everything in this thread). */
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
  const partRules = input.rules.filter((rule) => !isDocumentWide(rule, types)).map((rule) => rule.id);
  const workers = Array.from({ length: Math.min(workerCount, parts.length) }, () =>
    new Worker(workerScript(), { eval: FROM_SOURCES, workerData: { checker: input.checker, ruleIds: partRules, corrections: input.corrections } }),
  );
  // Each part waits on its worker's messages and exit: more listeners than the default ten.
  for (const worker of workers) worker.setMaxListeners(0);
  try {
    // Parts go to the workers in turn, each one's answers come back in its order.
    const results: Array<Promise<PartResult>> = parts.map((_, k) => {
      const worker = workers[k % workers.length];
      return new Promise<PartResult>((resolve, reject) => {
        const answered = (message: PartResult & { part: number }) => {
          if (message.part !== k) return;
          worker.off('message', answered);
          resolve(message);
        };
        worker.on('message', answered);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`a check worker stopped (exit code ${code}) before it answered`)));
      });
    });
    // Meanwhile, here: the whole text cut into sentences (their words tokenised
    // when read, not kept), its word counts, sent to the workers as soon as they
    // are known with their parts; then the document-wide rules.
    const working = normalise(text);
    const segmented = segment(working.text, { keepWords: false });
    const index = input.index ?? buildDocumentIndex(segmented);
    for (const worker of workers) worker.postMessage({ index: { wordCounts: index.wordCounts, firstSeen: index.firstSeen, namesRevision: index.namesRevision } });
    parts.forEach((part, k) => workers[k % workers.length].postMessage({ part: k, text: text.slice(part.start, part.end) }));
    const documentRules = input.rules.filter((rule) => isDocumentWide(rule, types));
    const whole = runRules({ ...input.local, text, rules: documentRules, types, index, unfinished: true, prepared: { working, segmented } });

    // Where each part starts in the whole text: line, and sentences before it.
    const partResults = await Promise.all(results);
    let line = 1;
    let sentence = 0;
    let position = 0;
    const findings: Finding[] = (whole.findings as UnfinishedFinding[]).map(({ beforeFirstSentence: _, ...finding }) => finding);
    const failed = new Map<string, { part: number; failure: RuleFailure }>();
    for (const failure of whole.failures) failed.set(failure.ruleId, { part: -1, failure });
    partResults.forEach((result, k) => {
      for (const failure of result.failures) if (!failed.has(failure.ruleId)) failed.set(failure.ruleId, { part: k, failure });
    });
    partResults.forEach((result, k) => {
      const part = parts[k];
      for (; position < part.start; position++) if (text.charCodeAt(position) === 10) line++;
      // Sentences never cross a line break: those before the part are those of earlier lines.
      while (sentence < segmented.sentences.length && segmented.sentences[sentence].paragraph < line - 1) sentence++;
      for (const { beforeFirstSentence, ...finding } of result.findings) {
        // A single run stops a rule at its first failure: its findings in later parts are not reported.
        const failure = failed.get(finding.ruleId);
        if (failure && failure.part < k) continue;
        findings.push({
          ...finding,
          offset: finding.offset + part.start,
          line: finding.line + line - 1,
          sentence: beforeFirstSentence ? Math.max(0, sentence - 1) : finding.sentence + sentence,
        });
      }
    });
    const fallbackRules = new Set(input.rules.filter((rule) => types[rule.type].fallback).map((rule) => rule.id));
    const order = new Map(input.rules.map((rule, i) => [rule.id, i]));
    const failures = [...failed.values()].map((entry) => entry.failure).sort((a, b) => (order.get(a.ruleId) ?? 0) - (order.get(b.ruleId) ?? 0));
    return { findings: finishFindings(findings, fallbackRules), failures, segmented, words: whole.words };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

// From dist/ the worker is plain JavaScript. From the sources (tsx, vitest) it is
// TypeScript: a two-line bootstrap registers tsx (a devDependency, there) in the
// worker first, since loader hooks given to the main thread do not reach it.
const FROM_SOURCES = import.meta.url.endsWith('.ts');

function workerScript(): URL | string {
  if (!FROM_SOURCES) return new URL('./check-worker.js', import.meta.url);
  // tsx's ES module entry (its package exports map `import` to it), found next to its package.json.
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = new URL('dist/esm/api/index.mjs', pathToFileURL(manifest)).href;
  const worker = new URL('./check-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
}
