import { pairsOf, sourceLanguageOf, trimmedSpan } from '../../bilingual/pair-text.ts';
import { FRENCH_SCALES, formatFrench, readNumbers, sameValue, type NumberLanguage, type ReadNumber, type ScaleTable } from '../../bilingual/read-numbers.ts';
import { readString } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';

/**
 * The numbers of the source against those of the target, by value: a number
 * that changed (the target's figure is not the source's), one that is missing,
 * or one written in the source's convention (36.000, 9,000, 1.5 in French). Scale
 * words count: « 50.000 millones » is 5·10¹⁰, so « 50 milliards » is right and
 * « 50 millions » is not; an English billion is a French milliard.
 */
interface SourceNumbersParams {
  check: 'changed' | 'missing' | 'convention';
  scales: Record<NumberLanguage, ScaleTable>;
  /** French words for small numbers (« trois » for 3): a source figure written out in French is not missing. */
  words: Record<string, number>;
}

export const sourceNumbersRule: RuleType<SourceNumbersParams> = {
  name: 'source-numbers',
  keys: ['check', 'scales', 'words'],
  needsSource: true,
  parse(definition) {
    const check = readString(definition, 'check');
    if (check !== 'changed' && check !== 'missing' && check !== 'convention') throw new Error(`'check' is changed, missing or convention, not '${check}'`);
    const scales = (definition.scales ?? {}) as Record<string, Record<string, unknown>>;
    if (typeof scales !== 'object') throw new Error("'scales' maps a language to its scale words and their factors");
    const table = {} as Record<NumberLanguage, ScaleTable>;
    for (const language of ['fr', 'es', 'en'] as const) {
      table[language] = {};
      for (const [word, factor] of Object.entries(scales[language] ?? {})) {
        if (typeof factor !== 'number' || factor <= 0) throw new Error(`scale word '${word}' needs a positive factor`);
        table[language][word.toLowerCase()] = factor;
      }
    }
    const words = (definition.words ?? {}) as Record<string, unknown>;
    for (const [word, value] of Object.entries(words)) if (typeof value !== 'number') throw new Error(`number word '${word}' needs a value`);
    return { check, scales: table, words: words as Record<string, number> };
  },
  check(context, params, report) {
    const language = sourceLanguageOf(context);
    for (const pair of pairsOf(context)) {
      const sourceNumbers = readNumbers(pair.source, language, params.scales[language], 'fr');
      if (sourceNumbers.length === 0) continue;
      const targetNumbers = readNumbers(pair.target, 'fr', params.scales.fr, language).map((n) => ({ ...n, start: n.start + pair.start, end: n.end + pair.start, figureEnd: n.figureEnd + pair.start }));
      // A figure copied in the source's convention (36.000) reads in that convention too.
      for (const number of targetNumbers) {
        if (!number.figure.includes('.') && !number.figure.includes(',')) continue;
        const asSource = readNumbers(number.figure, language)[0];
        if (asSource && sourceNumbers.some((s) => s.figure === number.figure)) {
          number.figureValue = asSource.value;
          number.value = asSource.value * (number.scale?.factor ?? 1);
        }
      }

      if (params.check === 'convention') {
        for (const number of targetNumbers) {
          const source = sourceNumbers.find((s) => s.figure === number.figure);
          if (!source || !/[.,]/.test(number.figure)) continue;
          const french = formatFrench(source.figureValue, [], true);
          if (french.replace(/[\u00A0\u202F ]/g, ' ') === number.figure) continue;
          // 36.000 still reads 36 000 in French, and the typography rules ask for the
          // space; what only the source shows is a figure French reads otherwise
          // (9,000 is nine, 1.5 is no French number at all).
          const asFrench = readNumbers(number.figure, 'fr')[0];
          if (asFrench && asFrench.figure === number.figure && sameValue(asFrench.figureValue, source.figureValue)) continue;
          // 9,000 reads as nine in French: misleading. 1.5 reads as no French number: a style slip.
          const misleading = asFrench !== undefined && asFrench.figure === number.figure;
          report({ start: number.start, end: number.figureEnd, suggestions: [french], values: { source: source.figure }, ...(misleading ? {} : { severity: 'info' as const }) });
        }
        continue;
      }

      const unmatchedSource = [...sourceNumbers];
      const unmatchedTarget: ReadNumber[] = [];
      for (const number of targetNumbers) {
        const index = unmatchedSource.findIndex((s) => matches(s, number));
        if (index === -1) unmatchedTarget.push(number);
        else unmatchedSource.splice(index, 1);
      }
      // Small figures are often written out in French (« trois ans »).
      const targetLower = pair.target.toLowerCase();
      const writtenOut = (value: number) => Object.entries(params.words).some(([word, v]) => v === value && new RegExp(`(?<![\\p{L}])${word}(?![\\p{L}])`, 'u').test(targetLower)) || romanIn(pair.target, value);
      const missing = unmatchedSource.filter((s) => !writtenOut(s.value) && !writtenOut(s.figureValue));
      // Single digits are often enumerations (1), (2) or figure numbers a translation
      // rearranges: only a figure of two digits or more is missing for sure.
      const surelyMissing = missing.filter((s) => s.figure.replace(/\D/g, '').length >= 2);

      if (params.check === 'changed') {
        for (const number of unmatchedTarget) {
          // The source figure it stands for: the next one left, in order.
          const source = missing.shift();
          if (!source) break;
          const suggestion = source.scale || number.scale ? formatFrench(source.value, FRENCH_SCALES) : formatFrench(source.value);
          report({ start: number.start, end: number.scale ? number.end - percentLength(pair.target, number, pair.start) : number.figureEnd, suggestions: [suggestion], values: { source: pair.source.slice(source.start, source.end).trim() } });
        }
      } else if (unmatchedTarget.length === 0) {
        for (const source of surelyMissing) {
          const span = trimmedSpan(pair);
          report({ ...span, values: { source: pair.source.slice(source.start, source.end).trim() } });
        }
      }
    }
  },
};

/** « 50.000 millones », « 50 000 millions » and « 50 milliards » agree: values, scale words applied. */
function matches(source: ReadNumber, target: ReadNumber): boolean {
  if (sameValue(source.value, target.value)) return true;
  // « the 1990s » → « les années 90 »
  return Number.isInteger(target.value) && target.value >= 10 && target.value < 100 && source.value >= 1900 && source.value < 2100 && source.value % 100 === target.value;
}

function percentLength(target: string, number: ReadNumber, offset: number): number {
  const tail = target.slice(number.figureEnd - offset, number.end - offset);
  const percent = /[ \u00A0\u202F]?(?:%|pour ?cent)$/iu.exec(tail);
  return percent ? percent[0].length : 0;
}

const ROMAN: Array<[string, number]> = [['M', 1000], ['CM', 900], ['D', 500], ['CD', 400], ['C', 100], ['XC', 90], ['L', 50], ['XL', 40], ['X', 10], ['IX', 9], ['V', 5], ['IV', 4], ['I', 1]];

function toRoman(value: number): string {
  let out = '';
  for (const [letters, amount] of ROMAN) while (value >= amount) [out, value] = [out + letters, value - amount];
  return out;
}

/** « XXe siècle » for the source's « 20th century ». */
function romanIn(text: string, value: number): boolean {
  if (!Number.isInteger(value) || value < 1 || value > 3999) return false;
  return new RegExp(`(?<![\\p{L}])${toRoman(value)}(?:e|er|ème|es)?(?![\\p{L}])`, 'u').test(text);
}
