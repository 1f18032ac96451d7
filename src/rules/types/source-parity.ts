import { pairsOf, trimmedSpan } from '../../bilingual/pair-text.ts';
import { compilePattern, readString } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';

/**
 * Marks that come in the same number on both sides: passages in parentheses or
 * brackets, quoted passages (whatever the quotation marks: « », “ ”, " "), list
 * items. Fewer in the target: a passage was dropped (the whole target is
 * flagged). A pattern can require content (a space inside: a passage, not an
 * acronym or a reference).
 */
interface SourceParityParams {
  /** Each match opens one passage. */
  openers: RegExp;
  /** Marks that open and close alike (straight quotes): two make one passage. */
  symmetric?: RegExp;
}

function count(text: string, params: SourceParityParams): { count: number; last?: { index: number; length: number } } {
  let total = 0;
  let last: { index: number; length: number } | undefined;
  for (const match of text.matchAll(params.openers)) {
    total++;
    last = { index: match.index!, length: match[0].length };
  }
  if (params.symmetric) {
    const marks = [...text.matchAll(params.symmetric)];
    total += Math.floor(marks.length / 2);
    const opener = marks[marks.length - 2 + (marks.length % 2)];
    if (marks.length >= 2 && opener && (!last || opener.index! > last.index)) last = { index: opener.index!, length: opener[0].length };
  }
  return { count: total, last };
}

export const sourceParityRule: RuleType<SourceParityParams> = {
  name: 'source-parity',
  keys: ['openers', 'symmetric'],
  needsSource: true,
  parse(definition, options) {
    const openersSource = readString(definition, 'openers');
    const symmetricSource = typeof definition.symmetric === 'string' ? definition.symmetric : undefined;
    let openers: RegExp | undefined;
    let symmetric: RegExp | undefined;
    const buildOpeners = () => (openers ??= new RegExp(compilePattern(openersSource, 'openers', true).source, 'gmu'));
    const buildSymmetric = () => (symmetricSource === undefined ? undefined : (symmetric ??= new RegExp(compilePattern(symmetricSource, 'symmetric', true).source, 'gmu')));
    // Built on first use (only a bilingual check runs this rule), at once when the rule is new: a broken expression fails at load.
    if (!options?.trusted) {
      buildOpeners();
      buildSymmetric();
    }
    return {
      get openers() {
        return buildOpeners();
      },
      get symmetric() {
        return buildSymmetric();
      },
    };
  },
  check(context, params, report) {
    for (const pair of pairsOf(context)) {
      const source = count(pair.source, params);
      const target = count(pair.target, params);
      if (source.count === target.count) continue;
      const values = { source: String(source.count), target: String(target.count) };
      // More in the target is the translator's freedom (a gloss, an acronym spelled
      // out): only a passage that disappeared is reported.
      if (target.count < source.count) report({ ...trimmedSpan(pair), values });
    }
  },
};
