import { editDistance, pairsOf, trimmedSpan } from '../../bilingual/pair-text.ts';
import { readString } from '../../engine/params.ts';
import type { Glossary, RuleType } from '../../engine/rule-type.ts';

/**
 * Terminology against the source. `check: terms`: a source term present means
 * its expected target term must be there (« GDP » → « PIB »); a forbidden
 * target term (or the source term copied) is flagged with the expected one.
 * `check: do-not-translate`: a term of the list in the source must be in the
 * target as is (brand and product names). The rule's own `terms` ship with the
 * pack; a user's termbase (TBX or CSV, `--termbase`) and do-not-translate list
 * (`--do-not-translate`) join them at check time through `CheckContext.glossary`.
 */
interface Term {
  source: string;
  target: string;
  forbidden: string[];
  sourcePattern: RegExp;
  targetPattern: RegExp;
  forbiddenPatterns: RegExp[];
}

interface SourceTermbaseParams {
  check: 'terms' | 'do-not-translate';
  terms: Term[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[\\s\\u00A0]+');

/** Whole words; an acronym (GDP) matches its case only, other terms any case and a French plural. */
function termPattern(term: string, plural: boolean): RegExp {
  const acronym = /^[\p{Lu}\d]+$/u.test(term);
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(term)}${plural && !acronym ? '(?:s|x|es)?' : ''}(?![\\p{L}\\p{N}])`, acronym ? 'gu' : 'giu');
}

export function compileTerm(source: string, target: string, forbidden: string[] = [], caseSensitive = false): Term {
  // Built on first use: only a bilingual check reads them, and building the
  // pack's terms' Unicode expressions cost every start 25 ms.
  let sourcePattern: RegExp | undefined;
  let targetPattern: RegExp | undefined;
  let forbiddenPatterns: RegExp[] | undefined;
  return {
    source, target, forbidden,
    // A do-not-translate name is one when capitalised as listed (Windows, not windows).
    get sourcePattern() {
      return (sourcePattern ??= caseSensitive ? new RegExp(termPattern(source, false).source, 'gu') : termPattern(source, true));
    },
    get targetPattern() {
      return (targetPattern ??= termPattern(target, true));
    },
    get forbiddenPatterns() {
      return (forbiddenPatterns ??= forbidden.map((f) => termPattern(f, true)));
    },
  };
}

const glossaryCache = new WeakMap<Glossary, { terms: Term[]; doNotTranslate: Term[] }>();

function userTerms(glossary: Glossary | undefined) {
  if (!glossary) return { terms: [], doNotTranslate: [] };
  let compiled = glossaryCache.get(glossary);
  if (!compiled) {
    compiled = {
      terms: glossary.terms.map((t) => compileTerm(t.source, t.target, t.forbidden)),
      doNotTranslate: glossary.doNotTranslate.map((t) => compileTerm(t, t, [], true)),
    };
    glossaryCache.set(glossary, compiled);
  }
  return compiled;
}

export const sourceTermbaseRule: RuleType<SourceTermbaseParams> = {
  name: 'source-termbase',
  keys: ['check', 'terms'],
  needsSource: true,
  parse(definition) {
    const check = readString(definition, 'check');
    if (check !== 'terms' && check !== 'do-not-translate') throw new Error(`'check' is terms or do-not-translate, not '${check}'`);
    const raw = definition.terms ?? [];
    if (!Array.isArray(raw)) throw new Error("'terms' is a list");
    const terms = raw.map((entry) => {
      if (check === 'do-not-translate') {
        if (typeof entry !== 'string' || entry.trim() === '') throw new Error('a do-not-translate term is a string');
        return compileTerm(entry, entry, [], true);
      }
      const e = entry as Record<string, unknown>;
      if (typeof e?.source !== 'string' || typeof e.target !== 'string') throw new Error("a term is {source, target, forbidden?}");
      const forbidden = e.forbidden === undefined ? [] : Array.isArray(e.forbidden) ? e.forbidden.map(String) : [String(e.forbidden)];
      return compileTerm(e.source, e.target, forbidden);
    });
    return { check, terms };
  },
  check(context, params, report) {
    const user = userTerms(context.glossary);
    const terms = [...params.terms, ...(params.check === 'terms' ? user.terms : user.doNotTranslate)];
    if (terms.length === 0) return;
    for (const pair of pairsOf(context)) {
      for (const term of terms) {
        term.sourcePattern.lastIndex = 0;
        if (!term.sourcePattern.test(pair.source)) continue;
        const values = { term: term.source, expected: term.target };
        const wrong: Array<{ index: number; length: number }> = [];
        // The source term copied, or a forbidden one, stands where the expected term should.
        for (const pattern of [...term.forbiddenPatterns, ...(params.check === 'terms' && term.source.toLowerCase() !== term.target.toLowerCase() ? [term.sourcePattern] : [])]) {
          for (const match of pair.target.matchAll(pattern)) {
            // A citation [UN 2018] or a quoted original keeps the source's form.
            if (/[[(«“"][^\])»”"]*$/u.test(pair.target.slice(0, match.index!))) continue;
            wrong.push({ index: match.index!, length: match[0].length });
          }
        }
        for (const at of wrong) report({ start: pair.start + at.index, end: pair.start + at.index + at.length, suggestions: [term.target], values });
        term.targetPattern.lastIndex = 0;
        if (params.check === 'do-not-translate') {
          // Must be there exactly as written.
          if (pair.target.includes(term.source)) continue;
          const variant = [...pair.target.matchAll(term.targetPattern)][0];
          // A case or accent variant (acme, Acmé) stands where the term should.
          const near = variant ? undefined : pair.targetWords.find((w) => editDistance(w.text.toLowerCase(), term.source.toLowerCase(), 1) <= 1 && term.source.length >= 4);
          if (variant) report({ start: pair.start + variant.index!, end: pair.start + variant.index! + variant[0].length, suggestions: [term.source], values });
          else if (near) report({ start: near.start, end: near.end, suggestions: [term.source], values });
          else report({ ...trimmedSpan(pair), values });
          continue;
        }
        if (wrong.length === 0 && !term.targetPattern.test(pair.target)) report({ ...trimmedSpan(pair), values });
      }
    }
  },
};
