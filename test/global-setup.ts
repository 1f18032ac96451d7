import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadWordSet } from '../src/dictionaries/word-set.ts';

// Build the dictionary caches once, before the test workers start, rather than
// in every worker at once (each build takes seconds and hundreds of MB).
// Compile dist/ too: the tests of the package's bin and of the compiled build
// run it, and a dist/ older than the sources would test yesterday's code.
export default function setup() {
  for (const language of ['fr', 'es', 'en'] as const) loadWordSet(language);
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url)), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
