import { translator, type Translate } from '../i18n.ts';
import { isLearnableFinding } from '../review/review-service.ts';
import type { DocumentRecord, FindingRecord, SentenceRecord } from '../store/review-store.ts';
import type { ReviewService } from '../review/review-service.ts';
import { qualityFigures } from '../review/document-exports.ts';
import { findingsChart } from './findings-chart.ts';
import { highlightFindings } from './highlight-findings.ts';
import { highlightSource } from './source-view.ts';
import { sentenceDiff, type SideBySide } from './sentence-diff.ts';
import { suggestionLabel, suggestionText } from './suggestion-label.ts';
import { searchHits } from '../../text/fold.ts';
import type { SentenceFilter } from '../store/review-store.ts';
import { CATEGORIES, SEVERITIES } from '../../types.ts';
import { INSTALL_HINT } from '../../grammalecte/find-grammalecte.ts';
import { MAX_FINDINGS_PER_RULE, MAX_FINDINGS_PER_SENTENCE } from '../review/cap-findings.ts';

export interface Offer {
  /** The stored offer's id (to dismiss it). */
  id: number;
  from: string;
  to: string;
  /** Occurrences left in the document's current text. */
  count: number;
}

/** A finding as the sentence partial shows it. */
export interface FindingView extends FindingRecord {
  /** Each suggestion as its button shows it (HTML, spaces drawn). */
  labels: string[];
  /** Each suggestion for a title, its special spaces named. */
  suggestionTexts: string[];
  /** Outside the page's category, severity or rule filter: listed apart, not highlighted. */
  filteredOut: boolean;
}

export interface SentenceBlock {
  documentId: number;
  sentence: SentenceRecord;
  /** 1-based, as shown and as in URLs. */
  number: number;
  /** The findings listed: one page of them (FINDINGS_PER_PAGE); the text highlights them all. */
  findings: FindingView[];
  openCount: number;
  rejectedCount: number;
  /** Which page of the sentence's findings is listed (1-based), and how many there are. */
  findingsPage: number;
  findingsPages: number;
  /** 1-based number of the first finding listed. */
  findingsFrom: number;
  findingsTotal: number;
  /** Findings past the cap, not stored: their number, and the rules they came from with their counts. */
  leftOut: { total: number; rules: Array<{ ruleId: string; count: number }>; perRule: number; perSentence: number };
  /** Ids of the findings « add to dictionary » applies to (a word the dictionaries did not know). */
  learnable: number[];
  highlighted: string;
  diff: SideBySide;
  undoable: boolean;
  returnTo: string;
  offers: Offer[];
  comments: Array<{ body: string; actor: string | null; createdAt: string }>;
  /** The edit form's prefilled MQM error: the sentence's most severe open finding (the one an edit most likely fixes). */
  likelyError?: { category: string; severity: string };
  /** The source of the sentence's segment (bilingual documents), escaped HTML with the findings' parts marked. */
  source?: string;
}

/** Findings listed under a sentence at a time; the sentence page pages through the rest. */
export const FINDINGS_PER_PAGE = 20;

/** Everything the sentence partial needs, for a page of sentences at once (three queries, not three per sentence). */
export async function sentenceBlocks(
  service: ReviewService,
  documentId: number,
  sentences: SentenceRecord[],
  returnTo: string,
  filter?: Pick<SentenceFilter, 'category' | 'severity' | 'rule' | 'search'>,
  findingsPage = 1,
  /** The interface language, for what the server writes into the sentence's HTML (the tooltips). */
  t: Translate = translator('en'),
): Promise<SentenceBlock[]> {
  const ids = sentences.map((s) => s.id);
  const findings = await service.store.findings.activeFindings(ids);
  const undoable = await service.store.decisions.undoable(ids);
  const comments = await service.store.decisions.comments(documentId, ids);
  // Pending offers stay on their sentence until answered, across reloads.
  const offers = new Map<number, Offer[]>();
  for (const offer of await countOffers(service, documentId, await service.store.decisions.pendingOffers(documentId, ids))) {
    offers.set(offer.sentenceId, [...(offers.get(offer.sentenceId) ?? []), offer]);
  }
  // Only the segments of these sentences: reading every segment took 180 ms of each accept on a 60,000-sentence document.
  const segments = await service.store.documents.segmentsByIds(sentences.map((s) => s.segmentId));
  return sentences.map((sentence) => {
    const own: FindingView[] = (findings.get(sentence.id) ?? []).map((finding) => ({
      ...finding,
      labels: finding.suggestions.map((suggestion) => suggestionLabel(finding.text, suggestion)),
      suggestionTexts: finding.suggestions.map(suggestionText),
      filteredOut: filter !== undefined && !matchesFilter(finding, filter),
    }));
    const hits = filter?.search ? searchHits(sentence.currentText, filter.search) : [];
    const pages = Math.max(1, Math.ceil(own.length / FINDINGS_PER_PAGE));
    const page = Math.min(Math.max(1, findingsPage), pages);
    const leftOutRules = Object.entries(sentence.findingsLeftOut)
      .map(([ruleId, count]) => ({ ruleId, count }))
      .sort((a, b) => b.count - a.count || a.ruleId.localeCompare(b.ruleId));
    return {
      documentId,
      sentence,
      number: sentence.idx + 1,
      findings: own.slice((page - 1) * FINDINGS_PER_PAGE, page * FINDINGS_PER_PAGE),
      learnable: own.filter(isLearnableFinding).map((f) => f.id),
      openCount: own.filter((f) => !f.rejected).length,
      rejectedCount: own.filter((f) => f.rejected).length,
      findingsPage: page,
      findingsPages: pages,
      findingsFrom: (page - 1) * FINDINGS_PER_PAGE + 1,
      findingsTotal: own.length,
      leftOut: { total: leftOutRules.reduce((sum, rule) => sum + rule.count, 0), rules: leftOutRules, perRule: MAX_FINDINGS_PER_RULE, perSentence: MAX_FINDINGS_PER_SENTENCE },
      highlighted: highlightFindings(sentence.currentText, own.filter((f) => !f.filteredOut), sentence.idx, hits, t),
      diff: sentenceDiff(sentence.originalText, sentence.currentText),
      undoable: undoable.has(sentence.id),
      returnTo: `${returnTo}#s-${sentence.idx + 1}`,
      offers: offers.get(sentence.id) ?? [],
      comments: comments.get(sentence.id) ?? [],
      likelyError: likelyError(own),
      ...(segments.get(sentence.segmentId)?.sourceText ? { source: highlightSource(segments.get(sentence.segmentId)!.sourceText!, own) } : {}),
    };
  });
}

function likelyError(findings: FindingRecord[]): { category: string; severity: string } | undefined {
  const order = ['critical', 'major', 'minor', 'info'];
  const worst = findings.filter((f) => !f.rejected).sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity))[0];
  return worst && { category: worst.category, severity: worst.severity };
}

/** The same test as the store's filter: a top-level category selects its sub-categories. */
function matchesFilter(finding: FindingRecord, filter: Pick<SentenceFilter, 'category' | 'severity' | 'rule'>): boolean {
  if (filter.category && finding.category !== filter.category && !finding.category.startsWith(`${filter.category}/`)) return false;
  if (filter.severity && finding.severity !== filter.severity) return false;
  if (filter.rule && finding.ruleId !== filter.rule) return false;
  return true;
}

/** Offers with their counts; those with nothing left to change are dropped. */
export async function countOffers<T extends { from: string; to: string }>(service: ReviewService, documentId: number, offers: T[]): Promise<Array<T & { count: number }>> {
  const counted: Array<T & { count: number }> = [];
  for (const offer of offers) {
    const hits = await service.previewPropagation(documentId, offer.from, offer.to);
    counted.push({ ...offer, count: hits.reduce((sum, hit) => sum + hit.occurrences.length, 0) });
  }
  return counted.filter((offer) => offer.count > 0);
}

export async function documentHeader(service: ReviewService, document: DocumentRecord, t?: Translate) {
  const store = service.store;
  // Kept up to date by every change (store/sql/document-totals.ts): a few rows, whatever the document's length.
  const totals = await store.documents.totals(document.id);
  const { byCategory, bySeverity } = totals;
  return {
    document,
    progress: { total: totals.sentences, reviewed: totals.reviewed, flagged: totals.flagged },
    quality: await qualityFigures(store, document, totals),
    chart: findingsChart(byCategory, bySeverity, t),
    bySeverity: SEVERITIES.map((severity) => ({ severity, count: bySeverity.get(severity) ?? 0 })),
    categories: CATEGORIES,
    failures: await store.findings.checkFailures(document.id),
    // The document as the page's request read it: its grammar switch and error, not read a second time.
    grammar: (await service.grammar?.status(document.id, document)) ?? { available: false, on: document.grammar, pending: 0, error: document.grammarError },
    installHint: INSTALL_HINT,
  };
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '0' : ((part * 100) / whole).toFixed(0);
}
