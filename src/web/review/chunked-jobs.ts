import type { JobRecord, NewJob, ReviewStore } from '../store/review-store.ts';

/** What a job of one kind does with one of its items, in the chunk's transaction. */
export interface JobKind {
  /**
   * Applies the job to one item (a sentence id, a segment id) and returns what to
   * count (`{ changed: 1, occurrences: 2 }`). It must be safe to run twice on the
   * same item — a chunk cut off before its commit is run again — so it reads the
   * item's current state and does nothing where the job was already applied.
   */
  item(tx: ReviewStore, job: JobRecord, id: number, index: number): Promise<Record<string, number>>;
  /** After the last item, in the transaction that marks the job done. */
  finish?(tx: ReviewStore, job: JobRecord): Promise<void>;
}

export interface ChunkLimits {
  /** A chunk stops taking items once it has run this long (the most another request waits for it). */
  chunkMs: number;
  /** And after this many items, however fast they went. */
  maxItems: number;
  /** The pause between two chunks, in which other requests run. */
  pauseMs: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { chunkMs: 50, maxItems: 200, pauseMs: 10 };

/** A transaction that changes a document (`ReviewService.changing`: revision, in-memory context, retries). */
export type DocumentTransaction = <T>(documentId: number, work: (tx: ReviewStore) => Promise<T>) => Promise<T>;

/**
 * Long changes of a document, run in chunks: each chunk is one transaction of a
 * few items that also records how far the job got (`jobs.done`), then the event
 * loop is let go so every other request is answered between two chunks. Bug
 * (issue #16, defect 5): a propagation to 9,000 sentences was one transaction on
 * the request path, and froze every user for 27.5 s.
 *
 * The job's row is the truth: a page polls it for progress, and a job cut off by
 * a stop or a crash is taken up from its last committed chunk by `resume` when
 * the app starts again.
 */
export class ChunkedJobs {
  private readonly running = new Map<string, Promise<JobRecord | undefined>>();
  private stopping = false;

  constructor(
    private readonly store: ReviewStore,
    private readonly transaction: DocumentTransaction,
    private readonly kinds: Record<string, JobKind>,
    readonly limits: ChunkLimits = DEFAULT_CHUNK_LIMITS,
  ) {}

  /**
   * Records the job (with `first`, what must be written before any item, in the
   * same transaction) and starts it; resolves once it is recorded, not done.
   */
  async start(job: NewJob, first?: (tx: ReviewStore) => Promise<void>): Promise<JobRecord> {
    if (!this.kinds[job.kind]) throw new Error(`no job of kind ${job.kind}`);
    const created = await this.transaction(job.documentId, async (tx) => {
      await first?.(tx);
      return tx.jobs.createJob(job);
    });
    void this.run(created.id);
    return created;
  }

  /** The job once it is done, or as it stands after `ms` milliseconds. */
  async wait(id: string, ms: number): Promise<JobRecord | undefined> {
    const running = this.running.get(id);
    if (running && !Number.isFinite(ms)) await running;
    else if (running) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
      clearTimeout(timer);
    }
    return this.store.jobs.getJob(id);
  }

  /** Jobs left running when the app last stopped are taken up where their last chunk ended. */
  async resume(): Promise<void> {
    try {
      for (const job of await this.store.jobs.runningJobs()) void this.run(job.id);
    } catch (error) {
      // A store closed as the app started (a test, a refused start) has nothing to take up.
      if (this.store.isOpen) console.error(`could not take up the jobs left running: ${error instanceof Error ? error.message : error}`);
    }
  }

  /** Whether a job of this process is running. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Waits for the jobs of this process to end. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /**
   * Before the store closes: every job stops after its current chunk (committed),
   * left running in the database for the next start to take up.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.idle();
  }

  private run(id: string): Promise<JobRecord | undefined> {
    let running = this.running.get(id);
    if (!running && this.stopping) return Promise.resolve(undefined);
    if (!running) {
      running = this.work(id).finally(() => this.running.delete(id));
      this.running.set(id, running);
    }
    return running;
  }

  private async work(id: string): Promise<JobRecord | undefined> {
    let job = await this.store.jobs.getJob(id);
    try {
      while (job && job.state === 'running') {
        if (!this.store.isOpen || this.stopping) return job;
        const kind = this.kinds[job.kind];
        if (job.done >= job.total) {
          const last = job;
          await this.transaction(last.documentId, async (tx) => {
            await kind.finish?.(tx, last);
            await tx.jobs.finishJob(last.id, 'done');
          });
        } else {
          await this.chunk(job, kind);
          // Let the requests that waited for this chunk run before the next one.
          await new Promise((resolve) => setTimeout(resolve, this.limits.pauseMs));
        }
        job = await this.store.jobs.getJob(id);
      }
      if (job?.state !== 'running') await this.store.checkpoint();
      return job;
    } catch (error) {
      // The app is stopping: what is committed stays, and the next start goes on.
      if (!this.store.isOpen) return job;
      const message = error instanceof Error ? error.message : String(error);
      console.error(`job ${id} (${job?.kind}) failed: ${message}`);
      await this.store.jobs.finishJob(id, 'failed', message).catch(() => undefined);
      return this.store.jobs.getJob(id).catch(() => job);
    }
  }

  private async chunk(job: JobRecord, kind: JobKind): Promise<void> {
    const started = performance.now();
    await this.transaction(job.documentId, async (tx) => {
      const counts: Record<string, number> = {};
      let done = job.done;
      // At least one item, then as many as fit in the time and count limits.
      do {
        for (const [name, n] of Object.entries(await kind.item(tx, job, job.items[done], done))) counts[name] = (counts[name] ?? 0) + n;
        done++;
      } while (done < job.total && done - job.done < this.limits.maxItems && performance.now() - started < this.limits.chunkMs);
      await tx.jobs.advanceJob(job.id, done, counts);
    });
  }
}
