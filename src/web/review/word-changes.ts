import { boundedDiffArrays, commonTextEnds } from '../render/bounded-diff.ts';

const wordSegmenter = new Intl.Segmenter('fr', { granularity: 'word' });

/**
 * The text as the French word segmenter cuts it: words (qu'il, l'OTAN whole),
 * spaces and punctuation, each a token, so that joining them gives the text.
 */
export function frenchTokens(text: string): string[] {
  const tokens: string[] = [];
  let from = 0;
  while (from < text.length) {
    const to = chunkEnd(text, from);
    for (const part of wordSegmenter.segment(text.slice(from, to))) tokens.push(part.segment);
    from = to;
  }
  return tokens;
}

// ICU's word iterator, as its sentence iterator (see segment.ts), slows down with
// the length of its input: 64 kB took 6 s, a 1 MB sentence minutes. It is fed
// pieces of about CHUNK characters, cut between a space and a letter, where a
// word boundary stands whatever the context, so the tokens are the same.
const CHUNK = 1000;
const CUT = /[ \t](?=\p{L})/gu;

function chunkEnd(text: string, from: number): number {
  if (text.length - from <= 2 * CHUNK) return text.length;
  CUT.lastIndex = from + CHUNK;
  const match = CUT.exec(text);
  if (match && match.index < from + 4 * CHUNK) return match.index + 1;
  // No space before a letter nearby (a 1 MB "word"): a cut anywhere but inside a
  // surrogate pair; the tokens still join to the text.
  const cut = from + CHUNK;
  return /[\ud800-\udbff]/.test(text[cut - 1]) ? cut + 1 : cut;
}

export interface WordSubstitution {
  from: string;
  to: string;
}

const WORDS_ONLY = /^[\p{L}\p{M}\p{N}]+(?:[ '’\-‑][\p{L}\p{M}\p{N}]+){0,3}$/u;

/**
 * Words replaced by other words between two versions of a sentence (Routte →
 * Rutte): what is worth offering to apply elsewhere and to learn. A change of
 * case only (La → la) is left out: learned, it would flag every sentence start.
 */
export function wordSubstitutions(before: string, after: string): WordSubstitution[] {
  const { prefix, suffix } = commonTextEnds(before, after);
  const changes = boundedDiffArrays(frenchTokens(before.slice(prefix, before.length - suffix)), frenchTokens(after.slice(prefix, after.length - suffix)));
  const out: WordSubstitution[] = [];
  for (let i = 0; i + 1 < changes.length; i++) {
    if (!changes[i].removed || !changes[i + 1].added) continue;
    const from = changes[i].value.join('').trim();
    const to = changes[i + 1].value.join('').trim();
    if (!WORDS_ONLY.test(from) || !WORDS_ONLY.test(to) || from.toLowerCase() === to.toLowerCase()) continue;
    if (!out.some((s) => s.from === from && s.to === to)) out.push({ from, to });
  }
  return out;
}

/** Is a single finding's fix a word substitution worth propagating? */
export function isWordSubstitution(from: string, to: string): boolean {
  return WORDS_ONLY.test(from) && WORDS_ONLY.test(to) && from.toLowerCase() !== to.toLowerCase();
}
