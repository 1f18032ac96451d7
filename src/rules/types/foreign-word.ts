import { readNumber, readStringList } from '../../engine/params.ts';
import type { DictionaryName, RuleType } from '../../engine/rule-type.ts';
import { hasDigit } from './words.ts';

/**
 * A lower-case word that French does not know but Spanish or English does: a
 * word the MT left untranslated. Capitalised words are left to the name rules,
 * since names are spelled alike in every language.
 */
interface ForeignWordParams {
  languages: Array<'es' | 'en'>;
  minLength: number;
}

const LANGUAGE_NAMES = { es: 'espagnol', en: 'anglais' } as const;

export const foreignWordRule: RuleType<ForeignWordParams> = {
  name: 'foreign-word',
  keys: ['languages', 'minLength'],
  parse(definition) {
    const languages = readStringList(definition, 'languages', ['es', 'en']);
    for (const language of languages) if (language !== 'es' && language !== 'en') throw new Error(`'languages' knows es and en, not '${language}'`);
    return { languages: languages as Array<'es' | 'en'>, minLength: readNumber(definition, 'minLength', 4) };
  },
  check({ segmented, index, dictionary }, params, report) {
    const french = dictionary('fr');
    const verdicts = new Map<string, string | null>();
    const languageOf = (form: string): string | null => {
      let language = verdicts.get(form);
      if (language === undefined) {
        language = null;
        if (!french.knows(form)) {
          const found = params.languages.find((name) => dictionary(name as DictionaryName).knows(form));
          if (found) language = LANGUAGE_NAMES[found];
        }
        verdicts.set(form, language);
      }
      return language;
    };
    const isFrench = (form: string | undefined) => form === undefined || hasDigit(form) || french.knows(form);
    for (const sentence of segmented.sentences) {
      const words = sentence.words;
      words.forEach((word, i) => {
        const form = word.text;
        if (form.length < params.minLength || form !== form.toLowerCase() || hasDigit(form)) return;
        const language = languageOf(form);
        if (!language) return;
        // A word the text keeps using is a loanword of its story (vaquero), not a slip.
        if ((index.wordCounts.get(form) ?? 0) >= 3) return;
        // A passage in another language (per labia, linguam) is quoted on purpose;
        // MT leftovers stand alone among French words.
        if (!isFrench(words[i - 1]?.text) || !isFrench(words[i + 1]?.text)) return;
        report({ start: word.start, end: word.end, values: { language } });
      });
    }
  },
};
