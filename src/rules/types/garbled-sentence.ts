import { readNumber, readStringList } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
import { wordIdsOf, type WordIds } from './word-ids.ts';
import { isCapitalised, withoutElision, wordKey } from './words.ts';

/**
 * Run-on, garbled MT sentences, which no single rule catches. A sentence earns
 * points for its length, for content n-grams it repeats, for a pile-up of
 * clauses (relative pronouns and past participles), and for capitals that break
 * it in the middle; past `threshold` it gets one finding, whose message says why.
 * Long sentences alone are not enough: Balzac writes 80-word sentences that are
 * perfectly French.
 */
interface GarbledParams {
  threshold: number;
  longSentence: number;
  ignore: Set<string>;
}

export const garbledSentenceRule: RuleType<GarbledParams> = {
  name: 'garbled-sentence',
  keys: ['threshold', 'longSentence', 'ignore'],
  parse: (definition) => ({
    threshold: readNumber(definition, 'threshold', 5),
    longSentence: readNumber(definition, 'longSentence', 40),
    ignore: new Set(readStringList(definition, 'ignore').map(wordKey)),
  }),
  check({ text, segmented }, params, report) {
    const sentences = segmented.sentences;
    const table = wordIdsOf(segmented);
    const keys = elidedKeysOf(table);
    const flags = flagsOf(keys, params);
    const n = keys.texts.length;
    const grams = new Map<number | string, number>();
    const count = (gram: number | string) => {
      const seen = (grams.get(gram) ?? 0) + 1;
      grams.set(gram, seen);
      return seen === 2 ? 1 : 0;
    };
    for (let s = 0; s < sentences.length; s++) {
      const sentence = sentences[s];
      const words = sentence.words;
      if (words.length < params.longSentence / 2) continue;
      const reasons: string[] = [];
      let score = 0;
      if (words.length >= params.longSentence) {
        const points = Math.min(3, Math.floor(words.length / params.longSentence));
        score += points;
        reasons.push(`${words.length} mots`);
      }
      // Each word's key after its elision, as an id of `keys` (l'équipe → équipe).
      const first = table.first[s];
      const id = (i: number) => keys.ofForm[table.form[first + i]];
      let spaced = false;
      for (let i = 0; i < words.length && !spaced; i++) spaced = keys.spaced[id(i)] === 1;
      // Grams as numbers (two ids), or as the texts joined by spaces where a key
      // holds a space (« 1 000 »), whose joined texts can meet another pair's.
      const pair = (a: number, b: number) => (spaced ? `${keys.texts[a]} ${keys.texts[b]}` : a * n + b);
      const skipped = (a: number, b: number) => (spaced ? `${keys.texts[a]} _ ${keys.texts[b]}` : n * n + a * n + b);
      grams.clear();
      let repeats = 0;
      for (let i = 0; i + 2 <= words.length; i++) {
        const a = id(i);
        const b = id(i + 1);
        if (!(flags[a] & CONTENT) || !(flags[b] & CONTENT)) continue;
        repeats += count(pair(a, b));
      }
      // Same content pair with a function word between: "négociations de paix".
      for (let i = 0; i + 3 <= words.length; i++) {
        const a = id(i);
        const c = id(i + 2);
        if (!(flags[a] & CONTENT) || flags[id(i + 1)] & CONTENT || !(flags[c] & CONTENT)) continue;
        repeats += count(skipped(a, c));
      }
      if (repeats > 0) {
        score += Math.min(4, 2 * repeats);
        reasons.push(`${repeats} groupe${repeats > 1 ? 's' : ''} de mots répété${repeats > 1 ? 's' : ''}`);
      }
      // The two tests below add a point each at most: a sentence that cannot
      // reach the threshold with both is left here (most long sentences).
      if (score + 2 < params.threshold) continue;
      let clauses = 0;
      for (let i = 0; i < words.length; i++) if (flags[id(i)] & RELATIVE) clauses++;
      const verbs = text.slice(sentence.start, sentence.end).match(PAST_TENSES)?.length ?? 0;
      if (clauses + verbs >= 6 && (clauses + verbs) / words.length > 0.07) {
        score += 1;
        reasons.push(`${clauses + verbs} propositions enchaînées`);
      }
      let midCapitals = 0;
      for (let i = 1; i < words.length; i++) {
        if (keys.texts[id(i)].length <= 3 && isCapitalised(words[i].text) && /^\s+$/.test(text.slice(words[i - 1].end, words[i].start))) midCapitals++;
      }
      if (midCapitals > 0) {
        score += 1;
        reasons.push('majuscule au milieu de la phrase');
      }
      if (score < params.threshold) continue;
      const trimmed = text.slice(sentence.start, sentence.end).trimEnd();
      report({ start: sentence.start, end: sentence.start + trimmed.length, values: { reasons: reasons.join(', '), score: String(score) } });
    }
  },
};

const PAST_TENSES = /\b(?:a|ont|avait|avaient|est|sont)\s+\p{L}+[éiu]e?s?\b/gu;
const RELATIVES = new Set(['que', 'qui', 'dont', 'lesquelles', 'lesquels', 'laquelle', 'lequel']);
const CONTENT = 1;
const RELATIVE = 2;

/**
 * A run's keys after elision, made once per distinct form rather than once per
 * word of every long sentence (issue #15), and per rule's params the flags of
 * each key (a content word, a relative pronoun).
 */
interface ElidedKeys {
  /** The key id of each form id of the run's WordIds. */
  ofForm: Int32Array;
  texts: string[];
  /** 1 where the key holds a space. */
  spaced: Uint8Array;
  flags: WeakMap<GarbledParams, Uint8Array>;
}
const elidedKeysByTable = new WeakMap<WordIds, ElidedKeys>();
function elidedKeysOf(table: WordIds): ElidedKeys {
  let keys = elidedKeysByTable.get(table);
  if (keys) return keys;
  const ids = new Map<string, number>();
  const texts: string[] = [];
  const ofForm = new Int32Array(table.forms.length);
  for (let f = 0; f < table.forms.length; f++) {
    const key = wordKey(withoutElision(table.forms[f]));
    let id = ids.get(key);
    if (id === undefined) {
      id = texts.length;
      ids.set(key, id);
      texts.push(key);
    }
    ofForm[f] = id;
  }
  const spaced = new Uint8Array(texts.length);
  for (let k = 0; k < texts.length; k++) if (texts[k].includes(' ')) spaced[k] = 1;
  keys = { ofForm, texts, spaced, flags: new WeakMap() };
  elidedKeysByTable.set(table, keys);
  return keys;
}
function flagsOf(keys: ElidedKeys, params: GarbledParams): Uint8Array {
  let flags = keys.flags.get(params);
  if (flags) return flags;
  flags = new Uint8Array(keys.texts.length);
  for (let k = 0; k < keys.texts.length; k++) {
    const key = keys.texts[k];
    if (!params.ignore.has(key) && key.length > 2) flags[k] |= CONTENT;
    if (RELATIVES.has(key)) flags[k] |= RELATIVE;
  }
  keys.flags.set(params, flags);
  return flags;
}
