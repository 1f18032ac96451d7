import { appendProjectWord, removeProjectWord } from '../../project-words.ts';
import { withoutElision } from '../../rules/types/words.ts';
import { HttpError } from '../http-error.ts';
import { randomUUID } from 'node:crypto';
import type { Checker } from '../../checker.ts';
import { CheckWorkers } from '../../engine/check-workers.ts';
import { defaultWorkerCount } from '../../engine/parallel-check.ts';
import { CorrectionMatcher } from '../../corrections/match-corrections.ts';
import { GRAMMALECTE_SOURCE } from '../../grammalecte/grammalecte-mapping.ts';
import { CheckText } from '../../pipeline/engine.ts';
import { RULES_SOURCE, RulesEngine } from '../../pipeline/rules-engine.ts';
import type { Category, Correction, Finding, RuleFailure, Severity } from '../../types.ts';
import { terOfTexts, terTokens } from '../quality/ter.ts';
import { LOCAL_ACTOR, VersionConflict, type ChangedStretch, type FindingRecord, type IgnoreKind, type IgnoreRecord, type JobRecord, type NewFinding, type ReviewStore, type SegmentRecord, type SentenceRecord } from '../store/review-store.ts';
import { ChunkedJobs, type ChunkLimits } from './chunked-jobs.ts';
import { DeferredRechecks, RequestGauge } from './deferred-rechecks.ts';
import { normalise } from '../../text/normalise.ts';
import { LineCuts } from '../../text/line-cuts.ts';
import { apostropheStyle, type Apostrophe, type SpaceStyle } from '../../text/suggestion-style.ts';
import { styleFindings } from './style-findings.ts';
import { DocumentContexts, documentWords, type DocumentContext, sentencesWithPhrase, sentencesWithWord, type WordChange } from './document-context.ts';
import { affectedWords, movedVariants } from './document-wide-effects.ts';
import { LINKED_SEGMENTS, recheckWindow } from './recheck-window.ts';
import { findOccurrences, occurrencesIn, occursIn, replaceOccurrences } from './find-occurrences.ts';
import type { GrammarPass } from './grammar-pass.ts';
import { findingsBySentence, spansOf } from './stored-findings.ts';
import { isWordSubstitution, wordSubstitutions, type WordSubstitution } from './word-changes.ts';
import { capFindings } from './cap-findings.ts';
import { isDocumentWide } from '../../engine/parallel-check.ts';
import { finishFindings } from '../../engine/run-rules.ts';
import type { Rule } from '../../engine/rule-type.ts';
import type { ReaderWarning } from '../../formats/reader-warning.ts';
import { RULE_TYPES } from '../../rules/types/index.ts';
import { nameVariantsMinLength, nameVariantsRule, workedOutReferences } from '../../rules/types/name-variants.ts';
import { applyFixes, bulkApplies, bulkTargets, compatibleFixes, type BulkAction, type BulkTarget } from './bulk-actions.ts';

/** A finding that is gone, or a span that no longer holds its text: the page the editor acted on is stale. */
export class StaleFinding extends Error {
  constructor(readonly sentence: SentenceRecord) {
    super('the finding no longer applies to this sentence');
    this.name = 'StaleFinding';
  }
}

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
  /** Segments other than the sentence's that the change checked again (an ignore): the page should reload. */
  elsewhere?: number;
  /** The document's ignore this change made (or found made): the page's notice offers to undo it. */
  ignore?: IgnoreRecord;
  /** The word a « … dans le projet » ignore put in the project's list: the page's notice offers the sentence's undo. */
  projectWord?: string;
}

/** The reason a reject gives when its word joins the project's list (addToDictionary), and the word read back from it. */
export const projectWordReason = (word: string) => `ajouté au dictionnaire du projet (${word})`;
export function projectWordOfReason(reason: string | null): string | undefined {
  return reason ? /^ajouté au dictionnaire du projet \((.+)\)$/s.exec(reason)?.[1] : undefined;
}

/** Where a rejected finding is ignored from now on: its word in this document, its rule in this document, its word in the project. */
export const IGNORE_SCOPES = ['word', 'rule', 'project-word'] as const;
export type IgnoreScope = (typeof IGNORE_SCOPES)[number];

/** Segments re-checked per transaction when an ignore (or its undo) withdraws findings across a document. */
export const IGNORE_CHUNK = 25;

/**
 * What the editor can do to a document. Every change is one transaction: the
 * decision (the event, with who made it: `actor`, the local user until team
 * mode), the sentence's new text and version, and the re-checked findings of
 * its segment are written together or not at all.
 */
/** The findings « add to dictionary » applies to: one word the dictionaries did not know. */
export const LEARNABLE_RULES = ['spelling/fr', 'untranslated/foreign-word', 'untranslated/foreign-letters', 'capitalization/mid-sentence'];

export function isLearnableFinding(finding: { ruleId: string; text: string }): boolean {
  return LEARNABLE_RULES.includes(finding.ruleId) && /^[\p{L}\p{M}\p{N}'’\-‑]+$/u.test(finding.text);
}

export class ReviewService {
  readonly contexts: DocumentContexts;
  /** The built-in rules, as the engine they are (src/pipeline/). */
  readonly rules: RulesEngine;
  /** Changes too long for one transaction: propagations, re-checks after the corrections changed, undoing a propagation. */
  readonly jobs: ChunkedJobs;
  /** Re-checks of other segments that changes leave for after their answer (deferred-rechecks.ts). */
  private readonly deferred: DeferredRechecks;
  /** The requests the app is answering (app.ts counts them): the deferred re-checks wait for a moment without any. */
  readonly requests = new RequestGauge();
  /** The check workers big imports are lent (kept warm between imports; `stop` ends them). */
  readonly checkWorkers: CheckWorkers;

  constructor(
    readonly store: ReviewStore,
    readonly checker: Checker,
    /** Grammalecte's pass over documents with grammar on; absent, grammar checking is off. */
    readonly grammar?: GrammarPass,
    /** The space fixes put where French typography wants one. */
    readonly spaces: SpaceStyle = 'narrow',
    chunkLimits?: ChunkLimits,
  ) {
    this.contexts = new DocumentContexts();
    this.rules = new RulesEngine(checker);
    // One per core but one: the main thread checks parts of an import too.
    this.checkWorkers = new CheckWorkers(checker.workerOptions, Math.max(1, defaultWorkerCount() - 1));
    this.jobs = new ChunkedJobs(
      store,
      (documentId, work) => this.changing(documentId, work),
      {
        propagate: {
          item: (tx, job, id, index) => (index < (job.params as PropagationParams).sentences ? this.propagateTo(tx, job, id) : this.recheckSegment(tx, job, id)),
          finish: (tx, job) => this.finishPropagation(tx, job),
        },
        recheck: { item: (tx, job, id) => this.recheckSegment(tx, job, id) },
        bulk: { item: (tx, job, id) => this.bulkOn(tx, job, id) },
        'undo-action': { item: (tx, job, id) => this.undoActionOn(tx, job, id), finish: (tx, job) => this.finishUndoAction(tx, job) },
      },
      chunkLimits,
    );
    this.deferred = new DeferredRechecks((documentId, pending) => this.recheckStep(documentId, pending), () => store.isOpen, this.requests);
    // Grammalecte's fixes follow the document's typography too.
    grammar?.useStyle(async (store, documentId) => ({ apostrophe: await this.contexts.apostropheOf(store, documentId), spaces }));
  }

  async accept(sentence: SentenceRecord, findingId: number, suggestionIndex: number, expectedVersion: number, actor = LOCAL_ACTOR, options: DecisionOptions = {}): Promise<ChangeOutcome> {
    if (sentence.version !== expectedVersion) throw new VersionConflict(sentence, expectedVersion);
    const finding = await this.store.findings.getFinding(findingId);
    const suggestion = finding?.suggestions[suggestionIndex];
    if (!finding || finding.sentenceId !== sentence.id || suggestion === undefined) throw new StaleFinding(sentence);
    if (!finding.active || sentence.currentText.slice(finding.start, finding.start + finding.length) !== finding.text) throw new StaleFinding(sentence);
    const after = sentence.currentText.slice(0, finding.start) + suggestion + sentence.currentText.slice(finding.start + finding.length);
    const actionId = randomUUID();
    const offers = isWordSubstitution(finding.text, suggestion) ? [{ from: finding.text, to: suggestion }] : [];
    const elsewhere = await this.offersElsewhere(sentence, offers);
    const updated = await this.changing(sentence.documentId, async (tx) => {
      await tx.documents.lockSegmentOf(sentence.id);
      await tx.decisions.addDecision({
        documentId: sentence.documentId,
        sentenceId: sentence.id,
        actor,
        actionId,
        kind: 'accept',
        findingId: finding.id,
        ruleId: finding.ruleId,
        flaggedText: finding.text,
        replacement: suggestion,
        beforeText: sentence.currentText,
        afterText: after,
      });
      const changed = await this.changeText(tx, sentence, expectedVersion, after);
      await this.keepOffers(tx, sentence, actionId, after, elsewhere);
      return this.reviewedIfDone(tx, sentence, changed, actionId, options, actor);
    });
    return { sentence: updated, offers };
  }

  /**
   * Every decision, text change or not, makes a new version of the sentence and
   * is refused on a stale one. Bug: reject and mark-reviewed left the version as
   * it was, so an undo posted from an out-of-date page undid another editor's
   * reject.
   */
  /** `addedWord`: the word this reject appended to the project list (addToDictionary), taken away again by its undo. */
  async reject(sentence: SentenceRecord, findingId: number, reason: string, expectedVersion: number, actor = LOCAL_ACTOR, options: DecisionOptions = {}, addedWord: string | null = null): Promise<SentenceRecord> {
    if (sentence.version !== expectedVersion) throw new VersionConflict(sentence, expectedVersion);
    const finding = await this.store.findings.getFinding(findingId);
    if (!finding || finding.sentenceId !== sentence.id || !finding.active) throw new StaleFinding(sentence);
    const actionId = randomUUID();
    return this.store.withTransaction(async (tx) => {
      await tx.documents.lockDocumentForChange(sentence.documentId);
      await tx.documents.lockSegmentOf(sentence.id);
      await tx.documents.bumpVersion(sentence.id, expectedVersion);
      await tx.decisions.addDecision({
        documentId: sentence.documentId,
        sentenceId: sentence.id,
        actor,
        actionId,
        kind: 'reject',
        findingId: finding.id,
        ruleId: finding.ruleId,
        flaggedText: finding.text,
        reason: reason.trim() || null,
        addedWord,
      });
      await tx.documents.refreshSentenceState(sentence.id);
      return this.reviewedIfDone(tx, sentence, (await tx.documents.getSentenceById(sentence.id))!, actionId, options, actor);
    });
  }

  /**
   * « Add to dictionary » on a spelling, foreign-word or capital finding: the word
   * joins the project word list (the file the CLI reads too) and the checker's
   * known words, and the finding is rejected with that reason. Later checks, of
   * this document and of the others, leave the word alone. Undo takes the word
   * out of the list again if this action put it there (not if it was there before).
   */
  async addToDictionary(sentence: SentenceRecord, findingId: number, wordsFile: string, actor = LOCAL_ACTOR): Promise<SentenceRecord> {
    const finding = await this.store.findings.getFinding(findingId);
    if (!finding || finding.sentenceId !== sentence.id || !finding.active) throw new StaleFinding(sentence);
    if (!isLearnableFinding(finding)) throw new HttpError(400, 'A finding of {rule} is not about a word the dictionary could learn.', { rule: finding.ruleId });
    const word = withoutElision(finding.text.normalize('NFC'));
    const added = appendProjectWord(wordsFile, word);
    this.checker.learnWords([word]);
    this.learned++;
    // The version the route loaded: the word list is the project's, not this page's.
    return this.reject(sentence, findingId, projectWordReason(word), sentence.version, actor, {}, added ? word : null);
  }

  /**
   * A reject with a scope (the reject menu): « ignorer ce mot dans ce document »
   * (`word`: a learnable finding's word becomes a known word of this document),
   * « ignorer cette règle dans ce document » (`rule`: the built-in rule raises
   * nothing more in it), or « … dans le projet » (`project-word`: the project
   * word list, as « add to dictionary »). The finding is rejected, saying why, and
   * the open findings of that word or rule elsewhere in the document are withdrawn
   * at once: their segments are checked again with the new known word, at most
   * `IGNORE_CHUNK` segments a transaction, so a long document never holds the
   * database in one long write. Undo (of this sentence's action) takes the
   * document's word or rule away and checks those segments again; a project word
   * leaves the project's list if this action added it (addToDictionary).
   */
  async ignore(sentence: SentenceRecord, findingId: number, scope: IgnoreScope, expectedVersion: number, actor = LOCAL_ACTOR, wordsFile?: string): Promise<ChangeOutcome> {
    if (sentence.version !== expectedVersion) throw new VersionConflict(sentence, expectedVersion);
    const finding = await this.store.findings.getFinding(findingId);
    if (!finding || finding.sentenceId !== sentence.id || !finding.active) throw new StaleFinding(sentence);
    if (scope !== 'rule' && !isLearnableFinding(finding)) throw new HttpError(400, 'A finding of {rule} is not about a word the dictionary could learn: ignore its rule instead.', { rule: finding.ruleId });
    // A rule of another engine (Grammalecte): its findings are withdrawn here, and the grammar pass stores none of it in this document.
    const engineRule = scope === 'rule' && finding.source !== RULES_SOURCE;
    const word = withoutElision(finding.text.normalize('NFC'));
    let updated: SentenceRecord;
    let ignore: Pick<IgnoreRecord, 'kind' | 'value'>;
    if (scope === 'project-word') {
      if (!wordsFile) throw new HttpError(400, 'This app has no project word list.');
      updated = await this.addToDictionary(sentence, findingId, wordsFile, actor);
      ignore = { kind: 'word', value: word };
    } else {
      ignore = { kind: scope, value: scope === 'word' ? word : finding.ruleId };
      const actionId = randomUUID();
      const reason = scope === 'word' ? `ignoré dans ce document (${word})` : `règle ignorée dans ce document (${finding.ruleId})`;
      updated = await this.changing(sentence.documentId, async (tx) => {
        await tx.documents.lockSegmentOf(sentence.id);
        await tx.documents.bumpVersion(sentence.id, expectedVersion);
        await tx.decisions.addDecision({ documentId: sentence.documentId, sentenceId: sentence.id, actor, actionId, kind: 'reject', findingId: finding.id, ruleId: finding.ruleId, flaggedText: finding.text, reason });
        // Already ignored (its first action keeps it): the finding is still rejected, the rest still withdrawn.
        await tx.ignores.addIgnore(sentence.documentId, ignore.kind, ignore.value, actionId, actor);
        await this.contexts.ignoresChanged(tx, sentence.documentId);
        await this.recheck(tx, sentence.documentId, sentence.segmentId);
        await tx.documents.refreshSentenceState(sentence.id);
        return (await tx.documents.getSentenceById(sentence.id))!;
      });
    }
    // The record the notice's « Annuler » takes away (none for a project word: its undo is the sentence's).
    const record = scope === 'project-word' ? undefined : (await this.store.ignores.listIgnores(sentence.documentId)).find((i) => i.kind === ignore.kind && i.value === ignore.value);
    if (engineRule) return { sentence: updated, offers: [], elsewhere: await this.withdrawEngineRule(sentence.documentId, finding.ruleId, finding.source), ignore: record };
    // The project word was only rejected in this sentence: its segment is checked again with the rest.
    const elsewhere = await this.recheckInChunks(sentence.documentId, await this.segmentsConcerned(sentence.documentId, ignore, false), scope === 'project-word' ? -1 : sentence.segmentId);
    return { sentence: updated, offers: [], elsewhere, ignore: record, projectWord: scope === 'project-word' ? word : undefined };
  }

  /** Free edit. Line breaks typed in the box become spaces: a sentence stays inside its paragraph. */
  async edit(sentence: SentenceRecord, submitted: string, expectedVersion: number, actor = LOCAL_ACTOR, options: DecisionOptions = {}, mqm: EditMqm = { category: 'auto' }): Promise<ChangeOutcome> {
    const after = editedText(sentence.currentText, submitted);
    if (sentence.version !== expectedVersion) throw new VersionConflict(sentence, expectedVersion);
    if (after === sentence.currentText) return { sentence, offers: [] };
    const actionId = randomUUID();
    // The open findings the edit touches: those it fixes, if the re-check no longer raises them.
    const stretch = changedStretch(sentence.currentText, after);
    const touched = (await activeFindings(this.store, sentence.id)).filter((f) => !f.rejected && f.start < Math.max(stretch.end, stretch.start + 1) && f.start + f.length >= stretch.start);
    const offers = wordSubstitutions(sentence.currentText, after);
    const elsewhere = await this.offersElsewhere(sentence, offers);
    const updated = await this.changing(sentence.documentId, async (tx) => {
      await tx.documents.lockSegmentOf(sentence.id);
      const decision = await tx.decisions.addDecision({ documentId: sentence.documentId, sentenceId: sentence.id, actor, actionId, kind: 'edit', beforeText: sentence.currentText, afterText: after });
      const changed = await this.changeText(tx, sentence, expectedVersion, after);
      const still = new Set((await activeFindings(tx, sentence.id)).map((f) => f.id));
      const error = mqmOfEdit(mqm, touched.filter((f) => !still.has(f.id)));
      if (error) await tx.decisions.setDecisionMqm(decision, error.category, error.severity);
      await this.keepOffers(tx, sentence, actionId, after, elsewhere);
      return this.reviewedIfDone(tx, sentence, changed, actionId, options, actor);
    });
    return { sentence: updated, offers };
  }

  /** A comment on a sentence, for the report. */
  async comment(sentence: SentenceRecord, body: string, actor = LOCAL_ACTOR): Promise<void> {
    const text = body.trim();
    if (text !== '') await this.store.decisions.addComment(sentence.documentId, sentence.id, text.slice(0, 2000), actor);
  }

  /** The editor says the sentence is done (the button, `m`, confirm-and-next). Only this, or `autoReview`, marks it reviewed. */
  async markReviewed(sentence: SentenceRecord, expectedVersion: number, actor = LOCAL_ACTOR): Promise<SentenceRecord> {
    if (sentence.version !== expectedVersion) throw new VersionConflict(sentence, expectedVersion);
    if (sentence.reviewed) return sentence;
    return this.store.withTransaction(async (tx) => {
      await tx.documents.lockDocumentForChange(sentence.documentId);
      await tx.documents.lockSegmentOf(sentence.id);
      await tx.documents.bumpVersion(sentence.id, expectedVersion);
      await tx.decisions.addDecision({ documentId: sentence.documentId, sentenceId: sentence.id, actor, actionId: randomUUID(), kind: 'review' });
      await tx.documents.refreshSentenceState(sentence.id);
      return (await tx.documents.getSentenceById(sentence.id))!;
    });
  }

  /**
   * Reverts the sentence's latest action (all its rows), recording the undo as an
   * event. An action that appended a word to the project list (`wordsFile`, the
   * list it was added to) takes it away again, once the undo is committed: the
   * word is unknown again, and the document's sentences that hold it are checked again.
   */
  async undo(sentence: SentenceRecord, expectedVersion: number, actor = LOCAL_ACTOR, wordsFile?: string): Promise<SentenceRecord> {
    return (await this.undoChange(sentence, expectedVersion, actor, wordsFile)).sentence;
  }

  /** `undo`, saying how many other segments it checked again (an ignore undone: the page reloads). */
  async undoChange(sentence: SentenceRecord, expectedVersion: number, actor = LOCAL_ACTOR, wordsFile?: string): Promise<ChangeOutcome> {
    if (sentence.version !== expectedVersion) throw new VersionConflict(sentence, expectedVersion);
    let afterwards: IgnoreRecord[] = [];
    let addedWord: string | null = null;
    const undone = await this.changing(sentence.documentId, async (tx) => {
      await tx.documents.lockSegmentOf(sentence.id);
      const action = await tx.decisions.lastLiveAction(sentence.id);
      if (action.length === 0) return sentence;
      const reverted = await this.revert(tx, sentence, action, actor);
      afterwards = reverted.unignored;
      addedWord = action.find((d) => d.addedWord)?.addedWord ?? null;
      return reverted.sentence;
    });
    let elsewhere = 0;
    // An engine's rule comes back through the grammar pass (one pass of the document, however many rules): the rest through the rules.
    const byRules = (i: IgnoreRecord) => !this.isEngineRuleIgnore(i);
    if (!afterwards.every(byRules)) await this.grammarAgain(sentence.documentId);
    afterwards = afterwards.filter(byRules);
    for (const ignore of afterwards) elsewhere += await this.recheckInChunks(sentence.documentId, await this.segmentsConcerned(sentence.documentId, ignore, true), sentence.segmentId);
    // Bug (#14 follow-up): the undo left the word in .relecture/words.txt. Its own segment too: the re-check after the add withdrew its finding.
    if (addedWord !== null && wordsFile) {
      removeProjectWord(wordsFile, addedWord);
      this.checker.forgetWords([addedWord]);
      this.learned++;
      elsewhere += await this.recheckInChunks(sentence.documentId, await this.segmentsConcerned(sentence.documentId, { kind: 'word', value: addedWord }, true), sentence.segmentId, true);
    }
    return { sentence: elsewhere > 0 ? ((await this.store.documents.getSentenceById(sentence.id)) ?? undone) : undone, offers: [], elsewhere };
  }

  /**
   * Undoes one action (a propagation, all its sentences) as a job: each sentence
   * whose latest action it still is gets it reverted; one changed since by
   * another action is left as it is and counted as `skipped`.
   */
  async undoAction(documentId: number, actionId: string, actor = LOCAL_ACTOR): Promise<JobRecord> {
    const sentences = await this.store.decisions.sentencesOfAction(documentId, actionId);
    return this.jobs.start({ id: randomUUID(), documentId, kind: 'undo-action', params: { actionId }, items: sentences, actor });
  }

  private async undoActionOn(tx: ReviewStore, job: JobRecord, sentenceId: number): Promise<Record<string, number>> {
    await tx.documents.lockSegmentOf(sentenceId);
    const sentence = await tx.documents.getSentenceById(sentenceId);
    const action = sentence ? await tx.decisions.lastLiveAction(sentenceId) : [];
    // Undone already (a chunk run again), or another action came after it: left alone.
    if (!sentence || action[0]?.actionId !== (job.params as { actionId: string }).actionId) return { skipped: 1 };
    // The words each sentence moves are gathered for the whole job and rippled once at its end:
    // rippled sentence by sentence, every chunk of an undo over 9,000 sentences started its own
    // re-check of every sentence holding the word (13 minutes instead of seconds).
    let ripple = this.jobRipples.get(job.id);
    if (!ripple) this.jobRipples.set(job.id, (ripple = new Ripple(job.documentId)));
    await this.revert(tx, sentence, action, job.actor ?? LOCAL_ACTOR, ripple);
    return { undone: 1 };
  }

  /** Ripples gathered by the undo jobs running in this process, by job id (a job taken up after a restart gathers from there on). */
  private readonly jobRipples = new Map<string, Ripple>();

  private async finishUndoAction(tx: ReviewStore, job: JobRecord): Promise<void> {
    const ripple = this.jobRipples.get(job.id);
    this.jobRipples.delete(job.id);
    if (!ripple) return;
    // Every changed segment was re-checked with its own change: none is left out of the ripple's own.
    ripple.lastSegment = undefined;
    await this.recheckRipple(tx, ripple);
  }

  /**
   * Undoes one action on one sentence, in the caller's transaction: its rows
   * marked undone, its offers withdrawn, its ignores taken away (the sentence's
   * segment checked again; the caller re-checks the rest after the transaction),
   * its text put back.
   */
  private async revert(tx: ReviewStore, sentence: SentenceRecord, action: Awaited<ReturnType<ReviewStore['decisions']['lastLiveAction']>>, actor: string, ripple?: Ripple): Promise<{ sentence: SentenceRecord; unignored: IgnoreRecord[] }> {
    await tx.decisions.markUndone(action.map((d) => d.id));
    await tx.decisions.withdrawOffers(action[0].actionId);
    const unignored = await tx.ignores.removeIgnoresOf(sentence.documentId, action[0].actionId);
    if (unignored.length > 0) {
      await this.contexts.ignoresChanged(tx, sentence.documentId);
      await this.recheck(tx, sentence.documentId, sentence.segmentId);
    }
    const textChange = action.find((d) => d.beforeText !== null);
    const restored = textChange?.beforeText ?? sentence.currentText;
    await tx.decisions.addDecision({
      documentId: sentence.documentId,
      sentenceId: sentence.id,
      actor,
      actionId: randomUUID(),
      kind: 'undo',
      reason: `undid ${action[0].kind}`,
      beforeText: textChange ? sentence.currentText : null,
      afterText: textChange ? restored : null,
    });
    if (textChange && restored !== sentence.currentText) return { sentence: await this.changeText(tx, sentence, sentence.version, restored, ripple), unignored };
    await tx.documents.bumpVersion(sentence.id, sentence.version);
    await tx.documents.refreshSentenceState(sentence.id);
    return { sentence: (await tx.documents.getSentenceById(sentence.id))!, unignored };
  }

  /** Other places where `from` stands, for the editor to see before anything changes. */
  async previewPropagation(documentId: number, from: string, to: string, store: ReviewStore = this.store) {
    const candidates = await this.occurrenceCandidates(store, documentId, from);
    return candidates?.length === 0 ? [] : findOccurrences(store, documentId, from, to, candidates);
  }

  /**
   * The sentences `from` may stand in, from the document's word index (undefined:
   * read the text). The in-memory word counts answer "nowhere else" without
   * reading any sentence, which is what most accepts ask.
   */
  private async occurrenceCandidates(store: ReviewStore, documentId: number, from: string): Promise<number[] | undefined> {
    const word = from.normalize('NFC');
    const context = await this.contexts.get(store, documentId);
    if (!/^[\p{L}\p{M}\p{N}'’-]+$/u.test(word)) return sentencesWithPhrase(context, word);
    const counts = context.index.wordCounts;
    const forms = new Set([word, word.toLowerCase(), word.toUpperCase(), word.charAt(0).toUpperCase() + word.slice(1), word.charAt(0).toLowerCase() + word.slice(1)]);
    if (![...forms].some((form) => (counts.get(form) ?? 0) > 0)) return [];
    return sentencesWithWord(context, word);
  }

  /**
   * Applies `from → to` at every occurrence in the chosen sentences and (by
   * default) learns it in the document's corrections, as a job of chunks
   * (`chunked-jobs.ts`): the correction is learned first, then the sentences are
   * changed a few at a time, then the other segments where `from` stands are
   * re-checked. Every sentence's decisions carry the job's id, its action: one
   * `undoAction` reverts the whole propagation. Occurrences are found again in
   * each sentence's current text, and a sentence the job already changed is
   * left alone, so nothing saved meanwhile is overwritten and nothing is
   * applied twice. Resolves once the job is recorded (`jobs.wait` for the end).
   */
  async startPropagation(documentId: number, from: string, to: string, sentenceIdxs: number[], learn: boolean, actor = LOCAL_ACTOR, options: DecisionOptions = {}): Promise<JobRecord> {
    const chosen = new Set(sentenceIdxs);
    const targets: SentenceRecord[] = [];
    // With the correction learned, its finding comes up where `from` stays: those segments are re-checked after the changes.
    const stays = new Set<number>();
    const candidates = await this.occurrenceCandidates(this.store, documentId, from);
    // Read and matched a slice at a time, the event loop let go between: 9,000 sentences read in one go held it over a second.
    const slices = candidates === undefined ? [undefined] : Array.from({ length: Math.ceil(candidates.length / OCCURRENCE_SLICE) }, (_, k) => candidates.slice(k * OCCURRENCE_SLICE, (k + 1) * OCCURRENCE_SLICE));
    for (const slice of slices) {
      for (const { sentence } of await findOccurrences(this.store, documentId, from, to, slice)) {
        if (chosen.has(sentence.idx)) targets.push(sentence);
        else stays.add(sentence.segmentId);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    targets.sort((a, b) => a.idx - b.idx);
    for (const sentence of targets) stays.delete(sentence.segmentId);
    const others = learn ? [...stays].sort((a, b) => a - b) : [];
    const params: PropagationParams = { from, to, learn, autoReview: options.autoReview === true, sentences: targets.length };
    return this.jobs.start({ id: randomUUID(), documentId, kind: 'propagate', params, items: [...targets.map((sentence) => sentence.id), ...others], actor }, async (tx) => {
      if (learn) this.contexts.correctionChanged(documentId, { record: await tx.corrections.upsertCorrection(documentId, from, to, null, 'learned', actor) });
    });
  }

  /** `startPropagation`, waited for (tests, scripts): what it changed. */
  async propagate(documentId: number, from: string, to: string, sentenceIdxs: number[], learn: boolean, actor = LOCAL_ACTOR, options: DecisionOptions = {}): Promise<{ changed: number; occurrences: number; job: JobRecord }> {
    const started = await this.startPropagation(documentId, from, to, sentenceIdxs, learn, actor, options);
    const job = (await this.jobs.wait(started.id, Infinity))!;
    if (job.state === 'failed') throw new Error(`the propagation failed: ${job.error}`);
    return { changed: job.counts.changed ?? 0, occurrences: job.counts.occurrences ?? 0, job };
  }

  private async propagateTo(tx: ReviewStore, job: JobRecord, sentenceId: number): Promise<Record<string, number>> {
    const { documentId } = job;
    const { from, to, autoReview } = job.params as PropagationParams;
    const actor = job.actor ?? LOCAL_ACTOR;
    await tx.documents.lockSegmentOf(sentenceId);
    const current = await tx.documents.getSentenceById(sentenceId);
    if (!current) return { skipped: 1 };
    // A chunk run again after a crash before its commit finds its own decisions: nothing to do twice.
    if ((await tx.decisions.lastLiveAction(sentenceId))[0]?.actionId === job.id) return {};
    const found = occurrencesIn(new CorrectionMatcher([{ from, to }]), current.currentText);
    if (found.length === 0) return { skipped: 1 };
    const after = replaceOccurrences(current.currentText, found);
    // Findings at exactly a replaced span, whose fix was this one, are confirmed by it.
    for (const finding of await activeFindings(tx, current.id)) {
      if (found.some((o) => o.start === finding.start && o.end === finding.start + finding.length && finding.suggestions.includes(o.replacement))) {
        await tx.decisions.addDecision({ documentId, sentenceId: current.id, actor, actionId: job.id, kind: 'accept', findingId: finding.id, ruleId: finding.ruleId, flaggedText: finding.text, replacement: to });
      }
    }
    await tx.decisions.addDecision({ documentId, sentenceId: current.id, actor, actionId: job.id, kind: 'propagate', flaggedText: from, replacement: to, beforeText: current.currentText, afterText: after });
    // What the change moves elsewhere is re-checked once, when the job is done (`finishPropagation`), not after each sentence.
    await this.reviewedIfDone(tx, current, await this.changeText(tx, current, current.version, after, new Ripple(documentId)), job.id, { autoReview }, actor);
    return { changed: 1, occurrences: found.length };
  }

  // ---- the corrections list --------------------------------------------

  /**
   * The entries are stored and the matcher follows them at once (one entry's
   * cost, whatever the list's length); the segments where they stand are then
   * re-checked by a job of chunks. Resolves with that job once it is recorded
   * (undefined: nothing to re-check).
   */
  async addCorrections(documentId: number, corrections: Correction[], origin: 'added' | 'imported', actor: string = LOCAL_ACTOR, warnings: ReaderWarning[] = []): Promise<JobRecord | undefined> {
    return this.correctionsThenRecheck(documentId, corrections.map((c) => c.from), async (tx) => {
      for (const c of corrections) this.contexts.correctionChanged(documentId, { record: await tx.corrections.upsertCorrection(documentId, c.from, c.to, c.note ?? null, origin, actor) });
      // What the list's reader said (a line kept once) joins what was said at the import, in the same transaction.
      await tx.documents.addReadWarnings(documentId, warnings);
    }, actor);
  }

  async removeCorrection(documentId: number, id: number, actor: string = LOCAL_ACTOR): Promise<JobRecord | undefined> {
    const correction = await this.store.corrections.getCorrection(documentId, id);
    if (!correction) return undefined;
    return this.correctionsThenRecheck(documentId, [correction.from], async (tx) => {
      await tx.corrections.removeCorrection(documentId, id);
      this.contexts.correctionChanged(documentId, { removed: id });
    }, actor);
  }

  private async correctionsThenRecheck(documentId: number, froms: string[], change: (tx: ReviewStore) => Promise<void>, actor: string): Promise<JobRecord | undefined> {
    const segments = await this.segmentsContaining(this.store, documentId, froms);
    if (segments.length === 0) {
      await this.changing(documentId, change);
      return undefined;
    }
    return this.jobs.start({ id: randomUUID(), documentId, kind: 'recheck', params: { froms: froms.slice(0, 20) }, items: segments, actor }, change);
  }

  /**
   * The end of a propagation: its offers answered, and the sentences whose
   * document-wide verdicts the words of `from` and `to` decide re-checked (their
   * counts and name variants moved with every sentence the job changed: each was
   * re-checked with the counts of its moment). Taken from the words themselves,
   * not from memory, so a job taken up after a restart does it too.
   */
  private async finishPropagation(tx: ReviewStore, job: JobRecord): Promise<void> {
    const { documentId } = job;
    const { from, to } = job.params as PropagationParams;
    await tx.decisions.answerOffersFor(documentId, from, to, 'applied');
    const context = await this.contexts.get(tx, documentId);
    const changes = [...new Set([...documentWords(from), ...documentWords(to)])].map((word) => ({ word, countBefore: -1, countAfter: context.index.wordCounts.get(word) ?? 0 }));
    const ripple = new Ripple(documentId);
    ripple.add(changes, apostropheStyle(context.apostrophes), undefined);
    await this.recheckRipple(tx, ripple);
  }

  // ---- bulk actions (the review page) ---------------------------------

  /** What a bulk action would change now: for its preview, and the versions its job will hold each sentence to. */
  async previewBulk(documentId: number, action: BulkAction): Promise<BulkTarget[]> {
    return bulkTargets(this.store, documentId, action);
  }

  /**
   * Accepts or rejects every open finding of a rule (or of a flagged word) in
   * the sentences of the preview, as one action (the job's id: one undo,
   * `undoAction`, reverts it all), in chunks (chunked-jobs.ts). `versions`: each
   * sentence's version in the preview; a sentence changed since is left as it
   * is and counted as `stale`.
   */
  async startBulk(documentId: number, action: BulkAction, versions: Map<number, number>, actor = LOCAL_ACTOR): Promise<JobRecord> {
    const params: BulkParams = { action, versions: Object.fromEntries(versions) };
    return this.jobs.start({ id: randomUUID(), documentId, kind: 'bulk', params, items: [...versions.keys()], actor });
  }

  private async bulkOn(tx: ReviewStore, job: JobRecord, sentenceId: number): Promise<Record<string, number>> {
    const { action, versions } = job.params as BulkParams;
    const actor = job.actor ?? LOCAL_ACTOR;
    await tx.documents.lockSegmentOf(sentenceId);
    const current = await tx.documents.getSentenceById(sentenceId);
    if (!current) return { stale: 1 };
    // A chunk run again after a crash before its commit finds its own decisions: nothing to do twice.
    if ((await tx.decisions.lastLiveAction(sentenceId))[0]?.actionId === job.id) return {};
    if (current.version !== versions[sentenceId]) return { stale: 1 };
    const findings = (await activeFindings(tx, sentenceId)).filter((f) => bulkApplies(action, f) && current.currentText.slice(f.start, f.start + f.length) === f.text);
    if (findings.length === 0) return { stale: 1 };
    const decision = (finding: FindingRecord) => ({ documentId: job.documentId, sentenceId, actor, actionId: job.id, findingId: finding.id, ruleId: finding.ruleId, flaggedText: finding.text });
    if (action.kind === 'accept-rule') {
      const fixes = compatibleFixes(findings);
      const after = applyFixes(current.currentText, fixes);
      // The text change rides on the first row, as an accept's does: the undo puts it back.
      for (const [i, finding] of fixes.entries()) {
        await tx.decisions.addDecision({ ...decision(finding), kind: 'accept', replacement: finding.suggestions[0], ...(i === 0 ? { beforeText: current.currentText, afterText: after } : {}) });
      }
      await this.changeText(tx, current, current.version, after);
      return { changed: 1, findings: fixes.length };
    }
    await tx.documents.bumpVersion(sentenceId, current.version);
    for (const finding of findings) await tx.decisions.addDecision({ ...decision(finding), kind: 'reject', reason: action.kind === 'reject-word' ? `rejeté partout (${action.word})` : `rejeté partout (${action.rule})` });
    await tx.documents.refreshSentenceState(sentenceId);
    return { changed: 1, findings: findings.length };
  }

  /**
   * Switches a rule off for the document from the review page: the reject menu's
   * « ignorer cette règle dans ce document » on its first open finding (its open
   * findings withdrawn, re-checks no longer raise it). Undefined: no open finding of it.
   */
  async switchRuleOff(documentId: number, rule: string, actor = LOCAL_ACTOR): Promise<ChangeOutcome | undefined> {
    const first = (await bulkTargets(this.store, documentId, { kind: 'reject-rule', rule })).find((target) => target.findings.some((f) => f.source === RULES_SOURCE));
    if (!first) return undefined;
    const finding = first.findings.find((f) => f.source === RULES_SOURCE)!;
    return this.ignore(first.sentence, finding.id, 'rule', first.sentence.version, actor);
  }

  /** The rule raises findings in the document again: the ignore goes, and every segment is checked again (in chunks). */
  async switchRuleOn(documentId: number, rule: string): Promise<number> {
    return this.stopIgnoring(documentId, 'rule', rule);
  }

  /**
   * « Ne plus ignorer »: the document's word or rule is checked again, from the
   * review page's list or the notice after the ignore, which stay in reach when
   * the sentence it was ignored from has left the default view (flagged, not
   * reviewed). The finding it was ignored from opens again unless its sentence
   * was acted on since; the segments concerned are checked again. The number of
   * segments re-checked; 0 when the document did not ignore it (any more).
   */
  async stopIgnoring(documentId: number, kind: IgnoreKind, value: string): Promise<number> {
    const removed = await this.changing(documentId, async (tx) => {
      const ignore = await tx.ignores.removeIgnore(documentId, kind, value);
      if (!ignore) return undefined;
      await this.contexts.ignoresChanged(tx, documentId);
      // The finding the rule was switched off from was rejected with it: open again, unless the sentence was acted on since.
      for (const sentenceId of await tx.decisions.sentencesOfAction(documentId, ignore.actionId)) {
        await tx.documents.lockSegmentOf(sentenceId);
        const action = await tx.decisions.lastLiveAction(sentenceId);
        const sentence = await tx.documents.getSentenceById(sentenceId);
        if (!sentence || action[0]?.actionId !== ignore.actionId) continue;
        await tx.decisions.markUndone(action.map((d) => d.id));
        await tx.documents.bumpVersion(sentenceId, sentence.version);
        await tx.documents.refreshSentenceState(sentenceId);
      }
      return ignore;
    });
    if (!removed) return 0;
    // Another engine's rule comes back through the grammar pass, as after an undo.
    if (this.isEngineRuleIgnore(removed)) {
      await this.grammarAgain(documentId);
      return 0;
    }
    return this.recheckInChunks(documentId, await this.segmentsConcerned(documentId, removed, true), -1);
  }

  /**
   * The segments other than its own that a change's re-check must look at again
   * (the neighbours its quotations and figures link it to, the sentences whose
   * document-wide verdicts it moved), by transaction. They are re-checked after
   * the commit, each in a transaction of its own that holds its segment first:
   * a change holds only its own segment's rows, so two editors of neighbouring
   * paragraphs never wait on each other's (they deadlocked on PostgreSQL).
   */
  private readonly otherSegments = new WeakMap<ReviewStore, Map<number, boolean>>();

  /**
   * `segments`: each segment, and whether it is only linked to a change (its documentWide rules
   * re-checked; see writeLinked). Re-checked after the change is answered (deferred-rechecks.ts),
   * merged with those other changes asked for; many (a name used all over a long document) are
   * a job of chunks, recorded now.
   */
  private async recheckAfter(documentId: number, segments: Map<number, boolean>): Promise<void> {
    if (segments.size === 0) return;
    if (segments.size > RIPPLE_IN_MEMORY) {
      await this.jobs.start({ id: randomUUID(), documentId, kind: 'recheck', params: {}, items: [...segments.keys()], actor: null });
      return;
    }
    this.deferred.add(documentId, segments);
  }

  /**
   * One step of the deferred re-checks: the first pending segment and those pending that share
   * its window (one run of the rules), in one transaction that holds their segments. They leave
   * the queue once the document is held: a change committed after that queues them again.
   */
  private async recheckStep(documentId: number, pending: Map<number, boolean>): Promise<void> {
    const candidates = new Map(pending);
    const [headId, linked] = candidates.entries().next().value!;
    await this.changing(documentId, async (tx) => {
      pending.delete(headId);
      const first = (await tx.documents.segmentSentences(headId))[0];
      if (!first) return;
      await tx.documents.lockSegmentOf(first.id);
      const head = (await this.windowOf(tx, documentId, headId))!;
      const group = [head];
      const inWindow = new Set(head.segments.map((segment) => segment.id));
      for (const [segmentId, alsoLinked] of candidates) {
        if (segmentId === headId || !inWindow.has(segmentId) || alsoLinked !== linked || !pending.has(segmentId)) continue;
        const window = await this.windowOf(tx, documentId, segmentId);
        if (window?.key !== head.key) continue;
        await tx.documents.lockSegmentOf(window.own[0].id);
        pending.delete(segmentId);
        group.push(window);
      }
      await this.checkWindow(tx, documentId, group, undefined, true, linked);
    });
  }

  /**
   * Resolves once the work a change leaves for after its answer is done: the deferred re-checks
   * of other segments and the jobs of this process (and what they queue in turn). Findings are
   * then those of a fresh check.
   */
  async settled(): Promise<void> {
    do {
      await this.jobs.idle();
      await this.deferred.settled();
    } while (this.jobs.busy || this.deferred.busy);
  }

  /** Resolves once the re-checks the document's changes left for after their answers are done (an export waits for them). */
  async settledDocument(documentId: number): Promise<void> {
    await this.deferred.flush(documentId);
  }

  /** Before the store closes: the queued re-checks are done, then the jobs stop after their current chunk. */
  async stop(): Promise<void> {
    await this.deferred.settled();
    await this.jobs.stop();
    await this.deferred.settled();
    await this.checkWorkers.close();
  }

  private async recheckSegment(tx: ReviewStore, job: JobRecord, segmentId: number): Promise<Record<string, number>> {
    await this.recheck(tx, job.documentId, segmentId, undefined, true);
    return { rechecked: 1 };
  }

  /**
   * The segments where one of `froms` stands. A few are looked up in the
   * database (LIKE); a long list (an imported file) is matched against every
   * sentence once, rather than scanning the document once per entry.
   */
  private async segmentsContaining(store: ReviewStore, documentId: number, froms: string[]): Promise<number[]> {
    const segments = new Set<number>();
    if (froms.length <= 20) {
      for (const from of froms) for (const sentence of await store.documents.sentencesContaining(documentId, from.normalize('NFC'))) segments.add(sentence.segmentId);
    } else {
      const matcher = new CorrectionMatcher(froms.map((from) => ({ from, to: from })));
      for (const sentence of await store.documents.allSentences(documentId)) {
        if (!segments.has(sentence.segmentId) && matcher.match(normalise(sentence.currentText).text).length > 0) segments.add(sentence.segmentId);
      }
    }
    return [...segments].sort((a, b) => a - b);
  }

  async deleteDocument(documentId: number): Promise<void> {
    await this.store.documents.deleteDocument(documentId);
    this.contexts.forget(documentId);
  }

  // ---- internals -------------------------------------------------------

  /**
   * With the editor's "reviewed when done" preference on, a change that decides
   * the last open finding of a sentence marks it reviewed, as part of the same
   * action (one undo reverts both). Otherwise a change never does (issue #13,
   * defect 4: an accept with findings still open is not a review).
   */
  private async reviewedIfDone(tx: ReviewStore, before: SentenceRecord, after: SentenceRecord, actionId: string, options: DecisionOptions, actor: string): Promise<SentenceRecord> {
    if (!options.autoReview || after.reviewed || before.openFindings === 0 || after.openFindings > 0) return after;
    await tx.decisions.addDecision({ documentId: after.documentId, sentenceId: after.id, actor, actionId, kind: 'review', reason: 'last open finding decided' });
    await tx.documents.refreshSentenceState(after.id);
    return (await tx.documents.getSentenceById(after.id))!;
  }

  /**
   * Offers worth keeping: the change occurs elsewhere in the document. They stay
   * on the sentence until answered (issue #13, defect 9: they vanished on reload).
   * `searched`: each offer, and whether it stands in another sentence of the
   * document (`offersElsewhere`); the sentence's own text after the change
   * (`after`) is looked at here.
   */
  private async keepOffers(tx: ReviewStore, sentence: SentenceRecord, actionId: string, after: string, searched: OfferSearch[]): Promise<void> {
    for (const { offer, elsewhere } of searched) {
      if (elsewhere || occurrencesIn(new CorrectionMatcher([offer]), after).length > 0) await tx.decisions.addOffer(sentence.documentId, sentence.id, actionId, offer.from, offer.to);
    }
  }

  /**
   * Whether each offer stands in another sentence of the document than
   * `sentence`, looked for before the change's transaction, a slice of the
   * candidate sentences at a time with the event loop let go between. Issue #15:
   * inside the transaction, a phrase of common words (« de De », whose rarest
   * word stands in 24,000 of the corpus's sentences, none of them holding the
   * phrase) was searched in one go, 270–420 ms during which every other editor's
   * request waited. Another editor's change committed meanwhile can make the
   * answer a moment old: an offer is a suggestion, and its propagation finds the
   * occurrences again in the current text (`startPropagation`).
   */
  private async offersElsewhere(sentence: SentenceRecord, offers: WordSubstitution[]): Promise<OfferSearch[]> {
    const out: OfferSearch[] = [];
    for (const offer of offers) {
      const candidates = await this.occurrenceCandidates(this.store, sentence.documentId, offer.from);
      const others = candidates?.filter((id) => id !== sentence.id);
      let elsewhere = false;
      // Past a few thousand candidates (« de De »: the 24,000 sentences of the corpus with « de »), one scan of the
      // document's text in the database for the phrase's case forms is cheaper than reading every candidate
      // (issue #15: 48 slices, 0.7–1.2 s of such an accept's answer, for a 15–30 ms scan).
      if (others === undefined || others.length > SCAN_PAST) elsewhere = await this.standsElsewhere(sentence, offer);
      else {
        for (let i = 0; i < others.length && !elsewhere; i += OCCURRENCE_SLICE) {
          if (i > 0) await new Promise((resolve) => setImmediate(resolve));
          elsewhere = await occursIn(this.store, offer.from, offer.to, others.slice(i, i + OCCURRENCE_SLICE));
        }
      }
      out.push({ offer, elsewhere });
    }
    return out;
  }

  /**
   * Whether `offer.from` stands in another sentence than `sentence`, by the database's scan of the
   * text for its case forms, a page of sentences at a time: a frequent word (« et ») is found in the
   * first page, where reading every sentence that holds it as letters would be most of the document.
   */
  private async standsElsewhere(sentence: SentenceRecord, offer: WordSubstitution): Promise<boolean> {
    const matcher = new CorrectionMatcher([offer]);
    for (let after: number | undefined; ; ) {
      const page = await this.store.documents.sentencesContaining(sentence.documentId, offer.from.normalize('NFC'), { after, limit: SCAN_PAGE });
      if (page.some((other) => other.id !== sentence.id && occurrencesIn(matcher, other.currentText).length > 0)) return true;
      if (page.length < SCAN_PAGE) return false;
      after = page[page.length - 1].idx;
    }
  }

  /**
   * A transaction that changes the document's text or corrections: it first
   * holds the document for its writers (a change re-checks other segments than
   * its own: without one order, two changes deadlocked on PostgreSQL), its
   * revision is bumped as the last statement, and this process's context follows it.
   * A change that fails leaves the context to be built again.
   */
  private async changing<T>(documentId: number, work: (tx: ReviewStore) => Promise<T>): Promise<T> {
    // The word index first, outside the transaction: a build under way (the import's) is waited for there,
    // where it can finish, instead of the transaction building one more (2.6 s for the corpus's first accept).
    await this.contexts.get(this.store, documentId);
    for (let attempt = 1; ; attempt++) {
      const changesBefore = this.contexts.changeCount(documentId);
      const later = new Map<number, boolean>();
      try {
        const result = await this.store.withTransaction(async (tx) => {
          this.otherSegments.set(tx, later);
          await tx.documents.lockDocumentForChange(documentId);
          const result = await work(tx);
          this.contexts.advanced(documentId, await tx.documents.bumpRevision(documentId));
          return result;
        });
        await this.recheckAfter(documentId, later);
        return result;
      } catch (error) {
        // Words this transaction had counted are not in the database: count again on next use.
        if (this.contexts.changeCount(documentId) !== changesBefore) this.contexts.forget(documentId);
        // PostgreSQL broke a deadlock (40P01) or a serialization conflict (40001) by rolling this
        // transaction back: nothing of it was kept, so it is run again from the start.
        const code = (error as { code?: string }).code;
        if ((code === '40P01' || code === '40001') && attempt < 3) continue;
        throw error;
      }
    }
  }

  /**
   * New text, version, TER figures, index, re-checked findings and cached state, in the caller's transaction.
   * The sentences elsewhere whose document-wide verdicts the change moved are re-checked too, now, or,
   * given `ripple`, once by the caller when a batch of changes is done (`recheckRipple`).
   */
  private async changeText(tx: ReviewStore, sentence: SentenceRecord, expectedVersion: number, after: string, ripple?: Ripple): Promise<SentenceRecord> {
    const ter = terOfTexts(sentence.originalText, after);
    // The index as it was, to say what the change moves (built from the database if this process had none).
    const contextBefore = await this.contexts.get(tx, sentence.documentId);
    const styleBefore = apostropheStyle(contextBefore.apostrophes);
    // A change of its own (no batch) says which names' findings it moves by their references before and after it.
    const namesBefore = ripple ? undefined : this.nameReferences(contextBefore);
    await tx.documents.updateSentenceText(sentence.id, expectedVersion, after, ter.edits, terTokens(after).length);
    const moved = await this.contexts.sentenceChanged(tx, sentence, sentence.currentText, after);
    await carryGrammarFindings(tx, sentence.id, sentence.currentText, after);
    const changed = { sentenceId: sentence.id, ...changedStretch(sentence.currentText, after) };
    await this.recheck(tx, sentence.documentId, sentence.segmentId, changed);
    const own = ripple ?? new Ripple(sentence.documentId, namesBefore);
    own.add(moved, styleBefore, sentence.segmentId);
    if (!ripple) await this.recheckRipple(tx, own);
    // Grammalecte re-checks the sentence after this transaction (see GrammarPass.run).
    void this.grammar?.run();
    return (await tx.documents.getSentenceById(sentence.id))!;
  }

  /**
   * Re-checks a whole segment (for plain text a paragraph), not only the
   * sentence that changed, with the counts of the whole document: a finding that
   * spans two sentences (a « opened in one and closed in the next, a phrase
   * repeated across the full stop) is seen, or not, as at the import, whichever
   * sentence was edited. Findings stay on their sentences; a rule that fails is
   * kept for the page.
   *
   * Some rules carry state from paragraph to paragraph (`documentWide`: a
   * quotation that runs on, the unit of the sentence before): the segment is
   * checked with the neighbours recheck-window.ts names, and their findings are
   * replaced too (issue #13, defect 2: a « typed into one paragraph and the »
   * of the next were both reported, each checked alone).
   */
  private async recheck(tx: ReviewStore, documentId: number, segmentId: number, changed?: ChangedStretch & { sentenceId: number }, alone = false): Promise<void> {
    const window = await this.windowOf(tx, documentId, segmentId);
    if (!window) return;
    // Only this segment's findings are written here; the linked ones are checked again after the commit,
    // unless this is that re-check (`alone`: its text did not change, its neighbours' verdicts neither).
    if (!alone) await this.elsewhere(tx, documentId, window.near.slice(window.first, window.last + 1).map((segment) => segment.id).filter((id) => id !== segmentId), true);
    await this.checkWindow(tx, documentId, [window], changed, alone);
  }

  /** The last runs of changes over a window of linked segments, by document and window (see checkWindow); a few, the latest. */
  private readonly windowRuns = new Map<string, WindowRun>();
  /** The sentence cuts of the lines re-checked lately: a window's unchanged paragraphs are not cut again at each accept (issue #15). */
  private readonly lineCuts = new LineCuts();

  /** Counts the words this process taught or took from the checker (addToDictionary, its undo): a run before is stale. */
  private learned = 0;

  private keepWindowRun(key: string, run: WindowRun): void {
    this.windowRuns.delete(key);
    this.windowRuns.set(key, run);
    if (this.windowRuns.size > WINDOW_RUNS_KEPT) this.windowRuns.delete(this.windowRuns.keys().next().value!);
  }

  /** Which enabled rules carry state across paragraphs (documentWide), which do not, which give way (fallback), in the pack's order. */
  private get ruleSets(): RuleSets {
    if (this.ruleSetsBuilt) return this.ruleSetsBuilt;
    const wide = (rule: Rule) => isDocumentWide(rule, RULE_TYPES);
    return (this.ruleSetsBuilt = {
      wide: this.checker.enabledRules.filter(wide),
      wideIds: new Set(this.checker.enabledRules.filter(wide).map((rule) => rule.id)),
      paragraph: this.checker.enabledRules.filter((rule) => !wide(rule)),
      fallback: new Set(this.checker.enabledRules.filter((rule) => RULE_TYPES[rule.type].fallback).map((rule) => rule.id)),
      order: new Map(this.checker.enabledRules.map((rule, i) => [rule.id, i])),
      names: this.checker.enabledRules.filter((rule) => rule.type === nameVariantsRule.name),
    });
  }

  private ruleSetsBuilt: RuleSets | undefined;

  /**
   * The reference form of each name variant, by name-variants rule, as the rules see the document now: what
   * the rule worked out at the last check against the index, if the index has not moved since (a change's own
   * re-check runs it, so the state before the next change and after this one are known); else undefined.
   */
  private nameReferences(context: DocumentContext): Array<ReadonlyMap<string, string>> | undefined {
    const rules = this.ruleSets.names;
    if (rules.length === 0) return [];
    const references = rules.map((rule) => workedOutReferences(context.index, context.corrections, rule.params));
    return references.every((reference) => reference !== undefined) ? (references as Array<ReadonlyMap<string, string>>) : undefined;
  }

  /**
   * The documentWide rules over a window's text. A change's run is kept (`keep`), and the
   * re-check of its linked neighbours after the commit reuses it when nothing moved since
   * (same text, same context, no change counted, no word learned).
   */
  private wideRun(documentId: number, key: string, text: string, context: DocumentContext, keep: boolean): { findings: Finding[]; failures: RuleFailure[] } {
    const memoKey = `${documentId}:${key}`;
    const memo = this.windowRuns.get(memoKey);
    if (memo !== undefined && memo.text === text && memo.context === context && memo.changes === this.contexts.changeCount(documentId) && memo.learned === this.learned) return memo.result;
    const run = this.checker.checkPart(text, this.ruleSets.wide, { corrections: context.corrections, index: context.index, knownWords: context.knownWords, sentenceCuts: this.lineCuts.cutsOf(text) });
    const result = {
      findings: finishFindings(run.findings.map(({ beforeFirstSentence: _, ...finding }) => ({ ...finding, source: RULES_SOURCE })), this.ruleSets.fallback),
      failures: run.failures.map((failure) => ({ ...failure, source: RULES_SOURCE })),
    };
    if (keep) this.keepWindowRun(memoKey, { text, context, changes: this.contexts.changeCount(documentId), learned: this.learned, result });
    return result;
  }

  /**
   * A neighbour linked to a changed paragraph (its own text unchanged): only the
   * findings of the documentWide rules can move (a quotation now closed before
   * it, a unit now named), so those are replaced and the others kept as stored.
   * The words' counts, which the other rules also read, are the ripple's
   * (recheckRipple re-checks every rule where they move a verdict). Returns the
   * windows to check in full instead: a finding that moved has the shape of a
   * word (a spelling finding, which gives way to another on the same span, may
   * have been hidden under it), or the sentence's findings were capped.
   */
  private async writeLinked(tx: ReviewStore, documentId: number, windows: RecheckWindow[], parts: Array<{ sentences: SentenceRecord[]; start: number }>, text: string, wide: { findings: Finding[] }, context: DocumentContext): Promise<RecheckWindow[]> {
    const written = new Set(windows.map((w) => w.segmentId));
    const raised = context.ignoredRules.size === 0 ? wide.findings : wide.findings.filter((f) => !context.ignoredRules.has(f.ruleId));
    const found = findingsBySentence(raised, text, parts.flatMap(({ sentences, start }) => spansOf(sentences.map((s) => s.currentText), start)));
    const style = { apostrophe: apostropheStyle(context.apostrophes), spaces: this.spaces };
    const sentences = parts.flatMap((part) => part.sentences);
    const full = new Set<number>();
    const writes: Array<{ sentence: SentenceRecord; findings: NewFinding[] }> = [];
    for (const [i, sentence] of sentences.entries()) {
      if (!written.has(sentence.segmentId) || full.has(sentence.segmentId)) continue;
      const { kept, leftOut } = capFindings(found[i]);
      const fresh = styleFindings(kept, sentence.currentText, style);
      const stored = await tx.findings.activeFindingsFrom(sentence.id, RULES_SOURCE);
      const before = stored.filter((f) => this.ruleSets.wideIds.has(f.ruleId));
      if (sameFindings(before, fresh)) continue;
      if (Object.keys(leftOut).length > 0 || Object.keys(sentence.findingsLeftOut ?? {}).length > 0 || [...before, ...fresh].some((f) => WORD_SHAPE.test(f.text))) {
        full.add(sentence.segmentId);
        continue;
      }
      writes.push({ sentence, findings: [...stored.filter((f) => !this.ruleSets.wideIds.has(f.ruleId)).map(asNewFinding), ...fresh] });
    }
    for (const { sentence, findings } of writes) {
      if (full.has(sentence.segmentId)) continue;
      await tx.findings.replaceFindings(documentId, sentence.id, findings, RULES_SOURCE);
      await tx.documents.refreshSentenceState(sentence.id);
    }
    return windows.filter((w) => full.has(w.segmentId));
  }

  /** The segments a re-check of `segmentId` reads (recheckWindow), from the caller's transaction; undefined: it has no sentence. */
  private async windowOf(tx: ReviewStore, documentId: number, segmentId: number): Promise<RecheckWindow | undefined> {
    const own = await tx.documents.segmentSentences(segmentId);
    if (own.length === 0) return undefined;
    const at = own[0].paragraph;
    // A few neighbours first: most windows are the paragraph and one on each side at most, and reading the
    // LINKED_SEGMENTS on each side (43 paragraphs, the corpus's long ones) was 0.3-0.5 ms of every re-check (issue #15).
    // A window that reaches an end of what was read may go on past it: then read as far as it can go. Short of the
    // ends, recheckWindow gives the same bounds over either, since it only looks further while a quotation runs on.
    const around = (reach: number) => tx.documents.segmentsBetween(documentId, at - 1 - reach, at + 1 + reach);
    let near = await around(NEIGHBOURS_FIRST);
    let bounds = recheckWindow(near.map((segment) => segment.currentTarget), near.findIndex((segment) => segment.id === segmentId));
    if (bounds.context === 0 || bounds.last === near.length - 1) {
      near = await around(LINKED_SEGMENTS);
      bounds = recheckWindow(near.map((segment) => segment.currentTarget), near.findIndex((segment) => segment.id === segmentId));
    }
    const { context, first, last } = bounds;
    const segments = near.slice(context, last + 1);
    return { segmentId, own, near, first, last, segments, key: segments.map((segment) => segment.id).join(',') };
  }

  /**
   * Runs the rules once over the segments of `windows` (all the same segments:
   * one `key`) and writes the findings of each window's own segment. Segments
   * whose windows are the same get the same findings from one run as from one
   * run each: a dialogue of 24 paragraphs that dashes link is one window, and
   * re-checked neighbour by neighbour its 23 neighbours each ran the rules over
   * the same 24 paragraphs (issue #15: 24 runs of 22 ms for one accept).
   */
  private async checkWindow(tx: ReviewStore, documentId: number, windows: RecheckWindow[], changed?: ChangedStretch & { sentenceId: number }, alone = false, linked = false): Promise<void> {
    const written = new Map(windows.map((w) => [w.segmentId, w.own]));
    // Each segment a line, as the document lays paragraphs out (blank lines between them change nothing the rules see).
    const checkContext = await this.contexts.get(tx, documentId);
    const { bilingual } = checkContext;
    const parts: Array<{ segment: SegmentRecord; sentences: SentenceRecord[]; start: number }> = [];
    let text = '';
    // The neighbours' sentences in one read (a statement per segment was a third of a window's reads).
    const unread = windows[0].segments.filter((segment) => !written.has(segment.id)).map((segment) => segment.id);
    const read = unread.length > 0 ? await tx.documents.sentencesOfSegments(unread) : new Map<number, SentenceRecord[]>();
    for (const segment of windows[0].segments) {
      const sentences = written.get(segment.id) ?? read.get(segment.id)!;
      if (text !== '') text += '\n';
      parts.push({ segment, sentences, start: text.length });
      text += sentences.map((s) => s.currentText).join('');
    }
    // A bilingual segment is checked against its source again, or its source-aware findings would vanish with any edit.
    const segments = bilingual ? parts.map(({ segment, sentences, start }) => ({ id: String(segment.id), start, end: start + sentences.reduce((n, s) => n + s.currentText.length, 0), ...(segment.sourceText !== null ? { source: segment.sourceText } : {}) })) : undefined;
    const options = { corrections: checkContext.corrections, index: checkContext.index, knownWords: checkContext.knownWords };
    let result: { findings: Finding[]; failures: RuleFailure[] };
    if (text.trim() === '') result = { findings: [], failures: [] };
    else if (bilingual || parts.length === 1) result = this.rules.run(new CheckText(text, segments, options));
    else {
      // Linked paragraphs: the rules that carry state across paragraphs (documentWide: quotations, units)
      // over the window, the others over each segment written alone, as parallel-check.ts cuts a document
      // at line breaks (the same findings: test/engine/parallel-check.test.ts). Over a dialogue of 24
      // paragraphs, 3 ms and 2 ms where every rule over the window took 20 (issue #15).
      const wide = this.wideRun(documentId, windows[0].key, text, checkContext, !alone);
      if (linked && wide.failures.length === 0) {
        const full = await this.writeLinked(tx, documentId, windows, parts, text, wide, checkContext);
        if (full.length > 0) await this.checkWindow(tx, documentId, full, undefined, true);
        return;
      }
      const findings = [...wide.findings];
      const failures = new Map(wide.failures.map((failure) => [failure.ruleId, failure]));
      for (const { segment, sentences, start } of parts) {
        if (!written.has(segment.id)) continue;
        const ownText = sentences.map((s) => s.currentText).join('');
        const own = this.checker.checkPart(ownText, this.ruleSets.paragraph, { ...options, sentenceCuts: this.lineCuts.cutsOf(ownText) });
        for (const { beforeFirstSentence: _, ...finding } of own.findings) findings.push({ ...finding, offset: finding.offset + start, source: RULES_SOURCE });
        for (const failure of own.failures) if (!failures.has(failure.ruleId)) failures.set(failure.ruleId, { ...failure, source: RULES_SOURCE });
      }
      result = { findings: finishFindings(findings, this.ruleSets.fallback), failures: [...failures.values()].sort((a, b) => this.ruleSets.order.get(a.ruleId)! - this.ruleSets.order.get(b.ruleId)!) };
    }
    const sentences = parts.flatMap((part) => part.sentences);
    // Rules an editor silenced in this document raise nothing in it.
    const raised = checkContext.ignoredRules.size === 0 ? result.findings : result.findings.filter((f) => !checkContext.ignoredRules.has(f.ruleId));
    const found = findingsBySentence(raised, text, parts.flatMap(({ sentences, start }) => spansOf(sentences.map((s) => s.currentText), start)));
    const style = { apostrophe: apostropheStyle(checkContext.apostrophes), spaces: this.spaces };
    for (const [i, sentence] of sentences.entries()) {
      if (!written.has(sentence.segmentId)) continue;
      // Capped first (a 1 MB line raises 100k findings), then the kept ones styled.
      const { kept, leftOut } = capFindings(found[i]);
      const fresh = styleFindings(kept, sentence.currentText, style);
      // Checked again for another segment's change (a neighbour, a ripple), findings as stored are not
      // written: no row of the sentence is held, so editors of neighbouring paragraphs do not wait on each other.
      // Nor are those of the changed sentence's siblings in its segment when they come out the same: a
      // paragraph of 3 or 4 sentences wrote and counted again each one at every accept (issue #15: 0.5-0.7 ms a sibling).
      const textUnchanged = alone || (changed !== undefined && changed.sentenceId !== sentence.id);
      if (textUnchanged && sameFindings(await tx.findings.activeFindingsFrom(sentence.id, RULES_SOURCE), fresh) && sameCounts(sentence.findingsLeftOut, leftOut)) continue;
      await tx.findings.replaceFindings(documentId, sentence.id, fresh, RULES_SOURCE, changed?.sentenceId === sentence.id ? changed : undefined);
      // None left out, now or before (the sentence as read in this transaction): nothing to write, nor to read.
      if (Object.keys(leftOut).length > 0 || Object.keys(sentence.findingsLeftOut).length > 0) await tx.findings.setFindingsLeftOut(sentence.id, RULES_SOURCE, leftOut);
      await tx.documents.refreshSentenceState(sentence.id);
    }
    // Kept on each segment's first sentence, so the next re-check of the segment replaces them.
    for (const window of windows) await tx.findings.replaceCheckFailures(documentId, window.own[0].id, RULES_SOURCE, result.failures);
  }

  /**
   * Re-checks the segments whose document-wide verdicts the changes gathered in
   * `ripple` may have moved (document-wide-effects.ts), but the one the last
   * change re-checked already. Bounded: a count change re-checks at most
   * MAX_COUNT_THRESHOLD occurrences of the word, a name the occurrences of its
   * variants. Only if the document's apostrophe style flipped (more curly than
   * straight now, or the reverse), every fix may read otherwise: the whole document.
   */
  private async recheckRipple(tx: ReviewStore, ripple: Ripple): Promise<void> {
    const { documentId } = ripple;
    const context = await this.contexts.get(tx, documentId);
    const segments = new Set<number>();
    if (ripple.styleBefore !== apostropheStyle(context.apostrophes)) {
      for (const segment of await tx.documents.segments(documentId)) segments.add(segment.id);
    } else {
      const confirmed = new Set(context.corrections.corrections.map((c) => c.to.normalize('NFC')));
      const namesAfter = ripple.namesBefore && this.nameReferences(context);
      // Where the references of the names before and after the change are known, only the forms whose findings they
      // move (movedVariants); otherwise every form of a changed name's family (affectedWords).
      const words = namesAfter
        ? [...affectedWords(ripple.changes(), context.index, confirmed, undefined), ...movedVariants(ripple.namesBefore!, namesAfter, ripple.changes())]
        : affectedWords(ripple.changes(), context.index, confirmed, nameVariantsMinLength(this.checker.enabledRules));
      for (const word of words) {
        for (const sentence of await tx.documents.sentencesByIds(sentencesWithWord(context, word.needle))) {
          if (!segments.has(sentence.segmentId) && documentWords(sentence.currentText).some(word.matches)) segments.add(sentence.segmentId);
        }
      }
    }
    if (ripple.lastSegment !== undefined) segments.delete(ripple.lastSegment);
    this.elsewhere(tx, documentId, segments);
  }

  /** Other segments to re-check: after the commit (`recheckAfter`), or now when the transaction is not a change's. */
  private elsewhere(tx: ReviewStore, documentId: number, segments: Iterable<number>, linked = false): void | Promise<void> {
    const later = this.otherSegments.get(tx);
    if (later) {
      // A segment both linked and rippled is checked in full.
      for (const segmentId of segments) later.set(segmentId, linked && (later.get(segmentId) ?? true));
      return;
    }
    return this.recheckAll(tx, documentId, [...segments], linked);
  }

  /** Re-checks segments in the caller's transaction (`alone`), one run of the rules for those that share a window. */
  private async recheckAll(tx: ReviewStore, documentId: number, segmentIds: number[], linked = false): Promise<void> {
    const groups = new Map<string, RecheckWindow[]>();
    for (const segmentId of segmentIds) {
      const window = await this.windowOf(tx, documentId, segmentId);
      if (window) groups.set(window.key, [...(groups.get(window.key) ?? []), window]);
    }
    for (const group of groups.values()) await this.checkWindow(tx, documentId, group, undefined, true, linked);
  }

  /**
   * The segments an ignore concerns: where its word stands, or (a rule) where
   * the rule has an open finding; after an undo of a rule, every segment, since
   * the rule's findings may come back anywhere.
   */
  private async segmentsConcerned(documentId: number, ignore: Pick<IgnoreRecord, 'kind' | 'value'>, undoing: boolean): Promise<number[]> {
    if (ignore.kind === 'word') return [...new Set((await this.store.documents.sentencesContaining(documentId, ignore.value)).map((s) => s.segmentId))];
    if (undoing) return (await this.store.documents.segments(documentId)).map((segment) => segment.id);
    const segments = new Set<number>();
    for (let offset = 0; ; offset += IGNORE_CHUNK * 8) {
      const { rows } = await this.store.documents.querySentences(documentId, { status: 'flagged', rule: ignore.value }, IGNORE_CHUNK * 8, offset);
      for (const row of rows) segments.add(row.segmentId);
      if (rows.length < IGNORE_CHUNK * 8) break;
    }
    return [...segments];
  }

  /**
   * « Ignorer cette règle » on another engine's finding: the rule's stored
   * findings leave every sentence of the document, `IGNORE_CHUNK` sentences a
   * transaction (the engine is not run again: its other findings stay as they
   * are). Returns how many sentences lost one.
   */
  private async withdrawEngineRule(documentId: number, ruleId: string, source: string): Promise<number> {
    const sentences: number[] = [];
    for (const sentence of await this.store.documents.allSentences(documentId)) {
      if ((await this.store.findings.activeFindingsFrom(sentence.id, source)).some((f) => f.ruleId === ruleId)) sentences.push(sentence.id);
    }
    for (let i = 0; i < sentences.length; i += IGNORE_CHUNK) {
      await this.changing(documentId, async (tx) => {
        for (const id of sentences.slice(i, i + IGNORE_CHUNK)) {
          const kept = (await tx.findings.activeFindingsFrom(id, source)).filter((f) => f.ruleId !== ruleId);
          await tx.findings.replaceFindings(documentId, id, kept, source);
          await tx.documents.refreshSentenceState(id);
        }
      });
    }
    return sentences.length;
  }

  /** An ignored rule of another engine (Grammalecte), not of the rule pack: it comes back through the grammar pass. */
  private isEngineRuleIgnore(ignore: IgnoreRecord): boolean {
    return ignore.kind === 'rule' && !this.checker.rules.some((rule) => rule.id === ignore.value);
  }

  /** The document's sentences wait for the grammar pass again (an engine rule no longer ignored), `IGNORE_CHUNK` a transaction. */
  private async grammarAgain(documentId: number): Promise<void> {
    const sentences = await this.store.documents.allSentences(documentId);
    for (let i = 0; i < sentences.length; i += IGNORE_CHUNK) {
      await this.store.withTransaction(async (tx) => {
        for (const sentence of sentences.slice(i, i + IGNORE_CHUNK)) await tx.documents.setGrammarVersion(sentence.id, -1);
      });
    }
    void this.grammar?.run();
  }

  /**
   * Re-checks segments, `IGNORE_CHUNK` a transaction (the one already checked
   * left out, unless `andDone`: it is checked too, and not counted); returns how
   * many others were checked.
   */
  private async recheckInChunks(documentId: number, segmentIds: number[], done: number, andDone = false): Promise<number> {
    const todo = segmentIds.filter((id) => andDone || id !== done);
    for (let i = 0; i < todo.length; i += IGNORE_CHUNK) {
      const chunk = todo.slice(i, i + IGNORE_CHUNK);
      await this.changing(documentId, async (tx) => {
        await this.recheckAll(tx, documentId, chunk);
      });
    }
    return todo.filter((id) => id !== done).length;
  }
}

/** What a re-check of one segment reads: its sentences, the segments around it, the window recheckWindow cut from them (`segments`, named by `key`). */
interface RecheckWindow {
  segmentId: number;
  own: SentenceRecord[];
  near: SegmentRecord[];
  first: number;
  last: number;
  segments: SegmentRecord[];
  key: string;
}

/** Neighbours read on each side of a re-checked segment before its window is known (windowOf). */
const NEIGHBOURS_FIRST = 2;

/** A change's run of the rules over a window, and what it depended on (checkWindow reuses it when none moved). */
interface WindowRun {
  text: string;
  context: DocumentContext;
  changes: number;
  learned: number;
  /** The documentWide rules' findings over the window. */
  result: { findings: Finding[]; failures: RuleFailure[] };
}

interface RuleSets {
  wide: Rule[];
  wideIds: Set<string>;
  paragraph: Rule[];
  fallback: Set<string>;
  order: Map<string, number>;
  /** The name-variants rules (their references are compared before and after a change, recheckRipple). */
  names: Rule[];
}

/** A finding's text that a word's spelling finding could share its span with. */
const WORD_SHAPE = /^[\p{L}\p{M}\p{N}'’\-‑]+$/u;

function asNewFinding(f: FindingRecord): NewFinding {
  return { ruleId: f.ruleId, source: f.source, category: f.category, severity: f.severity, message: f.message, start: f.start, length: f.length, text: f.text, suggestions: f.suggestions };
}

/** Window runs kept for the re-checks after their changes: about one per editor at work. */
const WINDOW_RUNS_KEPT = 32;

/** Sentences read at a time while a propagation, or a change's offers, look for their occurrences. */
const OCCURRENCE_SLICE = 500;

/** Past this many candidate sentences, a change's offer is looked for by one scan of the document's text (`offersElsewhere`). */
const SCAN_PAST = 2_000;
const SCAN_PAGE = 100;

/** An offer a change makes, and whether it stands in another sentence of the document. */
interface OfferSearch {
  offer: WordSubstitution;
  elsewhere: boolean;
}

/** What a propagation job was asked to do; its items are `sentences` sentence ids, then the segments to re-check. */
/** What a bulk job was asked to do; its items are the preview's sentence ids. */
interface BulkParams {
  action: BulkAction;
  /** Each sentence's version in the preview, by id. */
  versions: Record<number, number>;
}

interface PropagationParams {
  from: string;
  to: string;
  learn: boolean;
  autoReview: boolean;
  sentences: number;
}

/**
 * Past this many segments, what a change moves elsewhere is re-checked by a job (recorded, taken
 * up after a crash); up to it, by the deferred re-checks in memory, where the ripples of many
 * changes merge (a name's 70 paragraphs of the sample ×10, which each accept of its variant moves).
 */
const RIPPLE_IN_MEMORY = 1000;

/** The word changes of a batch of sentence changes, merged: each word's count before the first and after the last. */
class Ripple {
  private readonly words = new Map<string, WordChange>();
  styleBefore: Apostrophe | undefined;
  lastSegment: number | undefined;
  private started = false;

  constructor(
    readonly documentId: number,
    /** The names' references before the change, when the ripple is one change's (see recheckRipple). */
    readonly namesBefore?: Array<ReadonlyMap<string, string>>,
  ) {}

  add(changes: WordChange[], styleBefore: Apostrophe | undefined, segmentId: number | undefined): void {
    if (!this.started) this.styleBefore = styleBefore;
    this.started = true;
    this.lastSegment = segmentId;
    for (const change of changes) {
      const earlier = this.words.get(change.word);
      this.words.set(change.word, earlier ? { ...earlier, countAfter: change.countAfter } : change);
    }
  }

  changes(): WordChange[] {
    return [...this.words.values()];
  }
}

/** Stored findings that a re-check found again exactly (what replaceFindings would leave as it is). */
function sameFindings(stored: FindingRecord[], fresh: Array<{ ruleId: string; start: number; length: number; text: string; message: string; severity: string; suggestions: string[] }>): boolean {
  if (stored.length !== fresh.length) return false;
  const key = (f: { ruleId: string; start: number; length: number; text: string; message: string; severity: string; suggestions: string[] }) => JSON.stringify([f.ruleId, f.start, f.length, f.text, f.message, f.severity, f.suggestions]);
  const keys = new Set(stored.map(key));
  return fresh.every((f) => keys.has(key(f)));
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].every((k) => (a?.[k] ?? 0) === (b?.[k] ?? 0));
}

async function activeFindings(store: ReviewStore, sentenceId: number): Promise<FindingRecord[]> {
  return (await store.findings.activeFindings([sentenceId])).get(sentenceId) ?? [];
}

/**
 * Grammar findings outside the changed stretch of text stay, moved with it, until
 * Grammalecte has looked at the new text; those inside it go. Without this every
 * accept would hide the sentence's other grammar findings until the pass returns.
 */
export async function carryGrammarFindings(store: ReviewStore, sentenceId: number, before: string, after: string): Promise<void> {
  const findings = await store.findings.activeFindingsFrom(sentenceId, GRAMMALECTE_SOURCE);
  if (findings.length === 0) return;
  const { start: prefix, end: changedEnd } = changedStretch(before, after);
  const shift = after.length - before.length;
  for (const finding of findings) {
    const end = finding.start + finding.length;
    if (end <= prefix) continue;
    if (finding.start >= changedEnd) await store.findings.moveFinding(finding.id, finding.start + shift);
    else await store.findings.retireFinding(finding.id, 'edited');
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
