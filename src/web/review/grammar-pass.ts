import { GrammalecteError, type GrammalecteEngine } from '../../engines/grammalecte.ts';
import { indexAtOrBefore } from '../../text/position.ts';
import type { NewFinding, ReviewStore, SentenceRecord } from '../store/review-store.ts';
import type { SuggestionStyle } from '../../text/suggestion-style.ts';
import { styleFindings } from './style-findings.ts';

export interface GrammarPassOptions {
  /** Text sent to Grammalecte in one request (default 20,000 characters, about half a second of its time). */
  batchChars?: number;
}

export interface GrammarStatus {
  /** Grammalecte runs on this machine. */
  available: boolean;
  /** The document has grammar checking on. */
  on: boolean;
  /** Sentences still waiting for Grammalecte. */
  pending: number;
  /** Why the last pass failed, until one succeeds. */
  error: string | null;
}

interface Waiter {
  done(): boolean;
  resolve(): void;
}

/**
 * Grammalecte on the documents that have grammar checking on, beside the
 * built-in rules. The built-in rules answer within the request; Grammalecte runs
 * in its own process, so its findings come from this pass, after the request's
 * transaction: it takes every sentence whose text changed since its last grammar
 * check (all of them after an import), sends them in a few large requests, and
 * stores each sentence's grammar findings if its text has not changed meanwhile.
 * What is waiting is in the database (`sentences.grammar_version`), so a pass
 * cut off by a crash or a restart is taken up again on the next start.
 */
export class GrammarPass {
  private running: Promise<void> | undefined;
  /** Work was asked for while a pass ran: it goes round once more before it ends. */
  private again = false;
  private waiters: Waiter[] = [];
  private readonly batchChars: number;

  constructor(
    private readonly store: ReviewStore,
    /** Undefined when Grammalecte is not installed: grammar checking is off everywhere. */
    readonly engine: GrammalecteEngine | undefined,
    options: GrammarPassOptions = {},
  ) {
    this.batchChars = options.batchChars ?? 20_000;
  }

  get available(): boolean {
    return this.engine !== undefined;
  }

  /**
   * Starts a pass unless one runs (a running pass takes up new work by itself).
   * Resolves when nothing is waiting, or when Grammalecte failed: the failure is
   * kept on the documents concerned, and the next change or retry starts again.
   */
  run(): Promise<void> {
    if (!this.engine) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drive(this.engine);
    return this.running;
  }

  private async drive(engine: GrammalecteEngine): Promise<void> {
    // The first await puts the work after the caller's transaction has committed.
    await null;
    try {
      for (;;) {
        this.again = false;
        if (!(await this.loop(engine)) || !this.again) break;
      }
    } catch (error) {
      // Not Grammalecte's failure (those are kept on the documents): the database
      // itself. Nobody awaits a pass started by a change, so it is said here.
      console.error(`relecture: the grammar pass stopped: ${(error as Error).message}`);
    } finally {
      // In the same step as the last look at `again`: a run() asked for after it starts a new pass.
      this.running = undefined;
      this.wakeWaiters(true);
    }
  }

  /**
   * Waits until this sentence has its grammar findings, at most `timeoutMs`: an
   * accept shows the sentence with its grammar findings when Grammalecte is quick,
   * and without them (the header says it is still checking) when it is not.
   */
  settleSentence(sentenceId: number, timeoutMs: number): Promise<void> {
    return this.settle(() => this.sentenceChecked(sentenceId), timeoutMs);
  }

  /** The same for a whole document, after its import: a short article opens with its grammar findings. */
  settleDocument(documentId: number, timeoutMs: number): Promise<void> {
    return this.settle(() => !this.store.getDocument(documentId)?.grammar || this.store.grammarPending(documentId) === 0, timeoutMs);
  }

  private async settle(done: () => boolean, timeoutMs: number): Promise<void> {
    if (!this.engine || done()) return;
    void this.run();
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      const waiter: Waiter = { done, resolve };
      this.waiters.push(waiter);
      timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs);
    });
    clearTimeout(timer);
  }

  status(documentId: number): GrammarStatus {
    const document = this.store.getDocument(documentId);
    const on = Boolean(document?.grammar);
    return { available: this.available, on, pending: on ? this.store.grammarPending(documentId) : 0, error: document?.grammarError ?? null };
  }

  /** Checks batches until none is left (true) or Grammalecte fails (false). */
  private async loop(engine: GrammalecteEngine): Promise<boolean> {
    for (;;) {
      const batch = this.store.grammarBacklog(this.batchChars);
      if (batch.length === 0) return true;
      const documents = [...new Set(batch.map((s) => s.documentId))];
      try {
        const findings = await checkBatch(engine, batch);
        this.store.transaction(() => {
          for (const documentId of documents) this.store.setGrammarError(documentId, null);
          // A document switched off while Grammalecte worked gets nothing.
          const stillOn = new Set(documents.filter((id) => this.store.getDocument(id)?.grammar));
          batch.forEach((sent, i) => {
            if (stillOn.has(sent.documentId)) this.save(sent, findings[i]);
          });
        });
      } catch (error) {
        if (!this.store.db.open) return false; // the app is closing: what waits is taken up on the next start
        const message = error instanceof GrammalecteError ? error.message : `Grammalecte failed: ${(error as Error).message}`;
        for (const documentId of documents) this.store.setGrammarError(documentId, message);
        return false;
      }
      this.wakeWaiters(false);
    }
  }

  private styleOf?: (documentId: number) => SuggestionStyle;

  /** How fixes are written in a document (its apostrophe, the French spaces): set by the review service. */
  useStyle(styleOf: (documentId: number) => SuggestionStyle): void {
    this.styleOf = styleOf;
  }

  /** Stores a sentence's grammar findings, unless its text changed while Grammalecte worked. */
  private save(sent: SentenceRecord, raw: NewFinding[]): void {
    if (this.store.getSentenceById(sent.id)?.version !== sent.version) return;
    const findings = this.styleOf ? styleFindings(raw, sent.currentText, this.styleOf(sent.documentId)) : raw;
    // A grammar finding on exactly the span of a built-in one adds nothing: the built-in one speaks.
    const builtin = new Set(this.store.activeFindingsFrom(sent.id, 'rules').map((f) => `${f.start}:${f.length}`));
    this.store.replaceFindings(
      sent.documentId,
      sent.id,
      findings.filter((f) => !builtin.has(`${f.start}:${f.length}`)),
      'grammar',
    );
    this.store.setGrammarVersion(sent.id, sent.version);
    this.store.refreshSentenceState(sent.id);
  }

  private sentenceChecked(sentenceId: number): boolean {
    const sentence = this.store.getSentenceById(sentenceId);
    return !sentence || sentence.grammarVersion === sentence.version || !this.store.getDocument(sentence.documentId)?.grammar;
  }

  private wakeWaiters(all: boolean): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!all && !waiter.done()) return true;
      waiter.resolve();
      return false;
    });
  }
}

/**
 * One request for the whole batch: each sentence on a line of its own (the
 * stored text of a sentence has no line break), and Grammalecte's findings cut
 * back into sentences, offsets relative to each.
 */
export async function checkBatch(engine: GrammalecteEngine, sentences: SentenceRecord[]): Promise<NewFinding[][]> {
  const starts: number[] = [];
  let text = '';
  for (const sentence of sentences) {
    starts.push(text.length);
    text += `${sentence.currentText}\n`;
  }
  const out: NewFinding[][] = sentences.map(() => []);
  if (text.trim() === '') return out;
  const { findings } = engine.map(text, await engine.request(text));
  for (const finding of findings) {
    const index = indexAtOrBefore(starts, finding.offset);
    const start = finding.offset - starts[index];
    if (start + finding.length > sentences[index].currentText.length) continue; // never across sentences
    out[index].push({
      ruleId: finding.ruleId,
      category: finding.category,
      severity: finding.severity,
      message: finding.message,
      start,
      length: finding.length,
      text: finding.text,
      suggestions: finding.suggestions,
    });
  }
  return out;
}
