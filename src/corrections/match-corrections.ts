import { caseForms, capitalise, type CaseForm } from '../text/case-forms.ts';
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

interface Candidate {
  key: number;
  correction: Correction;
  form: CaseForm;
}

/** Words of a correction's `to`: the editor vouched for them, so they are known words. */
export function vouchedWordsOf(correction: Correction): string[] {
  return correction.to.normalize('NFC').match(/[\p{L}\p{M}'’-]+/gu) ?? [];
}

/**
 * The corrections list as a map of its forms, kept up to date entry by entry:
 * `set` and `delete` cost what one entry costs, whatever the list's length.
 * Bug (issue #16, defect 5): adding one correction to a document with 100,000
 * rebuilt the whole matcher (about 1.5 s) on the request path.
 */
let matchers = 0;

export class CorrectionMatcher {
  /** Tells matchers apart (caches key on it with `revision`). */
  readonly id = ++matchers;
  /** Every form, with the entries that claim it in key order: the first one wins (the list's order). */
  private readonly forms = new Map<string, Candidate[]>();
  private readonly entries = new Map<number, Correction>();
  private readonly lengthCounts = new Map<number, number>();
  private readonly firstUnitCounts = new Map<string, number>();
  private readonly vouchedCounts = new Map<string, number>();
  /** The lengths of the forms, longest first. */
  private lengths: number[] = [];
  private listCache: Correction[] | undefined;
  /** Changes with every `set` and `delete`, for caches derived from the list. */
  revision = 0;

  /** A list in its order (an entry's key is its index); the review app keys entries by their database id instead. */
  constructor(corrections: Correction[] = []) {
    corrections.forEach((correction, index) => this.set(index, correction));
  }

  /** The entries, in key order (the list's order). */
  get corrections(): Correction[] {
    this.listCache ??= [...this.entries].sort((a, b) => a[0] - b[0]).map(([, correction]) => correction);
    return this.listCache;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Is `word` one of the words of a `to` (a name the editor wrote)? */
  vouches(word: string): boolean {
    return this.vouchedCounts.has(word);
  }

  /** The vouched words, each once. */
  vouchedWords(): IterableIterator<string> {
    return this.vouchedCounts.keys();
  }

  /** Adds the entry under `key`, or replaces the one there (keeping its place in the order). */
  set(key: number, correction: Correction): void {
    if (this.entries.has(key)) this.delete(key);
    this.entries.set(key, correction);
    for (const { form, text } of formsOf(correction)) {
      const candidates = this.forms.get(text);
      const candidate = { key, correction, form };
      if (!candidates) {
        this.forms.set(text, [candidate]);
        if (this.count(this.lengthCounts, text.length, 1) === 1) this.sortLengths();
        this.count(this.firstUnitCounts, text[0], 1);
      } else {
        let at = candidates.length;
        while (at > 0 && candidates[at - 1].key > key) at--;
        candidates.splice(at, 0, candidate);
      }
    }
    for (const word of vouchedWordsOf(correction)) this.count(this.vouchedCounts, word, 1);
    this.changed();
  }

  delete(key: number): boolean {
    const correction = this.entries.get(key);
    if (!correction) return false;
    this.entries.delete(key);
    for (const { text } of formsOf(correction)) {
      const candidates = this.forms.get(text)!;
      const left = candidates.filter((candidate) => candidate.key !== key);
      if (left.length > 0) {
        this.forms.set(text, left);
        continue;
      }
      this.forms.delete(text);
      if (this.count(this.lengthCounts, text.length, -1) === 0) this.sortLengths();
      this.count(this.firstUnitCounts, text[0], -1);
    }
    for (const word of vouchedWordsOf(correction)) this.count(this.vouchedCounts, word, -1);
    this.changed();
    return true;
  }

  /** Moves a count, dropping it at zero; returns the new count. */
  private count<K>(counts: Map<K, number>, key: K, delta: number): number {
    const n = (counts.get(key) ?? 0) + delta;
    if (n > 0) counts.set(key, n);
    else counts.delete(key);
    return n;
  }

  // Only when a length comes or goes: there are a few dozen lengths, whatever the list's size.
  private sortLengths(): void {
    this.lengths = [...this.lengthCounts.keys()].sort((a, b) => b - a);
  }

  private changed(): void {
    this.revision++;
    this.listCache = undefined;
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
      if (!this.firstUnitCounts.has(text[start]) || (start > 0 && isWordCharBefore(text, start))) continue;
      for (const length of this.lengths) {
        const end = start + length;
        if (end > text.length || (end < text.length && isWordCharAt(text, end))) continue;
        const found = this.forms.get(text.slice(start, end));
        if (!found) continue;
        const { correction, form } = found[0];
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

/** The forms an entry matches, each once: its own, its Capitalised form (a lower-case entry), its UPPER-CASE form. */
function formsOf(correction: Correction): Array<{ form: CaseForm; text: string }> {
  return caseForms(correction.from.normalize('NFC'));
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

export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&');
}
