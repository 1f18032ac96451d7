import { MAX_COUNT_THRESHOLD, type DocumentIndex } from '../../engine/rule-type.ts';
import { oneEditApart } from '../../rules/types/name-variants.ts';
import { isCapitalised, withoutElision } from '../../rules/types/words.ts';
import type { WordChange } from './document-context.ts';

/**
 * Some verdicts are the whole document's, not a sentence's: a capitalised word
 * seen twice is a name (no spelling finding), a word used three times is a
 * loanword of the story, and of two spellings of a name the more frequent or the
 * first used is the reference. A change to one sentence can flip them in
 * sentences nobody touched (issue #13, defect 2: a « Zelenski » typed into the
 * first sentence made a later « Zelensky » the variant). Re-checking the whole
 * document after every accept would be right but halves throughput; this says
 * which other sentences a change can affect, so only those are checked again.
 *
 * A word's occurrences elsewhere, in two cases:
 * - its count moved below MAX_COUNT_THRESHOLD (or across it): every rule that
 *   reads counts compares them with a threshold in that range, so past it
 *   nothing flips, and under it the word has at most that many occurrences;
 * - it is a capitalised form with a variant in the document (one edit apart):
 *   the variants' findings name the reference and both counts, so each form of
 *   the family is re-checked, except a form the corrections list confirms
 *   (a `to`), alone in its family, which stays the reference whatever the counts.
 */
export interface AffectedWord {
  /** What the sentences are looked up by (sentencesWithWord): a superset of those holding the word. */
  needle: string;
  /** Whether one token of a sentence is an occurrence whose verdict may have changed. */
  matches(token: string): boolean;
}

export function affectedWords(changes: WordChange[], index: DocumentIndex, confirmed: ReadonlySet<string>): AffectedWord[] {
  const affected = new Map<string, AffectedWord>();
  const add = (word: string, matches: (token: string) => boolean) => {
    if (!affected.has(word)) affected.set(word, { needle: word, matches });
  };
  let capitalised: string[] | undefined;
  for (const { word, countBefore, countAfter } of changes) {
    if (countAfter > 0 && Math.min(countBefore, MAX_COUNT_THRESHOLD) !== Math.min(countAfter, MAX_COUNT_THRESHOLD)) {
      // An elided form counts toward its bare one's verdict (l'Èbre, Èbre: the name model), so both are looked at.
      add(word, (token) => token === word || withoutElision(token) === word);
    }
    if (!isCapitalised(word)) continue;
    capitalised ??= [...index.wordCounts.keys()].filter((form) => isCapitalised(form));
    const lower = word.toLowerCase();
    const family = capitalised.filter((form) => form === word || oneEditApart(form.toLowerCase(), lower));
    const others = family.filter((form) => form !== word);
    if (others.length === 0) continue;
    const confirmedForms = [word, ...others].filter((form) => confirmed.has(form));
    for (const form of family) {
      if (confirmedForms.length === 1 && confirmedForms[0] === form) continue;
      add(form, (token) => token === form);
    }
  }
  return [...affected.values()];
}
