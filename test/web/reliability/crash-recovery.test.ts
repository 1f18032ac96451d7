import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, removeDir } from '../helpers/test-app.ts';

/**
 * The real server as a child process, killed with SIGKILL in the middle of a
 * burst of edits, then started again on the same database file: every edit it
 * had acknowledged must be there, and the file must pass integrity_check.
 */

const CYCLES = 3;
const EDITORS = 8;

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(dbFile: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, RELECTURE_DB: dbFile, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
    const read = (data: Buffer) => {
      output += data.toString();
      const url = /reviewing on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (url) {
        clearTimeout(timer);
        resolve({ child, url: url[1] });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
}

function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

describe('SIGKILL in the middle of a burst of edits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relecture-crash-'));
  const dbFile = join(dir, 'review.db');
  const running: Server[] = [];
  afterAll(async () => {
    await Promise.all(running.map(kill));
    removeDir(dir);
  });

  it(`keeps every acknowledged edit over ${CYCLES} crashes, and the file stays sound`, async () => {
    /** marker → sentence number, for each edit the server answered 200. */
    const acknowledged = new Map<string, number>();
    let crashes = 0;
    let unanswered = 0;

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const server = await startServer(dbFile);
      running.push(server);
      let stop = false;
      let acknowledgedThisCycle = 0;
      const editor = async (e: number) => {
        const browser = new Client(server.url);
        const n = 1 + e; // each editor its own sentence of the sample (document 1)
        let version: number;
        try {
          await browser.get('/documents/new');
          version = Number(/name="version" value="(\d+)"/.exec((await browser.get(`/documents/1/sentences/${n}`)).text)![1]);
        } catch (error) {
          // On a slow machine the kill may come before this editor's first page.
          if (!stop) throw error;
          unanswered++;
          return;
        }
        for (let k = 0; !stop && k < 10_000; k++) {
          const marker = `k${cycle}-${e}-${k}`;
          try {
            const response = await browser.post(`/documents/1/sentences/${n}/edit`, { text: `Phrase ${n} modifiée [${marker}]`, version: String(version) }, true, { 'x-requested-with': 'relecture' });
            if (response.status !== 200) throw new Error(`edit answered ${response.status}`);
            version = Number(/name="version" value="(\d+)"/.exec(JSON.parse(response.text).html)![1]);
            acknowledged.set(marker, n);
            acknowledgedThisCycle++;
          } catch (error) {
            if (!stop) throw error;
            unanswered++;
            return;
          }
        }
      };
      const burst = Promise.all(Array.from({ length: EDITORS }, (_, e) => editor(e)));
      // Kill once the burst is well under way, whatever the machine's speed.
      const waitStarted = Date.now();
      while (acknowledgedThisCycle < 40 + cycle * 13 && Date.now() - waitStarted < 15_000) await new Promise((r) => setTimeout(r, 5));
      stop = true;
      await kill(server);
      crashes++;
      await burst;
    }

    // Start once more on the same file: the server must come up and answer.
    const server = await startServer(dbFile);
    running.push(server);
    expect((await new Client(server.url).get('/documents/1')).status).toBe(200);

    const db = new Database(dbFile, { readonly: true });
    let lost = 0;
    try {
      expect((db.pragma('integrity_check') as Array<{ integrity_check: string }>)[0].integrity_check).toBe('ok');
      const edits = db.prepare(`SELECT after_text FROM decisions WHERE document_id = 1 AND kind = 'edit'`).all() as Array<{ after_text: string }>;
      const saved = new Set(edits.map((d) => /\[(k[\d-]+)\]/.exec(d.after_text)?.[1]));
      for (const marker of acknowledged.keys()) if (!saved.has(marker)) lost++;
      // Each sentence holds its editor's last acknowledged edit, or a later one
      // that committed while its answer was cut off by the kill.
      const current = db.prepare('SELECT idx, current_text FROM sentences WHERE document_id = 1 AND idx < ?').all(EDITORS) as Array<{ idx: number; current_text: string }>;
      for (const row of current) {
        const [, cycle, , k] = /\[k(\d+)-(\d+)-(\d+)\]/.exec(row.current_text)!.map(Number);
        const last = [...acknowledged.keys()].filter((m) => acknowledged.get(m) === row.idx + 1).at(-1)!;
        const [lastCycle, , lastK] = last.slice(1).split('-').map(Number);
        expect(cycle * 100_000 + k, `sentence ${row.idx + 1}`).toBeGreaterThanOrEqual(lastCycle * 100_000 + lastK);
      }
    } finally {
      db.close();
    }
    console.log(`crash: ${crashes} SIGKILLs survived, ${acknowledged.size} acknowledged edits, ${unanswered} cut off by the kill, ${lost} acknowledged edits lost`);
    expect(crashes).toBe(CYCLES);
    expect(lost).toBe(0);
  });
});
