#!/usr/bin/env node
// The package's bin: runs the compiled CLI (dist/, built by `npm install` through
// `prepare`) with plain node: no TypeScript loader, no devDependency.
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
