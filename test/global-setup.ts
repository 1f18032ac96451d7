import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { loadWordSet } from '../src/dictionaries/word-set.ts';
import { postgresMissing, startPostgres } from './helpers/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's throwaway PostgreSQL cluster (maintenance database), or '' when there is none. */
    postgresUrl: string;
    /** Why there is no cluster ('' when there is one): the skip message of PostgreSQL tests. */
    postgresMissing: string;
  }
}

// Build the dictionary caches once, before the test workers start, rather than
// in every worker at once (each build takes seconds and hundreds of MB).
// Compile dist/ too, and bundle the CLI as `npm run build` does: the tests of the
// package's bin and of the compiled build run it, and a dist/ older than the sources would test yesterday's code.
// One PostgreSQL cluster serves the whole run; each test file makes its own database in it.
export default function setup(project: TestProject) {
  for (const language of ['fr', 'es', 'en'] as const) loadWordSet(language);
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/bundle-cli.mjs', import.meta.url))], { cwd: root, stdio: 'inherit' }); // the bin's dist/cli.bundle.cjs
  let missing = postgresMissing();
  let cluster: ReturnType<typeof startPostgres> | undefined;
  if (!missing) {
    try {
      cluster = startPostgres();
    } catch (error) {
      missing = (error as Error).message;
    }
  }
  if (missing) console.warn(`PostgreSQL tests are skipped: ${missing}`);
  project.provide('postgresUrl', cluster?.url ?? '');
  project.provide('postgresMissing', missing ?? '');
  return () => cluster?.stop();
}
