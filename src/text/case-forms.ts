/**
 * The forms a word stands in that mean the same word, as a dictionary reads
 * them (Hunspell's rule): as written; capitalised too when it is lower-case (a
 * sentence start); in capitals (a headline's MUÑOZ). A name is never
 * lower-cased: « muñoz » is not the name Muñoz. The corrections list, the
 * known words and the store's search for a word's sentences all use these, so
 * what one finds the others recognise.
 */
export type CaseForm = 'exact' | 'capitalised' | 'upper';

export function caseForms(word: string): Array<{ form: CaseForm; text: string }> {
  const forms: Array<{ form: CaseForm; text: string }> = [{ form: 'exact', text: word }];
  if (word === word.toLowerCase()) forms.push({ form: 'capitalised', text: capitalise(word) });
  forms.push({ form: 'upper', text: word.toUpperCase() });
  return forms.filter((f, i) => f.text !== '' && forms.findIndex((g) => g.text === f.text) === i);
}

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
