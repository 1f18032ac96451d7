import { parentPort, workerData } from 'node:worker_threads';
import { createChecker } from '../checker.ts';
import type { Correction } from '../types.ts';
import type { PartResult, WorkerCheckerOptions } from './parallel-check.ts';
import type { DocumentIndex } from './rule-type.ts';

/**
 * A worker thread of parallel-check.ts: builds the same checker as the main
 * thread, waits for the whole document's word counts, checks its part of the
 * text with the paragraph rules and sends the unfinished findings back.
 */
const data = workerData as { checker: WorkerCheckerOptions; ruleIds: string[]; text: string; corrections: Correction[] };
// The rule pack and dictionaries load while the main thread cuts the text.
const checker = createChecker(data.checker);
const wanted = new Set(data.ruleIds);
const rules = checker.enabledRules.filter((rule) => wanted.has(rule.id));
parentPort!.once('message', (index: DocumentIndex) => {
  const result: PartResult = checker.checkPart(data.text, rules, { corrections: data.corrections, index });
  parentPort!.postMessage(result);
});
