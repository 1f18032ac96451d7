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
  /** The document's revision (documents.revision) this context is the state of. */
  revision: number;
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
      const built = { index: await this.buildIndex(store, documentId, apostrophes), corrections: await this.loadCorrections(store, documentId), apostrophes, revision };
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
  sentenceChanged(documentId: number, before: string, after: string): void {
    this.changes.set(documentId, this.changeCount(documentId) + 1);
    const context = this.contexts.get(documentId);
    if (!context) return;
    const { index } = context;
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

  private async buildIndex(store: ReviewStore, documentId: number, apostrophes: ApostropheCounts): Promise<DocumentIndex> {
    const wordCounts = new Map<string, number>();
    const firstSeen = new Map<string, number>();
    for (const sentence of await store.documents.allSentences(documentId)) {
      const counts = countApostrophes(sentence.currentText);
      apostrophes.straight += counts.straight;
      apostrophes.curly += counts.curly;
      for (const word of words(sentence.currentText)) {
        const count = wordCounts.get(word);
        if (count === undefined) firstSeen.set(word, firstSeen.size);
        wordCounts.set(word, (count ?? 0) + 1);
      }
    }
    return { wordCounts, firstSeen };
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

function words(text: string): string[] {
  return tokenizeWords(normalise(text).text).map((token) => token.text);
}
