import { styleSuggestion, type SuggestionStyle } from '../../text/suggestion-style.ts';
import type { NewFinding } from '../store/review-store.ts';

/**
 * A sentence's findings with their suggestions in the document's typography
 * (its apostrophe, the configured French spaces), whoever sent them: the rules
 * or Grammalecte, whose fixes put ’ into straight-apostrophe text (issue #13,
 * defects 6 and 7). `text` is the sentence the offsets point into.
 */
export function styleFindings(findings: NewFinding[], text: string, style: SuggestionStyle): NewFinding[] {
  return findings.map((finding) => {
    if (finding.suggestions.length === 0) return finding;
    const before = text.slice(Math.max(0, finding.start - 1), finding.start);
    const after = text.slice(finding.start + finding.length, finding.start + finding.length + 1);
    const suggestions = [...new Set(finding.suggestions.map((s) => styleSuggestion(finding.text, s, style, before, after)))];
    return { ...finding, suggestions };
  });
}
