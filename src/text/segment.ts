import type { Paragraph, Sentence, Token } from '../types.ts';

/**
 * Paragraphs → sentences → words, with `[start, end)` offsets into the text given.
 * Paragraphs are lines (MT output comes one paragraph a line); sentences come from
 * `Intl.Segmenter('fr')` with French fix-ups; words from a regular expression that
 * knows French (qu'il, vice-président, a-t-il, 50 000, 1,28 stay whole), which is
 * also ten times faster than the ICU word segmenter on long texts.
 */
export interface SegmentedText {
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

const sentenceSegmenter = new Intl.Segmenter('fr', { granularity: 'sentence' });

// Numbers with French thousands groups (ordinary, no-break, narrow no-break,
// thin or figure space) and a decimal part, with the letters glued to them (1er,
// 2e, 1re, 3D: an ordinal cut in two would leave « er » to the spelling rule);
// then words with inner apostrophes and hyphens.
const WORD =
  /\p{N}+(?:[ \u00A0\u202F\u2009\u2007]\p{N}{3}(?!\p{N}))*(?:[.,]\p{N}+)?(?:[\p{L}\p{M}]+(?:['’\-‑][\p{L}\p{M}\p{N}]+)*)?|[\p{L}\p{M}\p{N}]+(?:['’\-‑][\p{L}\p{M}\p{N}]+)*/gu;

// Abbreviations after which the ICU segmenter wrongly ends a sentence.
const ABBREVIATION_END =
  /(?:^|[\s(«"“])(?:M|MM|Mme|Mmes|Mlle|Mlles|Mgr|Me|Dr|Pr|St|Ste|Sts|etc|cf|av|apr|J\.-C|p|n°|[A-ZÀ-Ý])\.\s*$/u;
const STARTS_WITH_CLOSER = /^[\s\u00A0\u202F]*[»”)\]]+[\s\u00A0\u202F]*/u;

export function tokenizeWords(text: string, start = 0, end = text.length): Token[] {
  const words: Token[] = [];
  WORD.lastIndex = start;
  let match: RegExpExecArray | null;
  while ((match = WORD.exec(text)) !== null && match.index < end) {
    const matchEnd = match.index + match[0].length;
    // The match's own string, unless the sentence ends inside it: no second copy of every word (issue #15).
    const wordEnd = Math.min(matchEnd, end);
    words.push({ start: match.index, end: wordEnd, text: wordEnd === matchEnd ? match[0] : text.slice(match.index, wordEnd), isWord: true });
  }
  return words;
}

// ICU's sentence iterator slows down with the length of its input (a 1 MB
// paragraph took 22 s): long paragraphs are fed to it in windows cut after a
// sentence end, where it would break anyway.
const WINDOW = 4000;
const WINDOW_CUT = /[.!?…][»”)\]]*[ \u00A0\u202F]+(?=\p{Lu}|[«“(\-—])/gu;

function windows(text: string, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  while (end - from > WINDOW) {
    WINDOW_CUT.lastIndex = from + WINDOW / 2;
    const match = WINDOW_CUT.exec(text);
    if (!match || match.index >= end) break;
    const cut = match.index + match[0].length;
    out.push([from, cut]);
    from = cut;
  }
  out.push([from, end]);
  return out;
}

/** Sentence spans inside `[start, end)`, contiguous, covering the whole range. */
export function splitSentences(text: string, start: number, end: number): Array<[number, number]> {
  const raw: Array<[number, number]> = [];
  for (const [from, to] of windows(text, start, end)) {
    for (const part of sentenceSegmenter.segment(text.slice(from, to))) {
      raw.push([from + part.index, from + part.index + part.segment.length]);
    }
  }
  const merged: Array<[number, number]> = [];
  for (const span of raw) {
    const previous = merged[merged.length - 1];
    if (previous) {
      const before = text.slice(previous[0], previous[1]);
      const after = text.slice(span[0], span[1]);
      // Seen on Node 20: a split after "M. " …
      if (ABBREVIATION_END.test(before)) {
        previous[1] = span[1];
        continue;
      }
      // … and before a closing guillemet, which belongs to the sentence before.
      const closer = STARTS_WITH_CLOSER.exec(after);
      if (closer) {
        previous[1] = span[0] + closer[0].length;
        if (previous[1] >= span[1]) {
          previous[1] = span[1];
          continue;
        }
        span[0] = previous[1];
      }
    }
    merged.push([span[0], span[1]]);
  }
  return merged;
}

/** A sentence whose words are tokenised each time they are read (one class, not a closure per sentence: 600 bytes each). */
class UntokenisedSentence implements Sentence {
  readonly #text: string;

  constructor(
    text: string,
    readonly index: number,
    readonly paragraph: number,
    readonly start: number,
    readonly end: number,
  ) {
    this.#text = text;
  }

  get words(): Token[] {
    return tokenizeWords(this.#text, this.start, this.end);
  }
}

/**
 * A text's sentences as [start, end) pairs laid end to end, in text order: what
 * `segment` found, handed to a thread that checks a part of the text, so the
 * part is not cut again (`sentenceCuts`; 1–1.8 s of CPU over the corpus's parts, issue #15).
 */
export type SentenceCuts = Int32Array;

/** The cuts of `segmented`'s sentences within [from, to), relative to `from` (sentences never cross a line break, so a part cut at line starts holds whole ones). */
export function sentenceCuts(segmented: SegmentedText, from: number, to: number, first = 0): { cuts: SentenceCuts; next: number } {
  const { sentences } = segmented;
  let k = first;
  while (k < sentences.length && sentences[k].start < from) k++;
  let end = k;
  while (end < sentences.length && sentences[end].start < to) end++;
  const cuts = new Int32Array((end - k) * 2);
  for (let i = k; i < end; i++) {
    cuts[(i - k) * 2] = sentences[i].start - from;
    cuts[(i - k) * 2 + 1] = sentences[i].end - from;
  }
  return { cuts, next: end };
}

/**
 * `cuts`: the sentences, already found (see SentenceCuts); the lines are still found here.
 * `keepWords: false` leaves each sentence's words untokenised until asked for,
 * and not kept: a caller that reads them once or twice (the main thread of a
 * parallel check, over millions of words) does not hold a token object per word.
 */
export function segment(text: string, options: { keepWords?: boolean; cuts?: SentenceCuts } = {}): SegmentedText {
  const keepWords = options.keepWords ?? true;
  const { cuts } = options;
  let cut = 0;
  const paragraphs: Paragraph[] = [];
  const sentences: Sentence[] = [];
  const addSentence = (paragraph: number, start: number, end: number) => {
    if (keepWords) sentences.push({ index: sentences.length, paragraph, start, end, words: tokenizeWords(text, start, end) });
    else sentences.push(new UntokenisedSentence(text, sentences.length, paragraph, start, end));
  };
  const lineBreak = /\r?\n/g;
  let lineStart = 0;
  let line = 1;
  for (;;) {
    const match = lineBreak.exec(text);
    const lineEnd = match ? match.index : text.length;
    const paragraph: Paragraph = { index: paragraphs.length, line, start: lineStart, end: lineEnd };
    paragraphs.push(paragraph);
    if (cuts) {
      // The sentences this text was already cut into (parallel-check.ts: a part of a text cut whole).
      for (; cut < cuts.length && cuts[cut] < lineEnd; cut += 2) addSentence(paragraph.index, cuts[cut], cuts[cut + 1]);
    } else if (text.slice(lineStart, lineEnd).trim() !== '') {
      for (const [start, end] of splitSentences(text, lineStart, lineEnd)) addSentence(paragraph.index, start, end);
    }
    if (!match) break;
    lineStart = match.index + match[0].length;
    line++;
  }
  return { text, paragraphs, sentences };
}

/**
 * Every piece of the text in order: sentences, and the gaps between them (line
 * breaks, blank lines). Joining the pieces gives back the text exactly.
 */
export function pieces(segmented: SegmentedText): string[] {
  const out: string[] = [];
  let position = 0;
  for (const sentence of segmented.sentences) {
    if (sentence.start > position) out.push(segmented.text.slice(position, sentence.start));
    out.push(segmented.text.slice(sentence.start, sentence.end));
    position = sentence.end;
  }
  if (position < segmented.text.length) out.push(segmented.text.slice(position));
  return out;
}
