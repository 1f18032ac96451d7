import { pairsOf, sourceLanguageOf, trimmedSpan } from '../../bilingual/pair-text.ts';
import { readString } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';

/**
 * Something the source says that the translation must say too, in whatever
 * words: a negation (« not », « no », « nunca ») whose target has no « ne »,
 * « pas », « jamais », « sans »… An MT that drops it inverts the sentence and
 * reads as good French, so only the source shows it. The rule gives a pattern
 * per source language (`en`, `es`) and one for the French; a pair whose source
 * matches and whose target does not is reported, on the whole target.
 */
interface SourcePresenceParams {
  source: Partial<Record<'en' | 'es', RegExp>>;
  target: RegExp;
}

export const sourcePresenceRule: RuleType<SourcePresenceParams> = {
  name: 'source-presence',
  keys: ['sourcePatterns', 'targetPattern'],
  needsSource: true,
  parse(definition) {
    const table = definition.sourcePatterns;
    if (typeof table !== 'object' || table === null || Array.isArray(table)) throw new Error("'sourcePatterns' must map a source language (en, es) to a pattern");
    const source: SourcePresenceParams['source'] = {};
    for (const [language, pattern] of Object.entries(table)) {
      if (language !== 'en' && language !== 'es') throw new Error(`'sourcePatterns': unknown source language '${language}' (known: en, es)`);
      if (typeof pattern !== 'string') throw new Error(`'sourcePatterns.${language}' must be a pattern`);
      source[language] = compile(pattern, `sourcePatterns.${language}`);
    }
    return { source, target: compile(readString(definition, 'targetPattern'), 'targetPattern') };
  },
  check(context, params, report) {
    const language = sourceLanguageOf(context);
    const wanted = language === 'fr' ? undefined : params.source[language];
    if (!wanted) return;
    for (const pair of pairsOf(context)) {
      if (pair.target.trim() === '') continue;
      const seen = wanted.exec(pair.source);
      if (!seen || params.target.test(pair.target)) continue;
      report({ ...trimmedSpan(pair), suggestions: [], values: { marker: seen[0] } });
    }
  },
};

function compile(pattern: string, key: string): RegExp {
  try {
    return new RegExp(pattern, 'iu');
  } catch (error) {
    throw new Error(`'${key}' is not a valid regular expression: ${(error as Error).message}`);
  }
}
