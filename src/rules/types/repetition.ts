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

/** The same n-gram, with at least two content words, twice in one sentence. */
function repeatedNgrams(text: string, words: Token[], params: RepetitionParams, report: Report) {
  // An n-gram said twice without overlapping needs 2n words.
  if (words.length < 2 * params.n) return;
  const keys = keysOf(words);
  const isContent = contentTest(params);
  const content = keys.map(isContent);
  let flaggedUntil = -1;
  const seen = new Map<string, number>();
  // Content words in the n-gram at i, kept as the window slides (no slice per word).
  let inWindow = 0;
  for (let k = 0; k < params.n - 1; k++) if (content[k]) inWindow++;
  for (let i = 0; i + params.n <= keys.length; i++) {
    if (content[i + params.n - 1]) inWindow++;
    if (i > 0 && content[i - 1]) inWindow--;
    if (inWindow < 2) continue;
    let key = keys[i];
    for (let k = 1; k < params.n; k++) key += ' ' + keys[i + k];
    const earlier = seen.get(key);
    if (earlier === undefined) {
      seen.set(key, i);
    } else if (earlier + params.n <= i && i >= flaggedUntil) {
      report({ start: words[i].start, end: words[i + params.n - 1].end, values: { first: text.slice(words[earlier].start, words[earlier + params.n - 1].end) } });
      flaggedUntil = i + params.n;
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
