import type { Checker } from '../checker.ts';
import type { RunResult } from '../engine/run-rules.ts';
import type { CheckText, Engine, EngineResult, SourcedFinding } from './engine.ts';

/** The `source` of the built-in rules' findings. */
export const RULES_SOURCE = 'relecture';

export interface RulesResult extends EngineResult {
  segmented: RunResult['segmented'];
  words: number;
}

/**
 * Relecture's own rule pack as an engine. It runs in this process and is
 * synchronous underneath: `run` is for callers that must not wait (a re-check
 * inside a database transaction), `check` for everyone else.
 */
export class RulesEngine implements Engine {
  readonly id = RULES_SOURCE;
  readonly label = 'Relecture rules';

  constructor(readonly checker: Checker) {}

  run(input: CheckText): RulesResult {
    const result = this.checker.check(input.text, input.options);
    input.rememberSegmented(result.segmented);
    // createChecker() marks its findings as the rules' own (source 'relecture').
    return { findings: result.findings as SourcedFinding[], failures: result.failures.map((f) => ({ ...f, source: RULES_SOURCE })), segmented: result.segmented, words: result.words };
  }

  async check(input: CheckText): Promise<RulesResult> {
    return this.run(input);
  }
}
