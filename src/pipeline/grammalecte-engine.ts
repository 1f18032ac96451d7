import { INSTALL_HINT, isGrammalecteAvailable } from '../grammalecte/find-grammalecte.ts';
import { GrammalecteError, GrammalecteProcess } from '../grammalecte/grammalecte-process.ts';
import { GRAMMALECTE_SOURCE } from '../grammalecte/grammalecte-mapping.ts';
import type { CheckText, Engine, EngineResult, SourcedFinding } from './engine.ts';

/** Said when grammar checking is asked for where Grammalecte is not installed. */
export const NOT_INSTALLED = `Grammalecte is not installed: grammar checking is off (${INSTALL_HINT})`;

/**
 * Grammalecte as an engine. Its process (src/grammalecte/) works beside this one:
 * `check` sends the text at once and maps the answer when it comes, so the
 * built-in rules run meanwhile. A missing, crashed or hung Grammalecte is an
 * `error` in the result, never a throw: the other engines' findings stand.
 */
export class GrammalecteEngine implements Engine {
  readonly id = GRAMMALECTE_SOURCE;
  readonly label = 'Grammalecte';

  /** `process` undefined: Grammalecte is not installed here. */
  constructor(readonly process: GrammalecteProcess | undefined) {}

  get available(): boolean {
    return this.process !== undefined;
  }

  async check(input: CheckText): Promise<EngineResult> {
    if (!this.process) return { findings: [], failures: [], error: NOT_INSTALLED };
    const answer = this.process.request(input.text);
    try {
      const raw = await answer;
      // Mapped after the answer: by then the rules (if they run) have cut the sentences.
      const mapped = this.process.map(input.text, raw, { sentenceStarts: input.segmented.sentences.map((s) => s.start) });
      return { findings: mapped.findings as SourcedFinding[], failures: mapped.failures };
    } catch (error) {
      return { findings: [], failures: [], error: error instanceof GrammalecteError ? error.message : `Grammalecte failed: ${(error as Error).message}` };
    }
  }
}

let shared: GrammalecteProcess | undefined;

/** One Grammalecte process for the life of the app, started on first use. */
export function sharedGrammalecteProcess(): GrammalecteProcess {
  shared ??= new GrammalecteProcess();
  return shared;
}

/** Stops the shared process (it also ends with the app: its stdin closes). */
export function closeSharedGrammalecte(): void {
  shared?.close();
  shared = undefined;
}

/** The engine over the shared process when Grammalecte is installed; else an engine that says it is not. */
export function grammalecteEngine(process?: GrammalecteProcess): GrammalecteEngine {
  return new GrammalecteEngine(process ?? (isGrammalecteAvailable() ? sharedGrammalecteProcess() : undefined));
}
