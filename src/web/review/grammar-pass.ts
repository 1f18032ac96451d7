import { CheckText, type Engine } from '../../pipeline/engine.ts';
import { withoutBuiltinSpans } from '../../pipeline/merge-findings.ts';
import { RULES_SOURCE } from '../../pipeline/rules-engine.ts';
import type { RuleFailure } from '../../types.ts';
import type { DocumentRecord, NewFinding, ReviewStore, SentenceRecord } from '../store/review-store.ts';
import { findingsBySentence, spansOf } from './stored-findings.ts';
import { capFindings } from './cap-findings.ts';
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
  done(): Promise<boolean>;
  resolve(): void;
}

/** The grammar engine gave nothing for a batch (crashed, hung, not installed): said to users as is. */
export class EngineFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineFailed';
  }
}

/** A grammar engine that can say whether it runs here (GrammalecteEngine does). */
type GrammarEngine = Engine & { readonly available?: boolean };

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
    /**
     * The grammar engine (Grammalecte's, or a fake in tests); undefined, or one
     * that is not `available`, when Grammalecte is not installed: grammar checking is off everywhere.
     */
    engine: GrammarEngine | undefined,
    options: GrammarPassOptions = {},
  ) {
    this.batchChars = options.batchChars ?? 20_000;
    this.engine = engine && engine.available !== false ? engine : undefined;
  }

  readonly engine: Engine | undefined;

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

  private async drive(engine: Engine): Promise<void> {
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
      void this.wakeWaiters(true);
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
    return this.settle(async () => !(await this.store.documents.getDocument(documentId))?.grammar || (await this.store.documents.grammarPending(documentId)) === 0, timeoutMs);
  }

  private async settle(done: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    if (!this.engine || (await done())) return;
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

  /** `known`: the document as the caller just read it (a page's header), not read again. */
  async status(documentId: number, known?: DocumentRecord): Promise<GrammarStatus> {
    const document = known ?? (await this.store.documents.getDocument(documentId));
    const on = Boolean(document?.grammar);
    return { available: this.available, on, pending: on ? await this.store.documents.grammarPending(documentId) : 0, error: document?.grammarError ?? null };
  }

  /** Checks batches until none is left (true) or Grammalecte fails (false). */
  private async loop(engine: Engine): Promise<boolean> {
    for (;;) {
      const batch = await this.store.documents.grammarBacklog(this.batchChars);
      if (batch.length === 0) return true;
      const documents = [...new Set(batch.map((s) => s.documentId))];
      // Claimed for this pass (another app process skips them): handed back however it ends.
      const release = () => this.store.documents.releaseGrammarClaims(batch.map((s) => s.id)).catch(() => undefined);
      try {
        const { findings, failures } = await checkBatch(engine, batch);
        await this.store.withTransaction(async (tx) => {
          // The documents' writers queue on their locks (DocumentStore.lockDocumentForChange): taken in id order, as every writer of several takes them.
          for (const documentId of [...documents].sort((a, b) => a - b)) await tx.documents.lockDocumentForChange(documentId);
          for (const documentId of documents) await tx.settings.setGrammarError(documentId, null);
          // A document switched off while Grammalecte worked gets nothing.
          const stillOn = new Set<number>();
          for (const id of documents) if ((await tx.documents.getDocument(id))?.grammar) stillOn.add(id);
          // In id order: every writer takes sentence rows in that order (PostgreSQL), so none deadlocks.
          const order = [...batch.keys()].sort((x, y) => batch[x].id - batch[y].id);
          // Rules an editor ignored in a document (« ignorer cette règle dans ce document »): none of their findings is stored there.
          const ignored = new Map<number, Set<string>>();
          for (const id of stillOn) ignored.set(id, new Set((await tx.ignores.listIgnores(id)).filter((i) => i.kind === 'rule').map((i) => i.value)));
          for (const i of order) {
            const sent = batch[i];
            if (!stillOn.has(sent.documentId)) continue;
            // Grammalecte's fixes follow the document's typography too (it writes ’ into straight-apostrophe text).
            const raised = findings[i].filter((f) => !ignored.get(sent.documentId)!.has(f.ruleId));
            const styled = this.styleOf ? styleFindings(raised, sent.currentText, await this.styleOf(tx, sent.documentId)) : raised;
            await save(tx, sent, styled, failures[i], engine.id);
          }
        });
        await release();
      } catch (error) {
        if (!this.store.isOpen) return false; // the app is closing: what waits is taken up on the next start
        await release();
        const message = error instanceof EngineFailed ? error.message : `${engine.label} failed: ${(error as Error).message}`;
        for (const documentId of documents) await this.store.settings.setGrammarError(documentId, message);
        return false;
      }
      await this.wakeWaiters(false);
    }
  }

  private styleOf?: (store: ReviewStore, documentId: number) => Promise<SuggestionStyle>;

  /** How fixes are written in a document (its apostrophe, the French spaces): set by the review service. */
  useStyle(styleOf: (store: ReviewStore, documentId: number) => Promise<SuggestionStyle>): void {
    this.styleOf = styleOf;
  }

  private async sentenceChecked(sentenceId: number): Promise<boolean> {
    const sentence = await this.store.documents.getSentenceById(sentenceId);
    return !sentence || sentence.grammarVersion === sentence.version || !(await this.store.documents.getDocument(sentence.documentId))?.grammar;
  }

  private async wakeWaiters(all: boolean): Promise<void> {
    for (const waiter of [...this.waiters]) {
      // With `all`, no await: every waiter is woken in the same step.
      if (all || (await waiter.done().catch(() => true))) {
        waiter.resolve();
        this.waiters = this.waiters.filter((w) => w !== waiter);
      }
    }
  }
}

/** Stores a sentence's grammar findings, unless its text changed while the engine worked. */
async function save(tx: ReviewStore, sent: SentenceRecord, findings: NewFinding[], failures: RuleFailure[], source: string): Promise<void> {
  // Held (PostgreSQL) from this check to the commit: an edit saved meanwhile waits, then finds its own version.
  if ((await tx.documents.getSentenceForUpdate(sent.id))?.version !== sent.version) return;
  const asSpan = (f: { start: number; length: number }) => ({ offset: f.start, length: f.length });
  const builtin = (await tx.findings.activeFindingsFrom(sent.id, RULES_SOURCE)).map(asSpan);
  const kept = new Set(withoutBuiltinSpans(findings.map((finding) => ({ ...asSpan(finding), finding })), builtin).map((f) => f.finding));
  const capped = capFindings(findings.filter((f) => kept.has(f)));
  await tx.findings.replaceFindings(sent.documentId, sent.id, capped.kept, source);
  await tx.findings.setFindingsLeftOut(sent.id, source, capped.leftOut);
  await tx.findings.replaceCheckFailures(sent.documentId, sent.id, source, failures);
  await tx.documents.setGrammarVersion(sent.id, sent.version);
  await tx.documents.refreshSentenceState(sent.id);
}

/**
 * One request for the whole batch: each sentence on a line of its own (the
 * stored text of a sentence has no line break), and the engine's findings cut
 * back into sentences, offsets relative to each. Per-line failures go to their
 * sentence; an engine that gave nothing throws `EngineFailed`.
 */
export async function checkBatch(engine: Engine, sentences: SentenceRecord[]): Promise<{ findings: NewFinding[][]; failures: RuleFailure[][] }> {
  const spans = spansOf(sentences.map((s) => `${s.currentText}\n`));
  const text = sentences.map((s) => `${s.currentText}\n`).join('');
  const failures: RuleFailure[][] = sentences.map(() => []);
  if (text.trim() === '') return { findings: sentences.map(() => []), failures };
  const segments = sentences.map((s, i) => ({ id: String(s.id), start: spans[i].start, end: spans[i].start + s.currentText.length }));
  const result = await engine.check(new CheckText(text, segments));
  if (result.error) throw new EngineFailed(result.error);
  for (const failure of result.failures) {
    // Grammalecte names the line it failed on; a failure without one is the first sentence's.
    const line = /^line (\d+):/.exec(failure.message);
    const index = line ? Math.min(Number(line[1]) - 1, sentences.length - 1) : 0;
    failures[index].push({ ...failure, source: failure.source ?? engine.id });
  }
  return { findings: findingsBySentence(result.findings, text, segments), failures };
}
