import type { Checker } from '../../checker.ts';
import { segment } from '../../text/segment.ts';
import type { Correction } from '../../types.ts';
import { terTokens } from '../quality/ter.ts';
import type { NewDocument, NewFinding } from '../store/review-store.ts';
import { indexAtOrBefore } from '../../text/position.ts';
import { apostropheStyle, countApostrophes, type SpaceStyle } from '../../text/suggestion-style.ts';
import { styleFindings } from './style-findings.ts';

export interface ImportInput {
  title: string;
  sourceName: string;
  /** The MT text, decoded (BOM removed, line breaks as given). */
  text: string;
  corrections: Correction[];
  /** The space fixes put before ; : ! ? and inside « » (default narrow, U+202F). */
  spaces?: SpaceStyle;
}

/**
 * Checks the whole text once, as the CLI does, and cuts it into the sentences
 * the store keeps: each with the gap before it (line breaks, blank lines), so
 * the text can be rebuilt exactly, and with its findings made relative to it.
 * Pure: nothing is stored here, so a failure stores nothing.
 */
export function prepareImport(checker: Checker, input: ImportInput): NewDocument {
  const { text } = input;
  const result = checker.check(text, { corrections: input.corrections });
  // Sentences from the text as given (not the NFC working copy), so every
  // offset below points into what the editor sent.
  const sentences = segment(text).sentences;
  const starts = sentences.map((s) => s.start);
  const findingsBySentence: NewFinding[][] = sentences.map(() => []);
  for (const finding of result.findings) {
    const index = indexAtOrBefore(starts, finding.offset);
    const sentence = sentences[index];
    // A finding that runs past its sentence's end is cut at it: a sentence's
    // findings are spans of that sentence.
    const end = Math.min(finding.offset + finding.length, sentence.end);
    findingsBySentence[index].push({
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      message: finding.message,
      start: finding.offset - sentence.start,
      length: end - finding.offset,
      text: text.slice(finding.offset, end),
      suggestions: end === finding.offset + finding.length ? finding.suggestions : [],
    });
  }
  const style = { apostrophe: apostropheStyle(countApostrophes(text)), spaces: input.spaces ?? 'narrow' };
  let position = 0;
  const rows = sentences.map((sentence, index) => {
    const prefix = text.slice(position, sentence.start);
    position = sentence.end;
    const sentenceText = text.slice(sentence.start, sentence.end);
    return { paragraph: sentence.paragraph, prefix, text: sentenceText, refWords: terTokens(sentenceText).length, findings: styleFindings(findingsBySentence[index], sentenceText, style) };
  });
  return {
    title: input.title,
    sourceName: input.sourceName,
    words: result.words,
    tail: text.slice(position),
    sentences: rows,
    corrections: input.corrections.map((c) => ({ from: c.from, to: c.to, note: c.note })),
  };
}

