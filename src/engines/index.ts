import type { CheckOptions, Checker } from '../checker.ts';
import type { SegmentedText } from '../text/segment.ts';
import { SEVERITIES, type Finding, type RuleFailure } from '../types.ts';
import { findGrammalecte, INSTALL_HINT, isGrammalecteAvailable } from './find-grammalecte.ts';
import { GrammalecteEngine, GrammalecteError } from './grammalecte.ts';

export { findGrammalecte, INSTALL_HINT, isGrammalecteAvailable } from './find-grammalecte.ts';
export { GrammalecteEngine, GrammalecteError, type GrammalecteEngineOptions } from './grammalecte.ts';
export { mapGrammalecteResults } from './grammalecte-mapping.ts';

/** Engines that can run beside the built-in rules. */
export const ENGINE_NAMES = ['grammalecte'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

export interface EngineReport {
  engine: EngineName;
  /** Findings it added (after those on a built-in finding's span were dropped). */
  findings: number;
  /** Milliseconds from the request to the answer. */
  ms: number;
  /** Why it gave nothing, when it failed. */
  error?: string;
}

export interface EnginesCheckOptions extends CheckOptions {
  engines?: EngineName[];
  /** The Grammalecte process to use; defaults to one shared by the whole app. */
  grammalecte?: GrammalecteEngine;
}

export interface EnginesCheckResult {
  /** Built-in and engine findings, merged and sorted by offset. */
  findings: Finding[];
  /** Built-in rules that threw, then engine failures (`ruleId` = the engine name). */
  failures: RuleFailure[];
  engines: EngineReport[];
  segmented: SegmentedText;
  words: number;
}

let shared: GrammalecteEngine | undefined;

/** One Grammalecte process for the life of the app, started on first use. */
export function sharedGrammalecteEngine(): GrammalecteEngine {
  shared ??= new GrammalecteEngine();
  return shared;
}

/** Stops the shared processes (they also end with the app: their stdin closes). */
export function closeSharedEngines(): void {
  shared?.close();
  shared = undefined;
}

/**
 * The built-in rules plus the engines asked for. An engine that is missing,
 * crashes or hangs is reported in `failures` and `engines[].error`; the built-in
 * findings are always there. Grammalecte works in its own process while the
 * built-in rules run here, so the two overlap.
 */
export async function checkWithEngines(checker: Checker, text: string, options: EnginesCheckOptions = {}): Promise<EnginesCheckResult> {
  const { engines = [], grammalecte, ...checkOptions } = options;
  const reports: EngineReport[] = [];
  const started = Date.now();
  const wantsGrammalecte = engines.includes('grammalecte');
  let engine: GrammalecteEngine | undefined;
  let answer: ReturnType<GrammalecteEngine['request']> | undefined;
  if (wantsGrammalecte) {
    engine = grammalecte ?? (isGrammalecteAvailable() ? sharedGrammalecteEngine() : undefined);
    answer = engine?.request(text);
    answer?.catch(() => undefined); // handled below, after the built-in rules
  }

  const result = checker.check(text, checkOptions);
  const failures = [...result.failures];
  let findings = result.findings;

  if (wantsGrammalecte) {
    const report: EngineReport = { engine: 'grammalecte', findings: 0, ms: 0 };
    reports.push(report);
    if (!engine || !answer) {
      report.error = `Grammalecte is not installed: grammar checking is off (${INSTALL_HINT})`;
    } else {
      try {
        const raw = await answer;
        report.ms = Date.now() - started;
        const mapped = engine.map(text, raw, { sentenceStarts: result.segmented.sentences.map((s) => s.start) });
        const added = withoutBuiltinSpans(mapped.findings, findings);
        report.findings = added.length;
        failures.push(...mapped.failures);
        findings = mergeFindings(findings, added);
      } catch (error) {
        report.ms = Date.now() - started;
        report.error = error instanceof GrammalecteError ? error.message : `Grammalecte failed: ${(error as Error).message}`;
      }
    }
    if (report.error) failures.push({ ruleId: 'grammalecte', message: report.error });
  }
  return { findings, failures, engines: reports, segmented: result.segmented, words: result.words };
}

/** An engine finding on exactly the span of a built-in finding adds nothing: the built-in one speaks. */
export function withoutBuiltinSpans(engineFindings: Finding[], builtin: Finding[]): Finding[] {
  const spans = new Set(builtin.map((f) => `${f.offset}:${f.length}`));
  return engineFindings.filter((f) => !spans.has(`${f.offset}:${f.length}`));
}

/** Sorted as `runRules` sorts: by offset, then most severe, then shortest, then rule id. */
export function mergeFindings(a: Finding[], b: Finding[]): Finding[] {
  return [...a, ...b].sort((x, y) => x.offset - y.offset || SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity) || x.length - y.length || x.ruleId.localeCompare(y.ruleId));
}

/** `relecture check --engines`: what runs, and how to turn on what does not. */
export function describeEngines(ruleCount: number): string {
  const lines = [`builtin      on: ${ruleCount} rules (always)`];
  const installation = findGrammalecte();
  if (installation) {
    lines.push(`grammalecte  available (Grammalecte ${installation.version}, ${installation.python}): grammar checking with --engine grammalecte`);
  } else {
    lines.push(`grammalecte  not installed: grammar checking is off. To turn it on: ${INSTALL_HINT} (Debian, Ubuntu), then --engine grammalecte`);
  }
  return `${lines.join('\n')}\n`;
}
