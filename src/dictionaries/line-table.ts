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
  const path = join(cacheDirectory(), file);
  let table = readTable(path);
  if (!table) {
    const encoded = encodeLineTable(make());
    writeCacheFile(path, encoded); // read-only: made again at the next start
    table = decodeLineTable(encoded)!;
  }
  const { set, values } = table;
  return (word) => {
    if (word === '' || word.includes('\n')) return undefined;
    const line = set.lineOf(word);
    return line === -1 ? undefined : values[line];
  };
}

interface LineTable {
  set: LineHashSet;
  values: Uint32Array;
}

const MAGIC = 0x4c544231; // "LTB1"

/** [magic, count, slots, bytes] as 32-bit words, then the line starts (count + 1), the slots, the values, the UTF-8 lines. */
export function encodeLineTable(map: Map<string, number>): Uint8Array {
  const words = [...map.keys()].filter((word) => word !== '' && !word.includes('\n'));
  const bytes = Buffer.from(words.join('\n'));
  const starts = new Uint32Array(words.length + 1);
  for (let line = 1, at = bytes.indexOf(10); at !== -1; at = bytes.indexOf(10, at + 1)) starts[line++] = at + 1;
  starts[words.length] = bytes.length + 1;
  const slots = LineHashSet.build(bytes, starts, words.length).slots;
  const head = 4 + starts.length + slots.length + words.length;
  const out = new Uint8Array(head * 4 + bytes.length);
  const ints = new Uint32Array(out.buffer, 0, head);
  ints.set([MAGIC, words.length, slots.length, bytes.length]);
  ints.set(starts, 4);
  ints.set(new Uint32Array(slots.buffer, slots.byteOffset, slots.length), 4 + starts.length);
  ints.set(
    words.map((word) => map.get(word)!),
    4 + starts.length + slots.length,
  );
  out.set(bytes, head * 4);
  return out;
}

/** The table in `file`, or undefined when it is not one (torn, another format). */
export function decodeLineTable(file: Uint8Array): LineTable | undefined {
  if (file.length < 16) return undefined;
  // Typed arrays over the file need its start on a 4-byte boundary.
  const data = file.byteOffset % 4 === 0 ? file : Uint8Array.from(file);
  const [magic, count, slotCount, byteCount] = new Uint32Array(data.buffer, data.byteOffset, 4);
  const head = 4 + count + 1 + slotCount + count;
  if (magic !== MAGIC || data.length !== head * 4 + byteCount || !LineHashSet.fits(slotCount, count)) return undefined;
  let at = data.byteOffset + 16;
  const starts = new Uint32Array(data.buffer, at, count + 1);
  at += (count + 1) * 4;
  const slots = new Int32Array(data.buffer, at, slotCount);
  at += slotCount * 4;
  const values = new Uint32Array(data.buffer, at, count);
  at += count * 4;
  return { set: new LineHashSet(new Uint8Array(data.buffer, at, byteCount), starts, slots), values };
}

function readTable(path: string): LineTable | undefined {
  try {
    return decodeLineTable(readFileSync(path));
  } catch {
    return undefined;
  }
}
