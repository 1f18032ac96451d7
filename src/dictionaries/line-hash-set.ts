/**
 * The lines of a UTF-8 buffer (a dictionary cache file: one form a line) as a
 * hash set, without making a JavaScript string of each line. Bug it replaces:
 * `new Set(buffer.toString().split('\n'))` over French's 450,000 forms took
 * 0.35 s in every thread that checked a long text; hashing the bytes in place
 * takes a few tens of milliseconds, and the table is 4 bytes a slot.
 *
 * A probe is encoded to UTF-8 as `Buffer.from` does (a lone surrogate becomes
 * U+FFFD), hashed (FNV-1a) and compared byte for byte with the line a slot names
 * (≈0.1 µs, against ≈4 µs for a binary search over the same bytes).
 */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

export class LineHashSet {
  private readonly mask: number;
  private scratch = new Uint8Array(64);

  /**
   * `starts`: offset of each line, and one past the end (+1) as the last entry,
   * as word-set.ts keeps them; `slots`: what `build` gave for the same lines
   * (word-set.ts keeps it in a cache file beside the forms).
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly starts: Uint32Array,
    /** Line index + 1 per slot; 0 is an empty slot (open addressing, linear probing). */
    readonly slots: Int32Array,
  ) {
    this.mask = slots.length - 1;
  }

  /** Hashes every line: ≈70 ms for French's 450,000 forms, most of it in cache misses on the table. */
  static build(bytes: Uint8Array, starts: Uint32Array, count: number): LineHashSet {
    const size = tableSize(count);
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let line = 0; line < count; line++) {
      let hash = FNV_OFFSET;
      for (let i = starts[line], end = starts[line + 1] - 1; i < end; i++) hash = Math.imul(hash ^ bytes[i], FNV_PRIME);
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = line + 1;
    }
    return new LineHashSet(bytes, starts, slots);
  }

  /** Is a table of `size` slots what `build` makes for `count` lines? */
  static fits(size: number, count: number): boolean {
    return size === tableSize(count);
  }

  has(form: string): boolean {
    return this.lineOf(form) !== -1;
  }

  /** The index of the line that is `form`, or -1 (a table of ranks beside the lines, name-lists.ts). */
  lineOf(form: string): number {
    const length = this.encode(form);
    const { scratch } = this;
    let hash = FNV_OFFSET;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ scratch[i], FNV_PRIME);
    return this.lineOfBytes(scratch, length, hash);
  }

  /**
   * Is the UTF-8 form in `probe[0, length)` a line? `hash` is its FNV-1a (`FNV_OFFSET`,
   * then `Math.imul(hash ^ byte, FNV_PRIME)` a byte): a caller that builds many forms
   * sharing a beginning (edit-probe.ts) hashes that beginning once.
   */
  hasBytes(probe: Uint8Array, length: number, hash: number): boolean {
    return this.lineOfBytes(probe, length, hash) !== -1;
  }

  private lineOfBytes(probe: Uint8Array, length: number, hash: number): number {
    const { bytes, starts, slots, mask } = this;
    for (let slot = hash & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      const line = slots[slot] - 1;
      const from = starts[line];
      if (starts[line + 1] - 1 - from !== length) continue;
      let i = 0;
      while (i < length && bytes[from + i] === probe[i]) i++;
      if (i === length) return line;
    }
    return -1;
  }

  /** UTF-8 of `form` into `scratch`; returns its length. */
  private encode(form: string): number {
    if (form.length * 3 > this.scratch.length) this.scratch = new Uint8Array(form.length * 3);
    const out = this.scratch;
    let n = 0;
    for (let i = 0; i < form.length; i++) {
      let code = form.charCodeAt(i);
      if (code < 0x80) {
        out[n++] = code;
        continue;
      }
      if (code < 0x800) {
        out[n++] = 0xc0 | (code >> 6);
        out[n++] = 0x80 | (code & 0x3f);
        continue;
      }
      if (code >= 0xd800 && code <= 0xdfff) {
        const low = form.charCodeAt(i + 1);
        if (code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          i++;
          out[n++] = 0xf0 | (code >> 18);
          out[n++] = 0x80 | ((code >> 12) & 0x3f);
          out[n++] = 0x80 | ((code >> 6) & 0x3f);
          out[n++] = 0x80 | (code & 0x3f);
          continue;
        }
        code = 0xfffd; // as Buffer.from writes a lone surrogate
      }
      out[n++] = 0xe0 | (code >> 12);
      out[n++] = 0x80 | ((code >> 6) & 0x3f);
      out[n++] = 0x80 | (code & 0x3f);
    }
    return n;
  }
}

/** The smallest power of two at least twice the lines: probes stay short. */
function tableSize(count: number): number {
  let size = 16;
  while (size < count * 2) size *= 2;
  return size;
}
