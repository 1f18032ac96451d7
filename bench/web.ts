/**
 * Web figures for the benchmark: import of a large document and its first review
 * page, then accept round trips under 16 concurrent clients. The app runs in
 * this process on 127.0.0.1 (an ephemeral port); every request goes to loopback
 * and the loops are bounded in count.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createChecker } from '../src/checker.ts';
import { GrammalecteProcess } from '../src/grammalecte/grammalecte-process.ts';
import { createApp } from '../src/web/app.ts';
import { type FindingRecord, type ReviewStore } from '../src/web/store/review-store.ts';
import { openSqliteStore } from '../src/web/store/sqlite-store.ts';
import { Client } from '../test/web/helpers/test-app.ts';

/** Concurrent clients (`--clients N` in the command below changes it, to see one request's server time alone with 1). */
let CLIENTS = 16;
const ACCEPTS_PER_CLIENT = 40;
/** The paced run: each client pauses this long between answers, for this many accepts. */
const PAUSE_MS = 500;
const PAUSED_ACCEPTS = 15;

export async function benchWeb(text: string, work: string, commands: string[]): Promise<string[]> {
  const out: string[] = [];
  const file = join(work, 'bench.db');
  const server = await startBenchServer(file);
  // The clients read sentences and findings to choose what to accept: their own handle on the file (WAL: readers do not wait).
  const store = openSqliteStore(file);
  const base = server.base;
  const client = new Client(base);
  commands.push('(in bench/run.ts) POST /documents with the corpus, GET its review page, 16 clients × 40 POST …/accept back to back, then 16 × 15 with 500 ms between answers, on 127.0.0.1, the app in a process of its own (bench/bench-server.ts); the same on the sample article ×10');
  try {
    // Import: the whole corpus pasted as one document.
    let started = performance.now();
    await client.get('/documents/new'); // a page with a form: the CSRF token
    const form = new FormData();
    form.set('title', 'Benchmark corpus');
    form.set('file', new Blob([text], { type: 'text/plain' }), 'corpus.txt');
    const created = await client.postMultipart('/documents', form);
    const importMs = performance.now() - started;
    const id = Number(/\/documents\/(\d+)/.exec(created.location ?? '')?.[1]);
    if (!id) throw new Error(`import failed: HTTP ${created.status} ${created.text.slice(0, 300)}`);
    started = performance.now();
    const page = await client.get(`/documents/${id}`);
    const firstPageMs = performance.now() - started;
    started = performance.now();
    await client.get(`/documents/${id}?status=flagged&page=20`);
    const laterPageMs = performance.now() - started;
    const { total } = (await store.documents.progress(id));
    out.push(`| step | time |`, `|---|---:|`);
    out.push(`| import of the corpus (${total.toLocaleString('en-US')} sentences) as one document: upload, check, store | ${(importMs / 1000).toFixed(1)} s |`);
    out.push(`| its first review page (HTTP ${page.status}) | ${firstPageMs.toFixed(0)} ms |`);
    out.push(`| page 20 of its flagged sentences | ${laterPageMs.toFixed(0)} ms |`);
    out.push('');

    out.push(...(await acceptRoundTrips(store, base, id, `the corpus document above`, 0, ACCEPTS_PER_CLIENT, server)));
    out.push('');
    out.push(...(await acceptRoundTrips(store, base, id, `the corpus document above`, PAUSE_MS, PAUSED_ACCEPTS, server)));
    out.push('');
    // A news article is what editors review every day: the sample, ten times over.
    const sample = readFileSync(new URL('../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');
    const small = new FormData();
    small.set('title', 'Sample ×10');
    small.set('file', new Blob([Array.from({ length: 10 }, () => sample).join('\n')], { type: 'text/plain' }), 'sample.txt');
    const smallId = Number(/\/documents\/(\d+)/.exec((await client.postMultipart('/documents', small)).location ?? '')?.[1]);
    out.push(...(await acceptRoundTrips(store, base, smallId, 'the sample article ×10 (7,000 words)', 0, ACCEPTS_PER_CLIENT, server)));
    out.push('');
    const pacedId = Number(/\/documents\/(\d+)/.exec((await client.postMultipart('/documents', small)).location ?? '')?.[1]);
    out.push(...(await acceptRoundTrips(store, base, pacedId, 'another copy of the sample article ×10', PAUSE_MS, PAUSED_ACCEPTS, server)));
  } finally {
    await server.stop();
    await store.close();
  }
  return out;
}

/**
 * bench/bench-server.ts started on `file`, in a process of its own. With
 * RELECTURE_BENCH_PROFILE=DIR it runs under `node --cpu-prof` and writes its
 * profile (a .cpuprofile for Chrome's DevTools) into DIR when it stops.
 */
export async function startBenchServer(file: string, root?: string): Promise<{ base: string; stop: () => Promise<void>; settled: () => Promise<void>; cpuMs: () => Promise<number>; deferredMs: () => Promise<number> }> {
  const profile = process.env.RELECTURE_BENCH_PROFILE;
  const flags = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  // `root`: another checkout's bench-server.ts (bench/import-web.ts --before), run from there.
  const script = root ? join(root, 'bench/bench-server.ts') : fileURLToPath(new URL('./bench-server.ts', import.meta.url));
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', script, file], { stdio: ['pipe', 'pipe', 'inherit'], ...(root ? { cwd: root } : {}) });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /port (\d+)/.exec(seen);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench-server.ts stopped (exit code ${code}) before it listened: ${seen.slice(-500)}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // One question on the server's standard input, answered by a line of its standard output that `answer` matches.
  const ask = (question: string, answer: RegExp) =>
    new Promise<RegExpExecArray>((resolve) => {
      const seen = (chunk: Buffer) => {
        const found = answer.exec(chunk.toString());
        if (!found) return;
        child.stdout!.off('data', seen);
        resolve(found);
      };
      child.stdout!.on('data', seen);
      child.stdin!.write(`${question}\n`);
    });
  return {
    base: `http://127.0.0.1:${port}`,
    // Resolves once the server has done what the changes left for after their answers (the ripple).
    settled: async () => void (await ask('settle', /settled/)),
    // The CPU time the server process has used so far (all its threads), in ms.
    cpuMs: async () => Number((await ask('cpu', /cpu ([\d.]+)/))[1]),
    // The time the server has spent in steps of the re-checks left for after the answers, in ms.
    deferredMs: async () => Number((await ask('cpu', /deferred ([\d.]+)/))[1]),
    stop: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

/**
 * The review app with grammar checking on (one Grammalecte process): a slice of
 * the corpus imported with grammar on, timed until the import answers and until
 * Grammalecte has checked every sentence; then accept round trips on the sample
 * ×10, each waiting for Grammalecte's re-check of its sentence.
 */
export async function benchWebGrammar(text: string, words: number, work: string, commands: string[]): Promise<string[]> {
  const out: string[] = [];
  const store = openSqliteStore(join(work, 'bench-grammar.db'));
  const grammalecte = new GrammalecteProcess();
  const app = createApp({ store, checker: createChecker(), grammalecte, options: { maxBytes: 64 * 1024 * 1024 } });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    // Idle keep-alive sockets closed after 5 s (Node's default) race a client's next request on
    // them (ECONNRESET) when an answer or a pause is long: kept open for the whole run.
    s.keepAliveTimeout = 120_000;
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = new Client(base);
  commands.push(`(in bench/run.ts) the same with grammar on: POST /documents (grammar=on) with the first ${words.toLocaleString('en-US')} words, wait for the grammar pass; 16 clients × 40 accepts on the sample ×10`);
  try {
    await grammalecte.start(); // its start-up (dictionaries) is once per app, not per document
    await client.get('/documents/new');
    const rulesOnly = await importTimed(client, text, 'Rules only', false);
    const withGrammar = await importTimed(client, text, 'With grammar', true);
    let started = performance.now();
    await app.locals.service.grammar!.settleDocument(withGrammar.id, 600_000);
    const grammarMs = withGrammar.ms + (performance.now() - started);
    const pending = (await store.documents.grammarPending(withGrammar.id));
    const grammarFindings = [...(await store.findings.openFindingCounts(withGrammar.id, 'rule_id'))].filter(([rule]) => rule.startsWith('grammalecte:')).reduce((sum, [, n]) => sum + n, 0);
    const { total } = (await store.documents.progress(withGrammar.id));
    out.push(`| ${words.toLocaleString('en-US')} words (${total.toLocaleString('en-US')} sentences) | time |`, `|---|---:|`);
    out.push(`| import, rules only: upload, check, store | ${(rulesOnly.ms / 1000).toFixed(2)} s |`);
    out.push(`| import with grammar on, until it answers (it waits at most 1.5 s for Grammalecte) | ${(withGrammar.ms / 1000).toFixed(2)} s |`);
    out.push(`| import with grammar on, until Grammalecte has checked every sentence (${pending} left, ${grammarFindings.toLocaleString('en-US')} grammar findings) | ${(grammarMs / 1000).toFixed(2)} s |`);
    out.push('');
    out.push(`Grammar checking adds **${(((grammarMs - rulesOnly.ms) / words) * 1000).toFixed(0)} ms per 1000 words** to an import, in the background: the rules' findings are there at once.`);
    out.push('');
    const sample = readFileSync(new URL('../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');
    const small = await importTimed(client, Array.from({ length: 10 }, () => sample).join('\n'), 'Sample ×10, grammar on', true);
    await app.locals.service.grammar!.settleDocument(small.id, 600_000);
    out.push(...(await acceptRoundTrips(store, base, small.id, 'the sample article ×10 with grammar on (each answer waits for Grammalecte’s re-check of the sentence)', 0, ACCEPTS_PER_CLIENT, { settled: () => app.locals.service.settled() })));
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    grammalecte.close();
    await store.close();
  }
  return out;
}

async function importTimed(client: Client, text: string, title: string, grammar: boolean): Promise<{ id: number; ms: number }> {
  const form = new FormData();
  form.set('title', title);
  form.set('file', new Blob([text], { type: 'text/plain' }), 'corpus.txt');
  if (grammar) form.set('grammar', 'on');
  const started = performance.now();
  const created = await client.postMultipart('/documents', form);
  const ms = performance.now() - started;
  const id = Number(/\/documents\/(\d+)/.exec(created.location ?? '')?.[1]);
  if (!id) throw new Error(`import failed: HTTP ${created.status} ${created.text.slice(0, 300)}`);
  return { id, ms };
}

/**
 * `pauseMs`: each client waits this long after each answer (an editor reading
 * the next sentence), the clients' starts spread over one pause. Without it (0)
 * the 16 clients post back to back: on one Node thread an answer then waits for
 * the 15 others queued before it, so its time is about 16 × the work of one.
 */
export async function acceptRoundTrips(
  store: ReviewStore,
  base: string,
  id: number,
  label: string,
  pauseMs = 0,
  perClient = ACCEPTS_PER_CLIENT,
  /** `settled`: resolves once the server's re-checks after the answers are done; `cpuMs`: the server process's CPU time so far (a server of its own). */
  server: { settled?: () => Promise<void>; cpuMs?: () => Promise<number>; deferredMs?: () => Promise<number> } = {},
): Promise<string[]> {
  const { settled, cpuMs, deferredMs } = server;
  const out: string[] = [];
  // Accept round trips: each client accepts the first suggestion of open findings
  // in its own sentences; half the clients also work on a shared stretch of
  // sentences, so some saves meet a newer version and get a 409.
  const sentences = (await store.documents.allSentences(id)).filter((s) => s.openFindings > 0);
  const findings = (await store.findings.activeFindings(sentences.map((s) => s.id)));
  const withSuggestion = sentences.filter((s) => (findings.get(s.id) ?? []).some((f) => f.suggestions.length > 0 && !f.rejected));
  const latencies: number[] = [];
  // The findings accepted, and those a 409 answered: a 409 is right when another client accepted the same finding first.
  const accepted = new Set<number>();
  const conflicts: number[] = [];
  const statuses = new Map<number | string, number>();
  const clients = Array.from({ length: CLIENTS }, () => new Client(base));
  await Promise.all(clients.map((c) => c.get(`/documents/${id}`)));
  const accept = async (c: Client, sentenceId: number) => {
    // The sentence's version and its findings as of one moment: read again while another client's change slips between the two reads
    // (a finding read after that change, posted with the version before it, would be a 409 on a finding nobody accepted).
    let current = (await store.documents.getSentenceById(sentenceId))!;
    let finding: FindingRecord | undefined;
    for (let tries = 0; tries < 5; tries++) {
      finding = ((await store.findings.activeFindings([current.id])).get(current.id) ?? []).find((f) => f.suggestions.length > 0 && !f.rejected);
      const again = (await store.documents.getSentenceById(sentenceId))!;
      if (again.version === current.version) break;
      current = again;
    }
    if (!finding) return undefined;
    const t0 = performance.now();
    try {
      const response = await c.post(
        `/documents/${id}/sentences/${current.idx + 1}/accept`,
        { finding: String(finding.id), suggestion: '0', version: String(current.version), return_to: `/documents/${id}` },
        true,
        { 'x-requested-with': 'relecture' },
      );
      return { ms: performance.now() - t0, status: response.status as number | string, finding: finding.id };
    } catch (error) {
      // A connection that failed is counted as such (and its time kept), not allowed to end the run.
      return { ms: performance.now() - t0, status: `network error (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`, finding: finding.id };
    }
  };
  // The first change of a document builds its word index: once, not measured.
  const warmUp = await accept(clients[0], withSuggestion[0].id);
  const cpuBefore = await cpuMs?.();
  const deferredBefore = await deferredMs?.();
  const wall = performance.now();
  const shared = withSuggestion.slice(1, 1 + perClient);
  const own = withSuggestion.slice(1 + perClient);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  await Promise.all(
    clients.map(async (c, k) => {
      const mine = own.filter((_, j) => j % CLIENTS === k).slice(0, perClient);
      if (pauseMs > 0) await sleep((pauseMs * k) / CLIENTS);
      for (let i = 0; i < mine.length; i++) {
        if (pauseMs > 0 && i > 0) await sleep(pauseMs);
        // Every other client also works on a shared stretch: some saves meet a newer version (409).
        const target = k % 2 === 1 && i % 4 === 0 && shared[i] ? shared[i] : mine[i];
        const result = await accept(c, target.id);
        if (!result) continue;
        latencies.push(result.ms);
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        if (result.status === 200) accepted.add(result.finding);
        if (result.status === 409) conflicts.push(result.finding);
      }
    }),
  );
  const seconds = (performance.now() - wall) / 1000;
  const cpuAnswered = await cpuMs?.();
  const deferredAnswered = await deferredMs?.();
  // The re-checks of other sentences the accepts left for after their answers: how long after the last answer they were all done.
  let settledMs: number | undefined;
  if (settled) {
    const t0 = performance.now();
    await settled();
    settledMs = performance.now() - t0;
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  const pacing = pauseMs > 0 ? `, each pausing ${pauseMs} ms after each answer` : ', back to back';
  out.push(`Accept round trip (POST, re-check of the sentence, re-render of the sentence and header), ${CLIENTS} concurrent clients${pacing} on ${label}, ${latencies.length} requests in ${seconds.toFixed(1)} s (the first accept, which builds the document's word index, took ${warmUp?.ms.toFixed(0)} ms and is not counted):`);
  out.push('');
  out.push(`| p50 | p95 | max | answers |`, `|---:|---:|---:|---|`);
  out.push(`| ${at(0.5).toFixed(1)} ms | ${at(0.95).toFixed(1)} ms | ${latencies[latencies.length - 1].toFixed(1)} ms | ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')} |`);
  if (conflicts.length > 0) {
    const same = conflicts.filter((finding) => accepted.has(finding)).length;
    // The others: a finding a re-check withdrew (or replaced) after the client read it is a 409 too, and a right one.
    const others = await Promise.all(conflicts.filter((finding) => !accepted.has(finding)).map((finding) => store.findings.getFinding(finding)));
    const withdrawn = others.filter((finding) => finding !== undefined && !finding.active).length;
    const rest = others.length - withdrawn;
    out.push('');
    out.push(
      `Of the ${conflicts.length} answers 409, ${same} were on a finding another client had accepted` +
        (withdrawn > 0 ? `, ${withdrawn} on one a re-check had withdrawn since the client read it` : '') +
        (rest > 0 ? `, and ${rest} on a finding still open that nobody accepted (a defect)` : '') +
        '.',
    );
  }
  if (settledMs !== undefined) {
    out.push('');
    out.push(`The re-checks of other sentences that these accepts left for after their answers (linked paragraphs, a name's variants) were all done ${settledMs.toFixed(0)} ms after the last answer.`);
  }
  if (cpuBefore !== undefined && cpuAnswered !== undefined) {
    // CPU time rather than wall time: it says what one accept costs the server whatever else the machine runs.
    const cpuSettled = (await cpuMs!()) - cpuBefore;
    const answered = cpuAnswered - cpuBefore;
    out.push('');
    const between = deferredAnswered !== undefined && deferredBefore !== undefined ? `; of it, ${((deferredAnswered - deferredBefore) / latencies.length).toFixed(1)} ms in the re-checks between answers` : '';
    out.push(`Server CPU time per request: **${(answered / latencies.length).toFixed(1)} ms** until the last answer (the answers, and the re-checks run between them${between}), ${(cpuSettled / latencies.length).toFixed(1)} ms with the re-checks done after it (${(answered / 1000).toFixed(2)} s and ${(cpuSettled / 1000).toFixed(2)} s of CPU for ${latencies.length} requests).`);
  }
  return out;
}

/**
 * The accept round trips alone, on a database an earlier run kept (for
 * instance `npx tsx bench/accept-profile.ts FILE --db DB`), without importing
 * again:
 *
 *   npx tsx bench/web.ts --db DB [--document ID] [--pause MS] [--accepts N] [--warm ID] [--clients N]
 *
 * `--warm ID` runs the same accepts on document ID first, unreported (a copy of
 * the document: the server's code is then compiled and optimised).
 * RELECTURE_BENCH_PROFILE=DIR profiles the server process (--cpu-prof).
 */
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { db: { type: 'string' }, document: { type: 'string', default: '1' }, pause: { type: 'string', default: '0' }, accepts: { type: 'string' }, warm: { type: 'string' }, clients: { type: 'string' } } });
  if (!values.db) throw new Error('usage: npx tsx bench/web.ts --db DB [--document ID] [--pause MS] [--accepts N] [--warm ID] [--clients N]');
  const server = await startBenchServer(values.db);
  const store = openSqliteStore(values.db);
  try {
    const pause = Number(values.pause);
    if (values.clients) CLIENTS = Number(values.clients);
    const perClient = Number(values.accepts ?? (pause > 0 ? PAUSED_ACCEPTS : ACCEPTS_PER_CLIENT));
    // The same accepts on another document first, not reported: the server's code compiled and optimised, as in a server that has run a while.
    if (values.warm) await acceptRoundTrips(store, server.base, Number(values.warm), 'warm-up', 0, perClient, server);
    for (const line of await acceptRoundTrips(store, server.base, Number(values.document), `document ${values.document} of ${values.db}`, pause, perClient, server)) console.log(line);
  } finally {
    await server.stop();
    await store.close();
  }
}
