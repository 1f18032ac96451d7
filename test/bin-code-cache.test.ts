import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The bin runs dist/cli.bundle.cjs (scripts/bundle-cli.mjs, made by `npm run build` and
// test/global-setup.ts) through bin/load-cli.cjs, with a V8 code cache in the cache
// folder. Each test gets a folder of its own (RELECTURE_CACHE_DIR) holding links to the
// dictionary and rule caches already built, so that only the code cache is new.
const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'relecture-code-cache-'));
const sample = join(root, 'samples/otan-rutte.mt.fr.txt');
const sharedCaches = join(root, 'node_modules/.cache/relecture');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let folders = 0;
function cacheFolder(): string {
  const folder = join(work, `cache-${folders++}`);
  mkdirSync(folder);
  if (existsSync(sharedCaches)) {
    for (const name of readdirSync(sharedCaches)) if (!name.startsWith('cli-')) symlinkSync(join(sharedCaches, name), join(folder, name));
  }
  return folder;
}

function bin(cache: string, args: string[], flags: string[] = ['--no-regexp-tier-up']) {
  const run = spawnSync(process.execPath, [...flags, join(root, 'bin/relecture.js'), ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, RELECTURE_CACHE_DIR: cache } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const codeCaches = (cache: string) => readdirSync(cache).filter((name) => name.startsWith('cli-') && name.endsWith('.v8'));

let expected: { status: number | null; stdout: string; stderr: string };
beforeAll(() => {
  // The sources through tsx: what the bundle must find, byte for byte.
  const viaSources = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli.ts'), 'check', sample, '--format', 'json', '--engine', 'none'], { cwd: root, encoding: 'utf8' });
  expected = { status: viaSources.status, stdout: viaSources.stdout, stderr: viaSources.stderr };
  expect(expected.stdout.length).toBeGreaterThan(100);
}, 60_000);

describe('the bin, through its bundle and a V8 code cache', () => {
  it('writes the code cache after its first run, then runs from it without writing it again, with the output of the sources', () => {
    const cache = cacheFolder();
    const first = bin(cache, ['check', sample, '--format', 'json', '--engine', 'none']);
    expect(first).toEqual(expected);
    const [file] = codeCaches(cache);
    expect(file).toMatch(/^cli-[\d.a-z-]+-[0-9a-f]+-[0-9a-f]{20}\.v8$/);
    const written = statSync(join(cache, file)).mtimeMs;
    const bytes = readFileSync(join(cache, file));
    const second = bin(cache, ['check', sample, '--format', 'json', '--engine', 'none']);
    expect(second).toEqual(expected);
    expect(codeCaches(cache)).toEqual([file]);
    expect(statSync(join(cache, file)).mtimeMs).toBe(written);
    expect(readFileSync(join(cache, file)).equals(bytes)).toBe(true);
  }, 60_000);

  it('rebuilds a damaged code cache (bytes changed, or cut short) with the same output', () => {
    // V8 checks a cache's length and versions, not its bytes: the file's own checksum must tell.
    const cache = cacheFolder();
    bin(cache, ['check', sample, '--format', 'json', '--engine', 'none']);
    const [file] = codeCaches(cache);
    const good = readFileSync(join(cache, file));
    const damaged = Buffer.from(good);
    for (let i = 64; i < damaged.length; i += 61) damaged[i] ^= 0x5a;
    writeFileSync(join(cache, file), damaged);
    expect(bin(cache, ['check', sample, '--format', 'json', '--engine', 'none'])).toEqual(expected);
    const rebuilt = readFileSync(join(cache, file));
    expect(rebuilt.equals(damaged)).toBe(false);
    expect(rebuilt.length).toBeGreaterThan(1000);
    writeFileSync(join(cache, file), good.subarray(0, good.length >> 1));
    expect(bin(cache, ['check', sample, '--format', 'json', '--engine', 'none'])).toEqual(expected);
    expect(readFileSync(join(cache, file)).length).toBeGreaterThan(good.length >> 1);
    expect(bin(cache, ['check', sample, '--format', 'json', '--engine', 'none'])).toEqual(expected); // and runs from the rebuilt one
  }, 60_000);

  it('rebuilds a cache V8 refuses (made under other flags), and drops one of an older bundle', () => {
    const cache = cacheFolder();
    bin(cache, ['check', sample, '--format', 'json', '--engine', 'none'], []);
    const [plain] = codeCaches(cache);
    // The same bytes under the name the flagged run reads: V8's flags differ, it sets cachedDataRejected.
    bin(cache, ['rules'], ['--no-regexp-tier-up']);
    const flagged = codeCaches(cache).find((name) => name !== plain)!;
    expect(flagged).toBeDefined();
    const refused = readFileSync(join(cache, plain));
    writeFileSync(join(cache, flagged), refused);
    const older = flagged.replace(/-[0-9a-f]{20}\.v8$/, '-00000000000000000000.v8');
    writeFileSync(join(cache, older), 'a cache of another build');
    expect(bin(cache, ['check', sample, '--format', 'json', '--engine', 'none'])).toEqual(expected);
    expect(readFileSync(join(cache, flagged)).equals(refused)).toBe(false);
    expect(codeCaches(cache).sort()).toEqual([flagged, plain].sort());
  }, 60_000);

  it('runs where the cache folder cannot be written, with the same output', () => {
    const notAFolder = join(work, 'a-file');
    writeFileSync(notAFolder, '');
    const run = bin(join(notAFolder, 'cache'), ['rules', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as unknown[]).length).toBeGreaterThan(300);
  }, 60_000);

  it('runs the bundle in strict mode, as the ES modules it is made of (a banner before esbuild\'s "use strict" made it sloppy)', () => {
    const source = readFileSync(join(root, 'dist/cli.bundle.cjs'), 'utf8');
    // The bundle in the bin's wrapper, with one function of its own at the end: strict, `this` is undefined in it.
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n;return (function () { return this === undefined; })();\n})`;
    const run = spawnSync(process.execPath, ['-e', `const f = require('node:vm').runInThisContext(require('node:fs').readFileSync(0, 'utf8')); process.stdout.write(String(f({}, require, { exports: {} }, 'bundle', ${JSON.stringify(join(root, 'dist'))})));`], { cwd: work, input: wrapped, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('true');
  });

  it('checks a text in worker threads from the build: the workers find dist/engine/check-worker.js from the bundle', () => {
    // checkAsync with a low bound (the CLI's, 12 M characters, is too big for a test), and
    // this thread checking no part itself, so that the workers check them all.
    const script = [
      "const { createRequire } = require('node:module');",
      `const { loadCli } = createRequire(${JSON.stringify(join(root, 'bin/'))})('./load-cli.cjs');`,
      "const { createChecker } = loadCli().cli;",
      "const text = require('node:fs').readFileSync(0, 'utf8');",
      'const checker = createChecker();',
      "const timings = {};",
      "checker.checkAsync(text, { minChars: 1000, workers: 2, partChars: 5000, mainPartsMaxChars: 0, timings }).then((parallel) => process.stdout.write(JSON.stringify({ parallel: parallel.findings, single: checker.check(text).findings, timings })));",
    ].join('\n');
    const text = Array.from({ length: 6 }, () => readFileSync(sample, 'utf8')).join('\n');
    const run = spawnSync(process.execPath, ['--no-regexp-tier-up', '-e', script], { cwd: work, input: text, encoding: 'utf8', env: { ...process.env, RELECTURE_CACHE_DIR: cacheFolder() }, maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    const { parallel, single, timings } = JSON.parse(run.stdout) as { parallel: unknown[]; single: unknown[]; timings: Record<string, number> };
    expect(timings['workers: parts checked']).toBe(timings.parts);
    expect(timings.parts).toBeGreaterThan(2);
    expect(parallel.length).toBeGreaterThan(50);
    expect(parallel).toEqual(single);
  }, 60_000);
});
