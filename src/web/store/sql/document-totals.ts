/**
 * The header figures of a document (sentences, reviewed, flagged, TER sums, open
 * findings by category and severity, confirmed errors), kept in `document_counts`
 * as one row per figure and moved by deltas, so that the header after an accept
 * reads a few rows instead of aggregating the whole document (issue #15).
 *
 * Each sentence keeps, in `sentences.counted`, the part of the totals it
 * contributed when it was last counted. `refreshSentenceState` (called after
 * every change of a sentence's findings, decisions or text, as the cached
 * `open_findings`/`reviewed` always required) computes the sentence's part
 * afresh, adds the difference to the document's rows and stores the new part.
 * The import writes both at once; a migration step fills them for older databases.
 */
import type { DocumentTotals, NewFinding } from '../review-store.ts';

/** A sentence's part of its document's totals: figure key → amount (zeros left out). */
export type Contribution = Record<string, number>;

/** What a sentence contributes, from its cached state and its open and confirmed findings' `kind:key` counts. */
export function sentenceContribution(state: { reviewed: boolean; openFindings: number; terEdits: number; refWords: number }, counts: Iterable<{ k: string; n: number }>): Contribution {
  const out: Contribution = { sentences: 1 };
  if (state.reviewed) out.reviewed = 1;
  if (state.openFindings > 0) out.flagged = 1;
  if (state.terEdits !== 0) out.ter_edits = state.terEdits;
  if (state.refWords !== 0) out.ref_words = state.refWords;
  for (const { k, n } of counts) if (Number(n) !== 0) out[k] = (out[k] ?? 0) + Number(n);
  return out;
}

/** A sentence just imported: nothing reviewed or edited, every finding open. */
export function importedContribution(refWords: number, findings: Pick<NewFinding, 'category' | 'severity'>[]): Contribution {
  const counts = findings.flatMap((f) => [
    { k: `category:${f.category}`, n: 1 },
    { k: `severity:${f.severity}`, n: 1 },
  ]);
  return sentenceContribution({ reviewed: false, openFindings: findings.length, terEdits: 0, refWords }, counts);
}

/** What moves the totals from `before` to `after`, key by key (unchanged keys left out). */
export function contributionDelta(before: Contribution, after: Contribution): Map<string, number> {
  const delta = new Map<string, number>();
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const n = (after[key] ?? 0) - (before[key] ?? 0);
    if (n !== 0) delta.set(key, n);
  }
  return delta;
}

/** Adds `delta` into `into` (a transaction's pending changes). */
export function addDelta(into: Map<string, number>, delta: Map<string, number>): void {
  for (const [key, n] of delta) into.set(key, (into.get(key) ?? 0) + n);
}

/** The totals from the document's rows. */
export function totalsOf(rows: Iterable<{ key: string; n: number }>): DocumentTotals {
  const totals: DocumentTotals = { sentences: 0, reviewed: 0, flagged: 0, terEdits: 0, refWords: 0, byCategory: new Map(), bySeverity: new Map(), confirmed: [] };
  for (const { key, n: raw } of rows) {
    const n = Number(raw);
    if (n === 0) continue;
    if (key === 'sentences') totals.sentences = n;
    else if (key === 'reviewed') totals.reviewed = n;
    else if (key === 'flagged') totals.flagged = n;
    else if (key === 'ter_edits') totals.terEdits = n;
    else if (key === 'ref_words') totals.refWords = n;
    else if (key.startsWith('category:')) totals.byCategory.set(key.slice('category:'.length), n);
    else if (key.startsWith('severity:')) totals.bySeverity.set(key.slice('severity:'.length), n);
    else if (key.startsWith('confirmed:')) {
      // confirmed:CATEGORY:SEVERITY (a category has no colon; a severity neither).
      const rest = key.slice('confirmed:'.length);
      const at = rest.lastIndexOf(':');
      totals.confirmed.push({ category: rest.slice(0, at), severity: rest.slice(at + 1), n });
    }
  }
  totals.confirmed.sort((a, b) => (a.category === b.category ? (a.severity < b.severity ? -1 : 1) : a.category < b.category ? -1 : 1));
  return totals;
}
