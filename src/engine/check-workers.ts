import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';

/** How to build the same checker in a worker: what createChecker was given (its known words go with each check). */
export interface WorkerCheckerOptions {
  rulesDirectory?: string;
  disable?: string[];
  enable?: string[];
  prefilter?: boolean;
}

/**
 * A worker's old-generation heap bound, in MB. What a worker keeps after a
 * 250,000-character part is about 60 MB of heap; left unbounded, V8 let each
 * worker's heap grow to 180 MB and more of garbage before collecting it (8× the
 * corpus: two workers about 300 MB each). Bounded, V8 collects sooner. A part a
 * worker cannot check within it (one paragraph of millions of characters) is
 * checked in the main thread instead: the result is the same.
 */
export const WORKER_HEAP_MB = 128;
const WORKER_YOUNG_MB = 48;

/** Starts a check worker (check-worker.ts); `warm`: it checks the rule pack's own examples first, then says so (`{ warmed: true }`). */
export function startCheckWorker(checker: WorkerCheckerOptions, heapMb = WORKER_HEAP_MB, warm = false): Worker {
  // node:worker_threads loaded here: a check of a short text (the CLI's tiny start) loads no thread module.
  const WorkerThread = process.getBuiltinModule('node:worker_threads').Worker;
  const worker = new WorkerThread(workerScript(), {
    eval: FROM_SOURCES,
    workerData: { checker, warm },
    // A young generation of V8's usual size: bounding the old one alone shrinks it too, and the workers then spent more time collecting.
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  // A check lent the worker listens for its errors (parallel-check.ts's PartQueue) and reports them; one after
  // its check (a worker out of memory while the main thread did its parts), or while kept idle, only ends it.
  worker.on('error', () => undefined);
  return worker;
}

/**
 * The review app's check workers, kept from one import to the next (issue #15).
 * A worker started per import was cold: V8 compiled the rule pack's expressions
 * and optimised the checking code again in its isolate, beside the main thread
 * doing the same (the parallel check of the corpus: 12 s of CPU against 6 s in one
 * thread, bench/RESULTS.md 2026-12-01 23:05). These are started once, lazily (at
 * the first import that needs them, or by `warm()` in idle time after the server
 * listens, when they check the rule pack's examples so that the first import finds
 * them compiled; a check lent them meanwhile stops that warm-up, check-worker.ts), lent to one check at a time (a second import at the same moment
 * starts its own, as before), and ended by `close()` (ReviewService.stop). An idle
 * one does not keep the process alive (`unref`).
 */
export class CheckWorkers {
  private idle: Worker[] = [];
  private lent = false;
  private closed = false;
  private warming?: Promise<void>;
  /** Checks they were lent to (bench/import-phases.ts, tests). */
  lends = 0;
  /** Each warm-up's report: how many chunks of the examples it checked, of how many (fewer: a check was lent the worker meanwhile and stopped it). */
  readonly warmUps: Array<{ chunks: number; of: number }> = [];

  constructor(
    /** The checker's own worker options (`checker.workerOptions`): a check of another checker is not given these. */
    readonly options: WorkerCheckerOptions,
    /** How many workers (one per core but one: the main thread checks too). */
    readonly size: number,
    private readonly heapMb = WORKER_HEAP_MB,
  ) {}

  /** Starts the workers now, each checking the rule pack's examples; resolves once they have (or once closed). */
  warm(): Promise<void> {
    if (this.closed || this.lent) return Promise.resolve();
    this.warming ??= (async () => {
      const started: Worker[] = [];
      while (this.idle.length + started.length < this.size) started.push(this.keep(startCheckWorker(this.options, this.heapMb, true)));
      this.idle.push(...started);
      await Promise.all(started.map((worker) => new Promise<void>((resolve) => {
        const settle = () => {
          worker.off('message', onMessage);
          worker.off('exit', settle);
          resolve();
        };
        const onMessage = (message: { warmed?: true; chunks?: number; of?: number }) => {
          if (!message.warmed) return;
          this.warmUps.push({ chunks: message.chunks ?? 0, of: message.of ?? 0 });
          settle();
        };
        worker.on('message', onMessage);
        worker.once('exit', settle);
      })));
    })().finally(() => {
      this.warming = undefined;
    });
    return this.warming;
  }

  /** `count` workers for one check, the kept ones first; `undefined` when another check holds them or they are closed. */
  take(count: number, options: WorkerCheckerOptions): Worker[] | undefined {
    if (this.lent || this.closed || options !== this.options) return undefined;
    this.lent = true;
    this.lends++;
    const workers = this.idle.splice(0, count);
    while (workers.length < count) workers.push(this.keep(startCheckWorker(this.options, this.heapMb)));
    for (const worker of workers) worker.ref();
    return workers;
  }

  /** The workers of `take`, after their check: the live ones are kept (up to `size`), the others ended. */
  async giveBack(workers: Worker[]): Promise<void> {
    this.lent = false;
    const extra: Worker[] = [];
    for (const worker of workers) {
      if (!alive.has(worker)) continue;
      if (this.closed || this.idle.length >= this.size) extra.push(worker);
      else {
        worker.unref();
        this.idle.push(worker);
      }
    }
    await Promise.all(extra.map((worker) => worker.terminate()));
  }

  /** Ends the workers (the app's stop); later checks start their own. */
  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle;
    this.idle = [];
    await Promise.all(idle.map((worker) => worker.terminate()));
  }

  /** Threads alive now (tests: none is left after `close`). */
  get threads(): number {
    return this.idle.filter((worker) => alive.has(worker)).length;
  }

  private keep(worker: Worker): Worker {
    alive.add(worker);
    worker.unref();
    worker.once('exit', () => {
      alive.delete(worker);
      this.idle = this.idle.filter((kept) => kept !== worker);
    });
    return worker;
  }
}

const alive = new WeakSet<Worker>();

// From dist/ the worker is plain JavaScript. From the sources (tsx, vitest) it is
// TypeScript: a two-line bootstrap registers tsx (a devDependency, there) in the
// worker first, since loader hooks given to the main thread do not reach it.
const FROM_SOURCES = import.meta.url.endsWith('.ts');

function workerScript(): URL | string {
  if (!FROM_SOURCES) return new URL('./check-worker.js', import.meta.url);
  // tsx's ES module entry (its package exports map `import` to it), found next to its package.json.
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const tsx = new URL('dist/esm/api/index.mjs', pathToFileURL(manifest)).href;
  const worker = new URL('./check-worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(worker)}); });`;
}
