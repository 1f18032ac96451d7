import { splitSentences, type SentenceCuts } from './segment.ts';

/**
 * A text's sentence cuts (`SentenceCuts`, what `segment` would find), made of
 * each line's cuts, kept by the line's text. The review app re-checks a window
 * of paragraphs at each accept: only the edited one changed, and cutting its
 * unchanged neighbours into sentences again was 1.5–2.5 % of the server's time
 * (issue #15). Sentences never cross a line break and `splitSentences` reads
 * nothing outside its line, so a line's cuts depend on its text alone.
 */
const MAX_KEPT_LINE = 20_000;

export class LineCuts {
  private readonly known = new Map<string, Int32Array>();

  /** `limit`: lines kept; past it the oldest go (a server reviewing many documents keeps a bounded memory). */
  constructor(private readonly limit = 4096) {}

  /** The cuts of `text`, relative to its start, as `segment(text)` makes them. */
  cutsOf(text: string): SentenceCuts {
    const parts: Int32Array[] = [];
    let length = 0;
    // The same lines as segment's: a line break is \n or \r\n; a blank line holds no sentence.
    const lineBreak = /\r?\n/g;
    let lineStart = 0;
    for (;;) {
      const match = lineBreak.exec(text);
      const lineEnd = match ? match.index : text.length;
      if (lineEnd > lineStart) {
        const line = text.slice(lineStart, lineEnd);
        const cuts = this.lineCuts(line);
        if (cuts.length > 0) {
          const placed = new Int32Array(cuts.length);
          for (let i = 0; i < cuts.length; i++) placed[i] = cuts[i] + lineStart;
          parts.push(placed);
          length += placed.length;
        }
      }
      if (!match) break;
      lineStart = match.index + match[0].length;
    }
    const all = new Int32Array(length);
    let at = 0;
    for (const part of parts) {
      all.set(part, at);
      at += part.length;
    }
    return all;
  }

  /** How many lines' cuts are kept (for tests). */
  get size(): number {
    return this.known.size;
  }

  private lineCuts(line: string): Int32Array {
    const kept = this.known.get(line);
    if (kept !== undefined) {
      // Used again: kept as the newest.
      this.known.delete(line);
      this.known.set(line, kept);
      return kept;
    }
    const cuts = line.trim() === '' ? new Int32Array(0) : Int32Array.from(splitSentences(line, 0, line.length).flat());
    // A very long line (a pasted book in one paragraph) is cut each time rather than held.
    if (line.length > MAX_KEPT_LINE) return cuts;
    if (this.known.size >= this.limit) this.known.delete(this.known.keys().next().value!);
    this.known.set(line, cuts);
    return cuts;
  }
}
