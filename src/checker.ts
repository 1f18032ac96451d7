import { CorrectionMatcher } from './corrections/match-corrections.ts';
import { loadWordSet, type WordSet } from './dictionaries/word-set.ts';
import type { DictionaryName, DocumentIndex, Glossary, Rule, SourcePair } from './engine/rule-type.ts';
import type { Prefilter } from './engine/prefilter.ts';
import { checkInParallel, defaultWorkerCount, PARALLEL_MIN_CHARS, type CheckedStretch, type CheckTimings } from './engine/parallel-check.ts';
import type { CheckWorkers, WorkerCheckerOptions } from './engine/check-workers.ts';
import { buildPrefilter, runRules, type RunResult, type UnfinishedFinding } from './engine/run-rules.ts';
import type { SentenceCuts } from './text/segment.ts';
import { RULES_SOURCE } from './pipeline/rules-engine.ts';
import { DEFAULT_RULES_DIR, loadRuleDirectory } from './rules/load-rules.ts';
import { recordRuleAliases } from './rules/rule-aliases.ts';
import { RULE_TYPES } from './rules/types/index.ts';
import { caseForms } from './text/case-forms.ts';
import type { Category, Correction, RuleFailure } from './types.ts';

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
  /** The editor's corrections; the review app passes its matcher, kept up to date entry by entry. */
  corrections?: Correction[] | CorrectionMatcher;
  /** Counts of the whole document when checking one part of it. */
  index?: DocumentIndex;
  /** More known words for this check (a document's own list), read at the first check given this list: pass a new list when the words change. */
  knownWords?: Iterable<string>;
  /** Called after each rule, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Bilingual documents: the source of each stretch of the text (source-aware rules read it). */
  sources?: readonly SourcePair[];
  sourceLanguage?: string;
  glossary?: Glossary;
}

export interface Checker {
  /** Every loaded rule, enabled or not. */
  rules: Rule[];
  /** The rules that run. */
  enabledRules: Rule[];
  /** Adds words to the project's known words, for every later check (the review app's « add to dictionary »). */
  learnWords(words: Iterable<string>): void;
  /** Takes learned words away again (the undo of « add to dictionary »). */
  forgetWords(words: Iterable<string>): void;
  check(text: string, options?: CheckOptions): RunResult;
  /**
   * The same result as `check`; a text of `PARALLEL_MIN_CHARS` or more is checked
   * by `workers` threads, one per core, this one included (`workers: 1` forces one thread).
   */
  checkAsync(text: string, options?: CheckOptions & { workers?: number; minChars?: number; partChars?: number; workerHeapMb?: number; mainPartsMaxChars?: number; timings?: CheckTimings; pool?: CheckWorkers; onChecked?: (stretch: CheckedStretch) => Promise<void> | void }): Promise<RunResult>;
  /** What a worker needs to build the same checker (its known words go with each check): a CheckWorkers pool is made of it. */
  readonly workerOptions: WorkerCheckerOptions;
  /** Some of the enabled rules over one part of a document, unfinished (for check-worker.ts). */
  checkPart(text: string, rules: Rule[], options: CheckOptions & { sentenceCuts?: SentenceCuts }): { findings: UnfinishedFinding[]; failures: RuleFailure[] };
}

/** Does `selector` (an id, an id prefix ending in '/', or a category) select the rule? */
export function selects(selector: string, rule: Rule): boolean {
  if (selector === rule.category || rule.category.startsWith(`${selector}/`)) return true;
  // Old ids keep working, as ids and as prefixes (calque/au-final, false-friend/carpeta).
  return [rule.id, ...(rule.aliases ?? [])].some((id) => selector === id || (selector.endsWith('/') && id.startsWith(selector)) || id.startsWith(`${selector}/`));
}

export function createChecker(options: CheckerOptions = {}): Checker {
  const rules = loadRuleDirectory(options.rulesDirectory ?? DEFAULT_RULES_DIR);
  recordRuleAliases(rules);
  const disable = options.disable ?? [];
  const enable = options.enable ?? [];
  const enabledRules = rules.filter((rule) => {
    if (disable.some((selector) => selects(selector, rule))) return false;
    return rule.enabledByDefault || enable.some((selector) => selects(selector, rule));
  });
  // Dictionaries load on first use, so a check without spelling rules starts fast.
  const dictionary = options.dictionary ?? loadWordSet;
  let matcherCache: { list: Correction[]; matcher: CorrectionMatcher } | undefined;
  let ownWordsCache: { list: Iterable<string>; words: WordList } | undefined;
  const projectWords = new WordList(options.knownWords ?? []);
  let prefilter: Prefilter | undefined;
  const prepare = (checkOptions: CheckOptions) => {
    const given = checkOptions.corrections ?? [];
    let matcher: CorrectionMatcher;
    if (given instanceof CorrectionMatcher) matcher = given;
    else {
      if (matcherCache?.list !== given) matcherCache = { list: given, matcher: new CorrectionMatcher(given) };
      matcher = matcherCache.matcher;
    }
    // A check's own words (a document's ignored words) in their case forms, kept per list as the matcher is:
    // the review app re-checks with the same list until the words change, when it passes a new one (issue #15).
    let own: WordList | undefined;
    if (checkOptions.knownWords) {
      if (ownWordsCache?.list !== checkOptions.knownWords) ownWordsCache = { list: checkOptions.knownWords, words: new WordList(checkOptions.knownWords) };
      own = ownWordsCache!.words;
    }
    // The words of the editor's fixes are vouched for: names from the corrections list are known words.
    const knownWords = new KnownWords(projectWords, matcher, own);
    if (options.prefilter !== false) prefilter ??= buildPrefilter(enabledRules, RULE_TYPES);
    return { corrections: matcher, dictionary, prefilter, knownWords };
  };
  // Every finding says who sent it, in each stretch too (an import stores them before the check's end).
  const sourcedStretches = (onChecked: (stretch: CheckedStretch) => Promise<void> | void) => (stretch: CheckedStretch) => {
    for (const finding of stretch.findings) finding.source = RULES_SOURCE;
    return onChecked(stretch);
  };
  const sourced = (result: RunResult) => {
    for (const finding of result.findings) finding.source = RULES_SOURCE;
    return result;
  };
  const workerOptions: WorkerCheckerOptions = { rulesDirectory: options.rulesDirectory, disable, enable, prefilter: options.prefilter };
  const checker: Checker = {
    rules,
    enabledRules,
    workerOptions,
    learnWords(words) {
      for (const word of words) projectWords.add(word);
    },
    forgetWords(words) {
      for (const word of words) projectWords.delete(word);
    },
    check(text, checkOptions = {}) {
      return sourced(runRules({
        ...prepare(checkOptions), text, rules: enabledRules, types: RULE_TYPES, index: checkOptions.index, onProgress: checkOptions.onProgress,
        sources: checkOptions.sources, sourceLanguage: checkOptions.sourceLanguage, glossary: checkOptions.glossary,
      }));
    },
    async checkAsync(text, checkOptions = {}) {
      const workers = checkOptions.workers ?? defaultWorkerCount();
      // Tests that bring their own dictionaries cannot hand them to a worker.
      // `this.check`: a wrapper that replaces `check` (a test's) is used for ordinary texts too.
      // A bilingual document runs in this thread: its source pairs span paragraphs the workers would cut.
      if (workers < 2 || text.length < (checkOptions.minChars ?? PARALLEL_MIN_CHARS) || options.dictionary || checkOptions.sources) {
        const result = this.check(text, checkOptions);
        // In one thread the whole text is one stretch.
        await checkOptions.onChecked?.({ end: text.length, findings: result.findings, segmented: result.segmented, words: result.words, last: true });
        return result;
      }
      const local = prepare(checkOptions);
      // Known words go to the workers as they would to this thread: the project's and the check's own.
      return sourced(await checkInParallel({ text, rules: enabledRules, types: RULE_TYPES, checker: workerOptions, knownWords: [...local.knownWords], corrections: local.corrections.corrections, index: checkOptions.index, local, workers, partChars: checkOptions.partChars, workerHeapMb: checkOptions.workerHeapMb, mainPartsMaxChars: checkOptions.mainPartsMaxChars, timings: checkOptions.timings, pool: checkOptions.pool, onChecked: checkOptions.onChecked && sourcedStretches(checkOptions.onChecked) }));
    },
    checkPart(text, subset, checkOptions) {
      const { findings, failures } = runRules({ ...prepare(checkOptions), text, rules: subset, types: RULE_TYPES, index: checkOptions.index, unfinished: true, sentenceCuts: checkOptions.sentenceCuts });
      return { findings, failures };
    },
  };
  return checker;
}

/**
 * Known words with every form they stand in (case-forms.ts, the dictionary's
 * rule): the project's « Muñoz » knows a headline's MUÑOZ, « ouvertment » the
 * « Ouvertment » that opens a sentence. Bug (#14 follow-up): the lookups were
 * exact, so a word ignored in a document kept its findings in capitals.
 */
class WordList {
  readonly words = new Set<string>();
  private readonly forms = new Set<string>();

  constructor(words: Iterable<string> = []) {
    for (const word of words) this.add(word);
  }

  add(word: string): void {
    const nfc = word.normalize('NFC');
    if (this.words.has(nfc)) return;
    this.words.add(nfc);
    for (const { text } of caseForms(nfc)) this.forms.add(text);
  }

  delete(word: string): void {
    if (!this.words.delete(word.normalize('NFC'))) return;
    // Another word may share a form (« école » and « École » both give ÉCOLE): the forms are those of the words left.
    this.forms.clear();
    for (const left of this.words) for (const { text } of caseForms(left)) this.forms.add(text);
  }

  knows(form: string): boolean {
    return this.forms.has(form);
  }
}

/**
 * The project's words, a check's own (a document's), and the words of the
 * corrections' fixes, read where they live: a correction added to a list of
 * 100,000 changes no copy of either.
 */
class KnownWords implements ReadonlySet<string> {
  constructor(
    private readonly project: WordList,
    private readonly corrections: CorrectionMatcher,
    private readonly own?: WordList,
  ) {}

  has(word: string): boolean {
    return this.project.knows(word) || (this.own?.knows(word) ?? false) || this.corrections.vouches(word);
  }

  get size(): number {
    return [...this].length;
  }

  *[Symbol.iterator](): SetIterator<string> {
    yield* this.project.words;
    if (this.own) for (const word of this.own.words) if (!this.project.words.has(word)) yield word;
    for (const word of this.corrections.vouchedWords()) if (!this.project.words.has(word) && !this.own?.words.has(word)) yield word;
  }

  keys(): SetIterator<string> {
    return this[Symbol.iterator]();
  }

  values(): SetIterator<string> {
    return this[Symbol.iterator]();
  }

  *entries(): SetIterator<[string, string]> {
    for (const word of this) yield [word, word];
  }

  forEach(callback: (value: string, key: string, set: ReadonlySet<string>) => void): void {
    for (const word of this) callback(word, word, this);
  }
}

/** Selectors the user named that match no rule: a typo should not pass silently. */
export function unknownSelectors(selectors: string[], rules: Rule[]): string[] {
  return selectors.filter((selector) => !rules.some((rule) => selects(selector, rule)) && !isCategory(selector));
}

function isCategory(value: string): value is Category {
  return ['accuracy', 'fluency', 'terminology', 'style', 'locale-convention'].some((c) => value === c || value.startsWith(`${c}/`));
}
