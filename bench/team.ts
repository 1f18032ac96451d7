/**
 * Team mode benchmark: accept round trips, 16 concurrent signed-in clients, on
 * the same document (the sample article ×10), through one app process on
 * SQLite, one on PostgreSQL and two on one PostgreSQL database (the clients
 * alternate between the two). Each configuration gets a fresh database; the
 * PostgreSQL cluster is a throwaway one (test/helpers/postgres.ts). Every request
 * goes to 127.0.0.1 and the loops are bounded in count.
 *
 *   node --import tsx bench/team.ts            # prints the table, appends it to bench/RESULTS.md
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli.ts';
import { createTestDatabase, postgresMissing, startPostgres } from '../test/helpers/postgres.ts';
import { killAppProcess, startAppProcess, type AppProcess } from '../test/web/helpers/app-process.ts';
import { Client } from '../test/web/helpers/test-app.ts';

const CLIENTS = 16;
const ACCEPTS_PER_CLIENT = 25;
const PASSWORD = 'bench-password-1';

async function addUser(env: NodeJS.ProcessEnv, name: string, role: string): Promise<void> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await run(['users', 'add', name, '--role', role], { stdout: () => {}, stderr: () => {}, isTerminal: false, readSecret: async () => PASSWORD });
    if (code !== 0) throw new Error(`users add ${name} failed`);
  } finally {
    for (const key of Object.keys(env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

async function signIn(base: string, name: string): Promise<Client> {
  const client = new Client(base);
  await client.get('/login');
  const answer = await client.post('/login', { username: name, password: PASSWORD });
  if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}`);
  return client;
}

interface Figures {
  label: string;
  p50: number;
  p95: number;
  max: number;
  count: number;
  seconds: number;
  statuses: string;
}

async function measure(label: string, env: NodeJS.ProcessEnv, processes: number): Promise<Figures> {
  await addUser(env, 'admin', 'admin');
  await addUser(env, 'bench', 'reviewer');
  const apps: AppProcess[] = [];
  try {
    for (let i = 0; i < processes; i++) apps.push(await startAppProcess(env));
    const admin = await signIn(apps[0].url, 'admin');
    const sample = readFileSync(new URL('../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');
    const form = new FormData();
    form.set('title', 'Sample ×10');
    form.set('file', new Blob([Array.from({ length: 10 }, () => sample).join('\n')], { type: 'text/plain' }), 'sample10.txt');
    await admin.get('/documents/new');
    const created = await admin.postMultipart('/documents', form);
    const id = Number(/\/documents\/(\d+)/.exec(created.location ?? '')?.[1]);
    if (!id) throw new Error(`import failed: ${created.status}`);
    // The sentences with a suggestion to accept, from the flagged pages.
    const numbers: number[] = [];
    for (let page = 1; page <= 20 && numbers.length < CLIENTS * ACCEPTS_PER_CLIENT + 1; page++) {
      const html = (await admin.get(`/documents/${id}?status=flagged&page=${page}`)).text;
      const found = [...html.matchAll(/<article class="sentence[^"]*" id="s-(\d+)"[^]*?<\/article>/g)].filter((m) => /data-accept/.test(m[0])).map((m) => Number(m[1]));
      if (found.length === 0) break;
      numbers.push(...found.filter((n) => !numbers.includes(n)));
    }
    const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, k) => signIn(apps[k % apps.length].url, 'bench')));
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const acceptOne = async (client: Client, n: number) => {
      const page = (await client.get(`/documents/${id}/sentences/${n}`)).text;
      const version = /name="version" value="(\d+)"/.exec(page)?.[1];
      const accept = /data-accept data-finding="(\d+)">[^]*?name="suggestion" value="(\d+)"/.exec(page);
      if (!version || !accept) return;
      const t0 = performance.now();
      const answer = await client.post(`/documents/${id}/sentences/${n}/accept`, { finding: accept[1], suggestion: accept[2], version, return_to: `/documents/${id}` }, true, { 'x-requested-with': 'relecture' });
      latencies.push(performance.now() - t0);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    };
    // The first change of a document builds each process's word index: not measured.
    for (let i = 0; i < apps.length; i++) await acceptOne(clients[i], numbers[i]);
    latencies.length = 0;
    statuses.clear();
    const mine = (k: number) => numbers.slice(apps.length).filter((_, j) => j % CLIENTS === k).slice(0, ACCEPTS_PER_CLIENT);
    const wall = performance.now();
    await Promise.all(clients.map(async (client, k) => {
      for (const n of mine(k)) await acceptOne(client, n);
    }));
    const seconds = (performance.now() - wall) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return { label, p50: at(0.5), p95: at(0.95), max: latencies.at(-1) ?? NaN, count: latencies.length, seconds, statuses: [...statuses].map(([s, n]) => `${n}× ${s}`).join(', ') };
  } finally {
    await Promise.all(apps.map((app) => killAppProcess(app, 'SIGTERM')));
  }
}

async function main(): Promise<void> {
  const results: Figures[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'relecture-bench-team-'));
  try {
    results.push(await measure('SQLite, 1 app process', { RELECTURE_DB: join(dir, 'bench.db'), DATABASE_URL: '' }, 1));
    const missing = process.argv.includes('--sqlite-only') ? 'asked for SQLite only' : postgresMissing();
    if (missing) {
      console.error(`PostgreSQL figures skipped: ${missing}`);
    } else {
      const cluster = startPostgres();
      try {
        for (const processes of [1, 2]) {
          const database = await createTestDatabase(cluster.url, 'bench');
          try {
            results.push(await measure(`PostgreSQL 15, ${processes} app process${processes > 1 ? 'es' : ''}`, { DATABASE_URL: database.url }, processes));
          } finally {
            await database.drop();
          }
        }
      } finally {
        cluster.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const lines = [
    '',
    `## Team mode: accept round trips on SQLite and PostgreSQL (${new Date().toISOString().slice(0, 10)})`,
    '',
    `${CLIENTS} concurrent signed-in clients, each accepting the first suggestion of ${ACCEPTS_PER_CLIENT} of its own flagged sentences of the sample article ×10 (one document), each save through the real server process(es) on 127.0.0.1; the time is the POST's round trip (re-check, store, re-render of the sentence and header). With two processes, the clients alternate between them. \`node --import tsx bench/team.ts\`.`,
    '',
    '| database, app processes | p50 | p95 | max | requests | wall time | answers |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...results.map((r) => `| ${r.label} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.max.toFixed(1)} ms | ${r.count} | ${r.seconds.toFixed(1)} s | ${r.statuses} |`),
  ];
  console.log(lines.join('\n'));
  if (process.argv.includes('--no-write')) return;
  appendFileSync(new URL('./RESULTS.md', import.meta.url), `${lines.join('\n')}\n`);
}

await main();
