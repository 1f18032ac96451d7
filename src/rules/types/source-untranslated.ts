import { pairsOf, sourceLanguageOf, trimmedSpan } from '../../bilingual/pair-text.ts';
import { readNumber, readString } from '../../engine/params.ts';
import type { DictionaryName, RuleType } from '../../engine/rule-type.ts';

/**
 * Text the MT left in the source language. `check: copy`: the whole target is
 * the source (a sentence not translated at all). `check: words`: a word of the
 * source, written in lower case there (so not a name), copied into the target
 * though French does not know it (« Parlez Telefónica » for « intervención
 * telefónica »).
 */
interface SourceUntranslatedParams {
  check: 'copy' | 'words';
  minLength: number;
}

const PROTECTED = /\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|«[^»]*»|“[^”]*”|"[^"]*"|\([^)]*\)/gu;

const LANGUAGE_NAMES: Record<string, string> = { es: 'espagnol', en: 'anglais', fr: 'français' };

export const sourceUntranslatedRule: RuleType<SourceUntranslatedParams> = {
  name: 'source-untranslated',
  keys: ['check', 'minLength'],
  needsSource: true,
  parse(definition) {
    const check = readString(definition, 'check');
    if (check !== 'copy' && check !== 'words') throw new Error(`'check' is copy or words, not '${check}'`);
    return { check, minLength: readNumber(definition, 'minLength', check === 'copy' ? 3 : 4) };
  },
  check(context, params, report) {
    const language = sourceLanguageOf(context);
    const french = context.dictionary('fr');
    const sourceDictionary = context.dictionary(language as DictionaryName);
    const values = { language: LANGUAGE_NAMES[language] };
    for (const pair of pairsOf(context)) {
      if (params.check === 'copy') {
        const bare = pair.target.replace(/\b(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu, (m) => ' '.repeat(m.length));
        const words = pair.targetWords.filter((w) => /\p{L}/u.test(w.text) && bare[w.start - pair.start] !== ' ');
        if (words.length < params.minLength) continue;
        if (pair.target.trim().toLowerCase() !== pair.source.trim().toLowerCase()) continue;
        // A list of names or a French title kept as is: most words must be foreign.
        const foreign = words.filter((w) => !french.knows(w.text) || (sourceDictionary.knows(w.text.toLowerCase()) && !french.knows(w.text.toLowerCase())));
        if (foreign.length * 2 < words.length) continue;
        report({ ...trimmedSpan(pair), values });
        continue;
      }
      // Words inside URLs, quotes or parentheses are kept on purpose (a cited term, a gloss).
      const protectedSpans = [...pair.target.matchAll(PROTECTED)].map((m) => [pair.start + m.index!, pair.start + m.index! + m[0].length]);
      const isProtected = (start: number) => protectedSpans.some(([from, to]) => start >= from && start < to);
      const lowerInSource = new Set(pair.sourceWords.filter((w) => w.text === w.text.toLowerCase()).map((w) => w.text));
      const capitalisedInSource = new Set(pair.sourceWords.filter((w) => w.text !== w.text.toLowerCase()).map((w) => w.text.toLowerCase()));
      pair.targetWords.forEach((word, i) => {
        const lower = word.text.toLowerCase();
        if (word.text.length < params.minLength || /\d/.test(lower) || !lowerInSource.has(lower) || capitalisedInSource.has(lower)) return;
        // The source has it in lower case, a common word: French knowing the
        // Capitalised form (a company, Telefónica) does not make the copy right.
        if (french.knows(lower) || !sourceDictionary.knows(lower) || isProtected(word.start)) return;
        // A word the text keeps using is its borrowed term (feedback, warp), not a slip.
        if ((context.index.wordCounts.get(word.text) ?? 0) >= 2) return;
        // A kept technical term comes as a run of foreign words (Dynamic Time
        // Warping); an MT leftover stands alone among French words.
        const foreign = (w: { text: string } | undefined) => w !== undefined && !french.knows(w.text.toLowerCase()) && !french.knows(w.text);
        if (foreign(pair.targetWords[i - 1]) || foreign(pair.targetWords[i + 1])) return;
        report({ start: word.start, end: word.end, values });
      });
    }
  },
};
