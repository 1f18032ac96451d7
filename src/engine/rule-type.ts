import type { CorrectionMatcher } from '../corrections/match-corrections.ts';
import type { WordSet } from '../dictionaries/word-set.ts';
import type { SegmentedText } from '../text/segment.ts';
import type { SearchFacts, SearchPattern } from './params.ts';
import type { KeywordHits } from './prefilter.ts';
import type { Category, Severity } from '../types.ts';

/**
 * A rule type is code; a rule is data (a YAML entry) that picks a type and gives
 * it parameters, a message and examples. Types read their parameters once, at
 * load time, so a broken rule fails before any text is checked.
 */
export interface RuleType<Params = unknown> {
  name: string;
  /** Parameter keys this type accepts besides the common ones. */
  keys: readonly string[];
  /**
   * A fallback type (spelling) gives way: its finding is dropped when another
   * rule flagged exactly the same span with something more specific.
   */
  fallback?: boolean;
  /**
   * Source-aware: the type reads `CheckContext.sources` and says nothing
   * without them; each of its rules' examples must give the `source` it translates.
   */
  needsSource?: boolean;
  /** Reads and checks the parameters; throws an `Error` whose message says what is wrong. */
  parse(definition: Record<string, unknown>, options?: ParseOptions): Params;
  check(context: CheckContext, params: Params, report: Report): void;
  /**
   * Does a rule of this type need the whole text, beyond the document's word
   * counts (state carried from paragraph to paragraph: open guillemets, the unit
   * of the figures before)? Such rules run on the whole text when paragraphs are
   * checked in worker threads (parallel-check.ts); the others paragraph by paragraph.
   */
  documentWide?: boolean | ((params: Params) => boolean);
  /** The searches of a rule, for the prefilter (engine/prefilter.ts) to look for their keywords in one pass. */
  searches?(params: Params): SearchPattern[];
}

export interface ParseOptions {
  /** The definition loaded before without error (the rule cache): expressions may be built on first use. */
  trusted?: boolean;
  /** What keywords.ts found in each expression, by source: read from and added to the rule cache. */
  searchFacts?: Map<string, SearchFacts>;
}

export type DictionaryName = 'fr' | 'es' | 'en';

/** What a rule reports: a span of the working (NFC) text and what to say about it. */
export interface RawFinding {
  start: number;
  end: number;
  suggestions?: string[];
  /** Replaces the rule's message (placeholders still apply). */
  message?: string;
  /** Values for `{name}` placeholders in the message. */
  values?: Record<string, string>;
  severity?: Severity;
}

export type Report = (finding: RawFinding) => void;

export interface Rule {
  id: string;
  type: string;
  category: Category;
  severity: Severity;
  message: string;
  /** Rules that are off by default (a stricter house style) are enabled by id. */
  enabledByDefault: boolean;
  /**
   * Former ids (calque/au-final before the calque/es/, calque/en/, usage/ scheme):
   * `--disable`, `.relecturerc.json` and findings stored under them still reach the rule.
   */
  aliases?: string[];
  description?: string;
  params: unknown;
  examples: RuleExample[];
  file: string;
  line: number;
}

export type RuleExample =
  | { kind: 'bad'; text: string; fix: string | null; corrections?: Array<{ from: string; to: string }>; source?: string; line: number }
  | { kind: 'good'; text: string; corrections?: Array<{ from: string; to: string }>; source?: string; line: number };

/**
 * A stretch of the checked target and the source text it translates (a unit of
 * an XLIFF or TMX file, a sentence pair of two aligned texts). Source-aware rule
 * types compare the two; the others never look at it.
 */
export interface SourcePair {
  /** `[start, end)` of the target in the checked text. */
  start: number;
  end: number;
  source: string;
}

/** A user's termbase and do-not-translate list (`--termbase`, `--do-not-translate`). */
export interface Glossary {
  terms: Array<{ source: string; target: string; forbidden?: string[] }>;
  doNotTranslate: string[];
}

/**
 * Counts over the whole document. Document-wide rules (name variants, proper
 * nouns that recur) read them; when one sentence is re-checked in the review app,
 * the index of the whole document is passed in, so results stay consistent.
 */
export interface DocumentIndex {
  /** Occurrences of each exact word form. */
  wordCounts: Map<string, number>;
  /**
   * Where each word form first stands: any numbers that order the forms as their
   * first occurrences do (a full check counts first uses from 0; the review app
   * keeps sentence-and-word places, which stay right as sentences change).
   */
  firstSeen: Map<string, number>;
  /**
   * Bumped by whoever updates the index in place when a Capitalised form appears
   * or disappears, so that rules caching per index (name variants) start over.
   */
  namesRevision?: number;
  /**
   * Bumped with `namesRevision` when a Capitalised form appears in the index or
   * leaves it: until then the name rules' pairs of forms (which forms the index
   * holds, in its order) stay as they were, only counts and places moved.
   */
  namesSetRevision?: number;
}

/**
 * The largest word count a rule compares with (« recurs » at 2, a loanword at 3,
 * `recurring`, `unlessRecurring`): past it every count means the same to the
 * rules. The review app relies on it: a change that moves a word's count within
 * the range re-checks the word's other sentences (src/web/review/document-wide-effects.ts),
 * and one past it does not. Rule parameters are held to it when rules load.
 */
export const MAX_COUNT_THRESHOLD = 5;

/**
 * Every threshold a rule compares a word's count with (`count >= t`): the
 * built-in ones (« recurs » at 2, a loanword at 3), and each rule parameter
 * read by `readCountThreshold` as the rules load. A count that moves without
 * crossing one of them changes no verdict of a word alone (a name's family is
 * another matter: document-wide-effects.ts).
 */
export const COUNT_THRESHOLDS = new Set<number>([2, 3]);

export function crossesCountThreshold(before: number, after: number): boolean {
  for (const threshold of COUNT_THRESHOLDS) if (before >= threshold !== after >= threshold) return true;
  return false;
}

export interface CheckContext {
  /** NFC working text; every span a rule reports is an offset into it. */
  text: string;
  segmented: SegmentedText;
  index: DocumentIndex;
  corrections: CorrectionMatcher;
  dictionary(name: DictionaryName): WordSet;
  /**
   * Bilingual documents only: the source of each stretch of the target, in
   * order, offsets into `text`. Absent for a plain MT text, and source-aware
   * rules then stay silent.
   */
  sources?: SourcePair[];
  /** BCP 47 tag of the source, when known (else the rules guess from its words). */
  sourceLanguage?: string;
  glossary?: Glossary;
  /**
   * Words the editor taught the checker (the project word list, the words of the
   * corrections list): never spelling, foreign-word or capital errors.
   */
  knownWords?: ReadonlySet<string>;
  /** Where the pattern rules' keywords occur (one pass over the text); undefined: search everywhere. */
  keywordHits?: KeywordHits;
}

export function buildDocumentIndex(segmented: SegmentedText): DocumentIndex {
  const tally = new WordTally();
  for (const sentence of segmented.sentences) for (const word of sentence.words) tally.add(word.text, 1);
  return tally.index();
}

/**
 * Word counts in first-seen order, as buildDocumentIndex and the parallel check's
 * shared count (shared-word-counts.ts) make them: one map look-up per word (the
 * form's place in first-seen order), counts in an array by that place, the count
 * map made once per distinct form at the end, in the same order (issue #15: a get
 * and a set per word before).
 */
export class WordTally {
  private readonly firstSeen = new Map<string, number>();
  private readonly counts: number[] = [];

  add(word: string, n: number): void {
    const seen = this.firstSeen.get(word);
    if (seen === undefined) {
      this.firstSeen.set(word, this.counts.length);
      this.counts.push(n);
    } else this.counts[seen] += n;
  }

  index(): DocumentIndex {
    const wordCounts = new Map<string, number>();
    for (const [form, seen] of this.firstSeen) wordCounts.set(form, this.counts[seen]);
    return { wordCounts, firstSeen: this.firstSeen };
  }
}
