/**
 * Translation Edit Rate (Snover et al., 2006, "A Study of Translation Edit Rate
 * with Targeted Human Annotation"): the fewest insertions, deletions,
 * substitutions and shifts of word sequences that turn the hypothesis (the MT
 * sentence) into the reference (the editor's version), over the reference's
 * words. With the editor's version as reference, this is HTER.
 *
 * Shifts are searched greedily as in the paper and in tercom: repeatedly apply
 * the shift that lowers the edit distance most, while one lowers it at all;
 * only phrases that are not already matched, moved to where the same words stand
 * unmatched in the reference, are candidates.
 */

export interface TerResult {
  insertions: number;
  deletions: number;
  substitutions: number;
  shifts: number;
  /** All edits: the numerator of TER. */
  edits: number;
  referenceWords: number;
  /** edits / referenceWords (0 when both are empty; edits when the reference is). */
  score: number;
}

/** Longest phrase considered for a shift (tercom's default). */
const MAX_SHIFT_LENGTH = 10;
/** Past this many cells per distance, sentences are compared without shifts (cost stays quadratic, not worse). */
const MAX_CELLS_FOR_SHIFTS = 40_000;
/**
 * Past this many cells, once the common start and end are cut off, the distance
 * is not computed but bounded: every differing word a substitution, plus the
 * difference in length as insertions or deletions. Bug: the distance is a
 * table of n × m cells, so saving an edit of a 1 MB sentence (300,000 words)
 * never finished and blocked every other request.
 */
const MAX_CELLS_FOR_DISTANCE = 4_000_000;

// Words (with inner apostrophes and hyphens: qu'il, vice-président) and each
// punctuation mark as its own token; spacing is not a word edit.
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’\-‑][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

export function terTokens(text: string): string[] {
  return text.normalize('NFC').match(TOKEN) ?? [];
}

/**
 * `terTokens(text).length`, without making the tokens: a sentence's reference
 * length (refWords) is all an import needs of them, and matching 60,000 sentences
 * with TOKEN was half of the corpus's cut into sentences (0.4 s, issue #15). The
 * same tokens: a run of letters, marks and digits, joined across one of ' ’ - ‑
 * to the run after it; any other character but a space, alone (tested on every
 * code point against TOKEN).
 */
export function terTokenCount(text: string): number {
  const nfc = text.normalize('NFC');
  let count = 0;
  let inWord = false;
  for (let i = 0; i < nfc.length; ) {
    const code = nfc.codePointAt(i)!;
    const size = code > 0xffff ? 2 : 1;
    const kind = kindOf(code);
    if (kind === WORD) {
      if (!inWord) count++;
      inWord = true;
    } else if (kind === JOINER && inWord && i + size < nfc.length && kindOf(nfc.codePointAt(i + size)!) === WORD) {
      // Inside the word: the run after it continues this token (inWord stays set).
    } else {
      if (kind !== SPACE) count++;
      inWord = false;
    }
    i += size;
  }
  return count;
}

const WORD = 1;
const SPACE = 2;
const JOINER = 3;
const OTHER = 4;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const SPACE_CHAR = /^\s$/u;
/** Each BMP code point's kind once found (0: not yet), for the common case; astral ones are tested each time. */
const kinds = new Uint8Array(0x10000);

function kindOf(code: number): number {
  if (code < 0x10000) {
    const known = kinds[code];
    if (known !== 0) return known;
    return (kinds[code] = classify(code));
  }
  return classify(code);
}

function classify(code: number): number {
  const char = String.fromCodePoint(code);
  if (WORD_CHAR.test(char)) return WORD;
  if (SPACE_CHAR.test(char)) return SPACE;
  return char === "'" || char === '’' || char === '-' || char === '‑' ? JOINER : OTHER;
}

export function terOfTexts(hypothesis: string, reference: string): TerResult {
  return ter(terTokens(hypothesis), terTokens(reference));
}

type Op = 'match' | 'sub' | 'ins' | 'del';

interface Alignment {
  cost: number;
  ops: Op[];
}

/**
 * Levenshtein distance hypothesis → reference, with one optimal path. Among
 * equal-cost paths, the default prefers matches and substitutions; with
 * `insertionsFirst` it prefers insertions, which lines up different words.
 */
export function editDistance(hyp: string[], ref: string[], insertionsFirst = false): Alignment {
  const n = hyp.length;
  const m = ref.length;
  const width = m + 1;
  const cost = new Uint32Array((n + 1) * width);
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    cost[i * width] = i;
    for (let j = 1; j <= m; j++) {
      const diagonal = cost[(i - 1) * width + j - 1] + (hyp[i - 1] === ref[j - 1] ? 0 : 1);
      const up = cost[(i - 1) * width + j] + 1;
      const left = cost[i * width + j - 1] + 1;
      cost[i * width + j] = Math.min(diagonal, up, left);
    }
  }
  const ops: Op[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = cost[i * width + j];
    if (insertionsFirst && j > 0 && here === cost[i * width + j - 1] + 1) {
      ops.push('ins');
      j--;
    } else if (i > 0 && j > 0 && here === cost[(i - 1) * width + j - 1] + (hyp[i - 1] === ref[j - 1] ? 0 : 1)) {
      ops.push(hyp[i - 1] === ref[j - 1] ? 'match' : 'sub');
      i--;
      j--;
    } else if (i > 0 && here === cost[(i - 1) * width + j] + 1) {
      ops.push('del');
      i--;
    } else {
      ops.push('ins');
      j--;
    }
  }
  ops.reverse();
  return { cost: cost[n * width + m], ops };
}

export function ter(hypothesis: string[], reference: string[]): TerResult {
  let hyp = hypothesis;
  let alignment = (hyp.length + 1) * (reference.length + 1) <= MAX_CELLS_FOR_SHIFTS ? editDistance(hyp, reference) : boundedEditDistance(hyp, reference);
  let shifts = 0;
  if ((hyp.length + 1) * (reference.length + 1) <= MAX_CELLS_FOR_SHIFTS) {
    for (;;) {
      const best = bestShift(hyp, reference, alignment);
      if (!best) break;
      hyp = best.hyp;
      alignment = best.alignment;
      shifts++;
    }
  }
  const counts = { match: 0, sub: 0, ins: 0, del: 0 };
  for (const op of alignment.ops) counts[op]++;
  const edits = alignment.cost + shifts;
  const referenceWords = reference.length;
  return {
    insertions: counts.ins,
    deletions: counts.del,
    substitutions: counts.sub,
    shifts,
    edits,
    referenceWords,
    score: referenceWords === 0 ? edits : edits / referenceWords,
  };
}

/**
 * Levenshtein distance of long sequences: the common start and end are matches
 * (cutting them off keeps the distance exact), the middle is computed when it is
 * small enough and bounded from above when not (see MAX_CELLS_FOR_DISTANCE).
 */
function boundedEditDistance(hyp: string[], ref: string[]): Alignment {
  let prefix = 0;
  const shortest = Math.min(hyp.length, ref.length);
  while (prefix < shortest && hyp[prefix] === ref[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && hyp[hyp.length - 1 - suffix] === ref[ref.length - 1 - suffix]) suffix++;
  const middleHyp = hyp.slice(prefix, hyp.length - suffix);
  const middleRef = ref.slice(prefix, ref.length - suffix);
  let middle: Alignment;
  if ((middleHyp.length + 1) * (middleRef.length + 1) <= MAX_CELLS_FOR_DISTANCE) middle = editDistance(middleHyp, middleRef);
  else {
    const paired = Math.min(middleHyp.length, middleRef.length);
    const ops: Op[] = [];
    for (let k = 0; k < paired; k++) ops.push(middleHyp[k] === middleRef[k] ? 'match' : 'sub');
    for (let k = paired; k < middleHyp.length; k++) ops.push('del');
    for (let k = paired; k < middleRef.length; k++) ops.push('ins');
    middle = { cost: ops.filter((op) => op !== 'match').length, ops };
  }
  const matches = (count: number): Op[] => Array.from({ length: count }, () => 'match' as const);
  return { cost: middle.cost, ops: [...matches(prefix), ...middle.ops, ...matches(suffix)] };
}

/**
 * The shift that lowers the distance most (a shift costs 1, so it must save 2
 * or more to pay). Which words count as misplaced depends on which of several
 * equally cheap paths is taken, so candidates come from two of them.
 */
function bestShift(hyp: string[], ref: string[], alignment: Alignment): { hyp: string[]; alignment: Alignment } | undefined {
  const tried = new Set<string>();
  const first = shiftFromPath(hyp, ref, alignment, alignment.cost - 1, tried);
  const second = shiftFromPath(hyp, ref, editDistance(hyp, ref, true), first ? first.alignment.cost : alignment.cost - 1, tried);
  return second ?? first;
}

function shiftFromPath(hyp: string[], ref: string[], alignment: Alignment, costToBeat: number, tried: Set<string>): { hyp: string[]; alignment: Alignment } | undefined {
  // Which hypothesis and reference words the current path matches, and where
  // each reference position sits in the hypothesis.
  const hypMatched: boolean[] = [];
  const refMatched: boolean[] = [];
  const hypPositionOfRef: number[] = [];
  let i = 0;
  let j = 0;
  for (const op of alignment.ops) {
    if (op === 'match' || op === 'sub') {
      hypPositionOfRef[j] = i;
      hypMatched[i++] = op === 'match';
      refMatched[j++] = op === 'match';
    } else if (op === 'del') {
      hypMatched[i++] = false;
    } else {
      hypPositionOfRef[j] = i;
      refMatched[j++] = false;
    }
  }
  let best: { hyp: string[]; alignment: Alignment } | undefined;
  let bestCost = costToBeat;
  for (let start = 0; start < hyp.length; start++) {
    for (let length = 1; length <= MAX_SHIFT_LENGTH && start + length <= hyp.length; length++) {
      // A phrase whose words all match where they stand gains nothing by moving.
      let allMatched = true;
      for (let k = start; k < start + length; k++) if (!hypMatched[k]) allMatched = false;
      if (allMatched) continue;
      for (let r = 0; r + length <= ref.length; r++) {
        let same = true;
        let refAllMatched = true;
        for (let k = 0; k < length && same; k++) {
          if (hyp[start + k] !== ref[r + k]) same = false;
          if (!refMatched[r + k]) refAllMatched = false;
        }
        if (!same || refAllMatched) continue;
        // Where the phrase could land: beside the hypothesis words aligned
        // with the reference words around its destination (as tercom does).
        const targets = new Set<number>();
        for (let offset = -1; offset <= length; offset++) {
          const position = hypPositionOfRef[r + offset];
          if (position === undefined) continue;
          targets.add(position);
          targets.add(position + 1);
        }
        for (const target of targets) {
          if (target < 0 || target > hyp.length || (target >= start && target <= start + length)) continue;
          const key = `${start}:${length}:${target}`;
          if (tried.has(key)) continue;
          tried.add(key);
          const moved = movePhrase(hyp, start, length, target);
          const candidate = editDistance(moved, ref);
          if (candidate.cost < bestCost) {
            bestCost = candidate.cost;
            best = { hyp: moved, alignment: candidate };
          }
        }
      }
    }
  }
  return best;
}

/** The words with `[start, start + length)` moved before position `target` of the original array. */
export function movePhrase(words: string[], start: number, length: number, target: number): string[] {
  const phrase = words.slice(start, start + length);
  const rest = [...words.slice(0, start), ...words.slice(start + length)];
  const at = target > start ? target - length : target;
  return [...rest.slice(0, at), ...phrase, ...rest.slice(at)];
}
