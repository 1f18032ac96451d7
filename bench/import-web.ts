/**
 * The corpus imported through the review app's server (bench/bench-server.ts, a
 * process of its own, as in bench/web.ts) twice in a row, each import timed from
 * the POST to its answer, with the server's CPU over it; builds alternated in one
 * run (issue #15, the import's kept worker and its store while checking):
 *
 *   npx tsx bench/import-web.ts [--runs N] [--before DIR] [--wait MS] [FILE]
 *
 * `--before DIR`: another checkout (its own bench/bench-server.ts, run with this
 * one's node_modules) started before this one in every round; `--wait MS`: the
 * pause between the server's listening and the first import (0: at once, as
 * bench/web.ts does; the kept worker then warms meanwhile). Each server starts on
 * an empty database in a temporary folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '../test/web/helpers/test-app.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '2' }, before: { type: 'string' }, wait: { type: 'string', default: '0' }, imports: { type: 'string', default: '2' } } });
const file = positionals[0] ?? ['../../shared/corpus/eltec-fra-sample.txt', '../../../shared/corpus/eltec-fra-sample.txt'].map((path) => new URL(path, import.meta.url).pathname).find(existsSync);
if (!file) throw new Error('no corpus: give a file (the default is ../shared/corpus/eltec-fra-sample.txt)');
const text = readFileSync(file, 'utf8');
const here = new URL('..', import.meta.url).pathname;
const trees = [...(values.before ? [{ name: 'before', root: values.before }] : []), { name: 'this', root: here }];
const work = mkdtempSync(join(tmpdir(), 'relecture-import-web-'));

async function server(root: string, db: string) {
  // This checkout's tsx, wherever the script is: the other tree may have no node_modules of its own.
  const child = spawn(process.execPath, ['--import', new URL('../node_modules/tsx/dist/esm/index.mjs', import.meta.url).href, join(root, 'bench/bench-server.ts'), db], { stdio: ['pipe', 'pipe', 'inherit'], cwd: root });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /port (\d+)/.exec(seen);
      if (found) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`bench-server.ts stopped (exit code ${code}): ${seen.slice(-300)}`)));
  });
  const cpuMs = () =>
    new Promise<number>((resolve) => {
      const seen = (chunk: Buffer) => {
        const found = /cpu ([\d.]+)/.exec(chunk.toString());
        if (!found) return;
        child.stdout!.off('data', seen);
        resolve(Number(found[1]));
      };
      child.stdout!.on('data', seen);
      child.stdin!.write('cpu\n');
    });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { base: `http://127.0.0.1:${port}`, cpuMs, stop: async () => (child.stdin!.end(), await exited) };
}

try {
  for (let run = 1; run <= Number(values.runs); run++) {
    for (const tree of trees) {
      const db = join(work, `${tree.name}-${run}.db`);
      const app = await server(tree.root, db);
      try {
        await new Promise((resolve) => setTimeout(resolve, Number(values.wait)));
        const client = new Client(app.base);
        const imports: Array<{ ms: number; cpuMs: number }> = [];
        for (let k = 0; k < Number(values.imports); k++) {
          await client.get('/documents/new'); // a page with a form: the CSRF token
          const form = new FormData();
          form.set('title', `corpus ${k + 1}`);
          form.set('file', new Blob([text], { type: 'text/plain' }), 'corpus.txt');
          const cpu = await app.cpuMs();
          const started = performance.now();
          const created = await client.postMultipart('/documents', form);
          const ms = performance.now() - started;
          if (!/\/documents\/\d+/.test(created.location ?? '')) throw new Error(`import failed: HTTP ${created.status} ${created.text.slice(0, 300)}`);
          imports.push({ ms: Math.round(ms), cpuMs: Math.round((await app.cpuMs()) - cpu) });
        }
        console.log(JSON.stringify({ run, tree: tree.name, imports }));
      } finally {
        await app.stop();
      }
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
