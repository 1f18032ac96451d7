import { diffChars } from 'diff';
import { boundedDiffArrays, commonTextEnds } from './bounded-diff.ts';
import { frenchTokens } from '../review/word-changes.ts';
import { escapeHtml } from './escape-html.ts';

export interface SideBySide {
  /** The MT sentence, with removed words marked. */
  before: string;
  /** The current sentence, with added words marked. */
  after: string;
  changed: boolean;
}

/**
 * Word-level diff of two versions of a sentence, as two HTML columns.
 *
 * Words are the French word segmenter's (Intl.Segmenter 'fr', which keeps qu'il
 * and l'OTAN whole, as jsdiff's diffWords does with its `intlSegmenter` option);
 * the token arrays are compared with diffArrays rather than diffWords because
 * diffWords treats a change of spacing as no change, and here spacing is often
 * the fix (« message: » → « message : »). Inside a replaced word, diffChars marks
 * the characters that differ (Routte → Rutte: the o).
 */
export function sentenceDiff(before: string, after: string): SideBySide {
  if (before === after) return { before: escapeHtml(before), after: escapeHtml(after), changed: false };
  // Only the changed middle is cut into words; the common start and end are the same on both sides.
  const { prefix, suffix } = commonTextEnds(before, after);
  const changes = boundedDiffArrays(frenchTokens(before.slice(prefix, before.length - suffix)), frenchTokens(after.slice(prefix, after.length - suffix)));
  let left = escapeHtml(before.slice(0, prefix));
  let right = escapeHtml(after.slice(0, prefix));
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    const text = change.value.join('');
    if (change.removed && changes[i + 1]?.added) {
      const added = changes[i + 1].value.join('');
      const [removedHtml, addedHtml] = charLevel(text, added);
      left += `<del class="w">${removedHtml}</del>`;
      right += `<ins class="w">${addedHtml}</ins>`;
      i++;
    } else if (change.removed) {
      left += `<del class="w">${visibleSpaces(text)}</del>`;
    } else if (change.added) {
      right += `<ins class="w">${visibleSpaces(text)}</ins>`;
    } else {
      left += escapeHtml(text);
      right += escapeHtml(text);
    }
  }
  const tail = escapeHtml(before.slice(before.length - suffix));
  return { before: left + tail, after: right + tail, changed: true };
}

const MAX_CHAR_DIFF = 200;
/**
 * One line that reads from `before` to `after`: removed words struck through,
 * added words marked, both in place. The conflict page needs it because a
 * change that only deleted words marks nothing on the "after" side alone
 * (issue #13, defect 8).
 */
export function inlineDiff(before: string, after: string): string {
  let html = '';
  for (const change of boundedDiffArrays(frenchTokens(before), frenchTokens(after))) {
    const text = change.value.join('');
    if (change.removed) html += `<del class="w">${visibleSpaces(text)}</del>`;
    else if (change.added) html += `<ins class="w">${visibleSpaces(text)}</ins>`;
    else html += escapeHtml(text);
  }
  return html;
}

/** The two sides of a replaced run, with the differing characters wrapped in <b>. */
function charLevel(removed: string, added: string): [string, string] {
  // Variants of a word are short; a long replaced run gets no character marks (diffChars is quadratic in the worst case).
  if (removed.length > MAX_CHAR_DIFF || added.length > MAX_CHAR_DIFF) return [visibleSpaces(removed), visibleSpaces(added)];
  const parts = diffChars(removed, added);
  // Characters are only worth marking when the words are variants of each
  // other (Routte → Rutte); between unrelated words they are noise.
  const common = parts.filter((p) => !p.added && !p.removed).reduce((sum, p) => sum + p.value.length, 0);
  if (common < Math.max(removed.length, added.length) / 2) return [visibleSpaces(removed), visibleSpaces(added)];
  let left = '';
  let right = '';
  for (const part of parts) {
    const html = visibleSpaces(part.value);
    if (part.removed) left += `<b class="c">${html}</b>`;
    else if (part.added) right += `<b class="c">${html}</b>`;
    else {
      left += escapeHtml(part.value);
      right += escapeHtml(part.value);
    }
  }
  return [left, right];
}

// An added or removed space would be invisible: show it as a middle dot.
function visibleSpaces(text: string): string {
  return text.trim() === '' && text.length > 0 ? `<span class="sp" title="espace">${text.replace(/\s/g, '·')}</span>` : escapeHtml(text);
}
