import { editDistance, pairsOf, sourceLanguageOf, stripElision, trimmedSpan } from '../../bilingual/pair-text.ts';
import { readNumber, readString } from '../../engine/params.ts';
import type { DictionaryName, RuleType } from '../../engine/rule-type.ts';
import type { Token } from '../../types.ts';
import { isAllCaps, isCapitalised } from './words.ts';

/**
 * Proper names and acronyms of the source, in the target. A name is copied as
 * is in a translation; a near miss (Routte for Rutte, Sebastien for Sébastien)
 * that French does not know either is a slip, and the source spelling is the fix
 * (`check: spelling`). A name that no dictionary knows and that is nowhere in the
 * target, not even nearly, was probably dropped (`check: missing`). Exonyms
 * (Putin → Poutine, La Haya → La Haye) are French words or farther than one edit,
 * and are left alone.
 */
interface SourceNamesParams {
  check: 'spelling' | 'missing';
  minLength: number;
}

export const sourceNamesRule: RuleType<SourceNamesParams> = {
  name: 'source-names',
  keys: ['check', 'minLength'],
  needsSource: true,
  parse(definition) {
    const check = readString(definition, 'check');
    if (check !== 'spelling' && check !== 'missing') throw new Error(`'check' is spelling or missing, not '${check}'`);
    return { check, minLength: readNumber(definition, 'minLength', 4) };
  },
  check(context, params, report) {
    const language = sourceLanguageOf(context);
    const sourceDictionary = context.dictionary((language === 'fr' ? 'fr' : language) as DictionaryName);
    const french = context.dictionary('fr');
    for (const pair of pairsOf(context)) {
      const names = namesOf(pair.sourceWords).filter((name) => name.text.length >= params.minLength && !sourceDictionary.knows(name.text.toLowerCase()));
      if (names.length === 0) continue;
      const targetWords = pair.targetWords.map((word) => {
        const { word: bare, offset } = stripElision(word.text);
        return { text: bare, start: word.start + offset, end: word.end };
      });
      const targetForms = new Set(targetWords.map((w) => w.text));
      const reported = new Set<string>();
      for (const name of names) {
        if (targetForms.has(name.text) || reported.has(name.text)) continue;
        // One edit or letters swapped: Routte for Rutte, Sebastien for Sébastien, Dinghra for Dhingra. Not a change of case
        // (SCiB, SCIB), nor a form that only adds or drops an ending (Zayd, Zaydī).
        const near = targetWords.filter((w) => {
          const text = w.text.replace(/[\u00B9\u00B2\u00B3\u2070-\u209F]+$/u, '');
          if (!(isCapitalised(text) || isAllCaps(text)) || text === name.text || text.toLowerCase() === name.text.toLowerCase()) return false;
          if (text.startsWith(name.text) || name.text.startsWith(text)) return false;
          // Letters moved around (Dinghra for Dhingra) are a slip too, however far they moved.
          const anagram = text.length >= 5 && [...text.toLowerCase()].sort().join('') === [...name.text.toLowerCase()].sort().join('');
          return (editDistance(text, name.text, 1) <= 1 || anagram) && !french.knows(text);
        });
        if (params.check === 'spelling') {
          for (const word of near) report({ start: word.start, end: word.end, suggestions: [name.text], values: { name: name.text } });
          if (near.length > 0) reported.add(name.text);
          continue;
        }
        if (near.length > 0 || isAllCaps(name.text)) continue;
        // A name that opens the source sentence is often a pronoun in the translation (Rutte dijo… → Il a dit…).
        if (!/[\p{L},;]\s*$/u.test(pair.source.slice(0, name.start))) continue;
        // Names get translated or declined: only one no dictionary knows, with nothing like it in the target.
        if (french.knows(name.text) || context.dictionary('en').knows(name.text) || context.dictionary('es').knows(name.text)) continue;
        const prefix = name.text.slice(0, 4).toLowerCase();
        if (targetWords.some((w) => w.text.toLowerCase().startsWith(prefix) || editDistance(w.text.toLowerCase(), name.text.toLowerCase(), 3) <= 3)) continue;
        reported.add(name.text);
        report({ ...trimmedSpan(pair), values: { name: name.text } });
      }
    }
  },
};

/**
 * Capitalised words and acronyms (NATO, PIB). One that opens a sentence may be
 * any word: the caller keeps only those the source's dictionary does not know.
 */
function namesOf(words: Token[]): Token[] {
  const names: Token[] = [];
  for (const word of words) {
    // Kohonen's → Kohonen; the parts of a compound (Pb-acid, South-East) are words of their own.
    const bare = word.text.replace(/['’]s$/u, '');
    let offset = 0;
    for (const part of bare.split('-')) {
      const token = { ...word, text: part, start: word.start + offset, end: word.start + offset + part.length };
      offset += part.length + 1;
      if (bare.includes('-') || /[\d\u2080-\u2089\u00B2\u00B3\u00B9]/u.test(part)) continue;
      if (isAllCaps(part) ? part.length >= 2 && /^\p{Lu}+$/u.test(part) : isCapitalised(part)) names.push(token);
    }
  }
  return names;
}
