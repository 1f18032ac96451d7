import { crossesCountThreshold, type DocumentIndex } from '../../engine/rule-type.ts';
import { isNameCandidate, oneEditApart } from '../../rules/types/name-variants.ts';
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
 * - its count crossed one of the thresholds rules compare counts with
 *   (COUNT_THRESHOLDS, all at most MAX_COUNT_THRESHOLD, so the word then has at
 *   most that many occurrences), or, for a name, the sum of its bare and elided
 *   forms that the name model reads did;
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

/** `nameMinLength`: the shortest form the name-variants rules compare (nameVariantsMinLength); undefined, no family is. */
export function affectedWords(changes: WordChange[], index: DocumentIndex, confirmed: ReadonlySet<string>, nameMinLength: number | undefined): AffectedWord[] {
  const affected = new Map<string, AffectedWord>();
  const add = (word: string, matches: (token: string) => boolean) => {
    if (!affected.has(word)) affected.set(word, { needle: word, matches });
  };
  let capitalised: string[] | undefined;
  // What the counts were before these changes (a form that did not change counts what it counts now).
  const before = new Map(changes.map((change) => [change.word, change.countBefore]));
  for (const { word, countBefore, countAfter } of changes) {
    // A verdict flips only where a count crosses a threshold the rules compare with: the word's own count, or,
    // for a name, the sum the name model reads (an elided form and the bare one are one name: l'Èbre and Èbre).
    if (countAfter > 0 && (crossesCountThreshold(countBefore, countAfter) || crossesNameSum(word, countBefore, countAfter, index, before))) {
      // An elided form counts toward its bare one's verdict (l'Èbre, Èbre: the name model), so both are looked at.
      add(word, (token) => token === word || withoutElision(token) === word);
    }
    // Families are the name-variants rule's: forms it never compares (Le, La, Ce at sentence starts) have none.
    if (nameMinLength === undefined || !isNameCandidate(word, nameMinLength)) continue;
    capitalised ??= [...index.wordCounts.keys()].filter((form) => isNameCandidate(form, nameMinLength));
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

const ELISIONS = ['l', 'd', 'j', 'm', 'n', 's', 't', 'c', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu'].flatMap((p) => [p, p.charAt(0).toUpperCase() + p.slice(1), p.toUpperCase()]);

/** The name model counts a Capitalised core with its elided forms (src/names/name-model.ts): whether that sum crossed a threshold. */
function crossesNameSum(word: string, countBefore: number, countAfter: number, index: DocumentIndex, before: ReadonlyMap<string, number>): boolean {
  const core = withoutElision(word);
  if (!isCapitalised(core)) return false;
  const now = (form: string) => index.wordCounts.get(form) ?? 0;
  const then = (form: string) => before.get(form) ?? now(form);
  // An elided form's tokens add the core; the core's own tokens count alone, but its elided tokens add it.
  const others = core !== word ? [core] : ELISIONS.flatMap((p) => [`${p}'${core}`, `${p}’${core}`]);
  const sumBefore = others.reduce((n, form) => n + then(form), 0);
  const sumAfter = others.reduce((n, form) => n + now(form), 0);
  return crossesCountThreshold(countBefore + sumBefore, countAfter + sumAfter);
}

/**
 * The forms whose name-variants findings a change can move, from the
 * references of the names (variant → reference, one map per rule) before and
 * after it: a form whose reference changed (or came, or went), and a variant
 * whose own count or whose reference's count changed (its finding names both
 * counts). Issue #15: re-checking every form of a changed name's family took the
 * 368 paragraphs of « Cibot » for one accept of « Ciboto » → « Cibot », where no
 * finding of them could move (« Cibot » is the reference, and has none).
 */
export function movedVariants(before: ReadonlyArray<ReadonlyMap<string, string>>, after: ReadonlyArray<ReadonlyMap<string, string>>, changes: WordChange[]): AffectedWord[] {
  const changed = new Set(changes.map((change) => change.word));
  const moved = new Set<string>();
  before.forEach((then, i) => {
    const now = after[i] ?? new Map<string, string>();
    for (const [form, reference] of then) if (now.get(form) !== reference) moved.add(form);
    for (const [form, reference] of now) if (then.get(form) !== reference || changed.has(form) || changed.has(reference)) moved.add(form);
  });
  return [...moved].map((form) => ({ needle: form, matches: (token: string) => token === form }));
}
