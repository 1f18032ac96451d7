import type { WordSet } from '../dictionaries/word-set.ts';
import type { CheckContext } from '../engine/rule-type.ts';
import { isCapitalised, opensClause, withoutElision } from '../rules/types/words.ts';
import { indexAtOrBefore } from '../text/position.ts';
import type { Sentence } from '../types.ts';
import { frequencyRank, isFirstName, isListedName } from './name-lists.ts';

/**
 * Is this word probably a proper name? MT keeps Spanish and English names as they
 * are (Muñoz, Begoña, Logroño, Athletic), and a checker that reads them as
 * misspellings or untranslated words drowns the real errors. The signals, from
 * the weakest:
 *
 * - `mid-sentence`: capitalised away from the start of a sentence or clause;
 * - `recurs`: the document writes it capitalised more than once;
 * - `run`: beside another capitalised word (Iñaki Williams, New York), or
 *   joined to one by a particle (Instituto de Astrofísica, Marqués de Vallejo);
 * - `title`: after a title, a function or a place word (M., le ministre, rue);
 * - `first-name`: after a first name of the lists (Ana Botín);
 * - `gazetteer`: a first name or surname of the English and Spanish lists
 *   (zxcvbn-ts), or a word the Spanish or English dictionary has only with a
 *   capital (Logroño, Cádiz, Ibáñez) — only for words French does not know in
 *   lower case, since the surname lists hold common words too (Place, Page).
 *
 * Calibration: a capitalised word that is a frequent common word of English or
 * Spanish and not French (« les Skills », « la Reunión ») with no signal but its
 * place in the sentence is not taken for a name: an untranslated word stays caught.
 */
export type NameSignal = 'mid-sentence' | 'recurs' | 'run' | 'title' | 'first-name' | 'gazetteer';

export interface NameVerdict {
  name: boolean;
  /** A name by more than its place in the sentence: the capitalisation rule trusts only these. */
  strong: boolean;
  /** Listed in a gazetteer or used again in the document: a name to leave alone, not even to verify. */
  known: boolean;
  signals: NameSignal[];
}

const TITLES = new Set(
  'm mm mme mmes mlle dr pr me mgr sir lord lady saint sainte san santa don doña señor président présidente ministre maire gouverneur gouverneure entraîneur entraîneuse rapporteur rapporteure porte-parole commissaire directeur directrice secrétaire général générale chancelier chancelière premier roi reine prince princesse pape juge sénateur sénatrice député députée eurodéputé eurodéputée conseiller conseillère sélectionneur capitaine attaquant défenseur milieu gardien joueur joueuse chercheur chercheuse professeur professeure auteur auteure astrophysicienne astrophysicien économiste porte-parole rue avenue boulevard place quai cours allée impasse chemin route calle plaza paseo avenida quartier ville stade musée museo université club équipe festival prix fondation institut banque compagnie groupe société nommé nommée appelé appelée surnommé surnommée ô revue journal magazine quotidien hebdomadaire agence lac mont monts fleuve rivière île îles cap golfe mer'
    .split(' '),
);
const PARTICLES = new Set(['de', 'del', 'de la', 'da', 'do', 'dos', 'das', 'di', 'du', 'des', 'van', 'von', 'der', 'den', 'y', 'e', 'i', 'la', 'le', 'el', 'los', 'las', "d'", 'd’', 'of', 'the', 'and', 'et']);

export interface NameModel {
  judge(sentence: Sentence, position: number): NameVerdict;
  /** The verdict on the word that starts at `offset`, or undefined when no word starts there. */
  judgeAt(offset: number): NameVerdict | undefined;
}

// One model per check context: verdicts depend on the document's counts.
const models = new WeakMap<CheckContext, NameModel>();

export function nameModel(context: CheckContext): NameModel {
  let model = models.get(context);
  if (!model) models.set(context, (model = createNameModel(context)));
  return model;
}

function createNameModel({ text, index, dictionary, knownWords, segmented }: CheckContext): NameModel {
  let sentenceStarts: number[] | undefined;
  const french = dictionary('fr');
  // Spanish and English load when a word first needs them (14 ms of a cold start otherwise).
  let foreignSets: WordSet[] | undefined;
  const foreign = { some: (test: (set: WordSet) => boolean) => (foreignSets ??= [dictionary('es'), dictionary('en')]).some(test) };
  const capitalOnly = (word: string) => {
    const lower = word.toLowerCase();
    return foreign.some((set) => set.hasForm(word) && !set.hasForm(lower));
  };
  const frequentForeign = (lower: string) => !french.knows(lower) && ((frequencyRank('en', lower) ?? Infinity) <= 10000 || (frequencyRank('es', lower) ?? Infinity) <= 10000);
  const capitalised = (word: string) => isCapitalised(word) || /^\p{Lu}\p{Ll}+\p{Lu}/u.test(word) || word.split(/[-‑]/).every((part) => part !== '' && isCapitalised(part));
  // « Parlez Telefónica » is no name: a capitalised French word joins a run of
  // names only if English or Spanish has it too (Nature Astronomy, Gran Vía).
  const runnable = (word: string) => {
    const core = withoutElision(word);
    if (!capitalised(core)) return false;
    const lower = core.toLowerCase();
    return !french.knows(lower) || foreign.some((set) => set.knows(lower));
  };
  const inGazetteer = (core: string) => {
    if (knownWords?.has(core)) return true;
    if (french.knows(core.toLowerCase())) return false;
    return capitalOnly(core) || isListedName(core);
  };

  const model: NameModel = {
    judgeAt(offset) {
      sentenceStarts ??= segmented.sentences.map((s) => s.start);
      const sentence = segmented.sentences[indexAtOrBefore(sentenceStarts, offset)];
      const position = sentence?.words.findIndex((w) => w.start === offset) ?? -1;
      return position >= 0 ? model.judge(sentence!, position) : undefined;
    },
    judge(sentence, position) {
      const words = sentence.words;
      const word = words[position];
      const core = withoutElision(word.text);
      const signals: NameSignal[] = [];
      if (!capitalised(core)) return { name: false, strong: false, known: false, signals };
      const elided = core !== word.text;
      const gapBefore = position > 0 ? text.slice(words[position - 1].end, word.start) : '';
      const atStart = position === 0 ? !elided : opensClause(gapBefore);
      if (!atStart) signals.push('mid-sentence');
      // An elided form (l'Èbre) and the bare one (Èbre) are the same name.
      if ((index.wordCounts.get(core) ?? 0) + (elided ? (index.wordCounts.get(word.text) ?? 0) : 0) >= 2) signals.push('recurs');
      if (runnable(core) && inRun(text, words, position, runnable)) signals.push('run');
      const previous = position > 0 && !opensClause(gapBefore) ? words[position - 1].text.toLowerCase().replace(/\.$/, '') : undefined;
      if (previous && TITLES.has(withoutElision(previous))) signals.push('title');
      // The first-name lists hold common words too (Grand, Rose): the word itself must be unknown to French.
      if (previous && capitalised(words[position - 1].text) && isFirstName(words[position - 1].text) && !french.knows(core.toLowerCase())) signals.push('first-name');
      if (inGazetteer(core)) signals.push('gazetteer');
      const strong = signals.some((s) => s !== 'mid-sentence');
      let name = signals.length > 0;
      // An untranslated frequent word stays one, unless something more than its capital says name.
      const lower = core.toLowerCase();
      if (name && !signals.some((s) => s === 'gazetteer' || s === 'recurs' || s === 'title' || s === 'first-name' || s === 'run') && frequentForeign(lower)) name = false;
      return { name, strong: name && strong, known: name && (signals.includes('gazetteer') || signals.includes('recurs')), signals };
    },
  };
  return model;
}

/** Beside another capitalised word, directly or across a particle (de, del, of), without punctuation between. */
function inRun(text: string, words: Sentence['words'], position: number, runnable: (w: string) => boolean): boolean {
  const joined = (a: number, b: number) => !/[\p{P}]/u.test(text.slice(words[a].end, words[b].start).replace(/['’]/g, ''));
  const neighbour = (step: 1 | -1): boolean => {
    let i = position + step;
    let hops = 0;
    while (i >= 0 && i < words.length && hops < 2) {
      const from = step === 1 ? i - 1 : i;
      const to = step === 1 ? i : i + 1;
      if (!joined(from, to)) return false;
      const w = words[i].text;
      if (runnable(w)) return true;
      if (!PARTICLES.has(w.toLowerCase())) return false;
      i += step;
      hops++;
    }
    return false;
  };
  return neighbour(1) || neighbour(-1);
}
