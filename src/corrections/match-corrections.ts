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
  private readonly pattern: RegExp | undefined;

  constructor(readonly corrections: Correction[]) {
    for (const correction of corrections) {
      const from = correction.from.normalize('NFC');
      this.add(from, correction, 'exact');
      if (from === from.toLowerCase()) this.add(capitalise(from), correction, 'capitalised');
      this.add(from.toUpperCase(), correction, 'upper');
    }
    const alternatives = [...this.forms.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    if (alternatives.length > 0) {
      this.pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
    }
  }

  private add(key: string, correction: Correction, form: CaseForm) {
    if (!this.forms.has(key)) this.forms.set(key, { correction, form });
  }

  /** Matches in an NFC text, in order, never overlapping. */
  match(text: string): CorrectionMatch[] {
    if (!this.pattern) return [];
    const matches: CorrectionMatch[] = [];
    for (const found of text.matchAll(this.pattern)) {
      const { correction, form } = this.forms.get(found[0])!;
      const to = correction.to.normalize('NFC');
      const replacement = form === 'upper' && found[0] !== correction.from ? to.toUpperCase() : form === 'capitalised' ? capitalise(to) : to;
      matches.push({ start: found.index!, end: found.index! + found[0].length, correction, replacement });
    }
    return matches;
  }
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
