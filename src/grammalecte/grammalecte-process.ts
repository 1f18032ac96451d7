import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { normalise } from '../text/normalise.ts';
import { findGrammalecte, INSTALL_HINT } from './find-grammalecte.ts';
import { grammalecteParagraphs, HOUSE_STYLE_OPTIONS, mapGrammalecteResults, type GrammalecteParagraphResult, type MappedResult } from './grammalecte-mapping.ts';

/**
 * Grammalecte as an engine beside the built-in rules: one long-lived Python
 * process (src/grammalecte/grammalecte-driver.py) for the life of the app or CLI
 * run, one request per document. A crash or a hang costs that one request: the
 * caller gets a `GrammalecteError` (and keeps its built-in findings), the process
 * is killed, and the next request starts a fresh one.
 */

// From src/grammalecte/ (tsx, vitest) and from dist/grammalecte/ (the compiled build) alike:
// the driver is not compiled, it stays in src/.
export const DRIVER_PATH = fileURLToPath(new URL('../../src/grammalecte/grammalecte-driver.py', import.meta.url));

export interface GrammalecteProcessOptions {
  /** Program and arguments for the child; defaults to the driver under the Python that imports Grammalecte. Tests inject a hanging child here. */
  command?: string;
  args?: string[];
  /** Time allowed for one document, before the size allowance (default 30 s). */
  timeoutMs?: number;
  /** Extra time per 1000 UTF-16 units of text (default 300 ms, ~10× what Grammalecte needs). */
  timeoutPerThousandCharsMs?: number;
  /** Time allowed to load Grammalecte's dictionaries (default 30 s). */
  startupTimeoutMs?: number;
  /** Keep Grammalecte's house typography (apostrophes, non-breaking spaces…): off by default. */
  houseStyle?: boolean;
  /** Add Grammalecte's spelling findings: off by default, the built-in spelling rule speaks. */
  spelling?: boolean;
  /** Grammalecte options to set (`grammalecte-cli -lo` lists them), applied last. */
  options?: Record<string, boolean>;
}

export interface CheckTextOptions {
  /** Sentence starts in the NFC working text, e.g. `result.segmented.sentences.map((s) => s.start)`. */
  sentenceStarts?: number[];
}

/** Grammalecte failed on a document: not installed, crashed, or too slow. The message is for users. */
export class GrammalecteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GrammalecteError';
  }
}

interface Pending {
  resolve(results: GrammalecteParagraphResult[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

interface Child {
  process: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  pending: Map<number, Pending>;
  stderr: string;
  dead: boolean;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_PER_THOUSAND_CHARS_MS = 300;
const DEFAULT_STARTUP_TIMEOUT_MS = 30_000;

export class GrammalecteProcess {
  readonly name = 'grammalecte';
  /** Grammalecte's version, once the process has started. */
  version: string | undefined;
  private child: Child | undefined;
  private nextId = 1;
  /** Requests go one after the other: the driver answers in order anyway. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly options: GrammalecteProcessOptions;

  constructor(options: GrammalecteProcessOptions = {}) {
    this.options = options;
  }

  /** The child's process id (for tests and diagnostics), when one runs. */
  get pid(): number | undefined {
    return this.child && !this.child.dead ? this.child.process.pid : undefined;
  }

  /** Starts the process now rather than on the first check. */
  async start(): Promise<void> {
    await this.ensureChild().ready;
  }

  /** Grammar findings for `text`, offsets into `text` as given. Rejects with a `GrammalecteError`. */
  async check(text: string, options: CheckTextOptions = {}): Promise<MappedResult> {
    return this.map(text, await this.request(text), options);
  }

  /** Findings from a raw answer of `request(text)`, with this engine's settings. */
  map(text: string, results: GrammalecteParagraphResult[], options: CheckTextOptions = {}): MappedResult {
    return mapGrammalecteResults(text, results, { houseStyle: this.options.houseStyle, sentenceStarts: options.sentenceStarts });
  }

  /** Grammalecte's raw answer, paragraph by paragraph (for callers that map later). */
  request(text: string): Promise<GrammalecteParagraphResult[]> {
    const run = this.queue.then(() => this.send(text));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Ends the process; a later check starts a new one. */
  close(): void {
    if (this.child) this.stop(this.child, new GrammalecteError('Grammalecte was closed before it answered'));
  }

  private grammalecteOptions(): Record<string, boolean> {
    const options: Record<string, boolean> = {};
    if (!this.options.houseStyle) for (const name of HOUSE_STYLE_OPTIONS) options[name] = false;
    return { ...options, ...this.options.options };
  }

  private async send(text: string): Promise<GrammalecteParagraphResult[]> {
    const child = this.ensureChild();
    await child.ready;
    const working = normalise(text);
    const paragraphs = grammalecteParagraphs(working.text).map(({ iParagraph, sText }) => ({ iParagraph, sText }));
    if (paragraphs.length === 0) return [];
    const id = this.nextId++;
    const timeoutMs = (this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS) + Math.ceil((text.length / 1000) * (this.options.timeoutPerThousandCharsMs ?? DEFAULT_PER_THOUSAND_CHARS_MS));
    return new Promise<GrammalecteParagraphResult[]>((resolve, reject) => {
      if (child.dead) {
        reject(new GrammalecteError('Grammalecte stopped before it could check; it will be restarted for the next check'));
        return;
      }
      const timer = setTimeout(() => {
        this.stop(child, new GrammalecteError(`Grammalecte did not answer within ${formatSeconds(timeoutMs)} and was stopped; it will be restarted for the next check`));
      }, timeoutMs);
      child.pending.set(id, { resolve, reject, timer });
      const request = { id, paragraphs, options: this.grammalecteOptions(), spelling: Boolean(this.options.spelling) };
      child.process.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }

  private ensureChild(): Child {
    if (this.child && !this.child.dead) return this.child;
    let command = this.options.command;
    let args = this.options.args ?? [];
    if (!command) {
      const installation = findGrammalecte();
      if (!installation) {
        const failed: Child = { process: undefined as never, ready: Promise.reject(new GrammalecteError(`Grammalecte is not installed: grammar checking is off (${INSTALL_HINT})`)), pending: new Map(), stderr: '', dead: true };
        failed.ready.catch(() => undefined);
        return failed;
      }
      command = installation.python;
      args = ['-u', DRIVER_PATH];
    }
    // Loaded here: a check with `--engine none` never starts a child process.
    const childProcess = process.getBuiltinModule('node:child_process').spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    // An idle engine must not keep the CLI or the tests alive: only a request's timer does.
    childProcess.unref();
    for (const stream of [childProcess.stdin, childProcess.stdout, childProcess.stderr]) (stream as unknown as { unref?: () => void }).unref?.();

    let onReady!: () => void;
    let onStartFailure!: (error: Error) => void;
    const child: Child = {
      process: childProcess,
      ready: new Promise<void>((resolve, reject) => {
        onReady = resolve;
        onStartFailure = reject;
      }),
      pending: new Map(),
      stderr: '',
      dead: false,
    };
    child.ready.catch(() => undefined);
    this.child = child;
    let started = false;
    const startupMs = this.options.startupTimeoutMs ?? DEFAULT_STARTUP_TIMEOUT_MS;
    const failStart = (error: Error) => {
      clearTimeout(startupTimer);
      onStartFailure(error); // only the first failure counts: a promise settles once
    };
    const startupTimer = setTimeout(() => {
      const error = new GrammalecteError(`Grammalecte did not start within ${formatSeconds(startupMs)} and was stopped${stderrTail(child)}`);
      failStart(error);
      this.stop(child, error);
    }, startupMs);

    const ready = () => {
      started = true;
      clearTimeout(startupTimer);
      onReady();
    };
    // The answer for a book is one line of megabytes: only each new chunk is scanned.
    let partial: string[] = [];
    childProcess.stdout.setEncoding('utf8');
    childProcess.stdout.on('data', (chunk: string) => {
      let from = 0;
      for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', from)) {
        const line = partial.join('') + chunk.slice(from, newline);
        partial = [];
        from = newline + 1;
        if (line.trim() !== '') this.receive(child, line, ready, failStart);
      }
      if (from < chunk.length) partial.push(chunk.slice(from));
    });
    childProcess.stderr.setEncoding('utf8');
    childProcess.stderr.on('data', (chunk: string) => {
      child.stderr = (child.stderr + chunk).slice(-2000);
    });
    childProcess.stdin.on('error', () => undefined); // EPIPE when the child died: reported by 'exit'
    childProcess.on('error', (error) => {
      failStart(new GrammalecteError(`cannot start Grammalecte (${command}): ${error.message}`));
      this.stop(child, new GrammalecteError(`Grammalecte could not be run: ${error.message}`));
    });
    childProcess.on('exit', (code, signal) => {
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      if (!started) failStart(new GrammalecteError(`Grammalecte ${how} while starting${stderrTail(child)}`));
      this.stop(child, new GrammalecteError(`Grammalecte ${how} while checking; it will be restarted for the next check${stderrTail(child)}`));
    });
    return child;
  }

  private receive(child: Child, line: string, ready: () => void, failStart: (error: Error) => void) {
    let message: { ready?: boolean; version?: string; id?: number; data?: GrammalecteParagraphResult[]; error?: string };
    try {
      message = JSON.parse(line);
    } catch {
      // Something printed by a rule or a library, not an answer: keep it for error messages.
      child.stderr = (child.stderr + line + '\n').slice(-2000);
      return;
    }
    if (message.ready !== undefined) {
      if (message.ready) {
        this.version = message.version;
        ready();
      } else {
        failStart(new GrammalecteError(message.error ?? 'Grammalecte could not start'));
      }
      return;
    }
    const pending = message.id === undefined ? undefined : child.pending.get(message.id);
    if (!pending) return;
    child.pending.delete(message.id!);
    clearTimeout(pending.timer);
    if (message.error !== undefined) pending.reject(new GrammalecteError(`Grammalecte failed on this document: ${message.error}`));
    else pending.resolve(message.data ?? []);
  }

  /** Kills the child (if it still runs) and fails whatever it had not answered. */
  private stop(child: Child, error: GrammalecteError) {
    const wasAlive = !child.dead;
    child.dead = true;
    if (this.child === child) this.child = undefined;
    for (const [id, pending] of child.pending) {
      clearTimeout(pending.timer);
      child.pending.delete(id);
      pending.reject(error);
    }
    if (wasAlive && child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
  }
}

function stderrTail(child: Child): string {
  const lines = child.stderr.trim().split('\n').filter(Boolean);
  return lines.length > 0 ? `: ${lines[lines.length - 1].slice(0, 300)}` : '';
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
