/**
 * Matching runs on NFC text, but every offset we report must point into the text
 * as the user gave it (Grammalecte keeps the original beside a working copy for
 * the same reason). `toOriginal` maps an offset of the working text back.
 */
export interface NormalisedText {
  original: string;
  /** NFC working copy. */
  text: string;
  /** Maps an offset in `text` to the offset in `original`. */
  toOriginal(offset: number): number;
}

// A base character with its combining marks: NFC only ever composes inside such
// a cluster, so mapping cluster starts is exact at every cluster boundary.
const CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

export function normalise(original: string): NormalisedText {
  const text = original.normalize('NFC');
  if (text === original) return { original, text, toOriginal: (offset) => offset };

  const map = new Uint32Array(text.length + 1);
  let out = 0;
  for (const match of original.matchAll(CLUSTER)) {
    const start = match.index!;
    const composed = match[0].normalize('NFC');
    for (let i = 0; i < composed.length; i++) map[out + i] = start;
    out += composed.length;
  }
  map[out] = original.length;
  return {
    original,
    text,
    toOriginal: (offset) => map[Math.max(0, Math.min(offset, text.length))],
  };
}
