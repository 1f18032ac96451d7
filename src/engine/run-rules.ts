import { CorrectionMatcher } from '../corrections/match-corrections.ts';
import type { WordSet } from '../dictionaries/word-set.ts';
import { normalise, type NormalisedText } from '../text/normalise.ts';
import { LineIndex, indexAtOrBefore } from '../text/position.ts';
import { segment, type SegmentedText, type SentenceCuts } from '../text/segment.ts';
import { SEVERITIES, type Correction, type Finding, type RuleFailure } from '../types.ts';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDirectory, writeCacheFile } from '../dictionaries/word-set.ts';
import { Prefilter, type SerialisedPrefilter } from './prefilter.ts';
import { buildDocumentIndex, type CheckContext, type DictionaryName, type DocumentIndex, type Glossary, type Rule, type RuleType, type SourcePair } from './rule-type.ts';

export interface RunInput {
  /** The text as given (BOM already removed). */
  text: string;
  rules: Rule[];
  types: Record<string, RuleType<any>>;
  corrections?: Correction[] | CorrectionMatcher;
  dictionary(name: DictionaryName): WordSet;
  /** Counts of the whole document, when `text` is only a part of it. */
  index?: DocumentIndex;
  /** Words the editor vouched for (project word list, corrections). */
  knownWords?: ReadonlySet<string>;
  onProgress?: (done: number, total: number) => void;
  /** Bilingual documents: the source of each stretch of `text` (offsets into `text` as given). */
  sources?: readonly SourcePair[];
  sourceLanguage?: string;
  glossary?: Glossary;
  /** The rules' keyword automaton (see prefilter.ts); without it every expression searches the whole text. */
  prefilter?: Prefilter;
  /**
   * Leave the findings as the rules gave them, in rule order, for a caller that
   * merges several runs (parallel-check.ts) and then calls `finishFindings`.
   */
  unfinished?: boolean;
  /**
   * The text already normalised and cut (parallel-check.ts does it once for every part),
   * and its number of words when already counted (the whole text's counts: its
   * sentences' words are not kept, and counting them again tokenised the corpus once more).
   */
  prepared?: { working: NormalisedText; segmented: SegmentedText; words?: number };
  /** The text's sentences, already found (a part of a text cut whole, parallel-check.ts); used when the text is NFC, as the cuts' offsets are then its own. */
  sentenceCuts?: SentenceCuts;
}

/** A finding of an unfinished run: `sentence` is 0 and `beforeFirstSentence` set when it precedes the run's first sentence. */
export type UnfinishedFinding = Finding & { beforeFirstSentence?: boolean };

export interface RunResult {
  findings: Finding[];
  failures: RuleFailure[];
  /** Segmentation of the NFC working text (identical offsets when the input is NFC). */
  segmented: SegmentedText;
  words: number;
}

/**
 * The one engine loop: every rule runs in isolation, a rule that throws is
 * reported with its id and the others go on. Spans come back in the working
 * (NFC) text and are mapped to the original here, once, for every rule.
 */
export function runRules(input: RunInput): RunResult {
  const steps = ruleSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same run, giving the event loop a turn between rules: the main thread of a
 * parallel check runs the document-wide rules over the whole text this way, so
 * that a worker that answers meanwhile gets its next part at once instead of
 * waiting for every rule to end.
 */
export async function runRulesYielding(input: RunInput): Promise<RunResult> {
  const steps = ruleSteps(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The engine loop, one rule per step. */
function* ruleSteps(input: RunInput): Generator<void, RunResult> {
  const working = input.prepared?.working ?? normalise(input.text);
  const segmented = input.prepared?.segmented ?? segment(working.text, input.sentenceCuts && working.text === input.text ? { cuts: input.sentenceCuts } : {});
  const corrections = input.corrections instanceof CorrectionMatcher ? input.corrections : new CorrectionMatcher(input.corrections ?? []);
  const context: CheckContext = {
    text: working.text,
    segmented,
    index: input.index ?? buildDocumentIndex(segmented),
    corrections,
    dictionary: input.dictionary,
    ...(input.sources ? { sources: toWorkingPairs(input.sources, working), sourceLanguage: input.sourceLanguage, glossary: input.glossary } : {}),
    knownWords: input.knownWords,
  };
  // The keyword scan (0.5 s over the corpus) only when a rule reads it: the main thread
  // of a parallel check runs only the guillemets and units, which do not (issue #15).
  let hits: { scanned?: CheckContext['keywordHits'] } | undefined;
  Object.defineProperty(context, 'keywordHits', {
    get: () => (hits ??= { scanned: input.prefilter?.scan(working.text) }).scanned,
    enumerable: true,
  });
  const lines = new LineIndex(input.text);
  const sentenceStarts = segmented.sentences.map((s) => s.start);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const seen = new Set<string>();

  const fallbackRules = new Set(input.rules.filter((rule) => input.types[rule.type].fallback).map((rule) => rule.id));

  for (const rule of input.rules) {
    const type = input.types[rule.type];
    try {
      type.check(context, rule.params, (raw) => {
        const key = `${rule.id}\u0000${raw.start}\u0000${raw.end}`;
        if (raw.end <= raw.start || seen.has(key)) return;
        seen.add(key);
        const offset = working.toOriginal(raw.start);
        const end = working.toOriginal(raw.end);
        const flagged = input.text.slice(offset, end);
        const suggestions = [...new Set(raw.suggestions ?? [])].filter((s) => s !== working.text.slice(raw.start, raw.end));
        const { line, column } = lines.position(offset);
        findings.push({
          ruleId: rule.id,
          category: rule.category,
          severity: raw.severity ?? rule.severity,
          message: fillMessage(raw.message ?? rule.message, { text: flagged, fix: suggestions[0] ?? '', ...raw.values }),
          line,
          column,
          offset,
          length: end - offset,
          text: flagged,
          suggestions,
          sentence: indexAtOrBefore(sentenceStarts, raw.start),
          ...(input.unfinished && !(raw.start >= (sentenceStarts[0] ?? Infinity)) ? { beforeFirstSentence: true } : {}),
          ...(context.sources ? sourceSentenceOf(context.sources, raw.start) : {}),
        });
      });
    } catch (error) {
      failures.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
    }
    input.onProgress?.(input.rules.indexOf(rule) + 1, input.rules.length);
    yield;
  }

  let words = input.prepared?.words ?? 0;
  if (input.prepared?.words === undefined) for (const sentence of segmented.sentences) words += sentence.words.length;
  return { findings: input.unfinished ? findings : finishFindings(findings, fallbackRules), failures, segmented, words };
}

/**
 * A fallback rule's finding (spelling) gives way to a more specific one on the
 * same span; then findings go in offset order (severity, length, rule id break ties).
 */
export function finishFindings(findings: Finding[], fallbackRules: Set<string>): Finding[] {
  const isFallback = (ruleId: string) => fallbackRules.has(ruleId);
  const specific = new Set(findings.filter((f) => !isFallback(f.ruleId)).map((f) => `${f.offset}:${f.length}`));
  const kept = findings.filter((f) => !isFallback(f.ruleId) || !specific.has(`${f.offset}:${f.length}`));
  kept.sort((a, b) => a.offset - b.offset || SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.length - b.length || a.ruleId.localeCompare(b.ruleId));
  return kept;
}


/** `{text}`, `{fix}`, `{1}` (a pattern's groups) and any value a rule passes. */
function fillMessage(message: string, values: Record<string, string>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Source pairs in the NFC working text (the same offsets unless the input was decomposed). */
function toWorkingPairs(pairs: readonly SourcePair[], working: ReturnType<typeof normalise>): SourcePair[] {
  if (working.text === working.original) return pairs.map((p) => ({ ...p, source: p.source.normalize('NFC') }));
  // toOriginal is monotonic: the first working offset that maps at or after an original one.
  const toWorking = (offset: number) => {
    let low = 0;
    let high = working.text.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (working.toOriginal(middle) < offset) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return pairs.map((p) => ({ start: toWorking(p.start), end: toWorking(p.end), source: p.source.normalize('NFC') }));
}

/** The source of the pair a finding starts in: `sourceSentence` in the JSON contract. */
function sourceSentenceOf(pairs: readonly SourcePair[], offset: number): { sourceSentence?: string } {
  const pair = pairAt(pairs, offset);
  return pair ? { sourceSentence: pair.source } : {};
}

/** The pair (in text order, not overlapping) whose span holds `offset`, by binary search. */
export function pairAt<T extends { start: number; end: number }>(pairs: readonly T[], offset: number): T | undefined {
  let low = 0;
  let high = pairs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (pairs[middle].end < offset) low = middle + 1;
    else if (pairs[middle].start > offset) high = middle - 1;
    else return pairs[middle];
  }
  return undefined;
}

/**
 * One automaton over the keywords of every search of `rules` (pattern rules and
 * their antipatterns), read from the cache when this set of keywords was seen
 * before (building it costs a start 50 ms), and written there otherwise.
 */
export function buildPrefilter(rules: Rule[], types: Record<string, RuleType<any>>): Prefilter {
  const searches = rules.flatMap((rule) => types[rule.type].searches?.(rule.params) ?? []);
  const hash = createHash('sha256').update(Prefilter.signature(searches)).digest('hex').slice(0, 20);
  const file = join(cacheDirectory(), `prefilter-${PREFILTER_CACHE_FORMAT}-${hash}.json`);
  let cached: SerialisedPrefilter | undefined;
  try {
    cached = JSON.parse(readFileSync(file, 'utf8')) as SerialisedPrefilter;
  } catch {
    // Not built yet for these keywords.
  }
  const prefilter = new Prefilter(searches, cached);
  if (!cached) writeCacheFile(file, JSON.stringify(prefilter.serialise())); // read-only: built at each start
  return prefilter;
}

const PREFILTER_CACHE_FORMAT = 2;
