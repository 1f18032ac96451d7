import type { Checker } from '../../checker.ts';
import { CheckText } from '../../pipeline/engine.ts';
import { RulesEngine } from '../../pipeline/rules-engine.ts';
import { segment } from '../../text/segment.ts';
import type { Correction } from '../../types.ts';
import { terTokens } from '../quality/ter.ts';
import type { NewDocument } from '../store/review-store.ts';
import { findingsBySentence } from './stored-findings.ts';
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
  const result = new RulesEngine(checker).run(new CheckText(text, undefined, { corrections: input.corrections }));
  // Sentences from the text as given (not the NFC working copy), so every
  // offset below points into what the editor sent.
  const sentences = segment(text).sentences;
  const findings = findingsBySentence(result.findings, text, sentences);
  const style = { apostrophe: apostropheStyle(countApostrophes(text)), spaces: input.spaces ?? 'narrow' };
  let position = 0;
  const rows = sentences.map((sentence, index) => {
    const prefix = text.slice(position, sentence.start);
    position = sentence.end;
    const sentenceText = text.slice(sentence.start, sentence.end);
    return { paragraph: sentence.paragraph, prefix, text: sentenceText, refWords: terTokens(sentenceText).length, findings: styleFindings(findings[index], sentenceText, style) };
  });
  return {
    title: input.title,
    sourceName: input.sourceName,
    words: result.words,
    tail: text.slice(position),
    sentences: rows,
    corrections: input.corrections.map((c) => ({ from: c.from, to: c.to, note: c.note })),
    failures: result.failures,
  };
}
