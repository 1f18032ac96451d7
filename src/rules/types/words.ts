/** Small helpers about French words shared by several rule types. */

export function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && word.slice(1) !== word.slice(1).toUpperCase();
}

export function isAllCaps(word: string): boolean {
  return word === word.toUpperCase() && word !== word.toLowerCase();
}

export function hasDigit(word: string): boolean {
  return /\p{N}/u.test(word);
}

/** Lower-cased, accents kept, apostrophe unified: the key repetition rules compare. */
export function wordKey(word: string): string {
  const lower = word.toLowerCase();
  // Most words hold no apostrophe: no expression run, no second string.
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
}

/** The part after an elided article or pronoun: l'équipe → équipe. */
export function withoutElision(word: string): string {
  // No apostrophe, no elision: most words skip the expression (it ran 130,000 times on 96k words).
  if (!word.includes("'") && !word.includes('’')) return word;
  return word.replace(/^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]/i, '');
}

/** What sits between two words decides whether the second opens a clause. */
export function opensClause(gap: string): boolean {
  // « -- » is how plain-text transcriptions write a dash.
  return /[.!?…:;«»"“”—–(\[]|^\s*-\s|\s--\s/.test(gap);
}

/** An ordinal in figures or Roman numerals: 1er, 1re, 2e, 3es, XIXe, IIIe, Ier, 2nd. */
export function isOrdinal(word: string): boolean {
  return /^(?:\p{N}+|[IVXLCDM]+)(?:er|re|ère|ers|res|e|es|ème|èmes|nd|nde|nds|ndes|ᵉ|ᵉʳ|ʳᵉ)$/u.test(word);
}
