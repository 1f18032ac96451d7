import { readNumber, readStringList } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
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
    for (const sentence of segmented.sentences) {
      const words = sentence.words;
      if (words.length < params.longSentence / 2) continue;
      const reasons: string[] = [];
      let score = 0;
      if (words.length >= params.longSentence) {
        const points = Math.min(3, Math.floor(words.length / params.longSentence));
        score += points;
        reasons.push(`${words.length} mots`);
      }
      const keys = words.map((w) => wordKey(withoutElision(w.text)));
      const content = (k: string) => !params.ignore.has(k) && k.length > 2;
      const grams = new Map<string, number>();
      let repeats = 0;
      for (let i = 0; i + 2 <= keys.length; i++) {
        if (!content(keys[i]) || !content(keys[i + 1])) continue;
        const gram = `${keys[i]} ${keys[i + 1]}`;
        grams.set(gram, (grams.get(gram) ?? 0) + 1);
        if (grams.get(gram) === 2) repeats++;
      }
      // Same content pair with a function word between: "négociations de paix".
      for (let i = 0; i + 3 <= keys.length; i++) {
        if (!content(keys[i]) || content(keys[i + 1]) || !content(keys[i + 2])) continue;
        const gram = `${keys[i]} _ ${keys[i + 2]}`;
        grams.set(gram, (grams.get(gram) ?? 0) + 1);
        if (grams.get(gram) === 2) repeats++;
      }
      if (repeats > 0) {
        score += Math.min(4, 2 * repeats);
        reasons.push(`${repeats} groupe${repeats > 1 ? 's' : ''} de mots répété${repeats > 1 ? 's' : ''}`);
      }
      const clauses = keys.filter((k) => k === 'que' || k === 'qui' || k === 'dont' || k === 'lesquelles' || k === 'lesquels' || k === 'laquelle' || k === 'lequel').length;
      const verbs = text.slice(sentence.start, sentence.end).match(/\b(?:a|ont|avait|avaient|est|sont)\s+\p{L}+[éiu]e?s?\b/gu)?.length ?? 0;
      if (clauses + verbs >= 6 && (clauses + verbs) / words.length > 0.07) {
        score += 1;
        reasons.push(`${clauses + verbs} propositions enchaînées`);
      }
      const midCapitals = words.slice(1).filter((w, i) => isCapitalised(w.text) && keys[i + 1].length <= 3 && /^\s+$/.test(text.slice(words[i].end, w.start))).length;
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
