import { pairsOf, sourceLanguageOf, trimmedSpan } from '../../bilingual/pair-text.ts';
import { readNumber, readString } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';

/**
 * Omissions and additions by length: a French translation runs about 10 % longer
 * than Spanish and 15–20 % longer than English (letters and digits counted); a
 * target far shorter than that lost a clause, one far longer added something.
 * `expected` and the bounds are calibrated on professional translations
 * (bench/bilingual-false-alarms.ts) so that clean text almost never trips them.
 */
interface SourceLengthParams {
  check: 'omission' | 'addition';
  /** Expected target/source ratio by source language. */
  expected: Record<string, number>;
  /** Flag below (omission) or above (addition) this multiple of the expected ratio. */
  bound: number;
  /** Pairs whose source has fewer letters than this are too short to judge. */
  minSourceLength: number;
}

const letters = (text: string) => (text.match(/[\p{L}\p{N}]/gu) ?? []).length;

export const sourceLengthRule: RuleType<SourceLengthParams> = {
  name: 'source-length',
  keys: ['check', 'expected', 'bound', 'minSourceLength'],
  needsSource: true,
  parse(definition) {
    const check = readString(definition, 'check');
    if (check !== 'omission' && check !== 'addition') throw new Error(`'check' is omission or addition, not '${check}'`);
    const expected = (definition.expected ?? { es: 1.1, en: 1.15 }) as Record<string, number>;
    for (const [language, ratio] of Object.entries(expected)) if (typeof ratio !== 'number' || ratio <= 0) throw new Error(`'expected.${language}' must be a positive ratio`);
    const bound = readNumber(definition, 'bound', check === 'omission' ? 0.5 : 2);
    if (check === 'omission' ? bound >= 1 : bound <= 1) throw new Error(`'bound' must be ${check === 'omission' ? 'below' : 'above'} 1`);
    return { check, expected, bound, minSourceLength: readNumber(definition, 'minSourceLength', 40) };
  },
  check(context, params, report) {
    const expected = params.expected[sourceLanguageOf(context)] ?? 1.1;
    for (const pair of pairsOf(context)) {
      const sourceLength = letters(pair.source);
      if (sourceLength < params.minSourceLength) continue;
      const targetLength = letters(pair.target);
      const relative = targetLength / sourceLength / expected;
      const out = params.check === 'omission' ? relative < params.bound : relative > params.bound;
      if (!out) continue;
      const percent = Math.round((targetLength / sourceLength) * 100);
      report({ ...trimmedSpan(pair), values: { percent: String(percent) } });
    }
  },
};
