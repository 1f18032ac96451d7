import { diffChars } from 'diff';
import { escapeHtml } from './escape-html.ts';

/** How each kind of space is shown where it would otherwise be invisible, and its name for the tip. */
const SPACES: Record<string, { glyph: string; name: string; className: string }> = {
  ' ': { glyph: '·', name: 'espace', className: 'sp' },
  '\u00A0': { glyph: '⍽', name: 'espace insécable (U+00A0)', className: 'sp sp-nbsp' },
  '\u202F': { glyph: '⍽', name: 'espace fine insécable (U+202F)', className: 'sp sp-narrow' },
  '\t': { glyph: '→', name: 'tabulation', className: 'sp' },
};

function visible(text: string): string {
  let html = '';
  for (const char of text) {
    const space = SPACES[char];
    html += space ? `<span class="${space.className}" title="${space.name}">${space.glyph}</span>` : escapeHtml(char);
  }
  return html;
}

/**
 * A suggestion as its button shows it. A space the fix adds or that starts or
 * ends it is drawn (· a space, ⍽ a non-breaking one, narrower for U+202F), as
 * the sentence diff draws them: « Accepter « : » » for « message: » → « message : »
 * would look like the flagged text. An empty fix reads as a deletion of what was flagged.
 */
export function suggestionLabel(flagged: string, suggestion: string): string {
  if (suggestion === '') return `<del class="c">${visible(flagged)}</del>`;
  // Which characters to draw: the fix's leading and trailing spaces, and runs of
  // spaces it adds (a changed word is shown as it reads).
  const draw = new Array<boolean>(suggestion.length).fill(false);
  const lead = /^\s*/u.exec(suggestion)![0].length;
  const trail = suggestion.length - /\s*$/u.exec(suggestion)![0].length;
  for (let i = 0; i < suggestion.length; i++) if (i < lead || i >= trail) draw[i] = true;
  let position = 0;
  for (const part of diffChars(flagged, suggestion)) {
    if (part.removed) continue;
    if (part.added && part.value.trim() === '') for (let i = 0; i < part.value.length; i++) draw[position + i] = true;
    position += part.value.length;
  }
  let html = '';
  for (let i = 0; i < suggestion.length; i++) html += draw[i] ? visible(suggestion[i]) : escapeHtml(suggestion[i]);
  return html;
}

/** The same, as plain text for a title or an aria label: spaces named. */
export function suggestionText(suggestion: string): string {
  return suggestion.replace(/[\u00A0\u202F]/g, (char) => `[${SPACES[char].name}]`);
}
