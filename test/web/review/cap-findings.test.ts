import { describe, expect, it } from 'vitest';
import { capFindings, MAX_FINDINGS_PER_RULE, MAX_FINDINGS_PER_SENTENCE } from '../../../src/web/review/cap-findings.ts';
import type { NewFinding } from '../../../src/web/store/review-store.ts';

const finding = (ruleId: string, start: number, severity: NewFinding['severity'] = 'minor'): NewFinding => ({
  ruleId,
  source: 'relecture',
  category: 'fluency/spelling',
  severity,
  message: 'm',
  start,
  length: 1,
  text: 'x',
  suggestions: [],
});

// Bug: one 1 MB line with no full stop is one sentence: its import stored ~260,000 findings on it.
describe('capFindings (regression: 260,000 findings stored on one sentence)', () => {
  it('keeps each rule’s first findings in text order and counts the rest by rule', () => {
    const findings = Array.from({ length: 1000 }, (_, i) => finding('spelling/fr', 1000 - i));
    const { kept, leftOut } = capFindings([...findings, finding('repetition/word', 5)]);
    expect(kept).toHaveLength(MAX_FINDINGS_PER_RULE + 1);
    expect(kept.filter((f) => f.ruleId === 'spelling/fr').map((f) => f.start)).toEqual(Array.from({ length: MAX_FINDINGS_PER_RULE }, (_, i) => i + 1));
    expect(leftOut).toEqual({ 'spelling/fr': 1000 - MAX_FINDINGS_PER_RULE });
  });

  it('keeps at most MAX_FINDINGS_PER_SENTENCE in all, the most severe first, in text order', () => {
    const findings: NewFinding[] = [];
    for (let rule = 0; rule < 20; rule++) for (let i = 0; i < 30; i++) findings.push(finding(`rule/${rule}`, rule * 100 + i, rule === 19 ? 'critical' : 'info'));
    const { kept, leftOut } = capFindings(findings);
    expect(kept).toHaveLength(MAX_FINDINGS_PER_SENTENCE);
    expect(kept.filter((f) => f.severity === 'critical')).toHaveLength(30);
    expect(kept.map((f) => f.start)).toEqual([...kept.map((f) => f.start)].sort((a, b) => a - b));
    expect(Object.values(leftOut).reduce((a, b) => a + b, 0)).toBe(600 - MAX_FINDINGS_PER_SENTENCE);
    expect(leftOut['rule/19']).toBeUndefined();
  });

  it('leaves a sentence under the caps as it is', () => {
    const findings = [finding('a/b', 3), finding('a/c', 1)];
    expect(capFindings(findings)).toEqual({ kept: [findings[1], findings[0]], leftOut: {} });
  });
});
