/**
 * The re-checks of other segments that a change asks for (its linked
 * neighbours, the sentences whose document-wide verdicts its words moved: a
 * name's variants, a repeated word), run after the change is answered instead
 * of before. Issue #15: on the sample article ×10 this ripple was most of an
 * accept's time, and 16 editors' accepts queued behind each other's ripples on
 * the one Node thread (p95 0.9–1.1 s).
 *
 * Pending segments are kept per document and merged: a segment that several
 * changes ask for is re-checked once, after the last of them (a re-check reads
 * the document as it is when it runs, so once is enough). A segment is taken
 * out of the queue before its re-check starts: a change committed meanwhile
 * adds it again, and it is re-checked again after that change. Each step (one
 * transaction, `step`) waits until no request is being answered (`RequestGauge`),
 * or at most `maxDeferMs`: under a steady stream of requests the ripple still
 * moves, one step per `maxDeferMs`, and the requests wait for at most one step
 * of it; it catches up in the first quiet moment.
 *
 * In memory: a process killed with re-checks still queued leaves those
 * segments' findings as they were until they are re-checked for another reason
 * (the README says so). `settled()` is the hook for callers and tests that need
 * the findings to be those of a fresh check.
 */
/** Counts the requests being answered (the app's first middleware), and says when there are none. */
export class RequestGauge {
  private active = 0;
  private waiters: Array<() => void> = [];

  enter(): void {
    this.active++;
  }

  leave(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  get quiet(): boolean {
    return this.active === 0;
  }

  /** Resolves when no request is being answered, or after `maxMs`, or once `signal` aborts. */
  whenQuiet(maxMs: number, signal?: AbortSignal): Promise<void> {
    if (this.active === 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, maxMs);
      signal?.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      this.waiters.push(done);
    });
  }
}

/** The longest a step of the deferred re-checks waits for a moment without requests. */
export const MAX_DEFER_MS = 100;

export type RecheckStep = (documentId: number, pending: Map<number, boolean>) => Promise<void>;

export class DeferredRechecks {
  /** Document → segment → whether it is only linked to a change (its documentWide rules re-checked; see ReviewService.writeLinked). */
  private readonly pending = new Map<number, Map<number, boolean>>();
  private draining: Promise<void> | undefined;
  /** Documents someone waits for (an export): their steps go first, without waiting for a quiet moment. */
  private readonly urgent = new Set<number>();
  /** The step being run, for `flush` to wait on. */
  private running: { documentId: number; done: Promise<void> } | undefined;
  /** Ends the drain's wait for a quiet moment (a flush). */
  private waitForQuiet: AbortController | undefined;

  constructor(
    /** Re-checks some of `pending` (at least one), taking out of it what it re-checks before it starts. */
    private readonly step: RecheckStep,
    /** False once the store is closed: what is left is dropped. */
    private readonly storeOpen: () => boolean,
    /** The requests being answered: a step waits for none (the app's; none given, it only waits a turn of the event loop). */
    private readonly gauge: RequestGauge = new RequestGauge(),
    private readonly maxDeferMs = MAX_DEFER_MS,
  ) {}

  /** Queues `segments` of `documentId` (a segment both linked and rippled is checked in full). */
  add(documentId: number, segments: Map<number, boolean>): void {
    if (segments.size === 0) return;
    let queue = this.pending.get(documentId);
    if (!queue) this.pending.set(documentId, (queue = new Map()));
    for (const [segmentId, linked] of segments) queue.set(segmentId, linked && (queue.get(segmentId) ?? true));
    this.kick();
  }

  /** How many segments of the document wait for their re-check. */
  waiting(documentId: number): number {
    return this.pending.get(documentId)?.size ?? 0;
  }

  /** Whether a re-check is queued or running. */
  get busy(): boolean {
    return this.draining !== undefined || this.pending.size > 0;
  }

  /**
   * Resolves once the document has no re-check queued or running, running its
   * steps now rather than in quiet moments: an export must not wait for the
   * other editors to pause, nor give a report of findings a change has moved.
   */
  async flush(documentId: number): Promise<void> {
    this.urgent.add(documentId);
    try {
      this.waitForQuiet?.abort();
      this.kick();
      while (this.pending.has(documentId) || this.running?.documentId === documentId) {
        await (this.running?.done ?? new Promise((resolve) => setImmediate(resolve)));
      }
    } finally {
      this.urgent.delete(documentId);
    }
  }

  /** Resolves once no re-check is queued or running (those that changes queue meanwhile included). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private kick(): void {
    if (this.draining) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      // A change queued between the drain's last look and its end.
      if (this.pending.size > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      if (!this.urgentDocument()) {
        // After the answer of the change that queued this, and after the requests already waiting.
        await new Promise((resolve) => setImmediate(resolve));
        if (!this.urgentDocument()) {
          this.waitForQuiet = new AbortController();
          await this.gauge.whenQuiet(this.maxDeferMs, this.waitForQuiet.signal);
          this.waitForQuiet = undefined;
        }
      }
      const urgent = this.urgentDocument();
      const [documentId, queue] = urgent !== undefined ? [urgent, this.pending.get(urgent)!] : this.pending.entries().next().value!;
      if (queue.size === 0 || !this.storeOpen()) {
        this.pending.delete(documentId);
        continue;
      }
      const run = this.step(documentId, queue);
      this.running = { documentId, done: run.then(() => undefined, () => undefined) };
      try {
        await run;
      } catch (error) {
        if (!this.storeOpen()) continue;
        // The segments of the failed step are out of the queue: said, not retried for ever.
        console.error(`re-check of document ${documentId} after a change failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        this.running = undefined;
      }
      if (queue.size === 0 && this.pending.get(documentId) === queue) this.pending.delete(documentId);
    }
  }

  private urgentDocument(): number | undefined {
    for (const documentId of this.urgent) if (this.pending.has(documentId)) return documentId;
    return undefined;
  }
}
