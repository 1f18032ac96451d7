import { readStringList } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
import { regularPlural } from '../../dictionaries/french-plurals.ts';
import { wordIdsOf } from './word-ids.ts';

/**
 * A plural determiner followed by a singular noun (« des samedi », « ces
 * projet »): the dictionary's flags say which words are singulars with a
 * regular plural. Only determiners that are never pronouns are listed in the
 * rule's data (not « les », which is also « il les porte »), and the word must
 * be lower case, unhyphenated, not a listed exception (adverbs that follow
 * « des » in « des plus », « des tout premiers »), not an ordinal, not the first
 * of a pair or a list, and its plural a form the French dictionary knows.
 */
interface DeterminerNumberParams {
  determiners: Set<string>;
  exceptions: Set<string>;
}

export const determinerNumberRule: RuleType<DeterminerNumberParams> = {
  name: 'determiner-number',
  keys: ['determiners', 'exceptions'],
  parse(definition) {
    const determiners = readStringList(definition, 'determiners');
    if (determiners.length === 0) throw new Error("'determiners' must list at least one plural determiner");
    return { determiners: new Set(determiners), exceptions: new Set(readStringList(definition, 'exceptions')) };
  },
  check({ segmented, dictionary, knownWords }, params, report) {
    const french = dictionary('fr');
    // Asked once per distinct form, not with a lower-cased copy of every word (issue #15).
    const table = wordIdsOf(segmented);
    const isDeterminer = table.perForm((form) => params.determiners.has(form.toLowerCase()));
    const sentences = segmented.sentences;
    for (let s = 0; s < sentences.length; s++) {
      const words = sentences[s].words;
      const first = table.first[s];
      for (let i = 0; i + 1 < words.length; i++) {
        if (!isDeterminer(table.form[first + i])) continue;
        const noun = words[i + 1];
        // Next to each other in the text, not across punctuation (« des, samedi »).
        if (segmented.text.slice(words[i].end, noun.start).trim() !== '') continue;
        const form = noun.text;
        if (params.exceptions.has(form) || knownWords?.has(form) || form.endsWith('ième')) continue;
        // A pair or a list shares the determiner, in the singular each: « ses père et mère », « des seizième, dix-septième ».
        const after = words[i + 2];
        if (after && (/^(?:et|ou|ni)$/.test(after.text) || /^\s*,/.test(segmented.text.slice(noun.end, after.start)))) continue;
        const plural = regularPlural(form);
        if (!plural || !french.hasForm(plural)) continue;
        report({ start: noun.start, end: noun.end, suggestions: [plural], values: { determiner: words[i].text } });
      }
    }
  },
};
