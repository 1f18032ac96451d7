import { readCountThreshold, readStringList } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
import { nameModel } from '../../names/name-model.ts';
import { wordIdsOf } from './word-ids.ts';
import { isCapitalised, opensClause } from './words.ts';

/**
 * A capital in mid-sentence on a word that is not a name: MT often keeps the
 * capital of a word that began a sentence in the source ("avant cela Parlez").
 * The word must be a French common word (known in lower case, unknown with its
 * capital) and not capitalised again and again in the document (le Roi, l'État),
 * and not follow anything that opens a clause (a colon, a guillemet, a dash).
 * Articles capitalised before a lower-case word are always suspect (… de La possibilité).
 */
const DETERMINERS = new Set(['le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'au', 'aux', 'ce', 'cet', 'cette', 'ces', 'son', 'sa', 'ses', 'leur', 'leurs', 'notre', 'nos', 'votre', 'vos', 'mon', 'ma', 'mes']);

interface CapitalizationParams {
  articles: Set<string>;
  /** How many capitalised uses make a deliberate capital (a title, a name). */
  recurring: number;
}

export const capitalizationRule: RuleType<CapitalizationParams> = {
  name: 'capitalization',
  keys: ['articles', 'recurring'],
  parse: (definition) => ({
    articles: new Set(readStringList(definition, 'articles', ['Le', 'La', 'Les', 'Un', 'Une', 'Des', 'Du'])),
    recurring: readCountThreshold(definition, 'recurring', 2),
  }),
  check(context, params, report) {
    const { text, segmented, index, dictionary, knownWords } = context;
    const french = dictionary('fr');
    const names = nameModel(context);
    // Whether a word is capitalised, worked out once per distinct form (issue #15).
    const table = wordIdsOf(segmented);
    const capitalised = table.perForm(isCapitalised);
    const sentences = segmented.sentences;
    for (let s = 0; s < sentences.length; s++) {
      const sentence = sentences[s];
      const words = sentence.words;
      const first = table.first[s];
      for (let i = 1; i < words.length; i++) {
        if (!capitalised(table.form[first + i])) continue;
        const word = words[i].text;
        if (opensClause(text.slice(words[i - 1].end, words[i].start))) continue;
        const lower = word.toLowerCase();
        const next = words[i + 1];
        const article = params.articles.has(word);
        if (article) {
          // Le Pen, La Rochelle, Le Monde: an article before a capital is a name.
          if (!next || isCapitalised(next.text) || next.text === next.text.toUpperCase() || /[\p{P}]/u.test(text.slice(words[i].end, next.start))) continue;
        } else {
          if ((index.wordCounts.get(word) ?? 0) >= params.recurring) continue;
          if (french.hasForm(word) || !french.knows(lower) || /[\p{N}'’-]/u.test(word)) continue;
          // A name after a first name, a title or a capitalised article: Jean Bon, Mme Blanc, Le Monde.
          const previous = words[i - 1].text;
          // After a determiner the capital marks a noun used as a name: le Pentagone,
          // la Défense, les Européens, l'État.
          if (DETERMINERS.has(previous.toLowerCase()) || /^[lL]['’]/.test(word)) continue;
          if (isCapitalised(previous) && (params.articles.has(previous) || !french.knows(previous.toLowerCase()))) continue;
          // A name by more than its capital: in a run of English or Spanish words
          // (Nature Astronomy, New York), after a title or a place word (rue Marqués de Vallejo).
          if (knownWords?.has(word) || names.judge(sentence, i).strong) continue;
        }
        report({ start: words[i].start, end: words[i].end, suggestions: [lower] });
      }
    }
  },
};
