import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, writeIn } from './helpers/cli.ts';

// Files that are not files, and outputs that fail: each gets exit 2 and one line
// naming the path, never a stack trace (exit 1 means "a major finding").
const dir = mkdtempSync(join(tmpdir(), 'relecture-io-'));
const write = (name: string, content: string | Buffer) => writeIn(dir, name, content);
const text = write('text.txt', 'Routte a parlé.\n');
const corrections = write('c.tsv', 'Routte\tRutte\n');

function expectOneLine(result: { code: number; stderr: string }, pattern: RegExp): void {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('inputs that are not regular files (regression: /dev/zero read 11.6 GB, a FIFO hung, a folder said undefined)', () => {
  it('refuses a device, as FILE or as --corrections, without reading it', async () => {
    expectOneLine(await cli('check', '/dev/zero'), /^relecture: \/dev\/zero: is not a regular file/);
    expectOneLine(await cli('check', text, '--corrections', '/dev/zero'), /^relecture: \/dev\/zero: is not a regular file/);
    expectOneLine(await cli('apply', '/dev/urandom', '--corrections', corrections), /\/dev\/urandom: is not a regular file/);
  });

  it('refuses a FIFO without a writer at once instead of waiting for one', async () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expectOneLine(await cli('check', fifo), /fifo: is not a regular file/);
  });

  it('names a folder, a symbolic-link loop and a path through a file', async () => {
    expectOneLine(await cli('check', dir), new RegExp(`^relecture: ${dir}: is a folder, not a file`));
    const loop = join(dir, 'loop');
    symlinkSync(join(dir, 'loop2'), loop);
    symlinkSync(loop, join(dir, 'loop2'));
    expectOneLine(await cli('check', loop), /loop: too many levels of symbolic links/);
    expectOneLine(await cli('check', join(text, 'inside.txt')), /inside\.txt: a part of the path is not a folder/);
  });
});

describe('apply -o', () => {
  it('refuses an output that is a device, and one it cannot write, with one line each (regression: stack trace, exit 1)', async () => {
    expectOneLine(await cli('apply', text, '--corrections', corrections, '-o', '/dev/full'), /\/dev\/full: is not a regular file/);
    expectOneLine(await cli('apply', text, '--corrections', corrections, '-o', '/proc/version'), /\/proc\/version: /);
    expectOneLine(await cli('apply', text, '--corrections', corrections, '-o', join(text, 'out.txt')), /out\.txt: a part of the path is not a folder/);
    expectOneLine(await cli('apply', text, '--corrections', corrections, '-o', join(dir, 'missing', 'out.txt')), /out\.txt: no such file or folder/);
  });

  it('replaces the output by renaming a complete file over it, leaving no temporary file', async () => {
    const folder = join(dir, 'atomic');
    mkdirSync(folder);
    const input = writeIn(folder, 'in.txt', 'Routte a parlé. Routte est parti.\n');
    const output = writeIn(folder, 'out.txt', 'ancien contenu\n');
    const before = statSync(output).ino;
    const result = await cli('apply', input, '--corrections', corrections, '-o', output);
    expect(result.code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe('Rutte a parlé. Rutte est parti.\n');
    expect(statSync(output).ino).not.toBe(before);
    expect(readdirSync(folder).sort()).toEqual(['in.txt', 'out.txt']);
    // Onto its own input: read whole first, then replaced.
    expect((await cli('apply', input, '--corrections', corrections, '-o', input)).code).toBe(0);
    expect(readFileSync(input, 'utf8')).toBe('Rutte a parlé. Rutte est parti.\n');
  });

  // Bug: with a file-size limit (ulimit -f), `apply big.txt -o big.txt` cut the input to 2 MB.
  it('never truncates the input when the write fails (regression: a file-size limit cut big.txt -o big.txt)', () => {
    const folder = join(dir, 'limit');
    mkdirSync(folder);
    const big = 'Routte a parlé longuement devant les ministres réunis. '.repeat(40_000);
    const input = writeIn(folder, 'big.txt', big);
    const cliPath = join(process.cwd(), 'src', 'cli.ts');
    // ulimit -f counts blocks of 1 KB: 1 MB, under the 2.2 MB of the input.
    const run = spawnSync('bash', ['-c', `ulimit -f 1024; exec "${process.execPath}" --import tsx "${cliPath}" apply "${input}" --corrections "${corrections}" -o "${input}"`], {
      encoding: 'utf8',
      env: { ...process.env, RELECTURE_MAX_BYTES: String(8 * 1024 * 1024) },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/big\.txt: file too large/);
    expect(readFileSync(input, 'utf8')).toBe(big);
    expect(readdirSync(folder)).toEqual(['big.txt']);
  });
});

describe('standard input', () => {
  const cliPath = join(process.cwd(), 'src', 'cli.ts');
  const runWithInput = (input: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', cliPath, 'apply', '-', '--corrections', corrections], { input, encoding: 'utf8', env: { ...process.env, ...env } });

  it('is read for `-`, within the size limit', () => {
    const ok = runWithInput('Routte a parlé.\n');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('Rutte a parlé.\n');
    const over = runWithInput('Routte a parlé. '.repeat(1000), { RELECTURE_MAX_BYTES: '1000' });
    expect(over.status).toBe(2);
    expect(over.stderr.trim()).toBe('relecture: standard input: is over the limit of 1000 bytes');
  });
});
