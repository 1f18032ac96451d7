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
export function probeOneEdits(set: LineHashSet, word: string, alphabet: string, found: (candidate: string, order: number) => void, options: { apostrophes?: boolean } = {}): boolean {
  const n = word.length;
  const unitBytes: Uint8Array[] = [];
  for (let k = 0; k < n; k++) {
    const unit = word[k];
    const code = word.charCodeAt(k);
    // `apostrophes`: an apostrophe is looked up as the string look-up reads it, « ’ » as « ' » (probeElidedEdits).
    if ((unit === "'" || unit === '’') && options.apostrophes) {
      unitBytes.push(APOSTROPHE);
      continue;
    }
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

  // A candidate's place in `edits`' order: its position's block, then its edit in the block.
  const block = editsAt(letters.length);
  for (let i = 0; i <= n; i++) {
    // The buffer's first offsets[i] bytes are the word's: restore the unit the last position wrote over.
    if (i > 0) buffer.set(unitBytes[i - 1], offsets[i - 1]);
    const at = offsets[i];
    const base = prefixHash[i];
    const hasTail = i < n;
    const order = i * block;
    // Strings only for the candidates found.
    if (hasTail && tailIsLine(at, base, offsets[i + 1])) found(word.slice(0, i) + word.slice(i + 1), order + DELETION);
    if (n - i > 1) {
      const second = unitBytes[i + 1];
      const h = put(at + second.length, put(at, base, second), unitBytes[i]);
      if (tailIsLine(at + second.length + unitBytes[i].length, h, offsets[i + 2])) found(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), order + TRANSPOSITION);
    }
    for (let l = 0; l < letters.length; l++) {
      const extra = letterBytes[l];
      const h = put(at, base, extra);
      if (hasTail && tailIsLine(at + extra.length, h, offsets[i + 1])) found(word.slice(0, i) + letters[l] + word.slice(i + 1), order + substitution(l));
      if (tailIsLine(at + extra.length, h, at)) found(word.slice(0, i) + letters[l] + word.slice(i), order + insertion(l));
    }
  }
  return true;
}

/** In `edits`' order, the candidates of one position: the deletion, the transposition, then per letter its substitution and its insertion. */
const DELETION = 0;
const TRANSPOSITION = 1;
const substitution = (letter: number) => 2 + 2 * letter;
const insertion = (letter: number) => 3 + 2 * letter;
const editsAt = (letters: number) => 2 + 2 * letters;

const APOSTROPHE = Uint8Array.of(0x27);

/**
 * `probeOneEdits` for a French word with one apostrophe (r’luit, n’ombrache:
 * dialect and elisions the tokenizer keeps whole), whose candidates the string
 * look-up reads in two ways: a candidate is a word when it is a line as it
 * stands (« ’ » read as « ' »), or when it is an elision (`elisions`: « l », « qu »,
 * « jusqu »… before its apostrophe) of a word that is a line. Both are worked out
 * without a string per candidate: the first by probing the whole word, the second
 * by probing the part after the apostrophe (when the part before is an elision),
 * and, for the few edits before it or of the apostrophe itself, on the short part
 * they change. The candidates found, in `edits`' order, go to `found`. Returns
 * false, having probed nothing, for a word with no apostrophe, or two, or one
 * `probeOneEdits` declines; those go the string way. Why: the string look-ups of
 * 15 such words of the 96k-word text cost 0.1 s.
 */
export function probeElidedEdits(set: LineHashSet, word: string, alphabet: string, elisions: ReadonlySet<string>, found: (candidate: string) => void): boolean {
  let apostrophe = -1;
  for (let k = 0; k < word.length; k++) {
    if (word[k] !== "'" && word[k] !== '’') continue;
    if (apostrophe !== -1) return false;
    apostrophe = k;
  }
  if (apostrophe === -1) return false;
  const hits: Array<[number, string]> = [];
  if (!probeOneEdits(set, word, alphabet, (candidate, order) => hits.push([order, candidate]), { apostrophes: true })) return false;
  const before = word.slice(0, apostrophe);
  const mark = word[apostrophe];
  const after = word.slice(apostrophe + 1);
  const letters = [...alphabet];
  const block = editsAt(letters.length);
  // A word after an elision: not empty, a line.
  const isWordAfter = (rest: string) => rest !== '' && set.has(rest);
  // Edits after the apostrophe: the part before stays; the elision holds when the part after is a word.
  if (elisions.has(before)) {
    const ok = probeOneEdits(set, after, alphabet, (candidate, order) => {
      if (candidate !== '') hits.push([(apostrophe + 1) * block + order, before + mark + candidate]);
    });
    if (!ok) return false; // cannot happen: the whole word was probed
  }
  // Edits before the apostrophe (and insertions right before it): the part after stays.
  if (isWordAfter(after)) {
    const elided = (edited: string, order: number) => {
      if (elisions.has(edited)) hits.push([order, edited + mark + after]);
    };
    for (let i = 0; i <= apostrophe; i++) {
      const head = before.slice(0, i);
      const order = i * block;
      if (i < apostrophe) elided(head + before.slice(i + 1), order + DELETION);
      if (i + 1 < apostrophe) elided(head + before[i + 1] + before[i] + before.slice(i + 2), order + TRANSPOSITION);
      for (let l = 0; l < letters.length; l++) {
        if (i < apostrophe) elided(head + letters[l] + before.slice(i + 1), order + substitution(l));
        elided(head + letters[l] + before.slice(i), order + insertion(l));
      }
    }
  }
  // The apostrophe moved by a transposition: one unit goes from one part to the other.
  if (apostrophe > 0 && elisions.has(before.slice(0, -1)) && isWordAfter(before[apostrophe - 1] + after)) {
    hits.push([(apostrophe - 1) * block + TRANSPOSITION, before.slice(0, -1) + mark + before[apostrophe - 1] + after]);
  }
  if (after !== '' && elisions.has(before + after[0]) && isWordAfter(after.slice(1))) {
    hits.push([apostrophe * block + TRANSPOSITION, before + after[0] + mark + after.slice(1)]);
  }
  // In `edits`' order; a candidate found both ways, or by two edits, is given once, at its first place.
  hits.sort((a, b) => a[0] - b[0]);
  const given = new Set<string>();
  for (const [, candidate] of hits) {
    if (given.has(candidate)) continue;
    given.add(candidate);
    found(candidate);
  }
  return true;
}

function utf8(code: number): Uint8Array {
  if (code < 0x80) return Uint8Array.of(code);
  if (code < 0x800) return Uint8Array.of(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
  return Uint8Array.of(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
}
