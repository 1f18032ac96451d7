import type { Checker } from '../../checker.ts';
import type { NewFinding } from '../store/review-store.ts';
import type { DocumentContext } from './document-context.ts';
import { apostropheStyle, type SpaceStyle } from '../../text/suggestion-style.ts';
import { styleFindings } from './style-findings.ts';

/**
 * Re-checks one sentence alone, with the counts of its whole document, so that
 * an edit costs one sentence's check, not the document's. Offsets come back
 * relative to the sentence, which is how findings are stored.
 */
export function checkSentence(checker: Checker, text: string, context: DocumentContext, spaces: SpaceStyle = 'narrow'): NewFinding[] {
  if (text.trim() === '') return [];
  const result = checker.check(text, { corrections: context.corrections, index: context.index });
  const findings = result.findings.map((finding) => ({
    ruleId: finding.ruleId,
    category: finding.category,
    severity: finding.severity,
    message: finding.message,
    start: finding.offset,
    length: finding.length,
    text: finding.text,
    suggestions: finding.suggestions,
  }));
  return styleFindings(findings, text, { apostrophe: apostropheStyle(context.apostrophes), spaces });
}
