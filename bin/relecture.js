#!/usr/bin/env -S node --no-regexp-tier-up
// The package's bin: runs the compiled CLI (dist/, built by `npm install` through
// `prepare`) with plain node: no TypeScript loader, no devDependency.
//
// The flag on the first line: V8 compiles a regular expression to machine code at
// its first run, not to bytecode first and to machine code again at its second; a
// check compiles a hundred or more rule expressions once each, and the two steps
// cost more than the one (bench/regex-compile.mjs; bench/RESULTS.md, 2026-12-01).
// It is given on the command line, not by v8.setFlagsFromString at run time, which
// Node documents as unsafe once V8 runs (with it, one run of about 130 died of
// SIGSEGV at its start; none of about 60 without).
// `node bin/relecture.js` runs without it (same findings, slower compiling).
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
