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
