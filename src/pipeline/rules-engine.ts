import type { Checker } from '../checker.ts';
import type { RunResult } from '../engine/run-rules.ts';
import type { CheckedStretch, CheckTimings } from '../engine/parallel-check.ts';
import type { CheckWorkers } from '../engine/check-workers.ts';
import type { CheckText, Engine, EngineResult, SourcedFinding } from './engine.ts';

/** The `source` of the built-in rules' findings. */
export const RULES_SOURCE = 'relecture';

export interface RulesResult extends EngineResult {
  segmented: RunResult['segmented'];
  words: number;
}

/**
 * Relecture's own rule pack as an engine. `run` is synchronous, for callers
 * that must not wait (a re-check inside a database transaction); `check` is for
 * everyone else, and checks a big text in worker threads.
 */
export class RulesEngine implements Engine {
  readonly id = RULES_SOURCE;
  readonly label = 'Relecture rules';

  constructor(readonly checker: Checker) {}

  run(input: CheckText): RulesResult {
    const result = this.checker.check(input.text, checkOptionsOf(input));
    input.rememberSegmented(result.segmented);
    // createChecker() marks its findings as the rules' own (source 'relecture').
    return { findings: result.findings as SourcedFinding[], failures: result.failures.map((f) => ({ ...f, source: RULES_SOURCE })), segmented: result.segmented, words: result.words };
  }

  /** A big text is checked in worker threads, one per core (same result as `run`); `threads.minChars`: from what length. */
  async check(input: CheckText, threads: { minChars?: number; timings?: CheckTimings; pool?: CheckWorkers; onChecked?: (stretch: CheckedStretch) => Promise<void> | void } = {}): Promise<RulesResult> {
    const result = await this.checker.checkAsync(input.text, { ...checkOptionsOf(input), ...threads });
    input.rememberSegmented(result.segmented);
    return { findings: result.findings as SourcedFinding[], failures: result.failures.map((f) => ({ ...f, source: RULES_SOURCE })), segmented: result.segmented, words: result.words };
  }
}

/** Segments that carry a source (bilingual documents) give the source-aware rules their pairs. */
function checkOptionsOf(input: CheckText) {
  const sources = input.segments.filter((segment) => segment.source !== undefined).map((segment) => ({ start: segment.start, end: segment.end, source: segment.source! }));
  return sources.length > 0 ? { ...input.options, sources } : input.options;
}
