import { CorrectionMatcher } from '../../corrections/match-corrections.ts';
import { normalise } from '../../text/normalise.ts';
import type { ReviewStore, SentenceRecord } from '../store/review-store.ts';

export interface Occurrence {
  start: number;
  end: number;
  replacement: string;
}

/**
 * Where `from` stands as a whole word in the document's current text, matched
 * with the corrections list's rules of case (ROUTTE too, since it would be
 * learned as a correction), with offsets into each sentence's text.
 */
export async function findOccurrences(
  store: ReviewStore,
  documentId: number,
  from: string,
  to: string,
  /** The only sentences that can hold it (document-context.ts, by id), when the caller knows them. */
  candidates?: number[],
): Promise<Array<{ sentence: SentenceRecord; occurrences: Occurrence[] }>> {
  const matcher = new CorrectionMatcher([{ from, to }]);
  const out: Array<{ sentence: SentenceRecord; occurrences: Occurrence[] }> = [];
  const sentences = candidates ? await store.documents.sentencesByIds(candidates) : await store.documents.sentencesContaining(documentId, from.normalize('NFC'));
  for (const sentence of sentences) {
    const occurrences = occurrencesIn(matcher, sentence.currentText);
    if (occurrences.length > 0) out.push({ sentence, occurrences });
  }
  return out;
}

/** Does `from` stand anywhere among the candidates? Read a few at a time, stopping at the first (an accept asks this of a common word too). */
export async function occursIn(store: ReviewStore, from: string, to: string, candidates: number[]): Promise<boolean> {
  const matcher = new CorrectionMatcher([{ from, to }]);
  for (let i = 0; i < candidates.length; i += 20) {
    for (const sentence of await store.documents.sentencesByIds(candidates.slice(i, i + 20))) if (occurrencesIn(matcher, sentence.currentText).length > 0) return true;
  }
  return false;
}

export function occurrencesIn(matcher: CorrectionMatcher, text: string): Occurrence[] {
  const working = normalise(text);
  return matcher.match(working.text).map((match) => ({ start: working.toOriginal(match.start), end: working.toOriginal(match.end), replacement: match.replacement }));
}

export function replaceOccurrences(text: string, occurrences: Occurrence[]): string {
  let out = '';
  let position = 0;
  for (const occurrence of occurrences) {
    out += text.slice(position, occurrence.start) + occurrence.replacement;
    position = occurrence.end;
  }
  return out + text.slice(position);
}
