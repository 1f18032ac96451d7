import { readStringList } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
import type { Token } from '../../types.ts';

/**
 * A bare figure beside figures that carry a unit: "atteint à peine 1,28 avec la
 * promesse d'atteindre 2 %" lost its % in translation. A figure counts as bare
 * when it is a decimal, or is followed by punctuation or one of the `linkWords`
 * (not by the noun it counts: "32 alliés"). Years are never bare.
 */
interface NumberUnitParams {
  units: string[];
  linkWords: Set<string>;
}

const NUMBER = /^\p{N}+(?:[ \u00A0\u202F]\p{N}{3})*(?:[.,]\p{N}+)?$/u;

export const numberUnitRule: RuleType<NumberUnitParams> = {
  name: 'number-unit',
  // State carried across paragraphs (the unit of the figures before).
  documentWide: true,
  keys: ['units', 'linkWords'],
  parse: (definition) => ({
    units: readStringList(definition, 'units', ['%', '€', '$', 'euros', 'dollars', 'millions', 'milliards', 'points']),
    linkWords: new Set(readStringList(definition, 'linkWords', ['avec', 'et', 'ou', 'en', 'contre', 'à', 'au', 'pour', 'selon', 'mais', 'alors', 'soit', 'après', 'avant'])),
  }),
  check({ text, segmented }, params, report) {
    let previousUnit: string | null = null;
    // Where the next digit is: a sentence without one has no figure, and only ends the
    // unit carried over. Its words are not read (the main thread of a parallel check
    // keeps none, and tokenised the corpus's 60,000 sentences for 396 with a digit: issue #15).
    const digit = /\p{N}/gu;
    let nextDigit = -1;
    for (const sentence of segmented.sentences) {
      if (nextDigit < sentence.start) {
        digit.lastIndex = sentence.start;
        nextDigit = digit.exec(text)?.index ?? Infinity;
      }
      if (nextDigit >= sentence.end) {
        previousUnit = null;
        continue;
      }
      const units = new Set<string>();
      const bare: Token[] = [];
      sentence.words.forEach((word, i) => {
        if (!NUMBER.test(word.text)) return;
        const after = text.slice(word.end, sentence.words[i + 1]?.start ?? sentence.end);
        const next = sentence.words[i + 1];
        const symbol = params.units.find((unit) => !/\p{L}/u.test(unit) && after.trimStart().startsWith(unit));
        const wordUnit = next && after.trim() === '' ? params.units.find((unit) => unit === next.text || `${unit}` === next.text.replace(/^d['’]/, '')) : undefined;
        if (symbol || wordUnit) {
          units.add((symbol ?? wordUnit)!);
          return;
        }
        if (/^\p{N}{4}$/u.test(word.text) && Number(word.text) >= 1000 && Number(word.text) <= 2200) return;
        const decimal = /[.,]/.test(word.text);
        const linked = after.trim() !== '' || (next !== undefined && params.linkWords.has(next.text.toLowerCase())) || next === undefined;
        if (decimal ? linked || !next || params.linkWords.has(next.text.toLowerCase()) : linked && after.trim() !== '-') bare.push(word);
      });
      const unit = units.size === 1 ? [...units][0] : units.size === 0 ? previousUnit : null;
      if (unit) {
        for (const word of bare) {
          const spaced = /\p{L}/u.test(unit) ? ` ${unit}` : unit === '%' || unit === '€' ? ` ${unit}` : unit;
          report({ start: word.start, end: word.end, suggestions: [`${word.text}${spaced}`], values: { unit } });
        }
      }
      previousUnit = units.size === 1 ? [...units][0] : null;
    }
  },
};
