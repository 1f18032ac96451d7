import type { DocumentTotals, ReviewStore } from '../../../src/web/store/review-store.ts';

/**
 * A document's header figures aggregated afresh over all its sentences, findings
 * and decisions (the queries the header ran before issue #15), to compare with
 * the totals the store keeps by deltas. Confirmed errors sorted here, not by the
 * database's collation.
 */
export async function freshTotals(store: ReviewStore, documentId: number): Promise<DocumentTotals> {
  const progress = await store.documents.progress(documentId);
  const ter = await store.documents.terTotals(documentId);
  const confirmed = (await store.decisions.confirmedErrors(documentId)).filter((row) => row.n !== 0);
  return {
    sentences: progress.total,
    reviewed: progress.reviewed,
    flagged: progress.flagged,
    terEdits: ter.edits,
    refWords: ter.refWords,
    byCategory: await store.findings.openFindingCounts(documentId, 'category'),
    bySeverity: await store.findings.openFindingCounts(documentId, 'severity'),
    confirmed: sortConfirmed(confirmed),
  };
}

/** The kept totals, in the same shape and order as `freshTotals`. */
export async function keptTotals(store: ReviewStore, documentId: number): Promise<DocumentTotals> {
  const totals = await store.documents.totals(documentId);
  return { ...totals, confirmed: sortConfirmed(totals.confirmed) };
}

function sortConfirmed(rows: DocumentTotals['confirmed']): DocumentTotals['confirmed'] {
  return [...rows].sort((a, b) => `${a.category}\u0000${a.severity}`.localeCompare(`${b.category}\u0000${b.severity}`));
}
