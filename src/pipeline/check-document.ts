import { findGrammalecte, INSTALL_HINT } from '../grammalecte/find-grammalecte.ts';
import type { RuleFailure } from '../types.ts';
import type { CheckText, Engine, EngineResult, SourcedFinding } from './engine.ts';
import { mergeFindings, withoutBuiltinSpans } from './merge-findings.ts';
import { RULES_SOURCE, type RulesEngine, type RulesResult } from './rules-engine.ts';

/** Engines that can run beside the built-in rules, by id. */
export const ENGINE_NAMES = ['grammalecte'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function isEngineName(name: string): name is EngineName {
  return (ENGINE_NAMES as readonly string[]).includes(name);
}

export interface EngineReport {
  engine: string;
  /** Findings it added (after those on a built-in finding's span were dropped). */
  findings: number;
  /** Milliseconds from the request to the answer. */
  ms: number;
  /** Why it gave nothing, when it failed. */
  error?: string;
}

export interface DocumentCheck {
  /** Every engine's findings, those on a built-in finding's span dropped, in the one order. */
  findings: SourcedFinding[];
  /** Built-in rules that threw, then the other engines' failures; an engine that gave nothing has `ruleId` = its id. */
  failures: RuleFailure[];
  engines: EngineReport[];
  segmented: RulesResult['segmented'];
  words: number;
}

/**
 * The one check pipeline, for the CLI and the review app alike: the built-in
 * rules plus other engines, run together (an engine in its own process works
 * while the rules run here), merged once. An engine that is missing, crashes or
 * hangs is reported in `failures` and `engines[].error`; the rules' findings are
 * always there.
 */
export async function checkDocument(rules: RulesEngine, others: readonly Engine[], input: CheckText): Promise<DocumentCheck> {
  const started = Date.now();
  // Others first: they send their request before the rules take the thread.
  const pending = others.map((engine) => ({ engine, answer: engine.check(input).then((result) => ({ result, ms: Date.now() - started })) }));
  const builtin = await rules.check(input);
  const reports: EngineReport[] = [];
  const failures = [...builtin.failures];
  let findings = builtin.findings;
  for (const { engine, answer } of pending) {
    const { result, ms } = await answer.catch((error: Error): { result: EngineResult; ms: number } => ({ result: { findings: [], failures: [], error: `${engine.label} failed: ${error.message}` }, ms: Date.now() - started }));
    const added = withoutBuiltinSpans(result.findings, builtin.findings);
    reports.push({ engine: engine.id, findings: added.length, ms, ...(result.error ? { error: result.error } : {}) });
    failures.push(...result.failures);
    if (result.error) failures.push({ ruleId: engine.id, source: engine.id, message: result.error });
    findings = mergeFindings(findings, added);
  }
  return { findings, failures, engines: reports, segmented: builtin.segmented, words: builtin.words };
}

/** Is this failure a whole engine's (it gave nothing), rather than one rule's? */
export function isEngineFailure(failure: RuleFailure): boolean {
  return failure.source !== undefined && failure.source !== RULES_SOURCE && failure.ruleId === failure.source;
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
