/**
 * Fixes written in the document's own typography. Rules and Grammalecte write
 * their suggestions one way (an ordinary space before « : », a curly
 * apostrophe in « l’ »); a document has its own habits, and an accepted fix
 * must not bring a second style into it.
 */

export type Apostrophe = "'" | '’';

/** Which space a fix puts where French typography wants one. */
export type SpaceStyle = 'narrow' | 'nbsp' | 'plain';

export const SPACE_STYLES: readonly SpaceStyle[] = ['narrow', 'nbsp', 'plain'];

export interface SuggestionStyle {
  /** The apostrophe the document uses most; undefined: none yet, suggestions are left as they are. */
  apostrophe?: Apostrophe;
  /**
   * narrow: U+202F (espace fine insécable) before ; : ! ? and inside « »;
   * nbsp: U+00A0 (espace insécable) there instead, as some house styles want;
   * plain: the ordinary space the rules write.
   */
  spaces: SpaceStyle;
}

const NARROW = '\u202F';
const NBSP = '\u00A0';

/** An apostrophe between letters (not a quotation mark). */
const STRAIGHT = /(?<=\p{L})'(?=\p{L})/gu;
const CURLY = /(?<=\p{L})’(?=\p{L})/gu;
const LETTER = /^\p{L}$/u;

export interface ApostropheCounts {
  straight: number;
  curly: number;
}

export function countApostrophes(text: string): ApostropheCounts {
  return { straight: betweenLetters(text, "'"), curly: betweenLetters(text, '’') };
}

/**
 * How many times `mark` stands between two letters (an apostrophe, not a
 * quotation mark): found by `indexOf`, its neighbours tested, rather than by an
 * expression that starts with a lookbehind, which V8 tries at every position
 * (0.17 s of the corpus's import, issue #15). A neighbour may be an astral letter.
 */
function betweenLetters(text: string, mark: string): number {
  let count = 0;
  for (let at = text.indexOf(mark); at !== -1; at = text.indexOf(mark, at + 1)) {
    if (at === 0 || at + 1 >= text.length) continue;
    const low = text.charCodeAt(at - 1);
    const before = low >= 0xdc00 && low <= 0xdfff && at >= 2 ? String.fromCodePoint(text.codePointAt(at - 2)!) : text[at - 1];
    if (LETTER.test(before) && LETTER.test(String.fromCodePoint(text.codePointAt(at + 1)!))) count++;
  }
  return count;
}

/** The style most of the document's apostrophes follow; a tie or none leaves the choice open. */
export function apostropheStyle(counts: ApostropheCounts): Apostrophe | undefined {
  if (counts.straight > counts.curly) return "'";
  if (counts.curly > counts.straight) return '’';
  return undefined;
}

/**
 * The suggestion in the document's style. `before` and `after` are the
 * characters around the flagged span, since whether a space sits inside « » or
 * before a colon can depend on them (« "«" → "« " »).
 *
 * A change that would turn the fix back into the flagged text is not made: the
 * house-style rule that asks for ’ keeps its ’.
 */
export function styleSuggestion(flagged: string, suggestion: string, style: SuggestionStyle, before = '', after = ''): string {
  let out = suggestion;
  if (style.apostrophe) {
    const other = style.apostrophe === "'" ? CURLY : STRAIGHT;
    const converted = out.replace(other, style.apostrophe);
    if (converted !== flagged) out = converted;
  }
  if (style.spaces !== 'plain') {
    const context = before.slice(-1) + out + after.slice(0, 1);
    const lead = before.slice(-1).length;
    const spaced = frenchSpaces(context, style.spaces).slice(lead, lead + out.length);
    if (spaced !== flagged) out = spaced;
  }
  return out;
}

/** Ordinary spaces before ; : ! ? » and after « become the style's space (same length: offsets hold). */
function frenchSpaces(text: string, spaces: Exclude<SpaceStyle, 'plain'>): string {
  const space = spaces === 'narrow' ? NARROW : NBSP;
  return text.replace(/(?<=\S) (?=[;:!?»])/gu, space).replace(/(?<=«) (?=\S)/gu, space);
}
