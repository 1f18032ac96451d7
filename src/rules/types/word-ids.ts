import type { SegmentedText } from '../../text/segment.ts';
import type { Sentence } from '../../types.ts';
import { wordKey } from './words.ts';

/**
 * The words of a checked text as numbers, made once per run for the rules that
 * judge words by their form: each distinct form and each distinct key (wordKey:
 * lower-cased, apostrophe unified) gets an id the first time it is seen. The
 * repetition modes compare ids; they, spelling and foreign-word keep a verdict
 * per id in an array, worked out once per distinct form, where each made a key
 * string per word or looked every word up in a map of its own (issue #15).
 * Ids hold within one run (one segmented text).
 */
export class WordIds {
  /** Sentence s has the words [first[s], first[s + 1]). */
  readonly first: Int32Array;
  /** Each word's form id and key id, sentence after sentence. */
  readonly form: Int32Array;
  readonly key: Int32Array;
  readonly forms: string[] = [];
  readonly keys: string[] = [];
  /** The key id of each form id. */
  private readonly keyOfForm: number[] = [];
  /** 1 where a key of the sentence holds a space (« 1 000 »): see `repeatedNgrams`. */
  readonly spaced: Uint8Array;
  /** Per key id: how often it occurs in the sentence being read (back to 0 after it). */
  readonly counts: Int32Array;

  constructor(sentences: readonly Sentence[]) {
    this.first = new Int32Array(sentences.length + 1);
    const wordsOf = sentences.map((sentence) => sentence.words);
    let total = 0;
    for (let s = 0; s < wordsOf.length; s++) {
      this.first[s] = total;
      total += wordsOf[s].length;
    }
    this.first[sentences.length] = total;
    this.form = new Int32Array(total);
    this.key = new Int32Array(total);
    this.spaced = new Uint8Array(sentences.length);
    const formIds = new Map<string, number>();
    const keyIds = new Map<string, number>();
    const keySpaced: boolean[] = [];
    let at = 0;
    for (let s = 0; s < wordsOf.length; s++) {
      const words = wordsOf[s];
      let spaced = false;
      for (let w = 0; w < words.length; w++, at++) {
        const text = words[w].text;
        let form = formIds.get(text);
        if (form === undefined) {
          form = this.forms.length;
          formIds.set(text, form);
          this.forms.push(text);
          const keyText = wordKey(text);
          let key = keyIds.get(keyText);
          if (key === undefined) {
            key = this.keys.length;
            keyIds.set(keyText, key);
            this.keys.push(keyText);
            keySpaced.push(keyText.includes(' '));
          }
          this.keyOfForm.push(key);
        }
        this.form[at] = form;
        const key = this.keyOfForm[form];
        this.key[at] = key;
        if (keySpaced[key]) spaced = true;
      }
      if (spaced) this.spaced[s] = 1;
    }
    this.counts = new Int32Array(this.keys.length);
  }

  /** A yes-or-no test of a form, made once per form id for the run and kept (the form's own tests never change within a text). */
  perForm(test: (form: string) => boolean): (id: number) => boolean {
    // 0: not asked yet, 1: yes, 2: no.
    const verdicts = new Uint8Array(this.forms.length);
    return (id) => {
      let verdict = verdicts[id];
      if (verdict === 0) verdicts[id] = verdict = test(this.forms[id]) ? 1 : 2;
      return verdict === 1;
    };
  }
}

/** A run's word ids, by its segmented text (the same sentences for every rule of the run). */
const wordIdsByText = new WeakMap<SegmentedText, WordIds>();
export function wordIdsOf(segmented: SegmentedText): WordIds {
  let table = wordIdsByText.get(segmented);
  if (!table) wordIdsByText.set(segmented, (table = new WordIds(segmented.sentences)));
  return table;
}

