/**
 * Text folded for search: without accents, in lower case, one apostrophe (’ ‘ ʼ
 * become '), one space (non-breaking and narrow spaces become ' ') and the
 * ligatures spelled out (œ → oe), so that « oeuvre » finds « Œuvre » and
 * « l'Ukraine » finds « l’Ukraine ». Folding goes code point by code point, so
 * every folded position maps back to the original text, decomposed accents
 * (NFD input) included.
 */
export interface FoldedText {
  text: string;
  /** For each UTF-16 unit of `text`, plus one past its end: the offset in the original. */
  origin: number[];
}

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };

function foldCodePoint(char: string): string {
  const lower = char.toLowerCase();
  if (LIGATURES[lower]) return LIGATURES[lower];
  if (/[’‘ʼ´`]/u.test(lower)) return "'";
  if (/[\u00A0\u202F\u2007\u2009\t]/u.test(lower)) return ' ';
  return lower.normalize('NFD').replace(/\p{M}/gu, '');
}

export function foldText(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let i = 0;
  for (const char of text) {
    const piece = foldCodePoint(char);
    for (let k = 0; k < piece.length; k++) origin.push(i);
    folded += piece;
    i += char.length;
  }
  origin.push(text.length);
  return { text: folded, origin };
}

/** Only the folded string (for SQL, where no offsets are needed). */
export function foldForSearch(text: string): string {
  return foldText(text).text;
}

/** Where `query` stands in `text` once both are folded: half-open spans into `text`. */
export function searchHits(text: string, query: string): Array<{ start: number; end: number }> {
  const needle = foldForSearch(query).trim();
  if (needle === '') return [];
  const folded = foldText(text);
  const hits: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (;;) {
    const at = folded.text.indexOf(needle, from);
    if (at < 0) break;
    const start = folded.origin[at];
    // The end is where the next folded unit starts, so a whole accented letter is covered.
    let end = folded.origin[at + needle.length];
    if (end <= start) end = start + 1;
    hits.push({ start, end });
    from = at + needle.length;
  }
  return hits;
}
