import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../src/cli.ts';

// `check` runs Grammalecte by default where it is installed; the CLI tests ask for
// it by name (--engine grammalecte) where they mean it, so their output stays the rules'.
process.env.RELECTURE_GRAMMAR ??= 'off';

/** Runs the CLI in-process and collects what it prints. */
export async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTerminal: false });
  return { code, stdout, stderr };
}

/** Writes a file in `dir` and returns its path. */
export function writeIn(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
