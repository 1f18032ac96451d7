#!/usr/bin/env -S node --no-regexp-tier-up
// The package's bin: runs the compiled CLI (dist/cli.bundle.cjs, built by
// `npm install` through `prepare`) with plain node: no TypeScript loader, no
// devDependency; through a V8 code cache (load-cli.cjs).
//
// CommonJS (bin/package.json says so): Node starts a CommonJS main module without
// its ES module loader, about 20 ms less CPU of a 290 ms start (15 alternating runs).
//
// The flag on the first line: V8 compiles a regular expression to machine code at
// its first run, not to bytecode first and to machine code again at its second; a
// check compiles a hundred or more rule expressions once each, and the two steps
// cost more than the one (bench/regex-compile.mjs; bench/RESULTS.md, 2026-12-01).
// It is given on the command line, not by v8.setFlagsFromString at run time, which
// Node documents as unsafe once V8 runs (with it, one run of about 130 died of
// SIGSEGV at its start; none of about 60 without).
// `node bin/relecture.js` runs without it (same findings, slower compiling).
'use strict';
const { loadCli } = require('./load-cli.cjs');

let loaded;
try {
  loaded = loadCli();
} catch (error) {
  if (error?.code !== 'ENOENT' || !String(error.path).endsWith('cli.bundle.cjs')) throw error;
  process.stderr.write('relecture: the compiled CLI (dist/cli.bundle.cjs) is missing: run `npm run build` (npm install does it)\n');
  process.exit(2);
}
loaded.cli
  .run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTerminal: Boolean(process.stderr.isTTY),
  })
  .then((code) => {
    process.exitCode = code;
    loaded.saveCache();
  });
