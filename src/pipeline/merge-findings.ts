import { SEVERITIES, type Finding } from '../types.ts';

/** The one order of findings everywhere (runRules sorts the same way): by offset, then most severe, then shortest, then rule id. */
export function compareFindings(x: Finding, y: Finding): number {
  return x.offset - y.offset || SEVERITIES.indexOf(x.severity) - SEVERITIES.indexOf(y.severity) || x.length - y.length || x.ruleId.localeCompare(y.ruleId);
}

/** The span key used to tell that two findings flag exactly the same text. */
const spanKey = (offset: number, length: number) => `${offset}:${length}`;

/** An engine finding on exactly the span of a built-in finding adds nothing: the built-in one speaks. */
export function withoutBuiltinSpans<T extends { offset: number; length: number }>(engineFindings: T[], builtin: Array<{ offset: number; length: number }>): T[] {
  const spans = new Set(builtin.map((f) => spanKey(f.offset, f.length)));
  return engineFindings.filter((f) => !spans.has(spanKey(f.offset, f.length)));
}

/** Built-in and engine findings together, in the one order. */
export function mergeFindings<T extends Finding>(a: T[], b: T[]): T[] {
  return [...a, ...b].sort(compareFindings);
}
