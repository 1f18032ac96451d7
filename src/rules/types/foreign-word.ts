import { readNumber, readStringList } from '../../engine/params.ts';
import type { DictionaryName, RuleType } from '../../engine/rule-type.ts';
import { frenchFor } from '../../dictionaries/bilingual.ts';
import { frequencyRank } from '../../names/name-lists.ts';
import type { Token } from '../../types.ts';
import { wordIdsOf } from './word-ids.ts';
import { hasDigit } from './words.ts';

/**
 * A lower-case word that French does not know but Spanish or English does: a
 * word the MT left untranslated. Capitalised words are left to the name rules,
 * since names are spelled alike in every language. Calibration (issue #14): a
 * word among the `frequentRank` most frequent of its language (zxcvbn-ts's
 * OpenSubtitles counts: skills, devices, feedback) has the rule's severity; a
 * rare one (a dialect word that happens to be English, a Latin quotation) is
 * only `info`. The French equivalents come from FreeDict where it is installed
 * (src/dictionaries/bilingual.ts); they go in the message, not in the one-click
 * suggestions: a small dictionary's first sense is often not the one meant
 * (skills → « adresse, habileté » where « compétences » is meant).
 */
interface ForeignWordParams {
  languages: Array<'es' | 'en'>;
  minLength: number;
  frequentRank: number;
}

const LANGUAGE_NAMES = { es: 'espagnol', en: 'anglais' } as const;

export const foreignWordRule: RuleType<ForeignWordParams> = {
  name: 'foreign-word',
  keys: ['languages', 'minLength', 'frequentRank'],
  parse(definition) {
    const languages = readStringList(definition, 'languages', ['es', 'en']);
    for (const language of languages) if (language !== 'es' && language !== 'en') throw new Error(`'languages' knows es and en, not '${language}'`);
    return { languages: languages as Array<'es' | 'en'>, minLength: readNumber(definition, 'minLength', 4), frequentRank: readNumber(definition, 'frequentRank', 40000) };
  },
  check({ segmented, index, dictionary, knownWords }, params, report) {
    const french = dictionary('fr');
    // One verdict per distinct form for the run (rule-caches.test.ts), by the form's
    // id (word-ids.ts): the form's own tests (length, case, digits, dictionaries)
    // never change within a text.
    const table = wordIdsOf(segmented);
    const verdicts = new Array<'es' | 'en' | null | undefined>(table.forms.length);
    const languageOf = (id: number, form: string): 'es' | 'en' | null => {
      let language = verdicts[id];
      if (language === undefined) {
        language = null;
        if (form.length >= params.minLength && form === form.toLowerCase() && !hasDigit(form) && !french.knows(form) && !knownWords?.has(form)) {
          // The language where the word is most frequent, else the first that knows it.
          const knowing = params.languages.filter((name) => dictionary(name as DictionaryName).knows(form));
          const ranked = knowing.filter((name) => frequencyRank(name, form) !== undefined).sort((a, b) => frequencyRank(a, form)! - frequencyRank(b, form)!);
          language = ranked[0] ?? knowing[0] ?? null;
        }
        verdicts[id] = language;
      }
      return language;
    };
    // French, or a number; no word (the sentence's edge) counts as French.
    const frenchForm = table.perForm((form) => hasDigit(form) || french.knows(form));
    const isFrench = (words: Token[], first: number, i: number) => i < 0 || i >= words.length || frenchForm(table.form[first + i]);
    const sentences = segmented.sentences;
    for (let s = 0; s < sentences.length; s++) {
      const words = sentences[s].words;
      const first = table.first[s];
      for (let i = 0; i < words.length; i++) {
        const word = words[i];
        const form = word.text;
        const language = languageOf(table.form[first + i], form);
        if (!language) continue;
        // A word the text keeps using is a loanword of its story (vaquero), not a slip.
        if ((index.wordCounts.get(form) ?? 0) >= 3) continue;
        // A passage in another language (per labia, linguam) is quoted on purpose;
        // MT leftovers stand alone among French words.
        if (!isFrench(words, first, i - 1) || !isFrench(words, first, i + 1)) continue;
        const frequent = (frequencyRank(language, form) ?? Infinity) <= params.frequentRank;
        const equivalents = frenchFor(form, language);
        report({
          start: word.start,
          end: word.end,
          values: { language: LANGUAGE_NAMES[language], french: equivalents.length ? ` (en français : ${equivalents.join(', ')})` : '' },
          ...(frequent ? {} : { severity: 'info' as const }),
        });
      }
    }
  },
};
