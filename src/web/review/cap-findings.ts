import type { NewFinding } from '../store/review-store.ts';

/** Findings kept per rule in one sentence, and per sentence in all. */
export const MAX_FINDINGS_PER_RULE = 50;
export const MAX_FINDINGS_PER_SENTENCE = 200;

/** How many findings of each rule were not kept, by rule id. */
export type LeftOut = Record<string, number>;

/**
 * Keeps a sentence's findings to a number a person can review and a page can
 * show: each rule's first MAX_FINDINGS_PER_RULE in text order, then the
 * MAX_FINDINGS_PER_SENTENCE most severe of those. What is left out is counted
 * by rule, so the page can say so. Bug: one 1 MB line with no full stop is one
 * sentence; its import stored ~260,000 findings on it, and every visit of the
 * review page then took minutes.
 */
export function capFindings<T extends NewFinding>(findings: T[]): { kept: T[]; leftOut: LeftOut } {
  const leftOut: LeftOut = {};
  const leave = (finding: T) => void (leftOut[finding.ruleId] = (leftOut[finding.ruleId] ?? 0) + 1);
  const perRule = new Map<string, number>();
  const inOrder = [...findings].sort((a, b) => a.start - b.start || a.length - b.length);
  let kept = inOrder.filter((finding) => {
    const seen = perRule.get(finding.ruleId) ?? 0;
    perRule.set(finding.ruleId, seen + 1);
    if (seen < MAX_FINDINGS_PER_RULE) return true;
    leave(finding);
    return false;
  });
  if (kept.length > MAX_FINDINGS_PER_SENTENCE) {
    const rank = new Map(kept.map((finding, i) => [finding, SEVERITY_RANK[finding.severity] * kept.length + i]));
    const chosen = new Set([...kept].sort((a, b) => rank.get(a)! - rank.get(b)!).slice(0, MAX_FINDINGS_PER_SENTENCE));
    for (const finding of kept) if (!chosen.has(finding)) leave(finding);
    kept = kept.filter((finding) => chosen.has(finding));
  }
  return { kept, leftOut };
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, major: 1, minor: 2, info: 3 };

/** Left-out counts in a sentence's list: "1,200 spelling/fr, 34 repetition/word". */
export function leftOutTotal(leftOut: LeftOut): number {
  return Object.values(leftOut).reduce((sum, n) => sum + n, 0);
}
