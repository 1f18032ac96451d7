/**
 * Where an accept's time goes, on a big document (default: the corpus
 * ../shared/corpus/eltec-fra-sample.txt as one document, about 60,000 sentences):
 *
 *   npx tsx bench/accept-profile.ts [FILE] [--db FILE] [--accepts N]
 *
 * Imports the text (timing the check and the store apart), then runs N accepts
 * one after the other through the service and the fragment's two renders'
 * inputs (the sentence block, the header), timing each part, what the accept
 * leaves for after its answer (`service.settled()`: the ripple), and every store
 * call by name. `--db` keeps the database, so a second run skips the import.
 * Prints a table; nothing is appended (bench/RESULTS.md gets the figures by hand).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { createChecker } from '../src/checker.ts';
import { ReviewService } from '../src/web/review/review-service.ts';
import { prepareImportInWorkers } from '../src/web/review/import-document.ts';
import { documentHeader, sentenceBlocks } from '../src/web/render/view-models.ts';
import { openSqliteStore } from '../src/web/store/sqlite-store.ts';
import type { ReviewStore } from '../src/web/store/review-store.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { db: { type: 'string' }, accepts: { type: 'string', default: '40' } } });
const root = new URL('..', import.meta.url).pathname;
const corpus = positionals[0] ?? join(root, '../shared/corpus/eltec-fra-sample.txt');
const dbFile = values.db ?? join(tmpdir(), `relecture-accept-profile-${process.pid}.db`);
const reuse = existsSync(dbFile);
const store = openSqliteStore(dbFile);
const checker = createChecker();
const service = new ReviewService(store, checker);

// Every store call, timed by its name (calls inside a transaction count too), during the accept and its
// renders (`answer`) or after its answer (`after`: the deferred re-checks).
const phases = { answer: new Map<string, { ms: number; calls: number }>(), after: new Map<string, { ms: number; calls: number }>() };
let spent = phases.answer;
let recording = false;
function instrument(target: ReviewStore): ReviewStore {
  for (const part of ['documents', 'findings', 'decisions', 'corrections', 'settings'] as const) {
    const object = target[part] as unknown as Record<string, unknown>;
    const proto = Object.getPrototypeOf(object);
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
      const original = descriptor.value;
      if (name === 'constructor' || typeof original !== 'function' || original.__timed) continue;
      const timed = async function (this: unknown, ...args: unknown[]) {
        const t0 = performance.now();
        try {
          return await original.apply(this, args);
        } finally {
          if (recording) {
            const entry = spent.get(`${part}.${name}`) ?? { ms: 0, calls: 0 };
            entry.ms += performance.now() - t0;
            entry.calls++;
            spent.set(`${part}.${name}`, entry);
          }
        }
      };
      (timed as unknown as { __timed: boolean }).__timed = true;
      proto[name] = timed;
    }
  }
  return target;
}
instrument(store);
// The rules' re-checks, timed apart from the store: every rule over a text (check), or some (checkPart: linked paragraphs).
for (const method of ['check', 'checkPart'] as const) {
  const original = (checker[method] as (...args: unknown[]) => unknown).bind(checker);
  (checker as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    const t0 = performance.now();
    try {
      return original(...args);
    } finally {
      if (recording) {
        const entry = spent.get(`rules: checker.${method}`) ?? { ms: 0, calls: 0 };
        entry.ms += performance.now() - t0;
        entry.calls++;
        spent.set(`rules: checker.${method}`, entry);
      }
    }
  };
}

let documentId: number;
if (reuse) {
  documentId = (await store.documents.listDocuments())[0].id;
  console.log(`reusing ${dbFile}, document ${documentId}`);
} else {
  const text = readFileSync(corpus, 'utf8');
  let t0 = performance.now();
  const prepared = await prepareImportInWorkers(checker, { title: 'corpus', sourceName: 'corpus.txt', text, corrections: [] });
  const checkMs = performance.now() - t0;
  t0 = performance.now();
  documentId = await store.documents.createDocument(prepared);
  const storeMs = performance.now() - t0;
  console.log(`import: check ${(checkMs / 1000).toFixed(1)} s, store ${(storeMs / 1000).toFixed(1)} s`);
}
const document = (await store.documents.getDocument(documentId))!;
const { total } = await store.documents.progress(documentId);
console.log(`document ${documentId}: ${total} sentences`);

const sentences = (await store.documents.allSentences(documentId)).filter((s) => s.openFindings > 0);
const findings = await store.findings.activeFindings(sentences.map((s) => s.id));
const targets = sentences.filter((s) => (findings.get(s.id) ?? []).some((f) => f.suggestions.length > 0 && !f.rejected)).slice(0, Number(values.accepts) + 1);
const parts = new Map<string, number[]>();
const note = (name: string, ms: number) => parts.set(name, [...(parts.get(name) ?? []), ms]);
for (const [i, target] of targets.entries()) {
  recording = i > 0; // the first builds the word index: not counted
  const current = (await store.documents.getSentenceById(target.id))!;
  // A database kept from an earlier run (--db) has some of these accepted already.
  const finding = ((await store.findings.activeFindings([current.id])).get(current.id) ?? []).find((f) => f.suggestions.length > 0 && !f.rejected);
  if (!finding) continue;
  const cpu0 = process.cpuUsage();
  let t0 = performance.now();
  const outcome = await service.accept(current, finding.id, 0, current.version);
  const acceptMs = performance.now() - t0;
  t0 = performance.now();
  await sentenceBlocks(service, documentId, [outcome.sentence], `/documents/${documentId}`);
  const blockMs = performance.now() - t0;
  t0 = performance.now();
  await documentHeader(service, document);
  const headerMs = performance.now() - t0;
  const cpu1 = process.cpuUsage(cpu0);
  // What the accept left for after its answer (the re-check of its linked neighbours and of the sentences its words move).
  t0 = performance.now();
  spent = phases.after;
  await service.settled();
  spent = phases.answer;
  const afterMs = performance.now() - t0;
  const cpu2 = process.cpuUsage(cpu0);
  if (i === 0) continue;
  note('service.accept', acceptMs);
  note('sentence block', blockMs);
  note('header', headerMs);
  note('total', acceptMs + blockMs + headerMs);
  note('after the answer', afterMs);
  // CPU time (every thread of the process), which the machine's other load changes less than wall time.
  note('CPU: answer', (cpu1.user + cpu1.system) / 1000);
  note('CPU: after', (cpu2.user + cpu2.system - cpu1.user - cpu1.system) / 1000);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs: number[]) => xs.reduce((n, x) => n + x, 0) / xs.length;
console.log(`\n${targets.length - 1} accepts, one at a time (ms per accept: median, mean):`);
for (const [name, xs] of parts) console.log(`  ${name.padEnd(16)} ${median(xs).toFixed(1).padStart(7)} ${mean(xs).toFixed(1).padStart(7)}  max ${Math.max(...xs).toFixed(1)}`);
for (const [phase, calls] of [['until the answer', phases.answer], ['after the answer', phases.after]] as const) {
  console.log(`\nstore calls ${phase} (total ms over all accepts, calls):`);
  for (const [name, { ms, calls: n }] of [...calls].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) console.log(`  ${name.padEnd(36)} ${ms.toFixed(0).padStart(7)} ms ${String(n).padStart(6)}× ${(ms / n).toFixed(2)} ms`);
}
await store.close();
