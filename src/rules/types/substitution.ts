import { escapeRegExp } from '../../corrections/match-corrections.ts';
import { readBoolean } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
import { followCase } from './pattern.ts';

/**
 * Vale's substitution: a table of whole-word forms and what to write instead.
 * One rule covers a family (Spanish spellings of Russian names, say), each row
 * with its own fix.
 */
interface SubstitutionParams {
  pattern: RegExp;
  swap: Map<string, string>;
  caseSensitive: boolean;
}

export const substitutionRule: RuleType<SubstitutionParams> = {
  name: 'substitution',
  keys: ['swap', 'caseSensitive'],
  parse(definition) {
    const table = definition.swap;
    if (typeof table !== 'object' || table === null || Array.isArray(table) || Object.keys(table).length === 0) {
      throw new Error("'swap' must be a mapping of wrong form → right form");
    }
    const caseSensitive = readBoolean(definition, 'caseSensitive', true);
    const swap = new Map<string, string>();
    for (const [from, to] of Object.entries(table)) {
      if (typeof to !== 'string' || to === '') throw new Error(`'swap': the fix for '${from}' must be a non-empty string`);
      swap.set(caseSensitive ? from.normalize('NFC') : from.normalize('NFC').toLowerCase(), to);
    }
    const alternatives = [...swap.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const pattern = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{M}\\p{N}])`, caseSensitive ? 'gu' : 'giu');
    return { pattern, swap, caseSensitive };
  },
  check({ text }, params, report) {
    for (const match of text.matchAll(params.pattern)) {
      const to = params.swap.get(params.caseSensitive ? match[0] : match[0].toLowerCase())!;
      report({ start: match.index!, end: match.index! + match[0].length, suggestions: [params.caseSensitive ? to : followCase(match[0], to)] });
    }
  },
};
