import type { DocumentIndex } from '../../engine/rule-type.ts';
import { normalise } from '../../text/normalise.ts';
import { tokenizeWords } from '../../text/segment.ts';
import { CorrectionMatcher } from '../../corrections/match-corrections.ts';
import type { Correction } from '../../types.ts';
import type { CorrectionRecord, ReviewStore } from '../store/review-store.ts';
import { apostropheStyle, countApostrophes, type Apostrophe, type ApostropheCounts } from '../../text/suggestion-style.ts';

/** What re-checking one sentence needs to know about its whole document. */
export interface DocumentContext {
  /** Word counts of the document's current text, so document-wide rules agree with a full check. */
  index: DocumentIndex;
  /**
   * The document's corrections, as the matcher every check uses: built once
   * (keyed by the entries' database ids, the list's order), then changed entry by
   * entry as the editor adds or removes one.
   */
  corrections: CorrectionMatcher;
  /** Apostrophes of the document's current text, so fixes follow its style. */
  apostrophes: ApostropheCounts;
  /** The document's own known words (« ignorer ce mot dans ce document »), NFC. */
  knownWords: string[];
  /** Rules the editors silenced in this document (« ignorer cette règle dans ce document »). */
  ignoredRules: Set<string>;
  /** The document's revision (documents.revision) this context is the state of. */
  revision: number;
  /**
   * Which sentences hold each word, lower-cased, and each part of a word between
   * apostrophes, hyphens and a number's spaces and marks (« l'Routte » is under
   * « l'routte », « l » and « routte »): where a word can stand, without reading every sentence's text
   * (a LIKE over 60,000 sentences took 38 ms of an accept).
   */
  sentencesByWord: Map<string, Set<number>>;
}

/**
 * Keeps, in memory, one DocumentContext per document: built from the database
 * on first use (after a restart too), updated word by word as sentences change
 * and entry by entry as the corrections change. Several app processes may
 * share the database: each use checks the document's revision there, and a
 * context built at another revision (another process changed the document) is
 * built again, so what decides a check is always derived from the database.
 */
export class DocumentContexts {
  private readonly contexts = new Map<number, DocumentContext>();

  /** `store`: the caller's (inside a transaction, its `tx`). */
  async get(store: ReviewStore, documentId: number): Promise<DocumentContext> {
    const revision = await store.documents.revision(documentId);
    let context = this.contexts.get(documentId);
    if (context && context.revision !== revision) context = undefined;
    if (!context) {
      const apostrophes = { straight: 0, curly: 0 };
      const sentencesByWord = new Map<string, Set<number>>();
      const built = { index: await this.buildIndex(store, documentId, apostrophes, sentencesByWord), corrections: await this.loadCorrections(store, documentId), apostrophes, ...(await this.loadIgnores(store, documentId)), revision, sentencesByWord };
      // Another request may have built it meanwhile: keep the one already in use.
      const meanwhile = this.contexts.get(documentId);
      context = meanwhile && meanwhile.revision === revision ? meanwhile : built;
      this.contexts.set(documentId, context);
    }
    return context;
  }

  private readonly changes = new Map<number, number>();

  /** How many sentence changes this process applied to the document's context (a failed transaction compares). */
  changeCount(documentId: number): number {
    return this.changes.get(documentId) ?? 0;
  }

  /** The index follows a sentence's change without re-reading the document. */
  sentenceChanged(documentId: number, sentenceId: number, before: string, after: string): void {
    this.changes.set(documentId, this.changeCount(documentId) + 1);
    const context = this.contexts.get(documentId);
    if (!context) return;
    const { index } = context;
    const kept = wordKeys(after);
    for (const key of wordKeys(before)) if (!kept.has(key)) context.sentencesByWord.get(key)?.delete(sentenceId);
    for (const key of kept) addTo(context.sentencesByWord, key, sentenceId);
    const gone = countApostrophes(before);
    const come = countApostrophes(after);
    context.apostrophes.straight += come.straight - gone.straight;
    context.apostrophes.curly += come.curly - gone.curly;
    // Name rules cache their work per index: tell them when a name comes or goes.
    const nameChanged = (word: string) => {
      if (/^\p{Lu}/u.test(word)) index.namesRevision = (index.namesRevision ?? 0) + 1;
    };
    for (const word of words(before)) {
      const count = (index.wordCounts.get(word) ?? 0) - 1;
      if (count > 0) index.wordCounts.set(word, count);
      else {
        index.wordCounts.delete(word);
        nameChanged(word);
      }
    }
    for (const word of words(after)) {
      const count = index.wordCounts.get(word);
      if (count === undefined) {
        if (!index.firstSeen.has(word)) index.firstSeen.set(word, index.firstSeen.size);
        nameChanged(word);
      }
      index.wordCounts.set(word, (count ?? 0) + 1);
    }
  }

  /** The apostrophe most of the document uses now (fixes follow it). */
  async apostropheOf(store: ReviewStore, documentId: number): Promise<Apostrophe | undefined> {
    return apostropheStyle((await this.get(store, documentId)).apostrophes);
  }

  /**
   * An entry was added or changed (`record`), or removed (`removed`), in the
   * caller's transaction: the matcher follows it (counted as a change, so a
   * rolled-back transaction makes the context be built again).
   */
  correctionChanged(documentId: number, change: { record: CorrectionRecord } | { removed: number }): void {
    this.changes.set(documentId, this.changeCount(documentId) + 1);
    const context = this.contexts.get(documentId);
    if (!context) return;
    if ('record' in change) context.corrections.set(change.record.id, asCorrection(change.record));
    else context.corrections.delete(change.removed);
  }

  /**
   * The document's ignores changed, in the caller's transaction: the next checks
   * read them. Counted as a change, so a transaction that fails drops the context.
   */
  async ignoresChanged(store: ReviewStore, documentId: number): Promise<void> {
    this.changes.set(documentId, this.changeCount(documentId) + 1);
    const context = this.contexts.get(documentId);
    if (context) Object.assign(context, await this.loadIgnores(store, documentId));
  }

  /**
   * A change of this process's committed as `revision` (its words already
   * followed by `sentenceChanged`): the context is now that revision's, unless
   * another change came between, and then it is built again on next use.
   */
  advanced(documentId: number, revision: number): void {
    const context = this.contexts.get(documentId);
    if (context && context.revision === revision - 1) context.revision = revision;
    else this.contexts.delete(documentId);
  }

  forget(documentId: number): void {
    this.contexts.delete(documentId);
  }

  private async buildIndex(store: ReviewStore, documentId: number, apostrophes: ApostropheCounts, sentencesByWord: Map<string, Set<number>>): Promise<DocumentIndex> {
    const wordCounts = new Map<string, number>();
    const firstSeen = new Map<string, number>();
    for (const sentence of await store.documents.allSentences(documentId)) {
      const counts = countApostrophes(sentence.currentText);
      apostrophes.straight += counts.straight;
      apostrophes.curly += counts.curly;
      const found = words(sentence.currentText);
      for (const word of found) {
        const count = wordCounts.get(word);
        if (count === undefined) firstSeen.set(word, firstSeen.size);
        wordCounts.set(word, (count ?? 0) + 1);
      }
      for (const key of keysOf(found)) addTo(sentencesByWord, key, sentence.id);
    }
    return { wordCounts, firstSeen };
  }

  private async loadIgnores(store: ReviewStore, documentId: number): Promise<Pick<DocumentContext, 'knownWords' | 'ignoredRules'>> {
    const ignores = await store.ignores.listIgnores(documentId);
    return { knownWords: ignores.filter((i) => i.kind === 'word').map((i) => i.value), ignoredRules: new Set(ignores.filter((i) => i.kind === 'rule').map((i) => i.value)) };
  }

  private async loadCorrections(store: ReviewStore, documentId: number): Promise<CorrectionMatcher> {
    const matcher = new CorrectionMatcher();
    for (const record of await store.corrections.listCorrections(documentId)) matcher.set(record.id, asCorrection(record));
    return matcher;
  }
}

/** An entry of the list as the checker takes it; `source.line` is its id, which the report shows. */
function asCorrection(record: CorrectionRecord): Correction {
  return { from: record.from, to: record.to, ...(record.note ? { note: record.note } : {}), source: { file: 'corrections', line: record.id } };
}

// The same words, in the same (NFC) form, as buildDocumentIndex counts.
/** Words whose count in the document a change from `before` to `after` moves (each once). */
export function changedWords(before: string, after: string): string[] {
  const counts = new Map<string, number>();
  for (const word of words(before)) counts.set(word, (counts.get(word) ?? 0) - 1);
  for (const word of words(after)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].filter(([, n]) => n !== 0).map(([word]) => word);
}

/**
 * The sentences where the word `word` (letters, digits, apostrophes, hyphens) can
 * stand as a whole word: a superset (case aside) that the caller matches exactly.
 * A word of several parts is looked up by its rarest part.
 */
export function sentencesWithWord(context: DocumentContext, word: string): number[] {
  const parts = wordParts(word.normalize('NFC').toLowerCase());
  if (parts.length === 0) return [];
  const sets = parts.map((part) => context.sentencesByWord.get(part) ?? new Set<number>());
  const rarest = sets.reduce((a, b) => (b.size < a.size ? b : a));
  return [...rarest];
}

/**
 * The same for a phrase (« 50 000 millions », « sauf Routte »): the sentences
 * holding its rarest word. Undefined when it has no word (« » »): the caller
 * reads the text.
 */
export function sentencesWithPhrase(context: DocumentContext, phrase: string): number[] | undefined {
  const keys = [...keysOf(words(phrase))];
  if (keys.length === 0) return undefined;
  const sets = keys.map((key) => context.sentencesByWord.get(key) ?? new Set<number>());
  return [...sets.reduce((a, b) => (b.size < a.size ? b : a))];
}

function addTo(map: Map<string, Set<number>>, key: string, id: number): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function wordParts(lower: string): string[] {
  // Numbers too: « 50 000 » and « 1,5 » are one word each, whose parts a phrase may start or end with.
  return lower.split(/[\s'’\-‑.,]+/u).filter(Boolean);
}

/** The keys a sentence's words are found under: each word, lower-cased, and its parts. */
function keysOf(found: string[]): Set<string> {
  const keys = new Set<string>();
  for (const word of found) {
    const lower = word.toLowerCase();
    keys.add(lower);
    for (const part of wordParts(lower)) keys.add(part);
  }
  return keys;
}

function wordKeys(text: string): Set<string> {
  return keysOf(words(text));
}

function words(text: string): string[] {
  return tokenizeWords(normalise(text).text).map((token) => token.text);
}
