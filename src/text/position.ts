/** Offset → 1-based line and column, with a binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    const index = indexAtOrBefore(this.starts, offset);
    return { line: index + 1, column: offset - this.starts[index] + 1 };
  }
}

/**
 * Index of the last start at or before `offset` (0 when there is none), by
 * binary search over sorted starts: the line of an offset, or its sentence.
 */
export function indexAtOrBefore(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}
