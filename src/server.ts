import { pathToFileURL } from 'node:url';
import { createChecker } from './checker.ts';
import { loadConfig } from './config.ts';
import { isGrammalecteAvailable } from './grammalecte/find-grammalecte.ts';
import { closeSharedGrammalecte, GrammalecteEngine, sharedGrammalecteProcess } from './pipeline/grammalecte-engine.ts';
import { createApp } from './web/app.ts';
import { seedSampleIfEmpty } from './web/seed-sample.ts';
import { openSqliteStore } from './web/store/sqlite-store.ts';
import { SqliteAccountStore } from './web/accounts/sqlite-account-store.ts';
import { signInAtStart } from './web/security/bind-address.ts';

/**
 * `npm start`: opens the review database, loads the rule pack once, and serves
 * on 127.0.0.1:3000. Settings come from src/config.ts (`.relecturerc.json` and
 * the environment: HOST, PORT, RELECTURE_DB, RELECTURE_MAX_BYTES, RELECTURE_GRAMMAR).
 * Beyond loopback, or once a user exists, sign-in is required
 * (RELECTURE_TRUST_PROXY behind a TLS proxy).
 */
export async function main(): Promise<void> {
  const config = loadConfig();
  const { database: file, host, port, maxBytes } = config;
  const store = openSqliteStore(file);
  const accounts = new SqliteAccountStore(store.database);
  const users = await accounts.countUsers();
  const { requireSignIn, refusal } = signInAtStart(host, users);
  if (refusal) {
    console.error(refusal);
    await store.close();
    process.exit(2);
  }
  const trustProxy = parseTrustProxy(process.env.RELECTURE_TRUST_PROXY);
  // The same rule selection as the CLI's (`disable` / `enable` of .relecturerc.json).
  // The project word list (.relecture/words.txt) is known to the app as to the CLI.
  const checker = createChecker({ disable: config.disable, enable: config.enable, knownWords: config.words });
  // One Grammalecte process for the life of the app, when it is installed (RELECTURE_GRAMMAR=off leaves it out).
  const grammalecte = config.grammar && isGrammalecteAvailable() ? sharedGrammalecteProcess() : undefined;
  console.log(grammalecte ? 'relecture: grammar checking with Grammalecte is available' : 'relecture: grammar checking is off (Grammalecte is not installed: apt-get install grammalecte-cli)');
  const seeded = (await seedSampleIfEmpty(store, checker, { grammar: grammalecte !== undefined }));
  if (seeded !== undefined) console.log(`relecture: imported the sample article as document ${seeded}`);
  const app = createApp({ store, checker, grammar: grammalecte ? new GrammalecteEngine(grammalecte) : undefined, accounts, options: { maxBytes, requireSignIn, trustProxy } });
  // With PORT=0 the system picks the port: print the one actually bound.
  const server = app.listen(port, host, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    console.log(`relecture: reviewing on http://${host}:${bound}/ (database ${file}; ${requireSignIn || users > 0 ? `sign-in required, ${users} user${users === 1 ? '' : 's'}` : 'single-user, no sign-in'})`);
  });
  const stop = () => {
    server.close(() => {
      closeSharedGrammalecte();
      void store.close().finally(() => process.exit(0));
    });
    // Browsers keep connections open (review.js polls while Grammalecte works):
    // idle ones go now, a request still running gets a few seconds.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** RELECTURE_TRUST_PROXY: `true`, a hop count, or Express's address list (`loopback`, `10.0.0.1`…). */
function parseTrustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
