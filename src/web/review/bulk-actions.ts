import type { FindingRecord, ReviewStore, SentenceRecord } from '../store/review-store.ts';

/**
 * What the review page's bulk actions do, to every open finding of one rule or
 * one flagged word in the document: accept each (its first suggestion), or
 * reject each. Switching a rule off for the document is the reject menu's
 * « ignorer cette règle dans ce document » (ReviewService.ignore), not this.
 */
export type BulkAction = { kind: 'accept-rule'; rule: string } | { kind: 'reject-rule'; rule: string } | { kind: 'reject-word'; word: string };

export const BULK_KINDS = ['accept-rule', 'reject-rule', 'reject-word'] as const;

/** The action a form or a link names, or undefined when it names none (or names nothing to act on). */
export function readBulkAction(kind: string, rule: string, word: string): BulkAction | undefined {
  if ((kind === 'accept-rule' || kind === 'reject-rule') && rule.trim() !== '') return { kind, rule: rule.trim() };
  if (kind === 'reject-word' && word.trim() !== '') return { kind, word: word.trim().normalize('NFC') };
  return undefined;
}

/** Is this finding one the action applies to? Open (active, not rejected), and for an accept, with a suggestion. */
export function bulkApplies(action: BulkAction, finding: FindingRecord): boolean {
  if (!finding.active || finding.rejected) return false;
  if (action.kind === 'reject-word') return finding.text.normalize('NFC') === action.word;
  if (finding.ruleId !== action.rule) return false;
  return action.kind === 'reject-rule' || finding.suggestions.length > 0;
}

/**
 * The findings of an accept that can all be applied to one sentence: spans that
 * do not overlap (the first of two overlapping ones is kept; the other is left
 * open, re-derived by the re-check), in text order.
 */
export function compatibleFixes(findings: FindingRecord[]): FindingRecord[] {
  const kept: FindingRecord[] = [];
  for (const finding of [...findings].sort((a, b) => a.start - b.start || a.length - b.length)) {
    const last = kept[kept.length - 1];
    if (!last || finding.start >= last.start + last.length) kept.push(finding);
  }
  return kept;
}

/** The sentence with each finding's first suggestion in place of its span (`findings` from compatibleFixes). */
export function applyFixes(text: string, findings: FindingRecord[]): string {
  let out = '';
  let position = 0;
  for (const finding of findings) {
    out += text.slice(position, finding.start) + finding.suggestions[0];
    position = finding.start + finding.length;
  }
  return out + text.slice(position);
}

export interface BulkTarget {
  sentence: SentenceRecord;
  findings: FindingRecord[];
}

/** How many sentences a lookup reads at once. */
const PAGE = 500;

/**
 * The sentences the action would change now, with their findings, in document
 * order. A rule's are found through the open-findings filter, a word's through
 * the sentences that hold it; both a page at a time.
 */
export async function bulkTargets(store: ReviewStore, documentId: number, action: BulkAction): Promise<BulkTarget[]> {
  const targets: BulkTarget[] = [];
  const take = async (sentences: SentenceRecord[]) => {
    const findings = await store.findings.activeFindings(sentences.map((s) => s.id));
    for (const sentence of sentences) {
      const applying = (findings.get(sentence.id) ?? []).filter((f) => bulkApplies(action, f));
      if (applying.length > 0) targets.push({ sentence, findings: applying });
    }
  };
  if (action.kind === 'reject-word') {
    const holding = await store.documents.sentencesContaining(documentId, action.word);
    for (let i = 0; i < holding.length; i += PAGE) await take(holding.slice(i, i + PAGE));
    return targets;
  }
  for (let offset = 0; ; offset += PAGE) {
    const { rows } = await store.documents.querySentences(documentId, { status: 'flagged', rule: action.rule }, PAGE, offset);
    await take(rows);
    if (rows.length < PAGE) break;
  }
  return targets;
}
