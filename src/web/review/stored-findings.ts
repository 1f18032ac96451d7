import { RULES_SOURCE } from '../../pipeline/rules-engine.ts';
import { indexAtOrBefore } from '../../text/position.ts';
import type { Finding, Span } from '../../types.ts';
import type { NewFinding } from '../store/review-store.ts';

/**
 * Finding → stored finding, written once. The checker's offsets point into the
 * text it checked; the store keeps each finding on its sentence, offsets relative
 * to it. A finding that runs past its sentence's end is cut there (its fixes no
 * longer fit, so it keeps none): a sentence's findings are spans of that sentence.
 */
export function toStoredFinding(finding: Finding, text: string, sentence: Span): NewFinding {
  const end = Math.min(finding.offset + finding.length, sentence.end);
  return {
    ruleId: finding.ruleId,
    source: finding.source ?? RULES_SOURCE,
    category: finding.category,
    severity: finding.severity,
    message: finding.message,
    start: finding.offset - sentence.start,
    length: end - finding.offset,
    text: text.slice(finding.offset, end),
    suggestions: end === finding.offset + finding.length ? finding.suggestions : [],
  };
}

/**
 * The findings of a checked text shared out to its sentences (`sentences`:
 * spans of `text`, in order). One in a gap between sentences (the line break
 * between two segments) belongs to none and is left out.
 */
export function findingsBySentence(findings: readonly Finding[], text: string, sentences: readonly Span[]): NewFinding[][] {
  const out: NewFinding[][] = sentences.map(() => []);
  if (sentences.length === 0) return out;
  const starts = sentences.map((s) => s.start);
  for (const finding of findings) {
    if (finding.offset < starts[0]) continue;
    const index = indexAtOrBefore(starts, finding.offset);
    const sentence = sentences[index];
    if (finding.offset > sentence.end || (finding.offset === sentence.end && finding.length > 0)) continue;
    out[index].push(toStoredFinding(finding, text, sentence));
  }
  return out;
}

/** Spans of consecutive texts laid end to end (a paragraph's sentences). */
export function spansOf(texts: readonly string[], from = 0): Span[] {
  let position = from;
  return texts.map((text) => {
    const span = { start: position, end: position + text.length };
    position = span.end;
    return span;
  });
}
