import type { CheckContext, SourcePair } from '../engine/rule-type.ts';
import { tokenizeWords } from '../text/segment.ts';
import type { Token } from '../types.ts';
import type { NumberLanguage } from './read-numbers.ts';

/**
 * What the source-aware rule types share: each pair's target slice, its words
 * and the source's language (given, or guessed once per document from which
 * dictionary knows more of the source's words).
 */
export interface Pair extends SourcePair {
  target: string;
  /** Words of the target, offsets into the checked text. */
  targetWords: Token[];
  sourceWords: Token[];
}

const pairCache = new WeakMap<SourcePair[], Pair[]>();
const languageCache = new WeakMap<SourcePair[], NumberLanguage>();

export function pairsOf(context: CheckContext): Pair[] {
  const sources = context.sources;
  if (!sources) return [];
  let pairs = pairCache.get(sources);
  if (!pairs) {
    pairs = sources.map((pair) => ({
      ...pair,
      target: context.text.slice(pair.start, pair.end),
      targetWords: tokenizeWords(context.text, pair.start, pair.end),
      sourceWords: tokenizeWords(pair.source),
    }));
    pairCache.set(sources, pairs);
  }
  return pairs;
}

export function sourceLanguageOf(context: CheckContext): NumberLanguage {
  const tag = context.sourceLanguage?.toLowerCase().split(/[-_]/)[0];
  if (tag === 'es' || tag === 'spa') return 'es';
  if (tag === 'en' || tag === 'eng') return 'en';
  if (tag === 'fr' || tag === 'fre' || tag === 'fra') return 'fr';
  const sources = context.sources ?? [];
  let language = languageCache.get(sources);
  if (!language) {
    const sample = sources.map((p) => p.source).join(' ').slice(0, 4000);
    const words = tokenizeWords(sample).map((w) => w.text.toLowerCase()).filter((w) => w.length > 2 && !/\d/.test(w));
    const es = context.dictionary('es');
    const en = context.dictionary('en');
    let score = 0;
    for (const word of words) score += (es.knows(word) ? 1 : 0) - (en.knows(word) ? 1 : 0);
    language = score >= 0 ? 'es' : 'en';
    languageCache.set(sources, language);
  }
  return language;
}

/**
 * Edit distance with adjacent swaps counting one (optimal string alignment):
 * MT and typists swap letters (Dinghra for Dhingra). Stops early above `limit`.
 */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) current[j] = Math.min(current[j], before[j - 2] + 1);
      best = Math.min(best, current[j]);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

/** The span of a pair's target without its leading and trailing spaces. */
export function trimmedSpan(pair: Pair): { start: number; end: number } {
  const lead = pair.target.length - pair.target.trimStart().length;
  const trail = pair.target.length - pair.target.trimEnd().length;
  return { start: pair.start + lead, end: Math.max(pair.start + lead, pair.end - trail) };
}

/** `l'OTAN`, `d'Ukraine`, `qu'Ursula` → the word after the elision. */
export function stripElision(word: string): { word: string; offset: number } {
  const match = /^(?:[lLdDjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’]/.exec(word);
  return match ? { word: word.slice(match[0].length), offset: match[0].length } : { word, offset: 0 };
}
