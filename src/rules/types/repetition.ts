import { readNumber, readString, readStringList } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
import type { Sentence } from '../../types.ts';
import { wordIdsOf, type WordIds } from './word-ids.ts';
import { opensClause, withoutElision, wordKey } from './words.ts';

/**
 * Repetition, in four modes:
 * - `word`: the same word twice in a row (le le);
 * - `adjacent`: a phrase of 2–4 words repeated back to back (l'équipe de l'équipe de);
 * - `phrase`: the same n-gram twice in one sentence (négociations de paix … négociations de paix);
 * - `stem`: the same word stem twice within a few words (a souligné …, qui souligne).
 * Function words listed in `ignore` never count as content on their own.
 */
interface RepetitionParams {
  mode: 'word' | 'adjacent' | 'phrase' | 'stem';
  n: number;
  window: number;
  minLength: number;
  stemLength: number;
  ignore: Set<string>;
}

export const repetitionRule: RuleType<RepetitionParams> = {
  name: 'repetition',
  keys: ['mode', 'n', 'window', 'minLength', 'stemLength', 'ignore'],
  parse(definition) {
    const mode = readString(definition, 'mode');
    if (mode !== 'word' && mode !== 'adjacent' && mode !== 'phrase' && mode !== 'stem') throw new Error(`'mode' must be word, adjacent, phrase or stem, not '${mode}'`);
    return {
      mode,
      n: readNumber(definition, 'n', 3),
      window: readNumber(definition, 'window', 4),
      minLength: readNumber(definition, 'minLength', 5),
      stemLength: readNumber(definition, 'stemLength', 6),
      ignore: new Set(readStringList(definition, 'ignore').map(wordKey)),
    };
  },
  check({ text, segmented }, params, report) {
    const table = wordIdsOf(segmented);
    const verdicts = verdictsOf(table, params);
    const sentences = segmented.sentences;
    for (let s = 0; s < sentences.length; s++) {
      if (params.mode === 'word') repeatedWords(text, table, s, sentences[s], verdicts, report);
      else if (params.mode === 'adjacent') adjacentPhrases(text, table, s, sentences[s], verdicts, report);
      else if (params.mode === 'phrase') repeatedNgrams(text, table, s, sentences[s], params, verdicts, report);
      else repeatedStems(text, table, s, sentences[s], params, verdicts, report);
    }
  },
};

type Report = Parameters<RuleType['check']>[2];

/** Each rule's verdicts, per run. */
const verdictsByTable = new WeakMap<WordIds, Map<RepetitionParams, Verdicts>>();
function verdictsOf(table: WordIds, params: RepetitionParams): Verdicts {
  let byRule = verdictsByTable.get(table);
  if (!byRule) verdictsByTable.set(table, (byRule = new Map()));
  let verdicts = byRule.get(params);
  if (!verdicts) byRule.set(params, (verdicts = new Verdicts(table, params)));
  return verdicts;
}

/** One rule's verdicts by id, worked out the first time an id is asked about. */
class Verdicts {
  /** By key id: 0 not asked yet, 1 yes, 2 no. */
  private readonly ignoredKey: Uint8Array;
  private readonly contentKey: Uint8Array;
  /** By form id: the stem's id, -1 for none, -2 not asked yet. */
  private readonly stemOfForm: Int32Array;
  private readonly stemIds = new Map<string, number>();

  constructor(
    private readonly table: WordIds,
    private readonly params: RepetitionParams,
  ) {
    this.ignoredKey = new Uint8Array(table.keys.length);
    this.contentKey = new Uint8Array(table.keys.length);
    this.stemOfForm = new Int32Array(table.forms.length).fill(-2);
  }

  ignored(key: number): boolean {
    let verdict = this.ignoredKey[key];
    if (verdict === 0) this.ignoredKey[key] = verdict = this.params.ignore.has(this.table.keys[key]) ? 1 : 2;
    return verdict === 1;
  }

  /** A key counts as content unless the rule ignores it, with or without its elision, or it holds no letter. */
  content(key: number): boolean {
    let verdict = this.contentKey[key];
    if (verdict === 0) {
      const text = this.table.keys[key];
      const content = !this.params.ignore.has(text) && !this.params.ignore.has(wordKey(withoutElision(text))) && /\p{L}/u.test(text);
      this.contentKey[key] = verdict = content ? 1 : 2;
    }
    return verdict === 1;
  }

  /** The id of a form's stem (equal ids, equal stems), or -1 when the form has none. */
  stem(form: number): number {
    let stem = this.stemOfForm[form];
    if (stem === -2) {
      const text = stemOf(this.table.forms[form], this.params);
      // An empty stem (a rule with stemLength 0) is none, as before: it was falsy.
      if (!text) stem = -1;
      else {
        stem = this.stemIds.get(text) ?? this.stemIds.size;
        if (stem === this.stemIds.size) this.stemIds.set(text, stem);
      }
      this.stemOfForm[form] = stem;
    }
    return stem;
  }
}

function repeatedWords(text: string, table: WordIds, s: number, sentence: Sentence, verdicts: Verdicts, report: Report) {
  const { key, first } = table;
  const from = first[s];
  for (let i = from + 1; i < first[s + 1]; i++) {
    if (key[i] !== key[i - 1] || verdicts.ignored(key[i])) continue;
    const words = sentence.words;
    const w = i - from;
    // "Non, non" and "vite. Vite" are deliberate: only a plain space between.
    if (!/^\s+$/u.test(text.slice(words[w - 1].end, words[w].start))) continue;
    report({ start: words[w - 1].start, end: words[w].end, suggestions: [words[w - 1].text] });
  }
}

function adjacentPhrases(text: string, table: WordIds, s: number, sentence: Sentence, verdicts: Verdicts, report: Report) {
  const { key, first } = table;
  const from = first[s];
  const length = first[s + 1] - from;
  let flaggedUntil = -1;
  for (let size = 2; size <= 4; size++) {
    for (let i = 0; i + 2 * size <= length; i++) {
      if (i < flaggedUntil) continue;
      let same = true;
      for (let k = 0; k < size && same; k++) same = key[from + i + k] === key[from + i + size + k];
      if (!same) continue;
      let content = false;
      for (let k = 0; k < size && !content; k++) content = verdicts.content(key[from + i + k]);
      if (!content) continue;
      const words = sentence.words;
      const gap = text.slice(words[i + size - 1].end, words[i + size].start);
      if (opensClause(gap) || gap.includes(',')) continue;
      report({ start: words[i].start, end: words[i + 2 * size - 1].end, suggestions: [text.slice(words[i].start, words[i + size - 1].end)] });
      flaggedUntil = i + 2 * size;
    }
  }
}

/**
 * The same n-gram, with at least two content words, twice in one sentence.
 *
 * Two n-grams are the same when their keys joined by spaces are the same text.
 * While no key of the sentence holds a space, that is when their key ids are the
 * same, one by one (two different runs of space-free keys never join into the
 * same text): the n-grams are compared by ids, found again through a hash of
 * them, and an n-gram holding a word whose key occurs nowhere else in the
 * sentence, which can neither repeat an earlier one nor be repeated, is skipped.
 * A sentence with such a key (« 1 000 ») is read in full, by the joined texts.
 */
function repeatedNgrams(text: string, table: WordIds, s: number, sentence: Sentence, params: RepetitionParams, verdicts: Verdicts, report: Report) {
  const n = params.n;
  const { key, first, counts } = table;
  const from = first[s];
  const length = first[s + 1] - from;
  // An n-gram said twice without overlapping needs 2n words.
  if (length < 2 * n) return;
  if (table.spaced[s]) {
    repeatedNgramTexts(text, table, s, sentence, n, verdicts, report);
    return;
  }
  for (let i = from; i < from + length; i++) counts[key[i]]++;
  try {
    ngramsById(text, key, from, length, counts, sentence, n, verdicts, report);
  } finally {
    // The counts are shared by the run's sentences: back to 0 for the next one.
    for (let i = from; i < from + length; i++) counts[key[i]] = 0;
  }
}

function ngramsById(text: string, key: Int32Array, from: number, length: number, counts: Int32Array, sentence: Sentence, n: number, verdicts: Verdicts, report: Report) {
  let flaggedUntil = -1;
  // Made at the first n-gram that passes: most sentences have none.
  let seen: NgramStarts | undefined;
  // Where the next word with a key found only once is, at or after i (length: none).
  let single = -1;
  for (let i = 0; i + n <= length; i++) {
    if (single < i) {
      single = i;
      while (single < length && counts[key[from + single]] > 1) single++;
    }
    if (single < i + n) continue;
    let inWindow = 0;
    for (let k = from + i; k < from + i + n; k++) if (verdicts.content(key[k])) inWindow++;
    if (inWindow < 2) continue;
    const earlier = (seen ??= new NgramStarts(key, from, n)).firstOrAdd(i);
    if (earlier !== undefined && earlier + n <= i && i >= flaggedUntil) {
      const words = sentence.words;
      report({ start: words[i].start, end: words[i + n - 1].end, values: { first: text.slice(words[earlier].start, words[earlier + n - 1].end) } });
      flaggedUntil = i + n;
    }
  }
}

/**
 * The first start of each n-gram of ids met so far in one sentence, found again
 * through a hash of its ids (no text built per n-gram); n-grams whose hash an
 * other one took are kept apart and compared one by one.
 */
export class NgramStarts {
  private readonly byHash = new Map<number, number>();
  private collided: number[] | undefined;

  constructor(
    private readonly ids: Int32Array,
    private readonly from: number,
    private readonly n: number,
    private readonly hash: (ids: Int32Array, start: number, n: number) => number = ngramHash,
  ) {}

  /** Where the n-gram starting at `i` (from `from`) was first met; undefined the first time, which records it. */
  firstOrAdd(i: number): number | undefined {
    const hash = this.hash(this.ids, this.from + i, this.n);
    const first = this.byHash.get(hash);
    if (first === undefined) {
      this.byHash.set(hash, i);
      return undefined;
    }
    if (this.same(first, i)) return first;
    const other = this.collided?.find((start) => this.same(start, i));
    if (other === undefined) (this.collided ??= []).push(i);
    return other;
  }

  private same(a: number, b: number): boolean {
    for (let k = 0; k < this.n; k++) if (this.ids[this.from + a + k] !== this.ids[this.from + b + k]) return false;
    return true;
  }
}

function ngramHash(ids: Int32Array, start: number, n: number): number {
  let hash = 0;
  for (let k = start; k < start + n; k++) hash = (Math.imul(hash, 0x9e3779b1) + ids[k]) | 0;
  return hash;
}

/** `repeatedNgrams` by the n-grams' texts, for a sentence with a key that holds a space. */
function repeatedNgramTexts(text: string, table: WordIds, s: number, sentence: Sentence, n: number, verdicts: Verdicts, report: Report) {
  const from = table.first[s];
  const ids = table.key.subarray(from, table.first[s + 1]);
  const keys = Array.from(ids, (id) => table.keys[id]);
  let flaggedUntil = -1;
  const seen = new Map<string, number>();
  for (let i = 0; i + n <= keys.length; i++) {
    let inWindow = 0;
    for (let k = i; k < i + n; k++) if (verdicts.content(ids[k])) inWindow++;
    if (inWindow < 2) continue;
    let ngram = keys[i];
    for (let k = 1; k < n; k++) ngram += ' ' + keys[i + k];
    const earlier = seen.get(ngram);
    if (earlier === undefined) {
      seen.set(ngram, i);
    } else if (earlier + n <= i && i >= flaggedUntil) {
      const words = sentence.words;
      report({ start: words[i].start, end: words[i + n - 1].end, values: { first: text.slice(words[earlier].start, words[earlier + n - 1].end) } });
      flaggedUntil = i + n;
    }
  }
}

function repeatedStems(text: string, table: WordIds, s: number, sentence: Sentence, params: RepetitionParams, verdicts: Verdicts, report: Report) {
  const { form, first } = table;
  const from = first[s];
  const length = first[s + 1] - from;
  // A stem reported is not compared again (it cannot open another finding).
  let spent: Set<number> | undefined;
  for (let i = 0; i < length; i++) {
    if (spent?.has(i)) continue;
    const stem = verdicts.stem(form[from + i]);
    if (stem === -1) continue;
    for (let j = i + 1; j <= i + params.window && j < length; j++) {
      if (spent?.has(j) || verdicts.stem(form[from + j]) !== stem) continue;
      const words = sentence.words;
      // A word said twice on purpose ("très, très") is joined by a comma or a dash.
      const between = text.slice(words[i].end, words[j].start);
      if (j === i + 1 && /[,—–-]/.test(between)) continue;
      report({ start: words[j].start, end: words[j].end, values: { first: words[i].text } });
      (spent ??= new Set()).add(j);
      break;
    }
  }
}

function stemOf(form: string, params: RepetitionParams): string | null {
  const core = withoutElision(form);
  const key = wordKey(core);
  // Names repeat on purpose (Vladimir Vladimirovitch): only common words count.
  return /^\p{Lu}/u.test(core) ? null : key.length >= params.minLength && !params.ignore.has(key) && /^\p{L}/u.test(key) ? key.slice(0, params.stemLength) : null;
}
