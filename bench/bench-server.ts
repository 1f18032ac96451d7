/**
 * The review app for the web benchmark, in a process of its own (bench/web.ts
 * starts it): the clients' work (fetch, their reads of the database) then runs
 * in another process, as a browser's does, and the server's own time can be
 * profiled alone (`node --cpu-prof`, RELECTURE_BENCH_PROFILE=DIR in bench/web.ts).
 *
 *   node --import tsx bench/bench-server.ts DB_FILE
 *
 * Listens on 127.0.0.1 on a port the system picks, prints `port N` once it
 * listens, and exits (writing its profile, if any) on SIGTERM or when its
 * standard input closes (the benchmark ended, or died). A line `settle` on its
 * standard input is answered `settled` once the re-checks the changes left for
 * after their answers are done (`service.settled()`); a line `cpu`, `cpu MS deferred MS`:
 * the CPU time the process has used so far, and the time spent in steps of those re-checks.
 */
import type { AddressInfo } from 'node:net';
import { createChecker } from '../src/checker.ts';
import { createApp } from '../src/web/app.ts';
import { openSqliteStore } from '../src/web/store/sqlite-store.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: node --import tsx bench/bench-server.ts DB_FILE');
  process.exit(2);
}
const store = openSqliteStore(file);
const app = createApp({ store, checker: createChecker(), options: { maxBytes: 64 * 1024 * 1024 } });
const server = app.listen(0, '127.0.0.1', () => {
  console.log(`port ${(server.address() as AddressInfo).port}`);
  // As src/server.ts does: the import's check worker started and warmed after listen (RELECTURE_BENCH_COLD_WORKERS=1: one started per import, as before).
  if (process.env.RELECTURE_BENCH_COLD_WORKERS !== '1') setImmediate(() => void app.locals.service.checkWorkers.warm());
  else void app.locals.service.checkWorkers.close();
});
// The time spent in steps of the re-checks a change leaves for after its answer (deferred-rechecks.ts), for `cpu`'s
// answer: the service keeps its queue private, so its step is wrapped here, for the benchmark only.
let deferredMs = 0;
const deferred = (app.locals.service as unknown as { deferred: { step: (...args: unknown[]) => Promise<void> } }).deferred;
const step = deferred.step;
deferred.step = async (...args: unknown[]) => {
  const started = performance.now();
  try {
    return await step(...args);
  } finally {
    deferredMs += performance.now() - started;
  }
};
// Idle keep-alive sockets closed after 5 s (Node's default) race a client's next request on
// them (ECONNRESET) when an answer or a pause is long: kept open for the whole run.
server.keepAliveTimeout = 120_000;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => void app.locals.service.stop().then(() => store.close()).finally(() => process.exit(0)));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.stdin.on('end', stop);
let asked = '';
process.stdin.on('data', (chunk: Buffer) => {
  asked += chunk.toString();
  for (let at = asked.indexOf('\n'); at >= 0; at = asked.indexOf('\n')) {
    const line = asked.slice(0, at).trim();
    asked = asked.slice(at + 1);
    if (line === 'settle') void app.locals.service.settled().then(() => console.log('settled'));
    // The CPU this process has used (every thread: V8's collector too), for the server's time per accept.
    if (line === 'cpu') {
      const { user, system } = process.cpuUsage();
      console.log(`cpu ${((user + system) / 1000).toFixed(1)} deferred ${deferredMs.toFixed(1)}`);
    }
  }
});
process.stdin.resume();
