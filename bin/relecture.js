#!/usr/bin/env node
// The package's bin: runs the compiled CLI (dist/, built by `npm install` through
// `prepare`) with plain node: no TypeScript loader, no devDependency.
import v8 from 'node:v8';

// Regular expressions compiled straight to machine code, not to bytecode first and
// to machine code again at their second run: a check compiles a hundred or more
// rule expressions once each, and the two steps cost more than the one
// (bench/regex-compile.mjs; bench/RESULTS.md, 2026-12-01). V8's flags are the
// process's: the check's worker threads compile the same way.
v8.setFlagsFromString('--no-regexp-tier-up');
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist')) throw error;
  process.stderr.write('relecture: the compiled CLI (dist/cli.js) is missing: run `npm run build` (npm install does it)\n');
  process.exit(2);
}
process.exitCode = await cli.run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTerminal: Boolean(process.stderr.isTTY),
});
