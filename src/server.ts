import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createChecker } from './checker.ts';
import { loadConfig } from './config.ts';
import { isGrammalecteAvailable } from './grammalecte/find-grammalecte.ts';
import { closeSharedGrammalecte, GrammalecteEngine, sharedGrammalecteProcess } from './pipeline/grammalecte-engine.ts';
import { createApp } from './web/app.ts';
import { loadInstallSecret } from './web/security/install-secret.ts';
import { seedSampleIfEmpty } from './web/seed-sample.ts';
import { chooseDatabase } from './web/store/choose-database.ts';
import { openStores } from './web/store/open-store.ts';
import { signInAtStart } from './web/security/bind-address.ts';
import { withConnectionTimeouts } from './web/http-server.ts';

/**
 * `npm start`: opens the review database, loads the rule pack once, and serves
 * on 127.0.0.1:3000. Settings come from src/config.ts (`.relecturerc.json` and
 * the environment: HOST, PORT, RELECTURE_DB, RELECTURE_MAX_BYTES, RELECTURE_GRAMMAR,
 * RELECTURE_TRUST_PROXY).
 * Beyond loopback, or once a user exists, sign-in is required
 * (RELECTURE_TRUST_PROXY behind a TLS proxy).
 */
export async function main(): Promise<void> {
  const config = loadConfig();
  const { host, port, maxBytes } = config;
  // DATABASE_URL=postgres://… for a team server (several app processes may share it), else the SQLite file.
  const choice = chooseDatabase({ DATABASE_URL: config.databaseUrl, RELECTURE_DB: config.database });
  const { store, accounts } = await openStores(choice, { synchronous: config.synchronous });
  const users = await accounts.countUsers();
  const { requireSignIn, refusal } = signInAtStart(host, users);
  if (refusal) {
    console.error(refusal);
    await store.close();
    process.exit(2);
  }
  const { trustProxy } = config;
  // The same rule selection as the CLI's (`disable` / `enable` of .relecturerc.json).
  // The project word list (.relecture/words.txt) is known to the app as to the CLI.
  const checker = createChecker({ disable: config.disable, enable: config.enable, knownWords: config.words });
  // One Grammalecte process for the life of the app, when it is installed (RELECTURE_GRAMMAR=off leaves it out).
  const grammalecte = config.grammar && isGrammalecteAvailable() ? sharedGrammalecteProcess() : undefined;
  console.log(grammalecte ? 'relecture: grammar checking with Grammalecte is available' : 'relecture: grammar checking is off (Grammalecte is not installed: apt-get install grammalecte-cli)');
  const seeded = (await seedSampleIfEmpty(store, checker, { grammar: grammalecte !== undefined, withSource: true }));
  if (seeded !== undefined) console.log(`relecture: imported the sample article as document ${seeded}`);
  // CSRF tokens are signed with this installation's secret, kept beside the database.
  // (Beside the SQLite file; on PostgreSQL, in the data folder of RELECTURE_DB's default.)
  const secret = config.database === ':memory:' ? undefined : loadInstallSecret(join(dirname(config.database), 'relecture.secret'));
  const app = createApp({
    store,
    checker,
    grammar: grammalecte ? new GrammalecteEngine(grammalecte) : undefined,
    accounts,
    secret,
    options: { maxBytes, requireSignIn, trustProxy, allowedHosts: config.allowedHosts, boundAddress: host, ...(config.wordsFile ? { wordsFile: config.wordsFile } : {}) },
  });
  // With PORT=0 the system picks the port: print the one actually bound.
  const server = withConnectionTimeouts(app.listen(port, host, () => {
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    console.log(`relecture: reviewing on http://${host}:${bound}/ (database ${choice.label}; ${requireSignIn || users > 0 ? `sign-in required, ${users} user${users === 1 ? '' : 's'}` : 'single-user, no sign-in'})`);
    // The check worker of big imports, started and warmed now, in its own thread, rather than cold at the first one (issue #15).
    setImmediate(() => void app.locals.service.checkWorkers.warm());
  }));
  const stop = () => {
    server.close(() => {
      closeSharedGrammalecte();
      // A propagation in progress stops after its current chunk; the next start takes it up.
      void app.locals.service.stop().then(() => store.close()).finally(() => process.exit(0));
    });
    // Browsers keep connections open (review.js polls while Grammalecte works):
    // idle ones go now, a request still running gets a few seconds.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
