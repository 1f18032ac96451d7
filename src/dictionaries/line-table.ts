import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineHashSet } from './line-hash-set.ts';
import { cacheDirectory, writeCacheFile } from './word-set.ts';

/**
 * A table from words to whole numbers kept as one file in the cache folder and
 * looked up in place: the words' UTF-8 bytes one a line, their line offsets, a
 * hash table over them (line-hash-set.ts) and a number per line. Reading it is
 * one file read, where making the table again (from compressed word lists, from
 * a Hunspell file) cost a check's first use of it 0.1–0.3 s. `make` runs only
 * when the file is missing or not of this format; the caller names the file
 * after what it is made from (a hash), as the other caches are.
 *
 * A word that holds a line break, or is empty, is left out (no token is either);
 * a lone surrogate reads as U+FFFD, as a Buffer writes it.
 */
export function cachedLineTable(file: string, make: () => Map<string, number>): (word: string) => number | undefined {
  const { set, values } = cachedTable(file, () => ({ map: make() }));
  return (word) => {
    if (word === '' || word.includes('\n')) return undefined;
    const line = set.lineOf(word);
    return line === -1 ? undefined : values[line];
  };
}

/**
 * The same for a table from words to lists of strings (the FreeDict
 * translations, bilingual.ts): each word's number is where its list starts in a
 * blob kept in the same file, the list's items joined by U+0001, a line each.
 * Undefined, having written nothing, when an item holds U+0001 or a line break,
 * or a list is one empty item.
 */
export function cachedListTable(file: string, make: () => Map<string, string[]>): ((word: string) => string[] | undefined) | undefined {
  let unfit = false;
  const { set, values, extra } = cachedTable(file, () => {
    const lists = make();
    const map = new Map<string, number>();
    const parts: string[] = [];
    let offset = 0;
    for (const [word, list] of lists) {
      // One empty item would read back as no item.
      if (list.some((item) => item.includes('\u0001') || item.includes('\n')) || (list.length === 1 && list[0] === '')) unfit = true;
      const line = `${list.join('\u0001')}\n`;
      map.set(word, offset);
      parts.push(line);
      offset += Buffer.byteLength(line);
    }
    return { map, extra: Buffer.from(parts.join('')), unfit };
  });
  if (unfit) return undefined;
  const blob = Buffer.from(extra.buffer, extra.byteOffset, extra.length);
  return (word) => {
    if (word === '' || word.includes('\n')) return undefined;
    const line = set.lineOf(word);
    if (line === -1) return undefined;
    const start = values[line];
    const end = blob.indexOf(10, start);
    return end === start ? [] : blob.toString('utf8', start, end).split('\u0001');
  };
}

function cachedTable(file: string, make: () => { map: Map<string, number>; extra?: Uint8Array; unfit?: boolean }): LineTable {
  const path = join(cacheDirectory(), file);
  const kept = readTable(path);
  if (kept) return kept;
  const made = make();
  const encoded = encodeLineTable(made.map, made.extra);
  if (!made.unfit) writeCacheFile(path, encoded); // read-only: made again at the next start
  return decodeLineTable(encoded)!;
}

interface LineTable {
  set: LineHashSet;
  values: Uint32Array;
  /** Bytes kept after the lines (cachedListTable's lists). */
  extra: Uint8Array;
}

const MAGIC = 0x4c544232; // "LTB2"

/** [magic, count, slots, bytes, extra] as 32-bit words, then the line starts (count + 1), the slots, the values, the UTF-8 lines, the extra bytes. */
export function encodeLineTable(map: Map<string, number>, extra: Uint8Array = new Uint8Array(0)): Uint8Array {
  const words = [...map.keys()].filter((word) => word !== '' && !word.includes('\n'));
  const bytes = Buffer.from(words.join('\n'));
  const starts = new Uint32Array(words.length + 1);
  for (let line = 1, at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) starts[line++] = at + 1;
  starts[words.length] = bytes.length + 1;
  const slots = LineHashSet.build(bytes, starts, words.length).slots;
  const head = 5 + starts.length + slots.length + words.length;
  const out = new Uint8Array(head * 4 + bytes.length + extra.length);
  const ints = new Uint32Array(out.buffer, 0, head);
  ints.set([MAGIC, words.length, slots.length, bytes.length, extra.length]);
  ints.set(starts, 5);
  ints.set(new Uint32Array(slots.buffer, slots.byteOffset, slots.length), 5 + starts.length);
  ints.set(
    words.map((word) => map.get(word)!),
    5 + starts.length + slots.length,
  );
  out.set(bytes, head * 4);
  out.set(extra, head * 4 + bytes.length);
  return out;
}

/** The table in `file`, or undefined when it is not one (torn, another format). */
export function decodeLineTable(file: Uint8Array): LineTable | undefined {
  if (file.length < 20) return undefined;
  // Typed arrays over the file need its start on a 4-byte boundary.
  const data = file.byteOffset % 4 === 0 ? file : Uint8Array.from(file);
  const [magic, count, slotCount, byteCount, extraCount] = new Uint32Array(data.buffer, data.byteOffset, 5);
  const head = 5 + count + 1 + slotCount + count;
  if (magic !== MAGIC || data.length !== head * 4 + byteCount + extraCount || !LineHashSet.fits(slotCount, count)) return undefined;
  let at = data.byteOffset + 20;
  const starts = new Uint32Array(data.buffer, at, count + 1);
  at += (count + 1) * 4;
  const slots = new Int32Array(data.buffer, at, slotCount);
  at += slotCount * 4;
  const values = new Uint32Array(data.buffer, at, count);
  at += count * 4;
  return { set: new LineHashSet(new Uint8Array(data.buffer, at, byteCount), starts, slots), values, extra: new Uint8Array(data.buffer, at + byteCount, extraCount) };
}

function readTable(path: string): LineTable | undefined {
  try {
    return decodeLineTable(readFileSync(path));
  } catch {
    return undefined;
  }
}
