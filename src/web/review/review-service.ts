import { randomUUID } from 'node:crypto';
import type { Checker } from '../../checker.ts';
import { CorrectionMatcher } from '../../corrections/match-corrections.ts';
import type { Category, Correction, Severity } from '../../types.ts';
import { terOfTexts, terTokens } from '../quality/ter.ts';
import { LOCAL_ACTOR, VersionConflict, type ChangedStretch, type FindingRecord, type ReviewStore, type SentenceRecord } from '../store/review-store.ts';
import { CheckText } from '../../pipeline/engine.ts';
import { RULES_SOURCE, RulesEngine } from '../../pipeline/rules-engine.ts';
import { GRAMMALECTE_SOURCE } from '../../grammalecte/grammalecte-mapping.ts';
import { findingsBySentence, spansOf } from './stored-findings.ts';
import { apostropheStyle, type SpaceStyle } from '../../text/suggestion-style.ts';
import { styleFindings } from './style-findings.ts';
import { DocumentContexts } from './document-context.ts';
import type { GrammarPass } from './grammar-pass.ts';
import { findOccurrences, occurrencesIn, replaceOccurrences } from './find-occurrences.ts';
import { isWordSubstitution, wordSubstitutions, type WordSubstitution } from './word-changes.ts';

/** A finding that is gone, or a span that no longer holds its text: the page the editor acted on is stale. */
export class StaleFinding extends Error {
  constructor(readonly sentence: SentenceRecord) {
    super('the finding no longer applies to this sentence');
    this.name = 'StaleFinding';
  }
}

/**
 * Documents up to this many words are re-checked whole after each change, so
 * that every sentence's findings are what a fresh import would say (the sample
 * article is 700 words; a check reads about 78,000 words a second). Longer ones
 * re-check the changed paragraph.
 */
export const WHOLE_RECHECK_WORDS = 5000;

/**
 * The MQM error a hand edit confirms. `auto` (the edit form's default) takes the
 * most severe of the findings the edit fixed; `none` says the edit fixed no
 * error (a preference); otherwise the editor's category and severity.
 */
export interface EditMqm {
  category: 'auto' | 'none' | Category;
  severity?: Severity;
}

const SEVERITY_ORDER: Severity[] = ['critical', 'major', 'minor', 'info'];

export function mqmOfEdit(mqm: EditMqm, fixed: FindingRecord[]): { category: string; severity: string } | undefined {
  if (mqm.category === 'none') return undefined;
  const worst = [...fixed].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity))[0];
  if (mqm.category === 'auto') return worst ? { category: worst.category, severity: worst.severity } : undefined;
  return { category: mqm.category, severity: mqm.severity ?? worst?.severity ?? 'minor' };
}

/** How the editor wants a decision handled. */
export interface DecisionOptions {
  /** Mark the sentence reviewed when this decision leaves it without open findings. */
  autoReview?: boolean;
}

export interface ChangeOutcome {
  sentence: SentenceRecord;
  /** Word changes worth offering to apply to the rest of the document. */
  offers: WordSubstitution[];
}

/**
 * What the editor can do to a document. Every change is one transaction: the
 * decision (the event), the sentence's new text and version, and its re-checked
 * findings are written together or not at all.
 */
export class ReviewService {
  readonly contexts: DocumentContexts;
  /** The built-in rules, as the engine they are (src/pipeline/). */
  readonly rules: RulesEngine;

  constructor(
    readonly store: ReviewStore,
    readonly checker: Checker,
    /** Grammalecte's pass over documents with grammar on; absent, grammar checking is off. */
    readonly grammar?: GrammarPass,
    /** The space fixes put where French typography wants one. */
    readonly spaces: SpaceStyle = 'narrow',
  ) {
    this.contexts = new DocumentContexts(store);
    this.rules = new RulesEngine(checker);
    // Grammalecte's fixes follow the document's typography too.
    grammar?.useStyle((documentId) => ({ apostrophe: this.contexts.apostropheOf(documentId), spaces }));
  }

  accept(sentence: SentenceRecord, findingId: number, suggestionIndex: number, expectedVersion: number, actor: string = LOCAL_ACTOR, options: DecisionOptions = {}): ChangeOutcome {
    if (sentence.version !== expectedVersion) throw new VersionConflict(sentence, expectedVersion);
    const finding = this.store.getFinding(findingId);
    const suggestion = finding?.suggestions[suggestionIndex];
    if (!finding || finding.sentenceId !== sentence.id || suggestion === undefined) throw new StaleFinding(sentence);
    if (!finding.active || sentence.currentText.slice(finding.start, finding.start + finding.length) !== finding.text) throw new StaleFinding(sentence);
    const after = sentence.currentText.slice(0, finding.start) + suggestion + sentence.currentText.slice(finding.start + finding.length);
    const actionId = randomUUID();
    const updated = this.store.transaction(() => {
      this.store.addDecision({
        documentId: sentence.documentId,
        sentenceId: sentence.id,
        actionId,
        kind: 'accept',
        findingId: finding.id,
        ruleId: finding.ruleId,
        flaggedText: finding.text,
        replacement: suggestion,
        beforeText: sentence.currentText,
        afterText: after,
        actor,
      });
      const changed = this.changeText(sentence, expectedVersion, after);
      if (isWordSubstitution(finding.text, suggestion)) this.keepOffers(sentence, actionId, [{ from: finding.text, to: suggestion }]);
      return this.reviewedIfDone(sentence, changed, actionId, options, actor);
    });
    return { sentence: updated, offers: isWordSubstitution(finding.text, suggestion) ? [{ from: finding.text, to: suggestion }] : [] };
  }

  reject(sentence: SentenceRecord, findingId: number, reason: string, actor: string = LOCAL_ACTOR, options: DecisionOptions = {}): SentenceRecord {
    const finding = this.store.getFinding(findingId);
    if (!finding || finding.sentenceId !== sentence.id || !finding.active) throw new StaleFinding(sentence);
    const actionId = randomUUID();
    return this.store.transaction(() => {
      this.store.addDecision({
        documentId: sentence.documentId,
        sentenceId: sentence.id,
        actionId,
        kind: 'reject',
        findingId: finding.id,
        ruleId: finding.ruleId,
        flaggedText: finding.text,
        reason: reason.trim() || null,
        actor,
      });
      this.store.refreshSentenceState(sentence.id);
      return this.reviewedIfDone(sentence, this.store.getSentenceById(sentence.id)!, actionId, options, actor);
    });
  }

  /** Free edit. Line breaks typed in the box become spaces: a sentence stays inside its paragraph. */
  edit(sentence: SentenceRecord, submitted: string, expectedVersion: number, actor: string = LOCAL_ACTOR, options: DecisionOptions = {}, mqm: EditMqm = { category: 'auto' }): ChangeOutcome {
    const after = editedText(sentence.currentText, submitted);
    if (sentence.version !== expectedVersion) throw new VersionConflict(sentence, expectedVersion);
    if (after === sentence.currentText) return { sentence, offers: [] };
    const actionId = randomUUID();
    // The open findings the edit touches: those it fixes, if the re-check no longer raises them.
    const stretch = changedStretch(sentence.currentText, after);
    const touched = this.activeFindings(sentence.id).filter((f) => !f.rejected && f.start < Math.max(stretch.end, stretch.start + 1) && f.start + f.length >= stretch.start);
    const updated = this.store.transaction(() => {
      const decision = this.store.addDecision({ documentId: sentence.documentId, sentenceId: sentence.id, actionId, kind: 'edit', beforeText: sentence.currentText, afterText: after, actor });
      const changed = this.changeText(sentence, expectedVersion, after);
      const still = new Set(this.activeFindings(sentence.id).map((f) => f.id));
      const fixed = touched.filter((f) => !still.has(f.id));
      const error = mqmOfEdit(mqm, fixed);
      if (error) this.store.setDecisionMqm(decision, error.category, error.severity);
      this.keepOffers(sentence, actionId, wordSubstitutions(sentence.currentText, after));
      return this.reviewedIfDone(sentence, changed, actionId, options, actor);
    });
    return { sentence: updated, offers: wordSubstitutions(sentence.currentText, after) };
  }

  /** A comment on a sentence, for the report. */
  comment(sentence: SentenceRecord, body: string, actor: string = LOCAL_ACTOR): void {
    const text = body.trim();
    if (text !== '') this.store.addComment(sentence.documentId, sentence.id, text.slice(0, 2000), actor);
  }

  /** The editor says the sentence is done (the button, `m`, confirm-and-next). Only this, or `autoReview`, marks it reviewed. */
  markReviewed(sentence: SentenceRecord, actor: string = LOCAL_ACTOR): SentenceRecord {
    if (sentence.reviewed) return sentence;
    return this.store.transaction(() => {
      this.store.addDecision({ documentId: sentence.documentId, sentenceId: sentence.id, actionId: randomUUID(), kind: 'review', actor });
      this.store.refreshSentenceState(sentence.id);
      return this.store.getSentenceById(sentence.id)!;
    });
  }

  /** Reverts the sentence's latest action (all its rows), recording the undo as an event. */
  undo(sentence: SentenceRecord, expectedVersion: number, actor: string = LOCAL_ACTOR): SentenceRecord {
    if (sentence.version !== expectedVersion) throw new VersionConflict(sentence, expectedVersion);
    const action = this.store.lastLiveAction(sentence.id);
    if (action.length === 0) return sentence;
    return this.store.transaction(() => {
      this.store.markUndone(action.map((d) => d.id));
      this.store.withdrawOffers(action[0].actionId);
      const textChange = action.find((d) => d.beforeText !== null);
      const restored = textChange?.beforeText ?? sentence.currentText;
      this.store.addDecision({
        documentId: sentence.documentId,
        sentenceId: sentence.id,
        actionId: randomUUID(),
        kind: 'undo',
        reason: `undid ${action[0].kind}`,
        beforeText: textChange ? sentence.currentText : null,
        afterText: textChange ? restored : null,
        actor,
      });
      if (textChange && restored !== sentence.currentText) return this.changeText(sentence, expectedVersion, restored);
      this.store.refreshSentenceState(sentence.id);
      return this.store.getSentenceById(sentence.id)!;
    });
  }

  /** Other places where `from` stands, for the editor to see before anything changes. */
  previewPropagation(documentId: number, from: string, to: string) {
    // The in-memory word counts answer "nowhere else" without scanning every
    // sentence's text, which is what most accepts ask.
    const word = from.normalize('NFC');
    if (/^[\p{L}\p{M}\p{N}'’-]+$/u.test(word)) {
      const counts = this.contexts.get(documentId).index.wordCounts;
      const forms = new Set([word, word.toLowerCase(), word.toUpperCase(), word.charAt(0).toUpperCase() + word.slice(1), word.charAt(0).toLowerCase() + word.slice(1)]);
      if (![...forms].some((form) => (counts.get(form) ?? 0) > 0)) return [];
    }
    return findOccurrences(this.store, documentId, from, to);
  }

  /**
   * Applies `from → to` at every occurrence in the chosen sentences, in one
   * transaction, and (by default) learns it in the document's corrections.
   * Occurrences are found again in the current text, so nothing saved in the
   * meantime is overwritten.
   */
  propagate(documentId: number, from: string, to: string, sentenceIdxs: number[], learn: boolean, actor: string = LOCAL_ACTOR, options: DecisionOptions = {}): { changed: number; occurrences: number } {
    const actionId = randomUUID();
    const chosen = new Set(sentenceIdxs);
    return this.store.transaction(() => {
      if (learn) {
        this.store.upsertCorrection(documentId, from, to, null, 'learned', actor);
        this.contexts.correctionsChanged(documentId);
      }
      const matcher = new CorrectionMatcher([{ from, to }]);
      let changed = 0;
      let occurrences = 0;
      for (const { sentence } of findOccurrences(this.store, documentId, from, to)) {
        if (!chosen.has(sentence.idx)) continue;
        const found = occurrencesIn(matcher, sentence.currentText);
        const after = replaceOccurrences(sentence.currentText, found);
        // Findings at exactly a replaced span, whose fix was this one, are confirmed by it.
        for (const finding of this.activeFindings(sentence.id)) {
          if (found.some((o) => o.start === finding.start && o.end === finding.start + finding.length && finding.suggestions.includes(o.replacement))) {
            this.store.addDecision({ documentId, sentenceId: sentence.id, actionId, kind: 'accept', findingId: finding.id, ruleId: finding.ruleId, flaggedText: finding.text, replacement: to, actor });
          }
        }
        this.store.addDecision({ documentId, sentenceId: sentence.id, actionId, kind: 'propagate', flaggedText: from, replacement: to, beforeText: sentence.currentText, afterText: after, actor });
        this.reviewedIfDone(sentence, this.changeText(sentence, sentence.version, after), actionId, options, actor);
        changed++;
        occurrences += found.length;
      }
      if (learn) this.recheckContaining(documentId, from);
      this.store.answerOffersFor(documentId, from, to, 'applied');
      return { changed, occurrences };
    });
  }

  // ---- the corrections list --------------------------------------------

  addCorrections(documentId: number, corrections: Correction[], origin: 'added' | 'imported', actor: string = LOCAL_ACTOR): void {
    this.store.transaction(() => {
      for (const c of corrections) this.store.upsertCorrection(documentId, c.from, c.to, c.note ?? null, origin, actor);
      this.contexts.correctionsChanged(documentId);
      for (const c of corrections) this.recheckContaining(documentId, c.from);
    });
  }

  removeCorrection(documentId: number, id: number): void {
    const correction = this.store.getCorrection(documentId, id);
    if (!correction) return;
    this.store.transaction(() => {
      this.store.removeCorrection(documentId, id);
      this.contexts.correctionsChanged(documentId);
      this.recheckContaining(documentId, correction.from);
    });
  }

  // ---- internals -------------------------------------------------------

  /**
   * With the editor's "reviewed when done" preference on, a change that decides
   * the last open finding of a sentence marks it reviewed, as part of the same
   * action (one undo reverts both). Otherwise a change never does (issue #13,
   * defect 4: an accept with findings still open is not a review).
   */
  private reviewedIfDone(before: SentenceRecord, after: SentenceRecord, actionId: string, options: DecisionOptions, actor: string): SentenceRecord {
    if (!options.autoReview || after.reviewed || before.openFindings === 0 || after.openFindings > 0) return after;
    this.store.addDecision({ documentId: after.documentId, sentenceId: after.id, actionId, kind: 'review', reason: 'last open finding decided', actor });
    this.store.refreshSentenceState(after.id);
    return this.store.getSentenceById(after.id)!;
  }

  /**
   * Offers worth keeping: the change occurs elsewhere in the document. They stay
   * on the sentence until answered (issue #13, defect 9: they vanished on reload).
   */
  private keepOffers(sentence: SentenceRecord, actionId: string, offers: WordSubstitution[]): void {
    for (const offer of offers) {
      if (this.previewPropagation(sentence.documentId, offer.from, offer.to).length > 0) this.store.addOffer(sentence.documentId, sentence.id, actionId, offer.from, offer.to);
    }
  }

  private activeFindings(sentenceId: number): FindingRecord[] {
    return this.store.activeFindings([sentenceId]).get(sentenceId) ?? [];
  }

  /** New text, version, TER figures, index, re-checked findings and cached state, in the caller's transaction. */
  private changeText(sentence: SentenceRecord, expectedVersion: number, after: string): SentenceRecord {
    const ter = terOfTexts(sentence.originalText, after);
    this.store.updateSentenceText(sentence.id, expectedVersion, after, ter.edits, terTokens(after).length);
    this.contexts.sentenceChanged(sentence.documentId, sentence.currentText, after);
    carryGrammarFindings(this.store, sentence.id, sentence.currentText, after);
    const changed = { sentenceId: sentence.id, ...changedStretch(sentence.currentText, after) };
    if ((this.store.getDocument(sentence.documentId)?.words ?? Infinity) <= WHOLE_RECHECK_WORDS) this.recheckDocument(sentence.documentId, changed);
    else this.recheck(sentence.documentId, sentence.paragraph, changed);
    // Grammalecte re-checks the sentence after this transaction (see GrammarPass.run).
    void this.grammar?.run();
    return this.store.getSentenceById(sentence.id)!;
  }

  /**
   * Re-checks a whole paragraph (segment), not only the sentence that changed,
   * with the counts of the whole document: a finding that spans two sentences
   * (a « opened in one and closed in the next, a phrase repeated across the
   * full stop) is seen, or not, as at the import, whichever sentence was edited.
   * Findings stay on their sentences; a rule that fails is kept for the page.
   */
  private recheck(documentId: number, paragraph: number, changed?: ChangedStretch & { sentenceId: number }): void {
    const sentences = this.store.paragraphSentences(documentId, paragraph);
    if (sentences.length === 0) return;
    const texts = sentences.map((s) => s.currentText);
    const text = texts.join('');
    const context = this.contexts.get(documentId);
    const result = text.trim() === '' ? { findings: [], failures: [] } : this.rules.run(new CheckText(text, undefined, { corrections: context.corrections, index: context.index }));
    const found = findingsBySentence(result.findings, text, spansOf(texts));
    const style = { apostrophe: apostropheStyle(context.apostrophes), spaces: this.spaces };
    sentences.forEach((sentence, i) => {
      this.store.replaceFindings(documentId, sentence.id, styleFindings(found[i], sentence.currentText, style), RULES_SOURCE, changed?.sentenceId === sentence.id ? changed : undefined);
      this.store.refreshSentenceState(sentence.id);
    });
    // Kept on the paragraph's first sentence, so the next re-check of the paragraph replaces them.
    this.store.replaceCheckFailures(documentId, sentences[0].id, RULES_SOURCE, result.failures);
  }

  /**
   * Re-checks the whole document, as its import did, and gives each sentence
   * what that check says of it. A paragraph's re-check misses what document-wide
   * rules decide from the other paragraphs (a name seen twice, a word's count,
   * a spelling's recurrence): an edit in one paragraph can raise or withdraw a
   * finding in another (issue #13, defect 2, found by the property test). For a
   * document up to WHOLE_RECHECK_WORDS this costs a few milliseconds.
   */
  private recheckDocument(documentId: number, changed?: ChangedStretch & { sentenceId: number }): void {
    const sentences = this.store.allSentences(documentId);
    const document = this.store.getDocument(documentId)!;
    const spans: Array<{ start: number; end: number }> = [];
    let text = '';
    for (const sentence of sentences) {
      text += sentence.prefix;
      spans.push({ start: text.length, end: text.length + sentence.currentText.length });
      text += sentence.currentText;
    }
    text += document.tail;
    const context = this.contexts.get(documentId);
    const result = text.trim() === '' ? { findings: [], failures: [] } : this.rules.run(new CheckText(text, undefined, { corrections: context.corrections }));
    const found = findingsBySentence(result.findings, text, spans);
    const style = { apostrophe: apostropheStyle(context.apostrophes), spaces: this.spaces };
    sentences.forEach((sentence, i) => {
      this.store.replaceFindings(documentId, sentence.id, styleFindings(found[i], sentence.currentText, style), RULES_SOURCE, changed?.sentenceId === sentence.id ? changed : undefined);
      this.store.refreshSentenceState(sentence.id);
    });
    this.store.replaceCheckFailures(documentId, null, RULES_SOURCE, result.failures);
  }

  /** The corrections changed: the paragraphs where the entry's word stands get re-checked. */
  private recheckContaining(documentId: number, from: string): void {
    const paragraphs = new Set(this.store.sentencesContaining(documentId, from).map((sentence) => sentence.paragraph));
    for (const paragraph of paragraphs) this.recheck(documentId, paragraph);
  }
}

/**
 * Grammar findings outside the changed stretch of text stay, moved with it, until
 * Grammalecte has looked at the new text; those inside it go. Without this every
 * accept would hide the sentence's other grammar findings until the pass returns.
 */
export function carryGrammarFindings(store: ReviewStore, sentenceId: number, before: string, after: string): void {
  const findings = store.activeFindingsFrom(sentenceId, GRAMMALECTE_SOURCE);
  if (findings.length === 0) return;
  const { start: prefix, end: changedEnd } = changedStretch(before, after);
  const shift = after.length - before.length;
  for (const finding of findings) {
    const end = finding.start + finding.length;
    if (end <= prefix) continue;
    if (finding.start >= changedEnd) store.moveFinding(finding.id, finding.start + shift);
    else store.retireFinding(finding.id, 'edited');
  }
}

/** The stretch of `before` that differs from `after`: what is left once their common start and end are set aside. */
export function changedStretch(before: string, after: string): ChangedStretch {
  let prefix = 0;
  const shortest = Math.min(before.length, after.length);
  while (prefix < shortest && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start: prefix, end: before.length - suffix };
}

/**
 * The edit box shows the sentence without its trailing spaces; the spaces that
 * separated it from the next sentence are put back, so the layout is kept.
 */
export function editedText(current: string, submitted: string): string {
  const trailing = /\s*$/.exec(current)![0];
  const body = submitted.replace(/\r\n|\r|\n/g, ' ').trimEnd();
  return body === '' ? '' : body + trailing;
}
