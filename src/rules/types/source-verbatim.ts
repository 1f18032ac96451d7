import { pairsOf, trimmedSpan } from '../../bilingual/pair-text.ts';
import { compilePattern, readString } from '../../engine/params.ts';
import type { RuleType } from '../../engine/rule-type.ts';

/**
 * What a translation copies as is: URLs, e-mail addresses, placeholders
 * (`%s`, `{0}`, `{{count}}`), inline codes of XLIFF and TMX (one private-use
 * character each). Every match of `pattern` in the source must be in the target;
 * a target match that is not in the source is a changed one (flagged, the
 * missing source one offered), and a source match with nothing in its place is
 * missing (the whole target flagged).
 */
interface SourceVerbatimParams {
  pattern: RegExp;
}

/** Inline codes stand as private-use characters; messages show them as tags. */
const shown = (text: string) => text.replace(/[\uE000-\uF8FF]/g, (c) => `<${c.charCodeAt(0) - 0xe000 + 1}>`);

export const sourceVerbatimRule: RuleType<SourceVerbatimParams> = {
  name: 'source-verbatim',
  keys: ['pattern'],
  needsSource: true,
  parse(definition, options) {
    const source = readString(definition, 'pattern');
    let pattern: RegExp | undefined;
    const build = () => (pattern ??= new RegExp(compilePattern(source, 'pattern', true).source, 'gu'));
    if (!options?.trusted) build(); // a broken expression fails at load; one from the rule cache compiled before
    // Built on first use: only a bilingual check runs this rule.
    return {
      get pattern() {
        return build();
      },
    };
  },
  check(context, params, report) {
    for (const pair of pairsOf(context)) {
      const sourceMatches = [...pair.source.matchAll(params.pattern)].map((m) => m[0]);
      const targetMatches = [...pair.target.matchAll(params.pattern)].map((m) => ({ text: m[0], index: m.index! }));
      if (sourceMatches.length === 0 && targetMatches.length === 0) continue;
      const missing = [...sourceMatches];
      const extra: typeof targetMatches = [];
      // http://www.x.org/ and www.x.org are one address.
      const key = (text: string) => text.replace(/^https?:\/\//, '').replace(/\/$/, '');
      for (const match of targetMatches) {
        const at = missing.findIndex((m) => key(m) === key(match.text));
        if (at === -1) extra.push(match);
        else missing.splice(at, 1);
      }
      for (const match of extra) {
        // A URL with its final dot or parenthesis is the same URL.
        const replacement = missing.shift();
        if (replacement === undefined) continue;
        report({ start: pair.start + match.index, end: pair.start + match.index + match.text.length, suggestions: /[\uE000-\uF8FF]/.test(replacement) ? [] : [replacement], values: { source: shown(replacement) } });
      }
      for (const left of missing) report({ ...trimmedSpan(pair), values: { source: shown(left) } });
    }
  },
};
