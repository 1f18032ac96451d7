import { continuesQuotation } from '../../rules/types/quotes.ts';

/** How far a re-check follows a quotation that runs on from paragraph to paragraph, each way. */
export const LINKED_SEGMENTS = 20;

/**
 * Which neighbours a re-check of segment `k` (an index into `texts`, the
 * current texts of the segments around it, in order) checks with it. Two rule
 * types carry state from paragraph to paragraph (`documentWide`): guillemets
 * (a quotation runs on into a paragraph that opens with a guillemet or a dash,
 * or whose first guillemet is a », rules/types/quotes.ts) and figures (a bare
 * figure takes the unit of the sentence before, rules/types/number-unit.ts).
 *
 * - `first..last` are checked and their findings written: `k`; the paragraph
 *   before if it has a guillemet (its quotation may now end, or no longer end,
 *   in `k`); the one after if `k` runs on into it or it has a figure; and every
 *   paragraph linked to those by a quotation that runs on, up to LINKED_SEGMENTS.
 * - `context` (≤ first) is read only: the paragraph before `first` when `first`
 *   has a figure (the unit of its last sentence) or runs on from it.
 *
 * A pattern that matches across a paragraph break is not followed (none of the
 * rules means to: a phrase cut by a line break is rare in MT output).
 */
export function recheckWindow(texts: readonly string[], k: number): { context: number; first: number; last: number } {
  const guillemet = (i: number) => /[«»]/u.test(texts[i]);
  const figure = (i: number) => /\p{N}/u.test(texts[i]);
  let first = k;
  if (first > 0 && guillemet(first - 1)) first--;
  while (first > 0 && first > k - 1 - LINKED_SEGMENTS && continuesQuotation(texts[first])) first--;
  let last = k;
  if (last + 1 < texts.length && (continuesQuotation(texts[last + 1]) || figure(last + 1))) last++;
  while (last + 1 < texts.length && last + 1 <= k + 1 + LINKED_SEGMENTS && continuesQuotation(texts[last + 1])) last++;
  const context = first > 0 && (figure(first) || continuesQuotation(texts[first])) ? first - 1 : first;
  return { context, first, last };
}
