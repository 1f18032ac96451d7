import type { DocumentIndex } from '../../engine/rule-type.ts';
import { oneEditApart } from '../../rules/types/name-variants.ts';
import { normalise } from '../../text/normalise.ts';
import { tokenizeWords } from '../../text/segment.ts';
import { CorrectionMatcher } from '../../corrections/match-corrections.ts';
import type { Correction } from '../../types.ts';
import type { CorrectionRecord, ReviewStore } from '../store/review-store.ts';
import { apostropheStyle, countApostrophes, type Apostrophe, type ApostropheCounts } from '../../text/suggestion-style.ts';

/** Past this many sentences holding a word, its next place is searched in the text, a page at a time (a common word is found at once). */
const INDEXED_LOOKUP_MAX = 2000;

/** Sentences indexed between two turns of the event loop while a context is built. */
const BUILD_SLICE = 500;

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
  /**
   * Does the document come from a bilingual file (XLIFF, TMX, …: its segments are checked against their
   * sources)? A document's format is set at its import and never changes: read once with the context,
   * not at each re-check (issue #15: the document's row read again in every accept's transaction).
   */
  bilingual: boolean;
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
      // A build of this revision under way (16 editors opening a document after a restart, the warm-up after an import):
      // waited for, not done again, unless a change was counted since it began (this caller's transaction may hold it).
      const pending = this.building.get(documentId);
      // Only by the same store: a transaction that waited on a build outside it deadlocked on SQLite
      // (the build's next read waits for the transaction's commit, which waits for the build).
      if (pending && pending.revision === revision && pending.store === store) {
        const shared = await pending.built;
        if (this.changeCount(documentId) === pending.changes && this.contexts.get(documentId) === shared) return shared;
      }
      const build = { store, revision, changes: this.changeCount(documentId), built: this.build(store, documentId, revision) };
      this.building.set(documentId, build);
      try {
        const built = await build.built;
        // Another request may have built it meanwhile: keep the one already in use.
        const meanwhile = this.contexts.get(documentId);
        context = meanwhile && meanwhile.revision === revision ? meanwhile : built;
        this.contexts.set(documentId, context);
      } finally {
        if (this.building.get(documentId) === build) this.building.delete(documentId);
      }
    }
    return context;
  }

  private readonly building = new Map<number, { store: ReviewStore; revision: number; changes: number; built: Promise<DocumentContext> }>();

  private async build(store: ReviewStore, documentId: number, revision: number): Promise<DocumentContext> {
    const apostrophes = { straight: 0, curly: 0 };
    const sentencesByWord = new Map<string, Set<number>>();
    const document = await store.documents.getDocument(documentId);
    const bilingual = document !== undefined && document.format !== 'text';
    return { index: await this.buildIndex(store, documentId, apostrophes, sentencesByWord), corrections: await this.loadCorrections(store, documentId), apostrophes, ...(await this.loadIgnores(store, documentId)), bilingual, revision, sentencesByWord };
  }

  private readonly changes = new Map<number, number>();

  /** How many sentence changes this process applied to the document's context (a failed transaction compares). */
  changeCount(documentId: number): number {
    return this.changes.get(documentId) ?? 0;
  }

  /**
   * The index follows a sentence's change without re-reading the document, and
   * says which words moved: their count, or their first place in the document
   * (which name is the reference of a variant pair). The caller re-checks what
   * those words decide elsewhere (document-wide-effects.ts).
   */
  async sentenceChanged(store: ReviewStore, sentence: { documentId: number; id: number; idx: number }, before: string, after: string): Promise<WordChange[]> {
    const { documentId } = sentence;
    this.changes.set(documentId, this.changeCount(documentId) + 1);
    const context = this.contexts.get(documentId);
    if (!context) return [];
    const { index } = context;
    const kept = wordKeys(after);
    for (const key of wordKeys(before)) if (!kept.has(key)) context.sentencesByWord.get(key)?.delete(sentence.id);
    for (const key of kept) addTo(context.sentencesByWord, key, sentence.id);
    const gone = countApostrophes(before);
    const come = countApostrophes(after);
    context.apostrophes.straight += come.straight - gone.straight;
    context.apostrophes.curly += come.curly - gone.curly;
    const firstHere = new Map<string, number>();
    const delta = new Map<string, number>();
    for (const word of words(before)) delta.set(word, (delta.get(word) ?? 0) - 1);
    words(after).forEach((word, i) => {
      delta.set(word, (delta.get(word) ?? 0) + 1);
      if (!firstHere.has(word)) firstHere.set(word, placeOf(sentence.idx, i));
    });
    const here = { from: placeOf(sentence.idx, 0), to: placeOf(sentence.idx + 1, 0) };
    const changes: WordChange[] = [];
    const names: Array<{ word: string; before: boolean }> = [];
    let setMoved = false;
    for (const [word, moved] of delta) {
      const countBefore = index.wordCounts.get(word) ?? 0;
      const countAfter = Math.max(0, countBefore + moved);
      const seenBefore = countBefore > 0 ? index.firstSeen.get(word) : undefined;
      let seenAfter: number | undefined;
      if (countAfter === 0) seenAfter = undefined;
      else if (seenBefore === undefined || (seenBefore >= here.from && seenBefore < here.to)) {
        // Its first place was in this sentence (or it was nowhere): it is here now, or past it.
        seenAfter = firstHere.get(word) ?? (await this.firstPlaceAfter(store, context, documentId, word, sentence.idx));
      } else seenAfter = Math.min(seenBefore, firstHere.get(word) ?? Infinity);
      if (countAfter > 0) index.wordCounts.set(word, countAfter);
      else index.wordCounts.delete(word);
      if (seenAfter === undefined) index.firstSeen.delete(word);
      else index.firstSeen.set(word, seenAfter);
      if (countBefore === countAfter && seenBefore === seenAfter) continue;
      changes.push({ word, countBefore, countAfter });
      if (/^\p{Lu}/u.test(word)) names.push({ word, before: countBefore > 0 });
      // A form that may be a name came or went: the name rules pair the forms again at their next work (rule-type.ts).
      if (countBefore === 0 !== (countAfter === 0) && mayBeName(word)) setMoved = true;
    }
    if (setMoved) index.namesSetRevision = (index.namesSetRevision ?? 0) + 1;
    if (names.length > 0 && namesMoved(index, names)) index.namesRevision = (index.namesRevision ?? 0) + 1;
    return changes;
  }

  /**
   * Where `word` first stands past sentence `idx` (its first place there was
   * edited away): the sentences that may hold it, a page at a time, so a common
   * word costs a page, not the document.
   */
  private async firstPlaceAfter(store: ReviewStore, context: DocumentContext, documentId: number, word: string, idx: number): Promise<number | undefined> {
    // The sentences the word index says may hold it, when they are few: the text search
    // below reads every sentence of the document for a rare word (53 ms of an accept on
    // 60,000 sentences, issue #15), and a rare word is what an edit usually takes away.
    const parts = wordParts(word.normalize('NFC').toLowerCase());
    const candidates = parts.length > 0 ? sentencesWithWord(context, word) : undefined;
    if (candidates !== undefined && candidates.length <= INDEXED_LOOKUP_MAX) {
      // In the document's order (sentencesByIds sorts by idx).
      for (const sentence of await store.documents.sentencesByIds(candidates)) {
        if (sentence.idx <= idx) continue;
        const i = words(sentence.currentText).indexOf(word);
        if (i >= 0) return placeOf(sentence.idx, i);
      }
      return undefined;
    }
    for (let after = idx; ; ) {
      const page = await store.documents.sentencesContaining(documentId, word, { after, limit: 50 });
      for (const sentence of page) {
        const i = words(sentence.currentText).indexOf(word);
        if (i >= 0) return placeOf(sentence.idx, i);
      }
      if (page.length < 50) break;
      after = page[page.length - 1].idx;
    }
    // A text stored in another normal form than the NFC words (LIKE missed it): look at every sentence.
    for (const sentence of await store.documents.allSentences(documentId)) {
      if (sentence.idx <= idx) continue;
      const i = words(sentence.currentText).indexOf(word);
      if (i >= 0) return placeOf(sentence.idx, i);
    }
    return undefined;
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
    const sentences = await store.documents.allSentences(documentId);
    for (const [n, sentence] of sentences.entries()) {
      // 60,000 sentences take seconds to cut into words: other requests are answered between slices.
      if (n > 0 && n % BUILD_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      const counts = countApostrophes(sentence.currentText);
      apostrophes.straight += counts.straight;
      apostrophes.curly += counts.curly;
      const found = words(sentence.currentText);
      found.forEach((word, i) => {
        const count = wordCounts.get(word);
        if (count === undefined) firstSeen.set(word, placeOf(sentence.idx, i));
        wordCounts.set(word, (count ?? 0) + 1);
      });
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


/** A word a sentence change moved in the document's index. */
export interface WordChange {
  word: string;
  countBefore: number;
  countAfter: number;
}

/**
 * A word's place in the document, as DocumentIndex.firstSeen keeps it: ordered
 * as the words stand (sentence, then word), so that it stays right when a word
 * appears or goes anywhere (a counter of first uses, as a full check keeps, put
 * a name typed into the first sentence after every name already there: issue
 * #13, defect 2, « Zelensky » judged a variant of a later « Zelenski »).
 */
const WORDS_PER_SENTENCE = 2 ** 24;
function placeOf(sentenceIdx: number, word: number): number {
  return sentenceIdx * WORDS_PER_SENTENCE + Math.min(word, WORDS_PER_SENTENCE - 1);
}

/** The words of a text as the document index counts them (NFC tokens). */
export function documentWords(text: string): string[] {
  return words(text);
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

// The same words, in the same (NFC) form, as buildDocumentIndex counts.
function words(text: string): string[] {
  return tokenizeWords(normalise(text).text).map((token) => token.text);
}

/** Whether the name rules may take `word` for a name: its first letter has a lower case (isCapitalised, name-variants.ts). */
function mayBeName(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() || /^\p{Lu}/u.test(word);
}

/**
 * Whether capitalised forms whose count or first place changed can move the name
 * rules' work, which they cache per index and `namesRevision` (name-variants.ts:
 * which form of a name is the reference of its variants). That work pairs forms
 * one edit apart (lower-cased): a form with no such partner, before or after the
 * change, pairs with nothing, and its count or place moves nothing. Issue #15: any
 * capitalised word edited (« Poulains » → « poulains ») made the next re-check pair
 * every name of the corpus again, 100–250 ms of an accept's answer.
 */
function namesMoved(index: DocumentIndex, changed: Array<{ word: string; before: boolean }>): boolean {
  const lowers = changed.map(({ word }) => ({ word, lower: word.toLowerCase() }));
  const pairs = (form: string) => lowers.some(({ word, lower }) => form !== word && Math.abs(form.length - word.length) <= 1 && /^\p{Lu}/u.test(form) && oneEditApart(form.toLowerCase(), lower));
  // The forms there now, and those this change took away (a pair that vanished moved the work too).
  for (const form of index.wordCounts.keys()) if (pairs(form)) return true;
  return changed.some(({ word, before }) => before && !index.wordCounts.has(word) && pairs(word));
}
