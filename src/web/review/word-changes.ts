import { diffArrays } from 'diff';

const wordSegmenter = new Intl.Segmenter('fr', { granularity: 'word' });

/**
 * The text as the French word segmenter cuts it: words (qu'il, l'OTAN whole),
 * spaces and punctuation, each a token, so that joining them gives the text.
 */
export function frenchTokens(text: string): string[] {
  return Array.from(wordSegmenter.segment(text), (part) => part.segment);
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
  const changes = diffArrays(frenchTokens(before), frenchTokens(after));
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
