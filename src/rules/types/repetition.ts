import { readNumber, readString, readStringList } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
import type { Token } from '../../types.ts';
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
    for (const sentence of segmented.sentences) {
      const words = sentence.words;
      if (params.mode === 'word') repeatedWords(text, words, params, report);
      else if (params.mode === 'adjacent') adjacentPhrases(text, words, params, report);
      else if (params.mode === 'phrase') repeatedNgrams(text, words, params, report);
      else repeatedStems(text, words, params, report);
    }
  },
};

type Report = Parameters<RuleType['check']>[2];

/**
 * The words' keys of a sentence, made once for every repetition rule of a run
 * (three modes read them) and dropped with the sentence; a key depends on the
 * word's text alone (rule-caches.test.ts).
 */
const sentenceKeys = new WeakMap<Token[], string[]>();
function keysOf(words: Token[]): string[] {
  let keys = sentenceKeys.get(words);
  if (!keys || keys.length !== words.length) {
    keys = words.map((w) => wordKey(w.text));
    sentenceKeys.set(words, keys);
  }
  return keys;
}

function repeatedWords(text: string, words: Token[], params: RepetitionParams, report: Report) {
  const keys = keysOf(words);
  for (let i = 1; i < words.length; i++) {
    const key = keys[i];
    if (key !== keys[i - 1] || params.ignore.has(key)) continue;
    // "Non, non" and "vite. Vite" are deliberate: only a plain space between.
    if (!/^\s+$/u.test(text.slice(words[i - 1].end, words[i].start))) continue;
    report({ start: words[i - 1].start, end: words[i].end, suggestions: [words[i - 1].text] });
  }
}

/**
 * Whether a key counts as content, per rule and per key for every run: two modes ask
 * it of every word of every sentence, and it depends on the key alone.
 */
const contentByRule = new WeakMap<RepetitionParams, Map<string, boolean>>();
const MAX_CONTENT_VERDICTS = 100_000;

function contentTest(params: RepetitionParams) {
  let verdicts = contentByRule.get(params);
  if (!verdicts) contentByRule.set(params, (verdicts = new Map()));
  const known = verdicts;
  return (key: string): boolean => {
    let content = known.get(key);
    if (content === undefined) {
      content = !params.ignore.has(key) && !params.ignore.has(wordKey(withoutElision(key))) && /\p{L}/u.test(key);
      if (known.size >= MAX_CONTENT_VERDICTS) known.clear();
      known.set(key, content);
    }
    return content;
  };
}

function adjacentPhrases(text: string, words: Token[], params: RepetitionParams, report: Report) {
  const keys = keysOf(words);
  const isContent = contentTest(params);
  let flaggedUntil = -1;
  for (let size = 2; size <= 4; size++) {
    for (let i = 0; i + 2 * size <= keys.length; i++) {
      if (i < flaggedUntil) continue;
      let same = true;
      for (let k = 0; k < size && same; k++) same = keys[i + k] === keys[i + size + k];
      if (!same || !keys.slice(i, i + size).some(isContent)) continue;
      const gap = text.slice(words[i + size - 1].end, words[i + size].start);
      if (opensClause(gap) || gap.includes(',')) continue;
      report({ start: words[i].start, end: words[i + 2 * size - 1].end, suggestions: [text.slice(words[i].start, words[i + size - 1].end)] });
      flaggedUntil = i + 2 * size;
    }
  }
}

/**
 * Which words of a sentence have a key found elsewhere in it, made once per
 * sentence for every phrase rule; undefined when a key holds a space (a number such as « 1 000 »), see
 * `repeatedNgrams`.
 */
const sentenceRepeats = new WeakMap<string[], { repeated: Uint8Array | undefined }>();
function repeatsOf(keys: string[]): Uint8Array | undefined {
  // Keyed by the keys themselves (keysOf): a sentence whose keys are made again gets its repeats made again.
  const known = sentenceRepeats.get(keys);
  if (known) return known.repeated;
  let repeated: Uint8Array | undefined;
  if (!keys.some((key) => key.includes(' '))) {
    const counts = new Map<string, number>();
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
    repeated = new Uint8Array(keys.length);
    for (let i = 0; i < keys.length; i++) repeated[i] = counts.get(keys[i])! > 1 ? 1 : 0;
  }
  sentenceRepeats.set(keys, { repeated });
  return repeated;
}

/**
 * The same n-gram, with at least two content words, twice in one sentence.
 *
 * An n-gram holding a word whose key occurs nowhere else in the sentence can
 * neither repeat an earlier one nor be repeated: it is skipped before its text is
 * built (building it and looking it up at every word was most of this mode's
 * time). That holds while no key has a space: the n-grams are their keys joined
 * by spaces, and two different runs of space-free keys never join into the same
 * text; a sentence with such a key is read in full.
 */
function repeatedNgrams(text: string, words: Token[], params: RepetitionParams, report: Report) {
  // An n-gram said twice without overlapping needs 2n words.
  const n = params.n;
  if (words.length < 2 * n) return;
  const keys = keysOf(words);
  const repeated = repeatsOf(keys);
  const isContent = contentTest(params);
  // 1: content word, 2: not, 0: not asked yet (only words of a candidate n-gram are asked).
  const content = new Uint8Array(keys.length);
  let flaggedUntil = -1;
  const seen = new Map<string, number>();
  // Where the next word with a key found only once is, at or after i (keys.length: none).
  let single = -1;
  for (let i = 0; i + n <= keys.length; i++) {
    if (repeated) {
      if (single < i) {
        single = i;
        while (single < keys.length && repeated[single]) single++;
      }
      if (single < i + n) continue;
    }
    let inWindow = 0;
    for (let k = i; k < i + n; k++) {
      if (content[k] === 0) content[k] = isContent(keys[k]) ? 1 : 2;
      if (content[k] === 1) inWindow++;
    }
    if (inWindow < 2) continue;
    let key = keys[i];
    for (let k = 1; k < n; k++) key += ' ' + keys[i + k];
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, i);
    } else if (earlier + n <= i && i >= flaggedUntil) {
      report({ start: words[i].start, end: words[i + n - 1].end, values: { first: text.slice(words[earlier].start, words[earlier + n - 1].end) } });
      flaggedUntil = i + n;
    }
  }
}

function repeatedStems(text: string, words: Token[], params: RepetitionParams, report: Report) {
  const stems = words.map((w) => stemOf(w.text, params));
  for (let i = 0; i < words.length; i++) {
    if (!stems[i]) continue;
    for (let j = i + 1; j <= i + params.window && j < words.length; j++) {
      if (stems[j] !== stems[i]) continue;
      // A word said twice on purpose ("très, très") is joined by a comma or a dash.
      const between = text.slice(words[i].end, words[j].start);
      if (j === i + 1 && /[,—–-]/.test(between)) continue;
      report({ start: words[j].start, end: words[j].end, values: { first: words[i].text } });
      stems[j] = null;
      break;
    }
  }
}

/** Stems by form, per rule (they depend on its lengths and ignore list), for every run: a stem depends on the form alone. */
const stemsByRule = new WeakMap<RepetitionParams, Map<string, string | null>>();
const MAX_STEMS = 100_000;

function stemOf(form: string, params: RepetitionParams): string | null {
  let stems = stemsByRule.get(params);
  if (!stems) stemsByRule.set(params, (stems = new Map()));
  let stem = stems.get(form);
  if (stem === undefined) {
    const core = withoutElision(form);
    const key = wordKey(core);
    // Names repeat on purpose (Vladimir Vladimirovitch): only common words count.
    stem = /^\p{Lu}/u.test(core) ? null : key.length >= params.minLength && !params.ignore.has(key) && /^\p{L}/u.test(key) ? key.slice(0, params.stemLength) : null;
    if (stems.size >= MAX_STEMS) stems.clear();
    stems.set(form, stem);
  }
  return stem;
}
