import { compileSearch, readBoolean, readChoice, readCountThreshold, readString, readStringList, searchAll, type SearchPattern } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';
import { nameModel } from '../../names/name-model.ts';
import { withoutElision } from './words.ts';

/**
 * The workhorse: a regular expression over the text and replacement templates.
 * Calques, false friends, typography, reported speech and transliterations are
 * all rules of this type. `antipatterns` are exceptions: a match inside one of
 * their matches is not reported (LanguageTool's anti-patterns). `unlessRecurring: N`
 * leaves alone a one-word match that the document uses N times or more.
 * `frenchSuggestionsOnly` drops a suggestion with a word the French dictionary
 * does not know: a template that guesses a form (Ucraians → « Ucraiens ») had
 * better say nothing and leave the message to the editor. `probableNames: info`
 * reports a one-word match that is probably a proper name (src/names/name-model.ts)
 * as a `info` « name to verify », and drops it when the name is listed or recurs
 * (Begoña, Logroño); `probableNames: skip` drops every probable name.
 */
interface PatternParams {
  pattern: SearchPattern;
  replace: string[];
  antipatterns: SearchPattern[];
  keepCase: boolean;
  unlessRecurring: number;
  frenchSuggestionsOnly: boolean;
  probableNames: 'report' | 'info' | 'skip';
}

export const patternRule: RuleType<PatternParams> = {
  name: 'pattern',
  keys: ['pattern', 'replace', 'antipatterns', 'caseSensitive', 'keepCase', 'unlessRecurring', 'frenchSuggestionsOnly', 'probableNames'],
  parse(definition, options) {
    const caseSensitive = readBoolean(definition, 'caseSensitive', false);
    return {
      pattern: compileSearch(readString(definition, 'pattern'), 'pattern', caseSensitive, options),
      replace: readStringList(definition, 'replace'),
      antipatterns: readStringList(definition, 'antipatterns').map((source, i) => compileSearch(source, `antipatterns[${i}]`, caseSensitive, options)),
      keepCase: readBoolean(definition, 'keepCase', true),
      unlessRecurring: readCountThreshold(definition, 'unlessRecurring', 0),
      frenchSuggestionsOnly: readBoolean(definition, 'frenchSuggestionsOnly', false),
      probableNames: readChoice(definition, 'probableNames', ['report', 'info', 'skip'] as const, 'report'),
    };
  },
  searches: (params) => [params.pattern, ...params.antipatterns],
  // A match, or an exception, that may run over a line break needs the paragraphs
  // around; `^` and `$` need the text's own start and end.
  documentWide: (params) => [params.pattern, ...params.antipatterns].some((search) => search.crossesLines || search.anchored),
  check(context, params, report) {
    const { text, index, dictionary, knownWords, keywordHits } = context;
    let exceptions: Array<[number, number]> | undefined;
    for (const match of searchAll(text, params.pattern, keywordHits)) {
      const start = match.index!;
      const end = start + match[0].length;
      if (params.antipatterns.length > 0) {
        exceptions ??= params.antipatterns.flatMap((anti) => [...searchAll(text, anti, keywordHits)].map((m): [number, number] => [m.index, m.index + m[0].length]));
        if (exceptions.some(([from, to]) => from <= start && end <= to)) continue;
      }
      // A form the document uses again and again is deliberate (doña Jesusita).
      if (params.unlessRecurring > 0 && (index.wordCounts.get(match[0]) ?? 0) >= params.unlessRecurring) continue;
      let severity: 'info' | undefined;
      let message: string | undefined;
      if (params.probableNames !== 'report') {
        if (knownWords?.has(match[0]) || knownWords?.has(withoutElision(match[0]))) continue;
        const verdict = nameModel(context).judgeAt(start);
        if (verdict?.name) {
          if (params.probableNames === 'skip' || verdict.known) continue;
          severity = 'info';
          message = '« {text} » : nom propre à vérifier (graphie étrangère).';
        }
      }
      let suggestions = params.replace.map((template) => {
        const filled = expandTemplate(template, match);
        return params.keepCase ? followCase(match[0], filled) : filled;
      });
      if (params.frenchSuggestionsOnly) {
        const french = dictionary('fr');
        suggestions = suggestions.filter((suggestion) => (suggestion.match(/[\p{L}\p{M}]+/gu) ?? []).every((word) => french.knows(word)));
      }
      const values: Record<string, string> = {};
      match.forEach((group, i) => (values[String(i)] = group ?? ''));
      report({ start, end, suggestions, values, severity, message });
    }
  },
};

/** `$1`…`$9` and `$&` in a replacement; `\l$1` lower-cases the group. */
function expandTemplate(template: string, match: RegExpMatchArray): string {
  return template.replace(/(\\[lu])?\$(&|\d)/g, (_, modifier: string | undefined, group: string) => {
    const value = (group === '&' ? match[0] : match[Number(group)]) ?? '';
    if (modifier === '\\l') return value.toLowerCase();
    if (modifier === '\\u') return value.charAt(0).toUpperCase() + value.slice(1);
    return value;
  });
}

/** A match that starts with a capital (sentence start) gets a capitalised fix. */
export function followCase(matched: string, replacement: string): string {
  const first = matched.match(/\p{L}/u)?.[0];
  if (!first || first === first.toLowerCase()) return replacement;
  const index = replacement.search(/\p{L}/u);
  if (index === -1) return replacement;
  return replacement.slice(0, index) + replacement[index].toUpperCase() + replacement.slice(index + 1);
}
