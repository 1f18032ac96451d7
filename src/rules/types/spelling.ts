import type { SuggestionBudget } from '../../dictionaries/word-set.ts';
import { readNumber } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
import { nameModel } from '../../names/name-model.ts';
import { wordIdsOf } from './word-ids.ts';
import { hasDigit, isAllCaps, isCapitalised, isOrdinal, opensClause, withoutElision } from './words.ts';

/**
 * Words the French dictionary does not know. A lower-case word is `minor` when a
 * dictionary word is one edit (or a few accents) away, `info` otherwise, or when
 * it recurs (a term, not a typo). Proper nouns are the hard part:
 * a capitalised word that recurs in the document is taken as a name (the name
 * variant rule watches its spelling); a capitalised word seen once is only
 * reported as `info`, unless a determiner shows it is a common noun (des Ucraians).
 * Words of the editor's corrections (the Rutte of Routte → Rutte) and of the
 * project word list are known: the editor vouched for them, and accepting a fix
 * must not raise a new flag. A probable name (src/names/name-model.ts) is never a
 * misspelling: a listed or recurring one is left alone, another is a `info`
 * « name to verify ».
 */
interface SpellingParams {
  minLength: number;
  maxSuggestions: number;
}

const DETERMINERS = new Set(['le', 'la', 'les', 'des', 'un', 'une', 'du', 'aux', 'au', 'ces', 'ses', 'leurs', 'nos', 'vos', 'mes', 'tes', 'plusieurs', 'quelques']);
/**
 * Dictionary look-ups for suggestions, per sentence and per check (an import, or
 * the re-check of an edited sentence). A word costs about 90 look-ups per letter
 * (≈0.6 µs each): a sentence may spend 40 ms, a whole check 2 s. Past that, words
 * are still reported, without suggestions: the work of one request stays bounded
 * whatever its text (a run of thousands of unknown words, a 1 MB "word").
 */
export const SUGGESTION_LOOKUPS_PER_SENTENCE = 60_000;
export const SUGGESTION_LOOKUPS_PER_CHECK = 3_000_000;

const NON_FRENCH_LETTER = /[áíóúñãõåøłßýčřšžćęąńőű]/iu;

export const spellingRule: RuleType<SpellingParams> = {
  name: 'spelling',
  keys: ['minLength', 'maxSuggestions'],
  fallback: true,
  parse: (definition) => ({ minLength: readNumber(definition, 'minLength', 2), maxSuggestions: readNumber(definition, 'maxSuggestions', 5) }),
  check(context, params, report) {
    const { text, segmented, index, corrections, dictionary, knownWords } = context;
    const french = dictionary('fr');
    const names = nameModel(context);
    const corrected = new Set(corrections.match(text).map((m) => m.start));
    const suggestions = new Map<string, string[]>();
    const checkBudget: SuggestionBudget = { remaining: SUGGESTION_LOOKUPS_PER_CHECK };
    // Most tokens repeat (de, la, que…): the tests that depend on the form alone
    // are made once per distinct form and kept for the run (rule-caches.test.ts),
    // by the form's id (word-ids.ts).
    const table = wordIdsOf(segmented);
    const unknownLowerCase = table.perForm(
      (form) => form.length >= params.minLength && form === form.toLowerCase() && !hasDigit(form) && !NON_FRENCH_LETTER.test(form) && !french.knows(form) && !knownWords?.has(form),
    );
    // A form that is never reported, wherever it stands: too short, a number, an
    // ordinal, vouched for by the editor or the word list, in another alphabet,
    // known to French, an acronym.
    const silent = table.perForm(
      (form) =>
        form.length < params.minLength ||
        hasDigit(form) ||
        isOrdinal(form) ||
        corrections.vouches(form) ||
        (knownWords !== undefined && (knownWords.has(form) || knownWords.has(withoutElision(form)))) ||
        NON_FRENCH_LETTER.test(form) || // the untranslated-word rules speak for these
        french.knows(form) ||
        (isAllCaps(form) && form.length <= 6), // Acronyms (JD, OTAN, UE) are names of their own.
    );
    const sentences = segmented.sentences;
    for (let s = 0; s < sentences.length; s++) {
      const sentence = sentences[s];
      const first = table.first[s];
      const budget: SuggestionBudget = { remaining: Math.min(SUGGESTION_LOOKUPS_PER_SENTENCE, checkBudget.remaining) };
      // A sentence with many unknown words is a passage in dialect or in another
      // language, quoted on purpose (ELTeC's patois songs, Latin sermons): its
      // words are worth a look, not typos. An MT typo stands alone.
      const words = sentence.words;
      let unknown = 0;
      for (let k = 0; k < words.length; k++) if (unknownLowerCase(table.form[first + k])) unknown++;
      const passage = unknown >= 3 && unknown >= 0.15 * words.length;
      for (let position = 0; position < words.length; position++) {
        const word = words[position];
        const form = word.text;
        if (corrected.has(word.start) || silent(table.form[first + position])) continue;
        const core = withoutElision(form);
        let severity: 'minor' | 'info' | undefined;
        const count = index.wordCounts.get(form) ?? 0;
        if (isCapitalised(core) || isAllCaps(form)) {
          if (count >= 2) continue;
          const verdict = names.judge(sentence, position);
          if (verdict.known) continue;
          if (verdict.name) {
            report({ start: word.start, end: word.end, suggestions: [], severity: 'info', message: '« {text} » : nom propre à vérifier (inconnu du dictionnaire).' });
            continue;
          }
          const previous = words[position - 1];
          const gap = previous ? text.slice(previous.end, word.start) : '';
          const afterDeterminer = previous && !opensClause(gap) && DETERMINERS.has(previous.text.toLowerCase());
          severity = afterDeterminer ? 'minor' : 'info';
        }
        // A name seen once gets no suggestions: Vance is not a misspelt Vanne.
        let list = severity === 'info' ? [] : suggestions.get(form);
        let unknownDistance = false;
        if (!list) {
          const before = budget.remaining;
          budget.exhausted = false;
          list = french.suggest(form, params.maxSuggestions, budget);
          checkBudget.remaining -= before - budget.remaining;
          // Out of budget the word was not compared with the dictionary: say nothing of its distance, and try again elsewhere.
          if (budget.exhausted && list.length === 0) unknownDistance = true;
          else suggestions.set(form, list);
        }
        // A word used again and again, or far from every French word, is more
        // likely a term, a dialect word or a name than a typo: worth a look only.
        if (severity === undefined && (count >= 3 || (list.length === 0 && !unknownDistance) || passage)) severity = 'info';
        report({ start: word.start, end: word.end, suggestions: list, severity });
      }
    }
  },
};
