import { normalise } from '../text/normalise.ts';
import type { Correction } from '../types.ts';

/**
 * How case is treated (documented in the README):
 * - an entry matches its own form exactly, as a whole word (or words);
 * - an entry written in lower case also matches its Capitalised form (sentence
 *   start) and its UPPER-CASE form, and the replacement takes the same case;
 * - any entry also matches its UPPER-CASE form (a shouted headline: ROUTTE), but a
 *   Capitalised entry (a name: Routte) does not match in lower case, which is
 *   likely another word.
 */
export interface CorrectionMatch {
  start: number;
  end: number;
  correction: Correction;
  /** The `to` form in the case of the matched text. */
  replacement: string;
}

type CaseForm = 'exact' | 'capitalised' | 'upper';

export class CorrectionMatcher {
  private readonly forms = new Map<string, { correction: Correction; form: CaseForm }>();
  /** The lengths of the forms, longest first, and the code units they start with. */
  private readonly lengths: number[];
  private readonly firstUnits = new Set<string>();

  constructor(readonly corrections: Correction[]) {
    for (const correction of corrections) {
      const from = correction.from.normalize('NFC');
      this.add(from, correction, 'exact');
      if (from === from.toLowerCase()) this.add(capitalise(from), correction, 'capitalised');
      this.add(from.toUpperCase(), correction, 'upper');
    }
    this.lengths = [...new Set([...this.forms.keys()].map((form) => form.length))].sort((a, b) => b - a);
    for (const form of this.forms.keys()) this.firstUnits.add(form[0]);
  }

  private add(key: string, correction: Correction, form: CaseForm) {
    if (key !== '' && !this.forms.has(key)) this.forms.set(key, { correction, form });
  }

  /**
   * Matches in an NFC text, in order, never overlapping: at each place where a
   * word may start, the longest form that ends where a word may end. Bug: this
   * was one regular expression of every form in alternation, which V8 tries
   * form by form at every position: with 100,000 corrections one sentence took
   * 2.6 s, and adding a correction to such a document froze the server 22 s.
   * Looking the text up in a map costs the same whatever the list's length.
   */
  match(text: string): CorrectionMatch[] {
    const matches: CorrectionMatch[] = [];
    if (this.forms.size === 0) return matches;
    for (let start = 0; start < text.length; start++) {
      if (!this.firstUnits.has(text[start]) || (start > 0 && isWordCharBefore(text, start))) continue;
      for (const length of this.lengths) {
        const end = start + length;
        if (end > text.length || (end < text.length && isWordCharAt(text, end))) continue;
        const found = this.forms.get(text.slice(start, end));
        if (!found) continue;
        const { correction, form } = found;
        const to = correction.to.normalize('NFC');
        const matched = text.slice(start, end);
        const replacement = form === 'upper' && matched !== correction.from ? to.toUpperCase() : form === 'capitalised' ? capitalise(to) : to;
        matches.push({ start, end, correction, replacement });
        start = end - 1;
        break;
      }
    }
    return matches;
  }
}

// Whole words: a match is neither preceded nor followed by a letter, a mark or a digit (code points, not code units).
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

function isWordCharAt(text: string, at: number): boolean {
  return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(at)!));
}

function isWordCharBefore(text: string, at: number): boolean {
  const low = text.charCodeAt(at - 1);
  const pairStart = low >= 0xdc00 && low <= 0xdfff && at >= 2 && text.charCodeAt(at - 2) >= 0xd800 && text.charCodeAt(at - 2) <= 0xdbff;
  return isWordCharAt(text, pairStart ? at - 2 : at - 1);
}

/** The text with every correction applied, and nothing else changed. */
export function applyCorrections(original: string, corrections: Correction[]): { text: string; count: number } {
  const working = normalise(original);
  const matches = new CorrectionMatcher(corrections).match(working.text);
  let out = '';
  let position = 0;
  for (const match of matches) {
    const start = working.toOriginal(match.start);
    out += original.slice(position, start) + match.replacement;
    position = working.toOriginal(match.end);
  }
  return { text: out + original.slice(position), count: matches.length };
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');
}
