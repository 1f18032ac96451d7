import { isLearnableFinding } from '../review/review-service.ts';
import type { DocumentRecord, FindingRecord, SentenceRecord } from '../store/review-store.ts';
import type { ReviewService } from '../review/review-service.ts';
import { qualityFigures } from '../review/document-exports.ts';
import { findingsChart } from './findings-chart.ts';
import { highlightFindings } from './highlight-findings.ts';
import { highlightSource } from './source-view.ts';
import { sentenceDiff, type SideBySide } from './sentence-diff.ts';
import { SEVERITIES } from '../../types.ts';
import { INSTALL_HINT } from '../../grammalecte/find-grammalecte.ts';

export interface Offer {
  from: string;
  to: string;
  /** Occurrences left in the document's current text. */
  count: number;
}

export interface SentenceBlock {
  documentId: number;
  sentence: SentenceRecord;
  /** 1-based, as shown and as in URLs. */
  number: number;
  findings: FindingRecord[];
  /** Ids of the findings « add to dictionary » applies to (a word the dictionaries did not know). */
  learnable: number[];
  highlighted: string;
  diff: SideBySide;
  undoable: boolean;
  returnTo: string;
  offers: Offer[];
  /** The source of the sentence's segment (bilingual documents), escaped HTML with the findings' parts marked. */
  source?: string;
}

/** Everything the sentence partial needs, for a page of sentences at once (three queries, not three per sentence). */
export async function sentenceBlocks(service: ReviewService, documentId: number, sentences: SentenceRecord[], returnTo: string, offers: Map<number, Offer[]> = new Map()): Promise<SentenceBlock[]> {
  const ids = sentences.map((s) => s.id);
  const findings = await service.store.findings.activeFindings(ids);
  const undoable = await service.store.decisions.undoable(ids);
  const segments = sentences.length > 0 ? new Map((await service.store.documents.segments(documentId)).map((segment) => [segment.id, segment])) : new Map();
  return sentences.map((sentence) => {
    const own = findings.get(sentence.id) ?? [];
    return {
      documentId,
      sentence,
      number: sentence.idx + 1,
      findings: own,
      learnable: own.filter(isLearnableFinding).map((f) => f.id),
      highlighted: highlightFindings(sentence.currentText, own, sentence.idx),
      diff: sentenceDiff(sentence.originalText, sentence.currentText),
      undoable: undoable.has(sentence.id),
      returnTo: `${returnTo}#s-${sentence.idx + 1}`,
      offers: offers.get(sentence.idx) ?? [],
      ...(segments.get(sentence.segmentId)?.sourceText ? { source: highlightSource(segments.get(sentence.segmentId)!.sourceText!, own) } : {}),
    };
  });
}

/** Offers with their counts; those with nothing left to change are dropped. */
export async function countOffers(service: ReviewService, documentId: number, offers: Array<{ from: string; to: string }>): Promise<Offer[]> {
  const counted: Offer[] = [];
  for (const offer of offers) {
    const hits = await service.previewPropagation(documentId, offer.from, offer.to);
    counted.push({ ...offer, count: hits.reduce((sum, hit) => sum + hit.occurrences.length, 0) });
  }
  return counted.filter((offer) => offer.count > 0);
}

export async function documentHeader(service: ReviewService, document: DocumentRecord) {
  const store = service.store;
  const byCategory = await store.findings.openFindingCounts(document.id, 'category');
  const bySeverity = await store.findings.openFindingCounts(document.id, 'severity');
  return {
    document,
    progress: await store.documents.progress(document.id),
    quality: await qualityFigures(store, document),
    chart: findingsChart(byCategory, bySeverity),
    bySeverity: SEVERITIES.map((severity) => ({ severity, count: bySeverity.get(severity) ?? 0 })),
    failures: await store.findings.checkFailures(document.id),
    grammar: (await service.grammar?.status(document.id)) ?? { available: false, on: document.grammar, pending: 0, error: document.grammarError },
    installHint: INSTALL_HINT,
  };
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '0' : ((part * 100) / whole).toFixed(0);
}
