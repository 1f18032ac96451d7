import { CorrectionMatcher } from './corrections/match-corrections.ts';
import { loadWordSet, type WordSet } from './dictionaries/word-set.ts';
import type { DictionaryName, DocumentIndex, Rule } from './engine/rule-type.ts';
import type { Prefilter } from './engine/prefilter.ts';
import { buildPrefilter, runRules, type RunResult } from './engine/run-rules.ts';
import { RULES_SOURCE } from './pipeline/rules-engine.ts';
import { DEFAULT_RULES_DIR, loadRuleDirectory } from './rules/load-rules.ts';
import { RULE_TYPES } from './rules/types/index.ts';
import type { Category, Correction } from './types.ts';

export interface CheckerOptions {
  /** Folder of YAML rule files; defaults to the French MT pack. */
  rulesDirectory?: string;
  /** Rule ids, id prefixes (`typography/`) or categories to switch off. */
  disable?: string[];
  /** Rules that are off by default (house style) to switch on, by id or prefix. */
  enable?: string[];
  /** Dictionaries, for tests that bring their own. */
  dictionary?: (name: DictionaryName) => WordSet;
  /** The project's own words (`.relecture/words.txt`): names and terms that are not errors. */
  knownWords?: Iterable<string>;
  /**
   * Look for every pattern rule's keywords in one pass first, and run an
   * expression only where its keywords occur (default). `false` searches the
   * whole text with every expression: the reference the prefilter is tested against.
   */
  prefilter?: boolean;
}

export interface CheckOptions {
  corrections?: Correction[];
  /** Counts of the whole document when checking one part of it. */
  index?: DocumentIndex;
  /** More known words for this check (a document's own list). */
  knownWords?: Iterable<string>;
  /** Called after each rule, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface Checker {
  /** Every loaded rule, enabled or not. */
  rules: Rule[];
  /** The rules that run. */
  enabledRules: Rule[];
  check(text: string, options?: CheckOptions): RunResult;
}

/** Does `selector` (an id, an id prefix ending in '/', or a category) select the rule? */
export function selects(selector: string, rule: Rule): boolean {
  return selector === rule.id || selector === rule.category || (selector.endsWith('/') && rule.id.startsWith(selector)) || rule.id.startsWith(`${selector}/`) || rule.category.startsWith(`${selector}/`);
}

export function createChecker(options: CheckerOptions = {}): Checker {
  const rules = loadRuleDirectory(options.rulesDirectory ?? DEFAULT_RULES_DIR);
  const disable = options.disable ?? [];
  const enable = options.enable ?? [];
  const enabledRules = rules.filter((rule) => {
    if (disable.some((selector) => selects(selector, rule))) return false;
    return rule.enabledByDefault || enable.some((selector) => selects(selector, rule));
  });
  // Dictionaries load on first use, so a check without spelling rules starts fast.
  const dictionary = options.dictionary ?? loadWordSet;
  let matcherCache: { list: Correction[]; matcher: CorrectionMatcher; known: Set<string> } | undefined;
  const projectWords = [...(options.knownWords ?? [])].map((word) => word.normalize('NFC'));
  let prefilter: Prefilter | undefined;
  return {
    rules,
    enabledRules,
    check(text, checkOptions = {}) {
      const list = checkOptions.corrections ?? [];
      if (matcherCache?.list !== list) {
        // The words of the editor's fixes are vouched for: names from the corrections list are known words.
        const fixed = list.flatMap((c) => c.to.normalize('NFC').match(/[\p{L}\p{M}'’-]+/gu) ?? []);
        matcherCache = { list, matcher: new CorrectionMatcher(list), known: new Set([...projectWords, ...fixed]) };
      }
      let knownWords = matcherCache.known;
      if (checkOptions.knownWords) knownWords = new Set([...knownWords, ...[...checkOptions.knownWords].map((w) => w.normalize('NFC'))]);
      if (options.prefilter !== false) prefilter ??= buildPrefilter(enabledRules, RULE_TYPES);
      const result = runRules({ text, rules: enabledRules, types: RULE_TYPES, corrections: matcherCache.matcher, dictionary, index: checkOptions.index, knownWords, onProgress: checkOptions.onProgress, prefilter });
      // Every finding says who sent it.
      for (const finding of result.findings) finding.source = RULES_SOURCE;
      return result;
    },
  };
}

/** Selectors the user named that match no rule: a typo should not pass silently. */
export function unknownSelectors(selectors: string[], rules: Rule[]): string[] {
  return selectors.filter((selector) => !rules.some((rule) => selects(selector, rule)) && !isCategory(selector));
}

function isCategory(value: string): value is Category {
  return ['accuracy', 'fluency', 'terminology', 'style', 'locale-convention'].some((c) => value === c || value.startsWith(`${c}/`));
}
