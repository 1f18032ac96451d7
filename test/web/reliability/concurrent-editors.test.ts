import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startTestApp, type TestApp } from '../helpers/test-app.ts';
import { importText } from './forms.ts';
import { isGrammalecteAvailable } from '../../../src/grammalecte/find-grammalecte.ts';
import { GrammalecteProcess } from '../../../src/grammalecte/grammalecte-process.ts';
import { GrammalecteEngine } from '../../../src/pipeline/grammalecte-engine.ts';
import { checkBatch } from '../../../src/web/review/grammar-pass.ts';

/**
 * 16 editors on one document, on loopback, for a fixed time and a fixed
 * request budget: some sentences are shared by all, some are each editor's
 * own. Each editor keeps the version it last saw and saves with it, as the
 * page does. Afterwards the database must hold every acknowledged change,
 * every stale save must have been answered 409, and nothing may answer 500.
 */

const CLIENTS = 16;
const DURATION_MS = 6_000;
const MAX_REQUESTS = 5_000;
const SHARED = [0, 1, 2, 3];

interface Seen {
  version: number;
  accept: Array<{ finding: number; suggestion: number }>;
  reject: number[];
}

interface Acknowledged {
  kind: 'edit' | 'accept' | 'reject';
  idx: number;
  sentVersion: number;
  newVersion: number;
  marker: string;
  finding?: number;
}

/** Version and actionable findings, from a sentence block's HTML. */
function readBlock(html: string): Seen {
  const version = Number(/name="version" value="(\d+)"/.exec(html)![1]);
  const accept = [...html.matchAll(/data-accept data-finding="(\d+)">[^]*?name="suggestion" value="(\d+)"/g)].map((m) => ({ finding: Number(m[1]), suggestion: Number(m[2]) }));
  const reject = [...html.matchAll(/data-reject data-finding="(\d+)"/g)].map((m) => Number(m[1]));
  return { version, accept, reject };
}

// Rules only, then with Grammalecte re-checking every change in the background
// (each answer then waits for it): the same guarantees either way.
const MODES = [
  { mode: 'rules only', grammar: false, skip: false },
  { mode: 'grammar on', grammar: true, skip: !isGrammalecteAvailable() },
];

describe.each(MODES)('16 concurrent editors on one document ($mode)', ({ grammar, skip }) => {
  let app: TestApp;
  let id: number;
  const engine = grammar && !skip ? new GrammalecteProcess() : undefined;
  beforeAll(async () => {
    if (skip) return;
    app = await startTestApp({}, undefined, { grammalecte: engine });
    await app.client.get('/documents/new');
    id = await importText(app, readFileSync('samples/otan-rutte.mt.fr.txt'), 'otan.txt', grammar ? { grammar: 'on' } : {});
  });
  afterAll(async () => {
    if (skip) return;
    await app.close();
    removeDir(app.dir);
    engine?.close();
  });

  it.skipIf(skip)('loses no acknowledged change, answers every stale save 409, never 500', async () => {
    const sentences = (await app.store.documents.allSentences(id));
    expect(sentences.length).toBeGreaterThan(SHARED.length + CLIENTS);
    const initialVersion = new Map(sentences.map((s) => [s.idx, s.version]));
    const acknowledged: Acknowledged[] = [];
    const conflicts: Array<{ kind: string; idx: number; sentVersion: number | undefined }> = [];
    const statuses = new Map<number, number>();
    let requests = 0;
    const deadline = Date.now() + DURATION_MS;
    const more = () => Date.now() < deadline && requests < MAX_REQUESTS;

    async function editor(client: number): Promise<void> {
      // Each editor has its own cookie and token, as separate browsers would.
      const { Client } = await import('../helpers/test-app.ts');
      const browser = new Client(app.url);
      await browser.get('/documents/new');
      const seen = new Map<number, Seen>();
      const own = SHARED.length + client;
      let n = 0;
      const look = async (idx: number) => {
        requests++;
        const page = await browser.get(`/documents/${id}/sentences/${idx + 1}`);
        statuses.set(page.status, (statuses.get(page.status) ?? 0) + 1);
        seen.set(idx, readBlock(page.text));
      };
      while (more()) {
        const idx = n % 3 === 0 ? own : SHARED[(client + n) % SHARED.length];
        if (!seen.has(idx)) await look(idx);
        const state = seen.get(idx)!;
        const marker = `c${client}-${n++}`;
        const roll = (client * 7 + n) % 10;
        let kind: Acknowledged['kind'] = roll < 6 ? 'edit' : roll < 8 ? 'accept' : 'reject';
        if (kind === 'accept' && state.accept.length === 0) kind = 'edit';
        if (kind === 'reject' && state.reject.length === 0) kind = 'edit';
        const fields: Record<string, string> = { version: String(state.version), return_to: `/documents/${id}` };
        let finding: number | undefined;
        if (kind === 'edit') fields.text = `${sentences[idx].originalText.trimEnd()} [${marker}]`;
        if (kind === 'accept') {
          const pick = state.accept[n % state.accept.length];
          finding = pick.finding;
          Object.assign(fields, { finding: String(pick.finding), suggestion: String(pick.suggestion) });
        }
        if (kind === 'reject') {
          finding = state.reject[n % state.reject.length];
          Object.assign(fields, { finding: String(finding), reason: marker });
        }
        requests++;
        const response = await browser.post(`/documents/${id}/sentences/${idx + 1}/${kind}`, fields, true, { 'x-requested-with': 'relecture' });
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200) {
          const answer = JSON.parse(response.text) as { html: string; saved: number };
          const block = readBlock(answer.html);
          // `saved` is the version this change made; the block may already show a later
          // one when the answer waited for Grammalecte while another editor saved.
          acknowledged.push({ kind, idx, sentVersion: state.version, newVersion: answer.saved, marker, finding });
          expect(block.version).toBeGreaterThanOrEqual(answer.saved);
          seen.set(idx, block);
        } else if (response.status === 409) {
          conflicts.push({ kind, idx, sentVersion: state.version });
          await look(idx);
        } else {
          throw new Error(`${kind} on sentence ${idx + 1} answered ${response.status}: ${response.text.slice(0, 200)}`);
        }
      }
    }

    const started = Date.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, client) => editor(client)));
    const elapsed = Date.now() - started;

    // Every decision makes a version, rejects included (#16: a stale undo must not revert another editor's reject).
    const versioned = acknowledged;
    console.log(
      `load: ${CLIENTS} clients, ${requests} requests in ${elapsed} ms; acknowledged ${acknowledged.length} changes ` +
        `(${acknowledged.filter((a) => a.kind === 'edit').length} edits, ${acknowledged.filter((a) => a.kind === 'accept').length} accepts, ` +
        `${acknowledged.filter((a) => a.kind === 'reject').length} rejects); ${conflicts.length} answered 409; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(statuses.get(500) ?? 0).toBe(0);
    expect(acknowledged.length).toBeGreaterThan(50);
    expect(conflicts.length).toBeGreaterThan(0);

    // Read the database from a second connection, as a restarted server would.
    const { openDatabase } = await import('../../../src/web/store/open-database.ts');
    const db = openDatabase(app.dbFile);
    let lost = 0;
    try {
      const decisions = db.prepare('SELECT d.kind, d.reason, d.after_text, d.finding_id, s.idx FROM decisions d JOIN sentences s ON s.id = d.sentence_id WHERE d.document_id = ?').all(id) as Array<{
        kind: string;
        reason: string | null;
        after_text: string | null;
        finding_id: number | null;
        idx: number;
      }>;
      for (const change of acknowledged) {
        const found =
          change.kind === 'edit'
            ? decisions.filter((d) => d.kind === 'edit' && d.idx === change.idx && d.after_text?.trimEnd().endsWith(`[${change.marker}]`))
            : change.kind === 'reject'
              ? decisions.filter((d) => d.kind === 'reject' && d.idx === change.idx && d.reason === change.marker)
              : decisions.filter((d) => d.kind === 'accept' && d.idx === change.idx && d.finding_id === change.finding);
        if (found.length === 0) lost++;
      }
      // No decision the server did not acknowledge either: one row per acknowledged action.
      for (const kind of ['edit', 'accept', 'reject']) {
        expect(decisions.filter((d) => d.kind === kind).length, kind).toBe(acknowledged.filter((a) => a.kind === kind).length);
      }

      const rows = new Map((db.prepare('SELECT idx, current_text, version FROM sentences WHERE document_id = ?').all(id) as Array<{ idx: number; current_text: string; version: number }>).map((r) => [r.idx, r]));
      for (const [idx, row] of rows) {
        const changes = versioned.filter((c) => c.idx === idx).sort((a, b) => a.newVersion - b.newVersion);
        // Every save was made on the version the editor saw, and each version was given once: no lost update.
        expect(changes.map((c) => c.newVersion)).toEqual(changes.map((_, i) => initialVersion.get(idx)! + i + 1));
        for (const c of changes) expect(c.newVersion).toBe(c.sentVersion + 1);
        expect(row.version).toBe(initialVersion.get(idx)! + changes.length);
        const last = changes.at(-1);
        if (last?.kind === 'edit') expect(row.current_text.trimEnd()).toBe(`${sentences[idx].originalText.trimEnd()} [${last.marker}]`);
        if (last?.kind === 'accept') expect(decisions.some((d) => d.kind === 'accept' && d.idx === idx && d.after_text === row.current_text)).toBe(true);
      }
      // A 409 on a versioned save means someone else had moved the sentence past the version sent.
      for (const conflict of conflicts) {
        if (conflict.sentVersion !== undefined) expect(rows.get(conflict.idx)!.version).toBeGreaterThan(conflict.sentVersion);
      }
      if (grammar) {
        await app.service.grammar!.settleDocument(id, 30_000);
        expect(await app.service.grammar!.status(id)).toMatchObject({ pending: 0, error: null });
        // What is stored for each sentence is what Grammalecte says of its current text.
        const stored: string[] = [];
        const expected: string[] = [];
        for (const sentence of (await app.store.documents.allSentences(id))) {
          const findings = (await app.store.findings.activeFindings([sentence.id])).get(sentence.id)!;
          const builtin = new Set(findings.filter((f) => !f.ruleId.startsWith('grammalecte:')).map((f) => `${f.start}:${f.length}`));
          for (const f of findings) if (f.ruleId.startsWith('grammalecte:')) stored.push(`${sentence.idx}:${f.start} «${f.text}» ${f.ruleId}`);
          const [fresh] = (await checkBatch(new GrammalecteEngine(engine!), [sentence])).findings;
          for (const f of fresh) if (!builtin.has(`${f.start}:${f.length}`)) expected.push(`${sentence.idx}:${f.start} «${f.text}» ${f.ruleId}`);
        }
        expect(stored).toEqual(expected);
        // Not a vacuous comparison: Grammalecte's findings were stored during the run. Those still
        // open may all be gone by the end (a quick run accepts every one of them: seen in CI as 0 = 0).
        const everStored = db.prepare("SELECT COUNT(*) AS n FROM findings WHERE document_id = ? AND rule_id LIKE 'grammalecte:%'").get(id) as { n: number };
        expect(everStored.n).toBeGreaterThan(0);
      }
      // Every finding still shown points at its text in the current sentence: none
      // was left behind by an edit, whoever re-checked it (rules or Grammalecte).
      const active = db
        .prepare('SELECT f.start, f.length, f.text, f.rule_id, s.current_text FROM findings f JOIN sentences s ON s.id = f.sentence_id WHERE f.document_id = ? AND f.active = 1')
        .all(id) as Array<{ start: number; length: number; text: string; rule_id: string; current_text: string }>;
      expect(active.length).toBeGreaterThan(0);
      expect(active.filter((f) => f.current_text.slice(f.start, f.start + f.length) !== f.text).map((f) => `${f.rule_id} «${f.text}» in «${f.current_text}»`)).toEqual([]);
      expect((db.pragma('integrity_check') as Array<{ integrity_check: string }>)[0].integrity_check).toBe('ok');
    } finally {
      db.close();
    }
    console.log(`load: ${lost} acknowledged changes missing from the database`);
    expect(lost).toBe(0);
    expect((await app.client.get('/documents')).status).toBe(200);
  });
});
