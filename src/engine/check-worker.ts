import { parentPort, workerData } from 'node:worker_threads';
import { createChecker } from '../checker.ts';
import type { Correction } from '../types.ts';
import { claim, type PartResult, type WorkerCheckerOptions } from './parallel-check.ts';
import type { DocumentIndex } from './rule-type.ts';
import type { SentenceCuts } from '../text/segment.ts';

/**
 * A worker thread of parallel-check.ts: builds the same checker as the main
 * thread, waits for the whole document's word counts, then checks each part of
 * the text it is sent with the paragraph rules and sends its unfinished findings
 * back, one part at a time (what it holds is one part's).
 */
const data = workerData as { checker: WorkerCheckerOptions; ruleIds: string[]; corrections: Correction[]; claims: Int32Array };
// The rule pack and dictionaries load while the main thread cuts the text.
const checker = createChecker(data.checker);
const wanted = new Set(data.ruleIds);
const rules = checker.enabledRules.filter((rule) => wanted.has(rule.id));
let index: DocumentIndex | undefined;
parentPort!.on('message', (message: { index: DocumentIndex } | { part: number; text: string; cuts?: SentenceCuts }) => {
  if ('index' in message) {
    index = message.index;
    return;
  }
  // A part the main thread took first (it takes them from the end while this worker's are queued) is not checked twice.
  if (!claim(data.claims, message.part)) {
    parentPort!.postMessage({ part: message.part, skipped: true });
    return;
  }
  const started = performance.now();
  const result: PartResult = checker.checkPart(message.text, rules, { corrections: data.corrections, index, sentenceCuts: message.cuts });
  parentPort!.postMessage({ part: message.part, ...result, ms: performance.now() - started });
});
