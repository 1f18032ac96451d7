/**
 * Sentence alignment inside one paragraph, after Gale & Church (1993): the
 * lengths of a sentence and its translation are correlated, so the cheapest path
 * through 1-1, 1-2, 2-1, 2-2, 1-0 and 0-1 "beads" under a length model is the
 * likely alignment. Anchors sharpen it where lengths alone hesitate: a bead whose
 * numbers agree on both sides costs less, one whose numbers differ costs more.
 * Paragraphs are short (a few sentences), so the full dynamic programme is cheap.
 */
export interface Bead {
  /** Indices of source sentences, in order (may be empty: a target sentence with no source). */
  source: number[];
  /** Indices of target sentences (may be empty: a source sentence left out). */
  target: number[];
}

// Gale & Church's priors for each bead shape, and the variance of the length ratio.
const SHAPES: Array<[number, number, number]> = [
  [1, 1, 0.89],
  [1, 0, 0.0099],
  [0, 1, 0.0099],
  [2, 1, 0.089],
  [1, 2, 0.089],
  [2, 2, 0.011],
];
const VARIANCE = 6.8;

const NUMBER = /\d+(?:[.,\u00A0\u202F ]\d+)*/g;

function numbersOf(text: string): string[] {
  return (text.match(NUMBER) ?? []).map((n) => n.replace(/\D/g, '')).sort();
}

// Abramowitz & Stegun 7.1.26: erf within 1.5e-7, enough for a cost.
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

function lengthCost(sourceLength: number, targetLength: number, ratio: number): number {
  if (sourceLength === 0 && targetLength === 0) return 0;
  const mean = (sourceLength + targetLength / ratio) / 2;
  const delta = (targetLength - sourceLength * ratio) / Math.sqrt(Math.max(mean, 1) * VARIANCE);
  const probability = Math.max(1 - erf(Math.abs(delta) / Math.SQRT2), 1e-12);
  return -Math.log(probability);
}

function anchorCost(sourceTexts: string[], targetTexts: string[]): number {
  const a = numbersOf(sourceTexts.join(' '));
  const b = numbersOf(targetTexts.join(' '));
  if (a.length === 0 && b.length === 0) return 0;
  const shared = a.filter((n) => b.includes(n)).length;
  return (a.length + b.length - 2 * shared) * 1.5 - shared * 1.0;
}

/** Aligns the sentences of one paragraph; every sentence is in exactly one bead, in order. */
export function alignSentences(source: readonly string[], target: readonly string[]): Bead[] {
  const n = source.length;
  const m = target.length;
  if (n === 0 || m === 0) return n === 0 && m === 0 ? [] : [{ source: range(0, n), target: range(0, m) }];
  if (n === 1 && m === 1) return [{ source: [0], target: [0] }];
  const sourceTotal = source.reduce((sum, s) => sum + s.length, 0);
  const targetTotal = target.reduce((sum, s) => sum + s.length, 0);
  const ratio = sourceTotal > 0 ? Math.min(Math.max(targetTotal / sourceTotal, 0.5), 2) : 1;

  const cost: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(Infinity));
  const back: Array<Array<[number, number] | undefined>> = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(undefined));
  cost[0][0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      if (i === 0 && j === 0) continue;
      for (const [di, dj, prior] of SHAPES) {
        if (i < di || j < dj || cost[i - di][j - dj] === Infinity) continue;
        const sourceTexts = source.slice(i - di, i);
        const targetTexts = target.slice(j - dj, j);
        const c =
          cost[i - di][j - dj] -
          Math.log(prior) +
          lengthCost(sourceTexts.reduce((s, t) => s + t.length, 0), targetTexts.reduce((s, t) => s + t.length, 0), ratio) +
          anchorCost(sourceTexts, targetTexts);
        if (c < cost[i][j]) {
          cost[i][j] = c;
          back[i][j] = [di, dj];
        }
      }
    }
  }
  const beads: Bead[] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const [di, dj] = back[i][j]!;
    beads.unshift({ source: range(i - di, i), target: range(j - dj, j) });
    i -= di;
    j -= dj;
  }
  return beads;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}
