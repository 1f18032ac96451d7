import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PostgresAccountStore } from '../../../src/web/accounts/postgres-account-store.ts';
import { hashPassword } from '../../../src/web/accounts/passwords.ts';
import { openPostgres } from '../../../src/web/store/postgres/open-postgres.ts';
import { createTestDatabase } from '../../helpers/postgres.ts';
import { killAppProcess, startAppProcess, type AppProcess } from '../helpers/app-process.ts';
import { Client } from '../helpers/test-app.ts';

/**
 * Two real app processes (src/server.ts) on one PostgreSQL database, as a team
 * server runs them: a change through one is on the next page of the other, two
 * editors saving one version get one save and one conflict that names the
 * other, 16 editors spread over both lose no acknowledged change and get no 500,
 * and a process killed with SIGKILL mid-burst loses nothing it acknowledged.
 */
const missing = inject('postgresMissing');
const PASSWORD = 'team-test-password';

async function signIn(base: string, name: string): Promise<Client> {
  const client = new Client(base);
  await client.get('/login');
  const answer = await client.post('/login', { username: name, password: PASSWORD });
  if (answer.status !== 303) throw new Error(`sign-in of ${name} at ${base} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  return client;
}

const versionOf = (html: string, n: number) => Number(new RegExp(`id="s-${n}"[^]*?name="version" value="(\\d+)"`).exec(html)?.[1] ?? /name="version" value="(\d+)"/.exec(html)![1]);

describe.skipIf(missing !== '')(`two app processes on one PostgreSQL${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: pg.Pool;
  let a: AppProcess;
  let b: AppProcess;
  // The processes speak English, as the assertions read (the app's default is French).
  const env = () => ({ DATABASE_URL: database.url, RELECTURE_LANG: 'en' });

  beforeAll(async () => {
    database = await createTestDatabase(inject('postgresUrl'), 'processes');
    pool = await openPostgres(database.url, { max: 2 });
    const accounts = new PostgresAccountStore(pool);
    for (const name of ['ada', 'rita', ...Array.from({ length: 16 }, (_, i) => `editor${i}`)]) await accounts.addUser(name, name === 'ada' ? 'admin' : 'reviewer', await hashPassword(PASSWORD));
    // The first start imports the sample (document 1); the second finds it there.
    a = await startAppProcess(env());
    b = await startAppProcess(env());
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((p) => killAppProcess(p)));
    await pool?.end();
    await database?.drop();
  });

  it('shows a change made through one process on the next page load of the other, and names who made it in a conflict', async () => {
    const ada = await signIn(a.url, 'ada');
    // The session is in the database: the same cookie works on the other process.
    const adaOnB = new Client(b.url);
    adaOnB.cookie = ada.cookie;
    expect((await adaOnB.get('/documents/1')).text).toContain('Signed in as <strong>ada</strong>');

    const rita = await signIn(b.url, 'rita');
    const version = versionOf((await ada.get('/documents/1/sentences/2')).text, 2);
    expect((await ada.post('/documents/1/sentences/2/edit', { version: String(version), text: 'Phrase changée par Ada [a1].' })).status).toBe(303);
    const onB = await rita.get('/documents/1/sentences/2');
    expect(onB.text).toContain('Phrase changée par Ada [a1].');
    expect(onB.text).toMatch(/edit<\/span>[^]*by <strong>ada<\/strong>/);
    // Rita saves on the version she had before Ada's change, through the other process.
    const late = await rita.post('/documents/1/sentences/2/edit', { version: String(version), text: 'Phrase de Rita.' });
    expect(late.status).toBe(409);
    expect(late.text).toContain('was saved by <strong>ada</strong>');
    // The open-page poll of process B reports Ada's change.
    const stamps = await (await fetch(`${b.url}/documents/1/versions?sentences=2`, { headers: { cookie: rita.cookie } })).json();
    expect(stamps.sentences['2']).toMatchObject({ version: version + 1, by: 'ada', kind: 'edit' });
  });

  it('16 editors over both processes: every acknowledged change stored, stale saves 409, no 500', async () => {
    const statuses = new Map<number, number>();
    const acknowledged: Array<{ n: number; marker: string }> = [];
    const shared = [3, 4];
    const clients = await Promise.all(Array.from({ length: 16 }, (_, e) => signIn(e % 2 === 0 ? a.url : b.url, `editor${e}`)));
    // A fixed number of rounds, not a time window: under load the same test saw 16 edits in 5 s where a quiet machine sees 60.
    // Rounds 0 and 3 edit a sentence two editors share (one of them may get a 409); 1 and 2 the editor's own sentence.
    const ROUNDS = 4;
    await Promise.all(
      clients.map(async (client, e) => {
        for (let k = 0; k < ROUNDS; k++) {
          const n = k % 3 === 0 ? shared[(e + k) % shared.length] : 5 + e;
          const page = await client.get(`/documents/1/sentences/${n}`);
          statuses.set(page.status, (statuses.get(page.status) ?? 0) + 1);
          const marker = `[e${e}-${k}]`;
          const answer = await client.post(`/documents/1/sentences/${n}/edit`, { version: String(versionOf(page.text, n)), text: `Texte de l’éditeur ${marker}.` }, true, { 'x-requested-with': 'relecture' });
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 200) acknowledged.push({ n, marker });
        }
      }),
    );
    console.log(`two processes, 16 editors: ${acknowledged.length} edits acknowledged; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    if (statuses.get(500)) console.log(a.output().slice(-4000), b.output().slice(-4000));
    expect(statuses.get(500) ?? 0).toBe(0);
    expect([...statuses.keys()].every((s) => s === 200 || s === 409)).toBe(true);
    // Nobody else edits an editor's own sentence: each of those saves is acknowledged.
    const own = acknowledged.filter(({ n }) => !shared.includes(n));
    expect(own.length).toBe(16 * 2);
    expect(acknowledged.length).toBeGreaterThan(own.length);
    const { rows } = await pool.query<{ after_text: string; idx: number }>("SELECT d.after_text, s.idx FROM decisions d JOIN sentences s ON s.id = d.sentence_id WHERE d.kind = 'edit' AND d.document_id = 1");
    // editedText keeps the sentence's trailing space: compare without it.
    const stored = new Set(rows.map((r) => `${r.idx + 1} ${r.after_text.trimEnd()}`));
    const lost = acknowledged.filter(({ n, marker }) => !stored.has(`${n} Texte de l’éditeur ${marker}.`));
    expect(lost).toEqual([]);
    // Each sentence's text is its last acknowledged edit, and its segment's target agrees with its sentences.
    const { rows: broken } = await pool.query(`SELECT g.id FROM segments g WHERE g.current_target <> (SELECT string_agg(s.current_text, '' ORDER BY s.idx) FROM sentences s WHERE s.segment_id = g.id)`);
    expect(broken).toEqual([]);
  });

  it('SIGKILL of one process in the middle of a burst: nothing it acknowledged is lost, the other keeps answering', async () => {
    const acknowledged: Array<{ n: number; marker: string }> = [];
    let fromSurvivor = 0;
    let fromKilled = 0;
    let stop = false;
    const clients = await Promise.all(Array.from({ length: 8 }, (_, e) => signIn(e < 4 ? a.url : b.url, `editor${e}`)));
    const editor = async (e: number, base: string) => {
      const client = clients[e];
      for (let k = 0; !stop && k < 500; k++) {
        const n = 5 + e;
        try {
          const page = await client.get(`/documents/1/sentences/${n}`);
          const marker = `[k${e}-${k}]`;
          const answer = await client.post(`/documents/1/sentences/${n}/edit`, { version: String(versionOf(page.text, n)), text: `Avant la coupure ${marker}.` }, true, { 'x-requested-with': 'relecture' });
          if (answer.status === 200) {
            acknowledged.push({ n, marker });
            if (base === b.url) fromSurvivor++;
            else fromKilled++;
          } else expect(answer.status).toBe(409);
        } catch {
          return; // the killed process's connections fail: those edits were never acknowledged
        }
      }
    };
    const work = [0, 1, 2, 3].map((e) => editor(e, a.url)).concat([4, 5, 6, 7].map((e) => editor(e, b.url)));
    // Events, not a clock: the kill comes once the process to be killed has acknowledged edits, and the
    // burst ends once the survivor has acknowledged more after it (a loaded machine only takes longer).
    const until = async (condition: () => boolean, what: string) => {
      for (const giveUp = Date.now() + 60_000; !condition(); await new Promise((resolve) => setTimeout(resolve, 20))) {
        if (Date.now() > giveUp) throw new Error(`waited 60 s for ${what}`);
      }
    };
    await until(() => fromKilled >= 4, 'four edits acknowledged by the process to be killed');
    await killAppProcess(a, 'SIGKILL');
    const survivorAtKill = fromSurvivor;
    await until(() => fromSurvivor >= survivorAtKill + 4, 'four edits acknowledged by the survivor after the kill');
    stop = true;
    await Promise.all(work);
    a = await startAppProcess(env());
    expect(fromKilled).toBeGreaterThanOrEqual(4);
    expect(fromSurvivor).toBeGreaterThanOrEqual(survivorAtKill + 4);
    const { rows } = await pool.query<{ after_text: string; idx: number }>("SELECT d.after_text, s.idx FROM decisions d JOIN sentences s ON s.id = d.sentence_id WHERE d.kind = 'edit' AND d.document_id = 1");
    const stored = new Set(rows.map((r) => `${r.idx + 1} ${r.after_text.trimEnd()}`));
    expect(acknowledged.filter(({ n, marker }) => !stored.has(`${n} Avant la coupure ${marker}.`))).toEqual([]);
    // The restarted process serves the same state.
    const check = await signIn(a.url, 'ada');
    const last = acknowledged.filter((x) => x.n === 5).at(-1);
    // (or a later edit of the same editor, saved but cut off before its answer).
    if (last) {
      const shown = /Avant la coupure \[k0-(\d+)\]/.exec((await check.get('/documents/1/sentences/5')).text);
      expect(Number(shown?.[1])).toBeGreaterThanOrEqual(Number(/k0-(\d+)/.exec(last.marker)![1]));
    }
  });
});
