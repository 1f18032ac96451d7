/**
 * The corpus imported through the review app's server (bench/bench-server.ts, a
 * process of its own, as in bench/web.ts) twice in a row, each import timed from
 * the POST to its answer, with the server's CPU over it; builds alternated in one
 * run (issue #15, the import's kept worker and its store while checking):
 *
 *   npx tsx bench/import-web.ts [--runs N] [--before DIR] [--wait MS] [FILE]
 *
 * `--before DIR`: another checkout (its own bench/bench-server.ts, run from it:
 * it needs node_modules, a link to this one's will do) started before this one in every round; `--wait MS`: the
 * pause between the server's listening and the first import (0: at once, as
 * bench/web.ts does; the kept worker then warms meanwhile). Each server starts on
 * an empty database in a temporary folder.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '../test/web/helpers/test-app.ts';
import { startBenchServer } from './web.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '2' }, before: { type: 'string' }, wait: { type: 'string', default: '0' }, imports: { type: 'string', default: '2' } } });
const file = positionals[0] ?? ['../../shared/corpus/eltec-fra-sample.txt', '../../../shared/corpus/eltec-fra-sample.txt'].map((path) => new URL(path, import.meta.url).pathname).find(existsSync);
if (!file) throw new Error('no corpus: give a file (the default is ../shared/corpus/eltec-fra-sample.txt)');
const text = readFileSync(file, 'utf8');
const here = new URL('..', import.meta.url).pathname;
const trees = [...(values.before ? [{ name: 'before', root: values.before }] : []), { name: 'this', root: here }];
const work = mkdtempSync(join(tmpdir(), 'relecture-import-web-'));

try {
  for (let run = 1; run <= Number(values.runs); run++) {
    for (const tree of trees) {
      const db = join(work, `${tree.name}-${run}.db`);
      const app = await startBenchServer(db, tree.root);
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
