import { FNV_OFFSET, FNV_PRIME, type LineHashSet } from './line-hash-set.ts';

/**
 * The one-edit candidates of a word (deletions, transpositions, substitutions and
 * insertions of `alphabet`'s letters, in the order word-set.ts's `edits` lists
 * them), probed in a dictionary's hash table without making a string of each:
 * a candidate's UTF-8 bytes are written over the word's own in one buffer, and
 * the hash of the part before the edit is computed once per position. Why: a
 * word of n letters has about 90·n candidates, almost none a word; building and
 * encoding each string made the suggestions of 130 unknown words cost a check of
 * 96,000 words about 0.25 s. Only the candidates found become strings.
 *
 * Returns false, having probed nothing, for a word this cannot spell exactly as
 * the string look-up would: a surrogate (an edit would split the pair), an
 * apostrophe or a hyphen (the look-up reads those specially), a line break, or
 * a unit that is not its own lower case (the look-up tries case variants).
 */
export function probeOneEdits(set: LineHashSet, word: string, alphabet: string, found: (candidate: string) => void): boolean {
  const n = word.length;
  const unitBytes: Uint8Array[] = [];
  for (let k = 0; k < n; k++) {
    const unit = word[k];
    const code = word.charCodeAt(k);
    if ((code >= 0xd800 && code <= 0xdfff) || code === 10 || unit === "'" || unit === '’' || unit === '-' || unit === '‑' || unit.toLowerCase() !== unit) return false;
    unitBytes.push(utf8(code));
  }
  const letters: string[] = [];
  const letterBytes: Uint8Array[] = [];
  for (const letter of alphabet) {
    const code = letter.charCodeAt(0);
    if (letter.length !== 1 || letter === "'" || letter === '-' || letter.toLowerCase() !== letter) return false;
    letters.push(letter);
    letterBytes.push(utf8(code));
  }
  // offsets[k]: where unit k starts in the word's bytes; prefixHash[k]: the hash of the bytes before it.
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) offsets[k + 1] = offsets[k] + unitBytes[k].length;
  const total = offsets[n];
  const bytes = new Uint8Array(total);
  for (let k = 0; k < n; k++) bytes.set(unitBytes[k], offsets[k]);
  const prefixHash = new Int32Array(n + 1);
  let hash = FNV_OFFSET;
  for (let k = 0; k < n; k++) {
    prefixHash[k] = hash;
    for (let b = offsets[k]; b < offsets[k + 1]; b++) hash = Math.imul(hash ^ bytes[b], FNV_PRIME);
  }
  prefixHash[n] = hash;
  const buffer = new Uint8Array(total + 8); // an insertion adds one letter: at most 3 bytes
  buffer.set(bytes);

  // Writes bytes[from, total) at `at`, hashing on from `hash`: is the buffer's candidate a line?
  const tailIsLine = (at: number, hash: number, from: number): boolean => {
    let h = hash;
    let p = at;
    for (let b = from; b < total; b++) {
      const byte = bytes[b];
      buffer[p++] = byte;
      h = Math.imul(h ^ byte, FNV_PRIME);
    }
    return set.hasBytes(buffer, p, h);
  };
  // Writes `extra` at `at`, hashing on.
  const put = (at: number, hash: number, extra: Uint8Array): number => {
    let h = hash;
    for (let b = 0; b < extra.length; b++) {
      buffer[at + b] = extra[b];
      h = Math.imul(h ^ extra[b], FNV_PRIME);
    }
    return h;
  };

  for (let i = 0; i <= n; i++) {
    // The buffer's first offsets[i] bytes are the word's: restore the unit the last position wrote over.
    if (i > 0) buffer.set(unitBytes[i - 1], offsets[i - 1]);
    const at = offsets[i];
    const base = prefixHash[i];
    const hasTail = i < n;
    // Strings only for the candidates found.
    if (hasTail && tailIsLine(at, base, offsets[i + 1])) found(word.slice(0, i) + word.slice(i + 1));
    if (n - i > 1) {
      const second = unitBytes[i + 1];
      const h = put(at + second.length, put(at, base, second), unitBytes[i]);
      if (tailIsLine(at + second.length + unitBytes[i].length, h, offsets[i + 2])) found(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    }
    for (let l = 0; l < letters.length; l++) {
      const extra = letterBytes[l];
      const h = put(at, base, extra);
      if (hasTail && tailIsLine(at + extra.length, h, offsets[i + 1])) found(word.slice(0, i) + letters[l] + word.slice(i + 1));
      if (tailIsLine(at + extra.length, h, at)) found(word.slice(0, i) + letters[l] + word.slice(i));
    }
  }
  return true;
}

function utf8(code: number): Uint8Array {
  if (code < 0x80) return Uint8Array.of(code);
  if (code < 0x800) return Uint8Array.of(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
  return Uint8Array.of(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
}
