import { readNumber } from '../../engine/params.ts';
import type { DocumentIndex, RuleType } from '../../engine/rule-type.ts';
import type { WordSet } from '../../dictionaries/word-set.ts';
import type { CorrectionMatcher } from '../../corrections/match-corrections.ts';
import { isFirstName } from '../../names/name-lists.ts';
import { isCapitalised } from './words.ts';

/**
 * One name spelled two ways in a document (Rutte / Routte). Capitalised forms one
 * edit apart are found through their one-letter deletions (an index, as SymSpell
 * does), so the cost grows with the document, not with its square.
 *
 * The reference form is, in order: the `to` of an editor's correction, the form
 * that is at least `dominance` times more frequent, else the form met first (MT
 * and journalists alike introduce a name in full, and right, at its first use).
 * A form the French dictionary knows is never reported (Marie / Maria).
 */
interface NameVariantParams {
  minLength: number;
  dominance: number;
}

export const nameVariantsRule: RuleType<NameVariantParams> = {
  name: 'name-variants',
  keys: ['minLength', 'dominance'],
  parse: (definition) => ({ minLength: readNumber(definition, 'minLength', 4), dominance: readNumber(definition, 'dominance', 2) }),
  check({ segmented, index, corrections, dictionary }, params, report) {
    const reference = referenceForms(index, corrections, dictionary('fr'), params);
    if (reference.size === 0) return;
    for (const sentence of segmented.sentences) {
      for (const word of sentence.words) {
        const better = reference.get(word.text);
        if (!better) continue;
        report({
          start: word.start,
          end: word.end,
          suggestions: [better],
          values: { other: better, count: String(index.wordCounts.get(word.text) ?? 0), otherCount: String(index.wordCounts.get(better) ?? 0) },
        });
      }
    }
  },
};

export const MAX_NAME_LENGTH = 40;

/** The forms this rule compares: Capitalised, of a name's length, no digit, apostrophe or hyphen (the review app's re-checks ask the same). */
export function isNameCandidate(form: string, minLength: number): boolean {
  return form.length >= minLength && form.length <= MAX_NAME_LENGTH && isCapitalised(form) && !/[\p{N}'’-]/u.test(form);
}

/** The shortest name the enabled name-variants rules compare, or undefined when none runs. */
export function nameVariantsMinLength(rules: ReadonlyArray<{ type: string; params: unknown }>): number | undefined {
  const lengths = rules.filter((rule) => rule.type === nameVariantsRule.name).map((rule) => (rule.params as NameVariantParams).minLength);
  return lengths.length > 0 ? Math.min(...lengths) : undefined;
}

// The review app re-checks one sentence at a time against the index of the whole
// document: the variants of the document are worked out once per index. In two
// parts: the pairs of forms one edit apart depend only on which forms the index
// holds (and in which order), the reference of each pair on counts and first
// places. Issue #15: most edits that move a name's count (« La » → « la »)
// leave the set of forms as it was, and pairing the 45,000 forms of the corpus
// again was 60–90 ms of such an accept's answer; the pairs are kept until a form
// appears or goes (`DocumentIndex.namesSetRevision`).
const cache = new WeakMap<DocumentIndex, Map<string, { key: string; reference: Map<string, string> }>>();

// The matcher and its revision stand for the list: spelling the list out made every re-check cost its length.
const referenceKey = (index: DocumentIndex, corrections: CorrectionMatcher) => `${index.namesRevision ?? 0}:${corrections.id}:${corrections.revision}`;
const paramsKey = (params: NameVariantParams) => `${params.minLength}:${params.dominance}`;

/**
 * The reference form of each variant (variant → reference) that the rule with
 * `params` worked out for `index` as it is now, or undefined if it has not yet.
 * The review app compares them before and after a change: only the forms whose
 * reference, or whose counts in the finding, moved are re-checked elsewhere.
 */
export function workedOutReferences(index: DocumentIndex, corrections: CorrectionMatcher, params: unknown): ReadonlyMap<string, string> | undefined {
  const cached = cache.get(index)?.get(paramsKey(params as NameVariantParams));
  return cached?.key === referenceKey(index, corrections) ? cached.reference : undefined;
}

function referenceForms(index: DocumentIndex, corrections: CorrectionMatcher, french: WordSet, params: NameVariantParams): Map<string, string> {
  const key = referenceKey(index, corrections);
  let byParams = cache.get(index);
  if (!byParams) cache.set(index, (byParams = new Map()));
  const cached = byParams.get(paramsKey(params));
  if (cached?.key === key) return cached.reference;
  const list = corrections.corrections;
  const confirmed = new Set(list.map((c) => c.to));
  const corrected = new Set(list.map((c) => c.from));
  const reference = new Map<string, string>();
  // In the order the pairs were met: where a form has two partners, the last one decides, as it always did.
  for (const [a, b] of variantPairs(index, french, params.minLength)) {
    const better = pickReference(a, b, index.wordCounts, index.firstSeen, confirmed, params.dominance);
    const worse = better === a ? b : a;
    if (corrected.has(worse) || french.knows(worse)) continue;
    // A common word at the start of a sentence (Colis, Deux) is no name to follow.
    if (!confirmed.has(better) && !french.hasForm(better) && french.knows(better.toLowerCase())) continue;
    reference.set(worse, better);
  }
  byParams.set(paramsKey(params), { key, reference });
  return reference;
}

/**
 * The pairs of candidate forms one edit apart, by their shared deletion (a
 * bucket of forms, in the index's order), with what it takes to change them in
 * place: `rank`, each form's place in the index's order (a counter: forms
 * added later rank higher). Issue #15: an accept that makes a name form appear
 * or go (a variant corrected to its reference) paired the corpus's forms again,
 * 55–130 ms of its answer; now only the forms that came or went are moved.
 */
interface PairState {
  key: string;
  minLength: number;
  rank: Map<string, number>;
  next: number;
  byDeletion: Map<string, string[]>;
  /** The pairs of each bucket of two forms or more, worked out once while the bucket stays as it is. */
  bucketPairs: Map<string, Array<[string, string]>>;
  pairs: Array<[string, string]>;
}

const pairCache = new WeakMap<DocumentIndex, PairState>();

/**
 * The ordered pairs of candidate forms that are variants of each other, both
 * ways round: by deletion, in the order each deletion is first met going
 * through the index's forms in order (the order the pairs always had), and in
 * the index's order within a deletion. Kept per index while no form appears or
 * goes (`namesSetRevision`; without it, a full check's own index, worked out
 * once); when some do, the forms that went leave their buckets and those that
 * came join them, unless the index's order moved otherwise (then built again).
 */
function variantPairs(index: DocumentIndex, french: WordSet, minLength: number): Array<[string, string]> {
  const key = `${index.namesSetRevision ?? 0}:${minLength}`;
  const cached = pairCache.get(index);
  if (cached?.key === key) return cached.pairs;
  // The candidate names of the whole document come from its index, so that
  // re-checking one sentence still compares with the rest of the document.
  const names = [...index.wordCounts.keys()].filter((form) => isNameCandidate(form, minLength));
  const state = (cached?.minLength === minLength && movedInPlace(cached, names)) || buildPairState(names, minLength);
  state.key = key;
  state.pairs = pairsOf(state, french);
  pairCache.set(index, state);
  return state.pairs;
}

function buildPairState(names: string[], minLength: number): PairState {
  const state: PairState = { key: '', minLength, rank: new Map(), next: 0, byDeletion: new Map(), bucketPairs: new Map(), pairs: [] };
  for (const name of names) addName(state, name);
  return state;
}

// A token of n letters has n deletions of n letters: past a name's length the
// index would cost n² (a 1 MB capitalised token, gigabytes), and no name is that long (isNameCandidate).
function addName(state: PairState, name: string): void {
  state.rank.set(name, state.next++);
  for (const key of deletions(name.toLowerCase())) {
    state.bucketPairs.delete(key);
    const bucket = state.byDeletion.get(key);
    if (bucket) bucket.push(name);
    else state.byDeletion.set(key, [name]);
  }
}

/**
 * `state` moved to the forms `names` (the index's candidates now, in its order), or undefined if
 * they are not the forms it holds, less some, then some more after them all (a Map's keys: one
 * that leaves and comes back moves to the end, as a form gone and back does in the index).
 */
function movedInPlace(state: PairState, names: string[]): PairState | undefined {
  const now = new Set(names);
  let last = -1;
  const added: string[] = [];
  for (const name of names) {
    const rank = state.rank.get(name);
    if (rank === undefined) {
      added.push(name);
      continue;
    }
    // A form held before, met after one that came: the order moved otherwise than by appending.
    if (added.length > 0 || rank < last) return undefined;
    last = rank;
  }
  for (const name of state.rank.keys()) {
    if (now.has(name)) continue;
    state.rank.delete(name);
    for (const key of deletions(name.toLowerCase())) {
      const bucket = state.byDeletion.get(key);
      if (!bucket) continue;
      state.bucketPairs.delete(key);
      // A form with a repeated letter is in a bucket once per deletion that gives it (« Aal »: « al » twice), as it always was.
      for (let at = bucket.indexOf(name); at >= 0; at = bucket.indexOf(name)) bucket.splice(at, 1);
      if (bucket.length === 0) state.byDeletion.delete(key);
    }
  }
  for (const name of added) addName(state, name);
  return state;
}

/**
 * The pairs of the buckets of two forms or more. A deletion is first met at the first form of its
 * bucket (the one of lowest rank), at its first place among that form's deletions: the buckets are
 * taken in that order, whatever order they were made in.
 */
function pairsOf(state: PairState, french: WordSet): Array<[string, string]> {
  const buckets: Array<{ key: string; bucket: string[]; rank: number; at: number }> = [];
  for (const [key, bucket] of state.byDeletion) {
    if (bucket.length < 2) continue;
    buckets.push({ key, bucket, rank: state.rank.get(bucket[0])!, at: deletions(bucket[0].toLowerCase()).indexOf(key) });
  }
  buckets.sort((x, y) => x.rank - y.rank || x.at - y.at);
  const pairs: Array<[string, string]> = [];
  for (const { key, bucket } of buckets) {
    let own = state.bucketPairs.get(key);
    if (!own) {
      own = [];
      for (const a of bucket) {
        for (const b of bucket) {
          if (a === b || !isVariant(a, b, french)) continue;
          own.push([a, b]);
        }
      }
      state.bucketPairs.set(key, own);
    }
    for (const pair of own) pairs.push(pair);
  }
  return pairs;
}

function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** One insertion, deletion, substitution or swap of neighbours. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// Sharing a deletion (one from each side) can be two edits: check it is one, except inflections, which are other
// words of the same family rather than misspellings (Français / Française, Pascal / Pascale). A final e on a name
// that neither the French dictionary nor the first-name lists know is no feminine but a misspelling
// (Whitcomb / Whitcombe): bug, the e was exempt for every name, so a dropped e was never reported.
function isVariant(a: string, b: string, french: WordSet): boolean {
  if (!oneEditApart(a.toLowerCase(), b.toLowerCase())) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const suffix = long.slice(short.length);
  const unknownName = (name: string) => !french.knows(name) && !french.knows(name.toLowerCase()) && !isFirstName(name);
  if (long.startsWith(short) && /^(?:s|e|x|es)$/.test(suffix) && !(suffix === 'e' && unknownName(short) && unknownName(long))) return false;
  if (short.toLowerCase() === long.toLowerCase()) return false;
  return true;
}

function pickReference(a: string, b: string, counts: Map<string, number>, firstSeen: Map<string, number>, confirmed: Set<string>, dominance: number): string {
  if (confirmed.has(a) !== confirmed.has(b)) return confirmed.has(a) ? a : b;
  const countA = counts.get(a) ?? 0;
  const countB = counts.get(b) ?? 0;
  if (countA >= dominance * countB) return a;
  if (countB >= dominance * countA) return b;
  return (firstSeen.get(a) ?? Infinity) <= (firstSeen.get(b) ?? Infinity) ? a : b;
}
