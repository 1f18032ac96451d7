import { CorrectionMatcher } from '../../corrections/match-corrections.ts';
import { normalise } from '../../text/normalise.ts';
import { caseForms } from '../../text/case-forms.ts';
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

/**
 * Does `from` stand anywhere among the candidates? Read a few at a time, stopping at the first (an accept asks this of a common word too).
 * The matcher only matches `from`'s case forms in the NFC text, so a text holding none of them is passed over without it
 * (« de De »: none of the corpus's 23,882 other sentences with « de » holds it; the whole search went from 231–462 to 208–447 ms,
 * reading the rows is the rest).
 */
export async function occursIn(store: ReviewStore, from: string, to: string, candidates: number[]): Promise<boolean> {
  const matcher = new CorrectionMatcher([{ from, to }]);
  const forms = caseForms(from.normalize('NFC')).map((form) => form.text);
  for (let i = 0; i < candidates.length; i += 20) {
    for (const sentence of await store.documents.sentencesByIds(candidates.slice(i, i + 20))) {
      const text = sentence.currentText.normalize('NFC');
      if (forms.some((form) => text.includes(form)) && occurrencesIn(matcher, sentence.currentText).length > 0) return true;
    }
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
