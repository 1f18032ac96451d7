#!/usr/bin/env node
// The package's bin: runs the TypeScript CLI through tsx, as `npx tsx src/cli.ts` does.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli.ts');
process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTerminal: Boolean(process.stderr.isTTY),
});
