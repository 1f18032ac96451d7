import { diffArrays, type ArrayChange } from 'diff';

/** Past this many edits in the changed middle, it is shown as one removed and one added run. */
export const MAX_DIFF_EDITS = 500;

/**
 * jsdiff's diffArrays, with its work bounded by the text's length. Myers' diff
 * costs (n + m)·D for D edits, unbounded D makes it quadratic: a word-level diff
 * of a 64 kB sentence took 5 s, and of a 1 MB one never finished. The common
 * start and end are cut off first (an edit of a long sentence is local), then
 * the middle is diffed with `maxEditLength`; past it the middle is one change.
 */
export function boundedDiffArrays(before: string[], after: string[]): ArrayChange<string>[] {
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const removed = before.slice(prefix, before.length - suffix);
  const added = after.slice(prefix, after.length - suffix);
  const middle: ArrayChange<string>[] =
    diffArrays(removed, added, { maxEditLength: MAX_DIFF_EDITS }) ??
    [
      { value: removed, count: removed.length, removed: true, added: false },
      { value: added, count: added.length, added: true, removed: false },
    ].filter((change) => change.count > 0);
  const same = (value: string[]): ArrayChange<string> => ({ value, count: value.length, added: false, removed: false });
  return [...(prefix > 0 ? [same(before.slice(0, prefix))] : []), ...middle, ...(suffix > 0 ? [same(before.slice(before.length - suffix))] : [])];
}

/**
 * The common start and end of two texts, in characters, each cut between a
 * space and a letter (or at the texts' ends), where every word segmentation
 * breaks: what lies outside them needs no tokenizing to be diffed. ICU's word
 * iterator costs microseconds a character, so a 1 MB sentence with one word
 * changed is diffed at the cost of that word.
 */
export function commonTextEnds(before: string, after: string): { prefix: number; suffix: number } {
  const shortest = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (!(prefix === before.length && prefix === after.length)) {
    while (prefix > 0 && !safeCut(before, prefix)) prefix--;
  }
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  while (suffix > 0 && !(safeCut(before, before.length - suffix) && safeCut(after, after.length - suffix))) suffix--;
  return { prefix, suffix };
}

function safeCut(text: string, at: number): boolean {
  return at === 0 || at === text.length || (/[ \t]/.test(text[at - 1]) && /\p{L}/u.test(text[at]));
}
