import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// The compiled build (dist/, made by `npm run build`, which `prepare` runs at
// install and test/global-setup.ts before the tests): what `npm start` and the
// package's bin run with plain node.
const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const work = mkdtempSync(join(tmpdir(), 'relecture-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

/** The bare package names a JavaScript file imports (static and dynamic). */
function importedPackages(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/^\s*(?:import|export)\b[^'";=]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
    const specifier = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (!/^(?:@[\w.-]+\/)?[\w.-]+(?:\/.*)?$/.test(specifier) || specifier.startsWith('.')) continue;
    names.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
  }
  return [...names];
}

describe('the compiled build', () => {
  it('npm start and the bin run compiled JavaScript with node, not tsx', () => {
    expect(pkg.scripts.start).toBe('node dist/server.js');
    expect(pkg.scripts.prepare).toContain('build');
    expect(readFileSync(join(root, 'bin/relecture.js'), 'utf8')).not.toMatch(/tsx/);
    expect(existsSync(join(root, 'dist/cli.js'))).toBe(true);
    expect(existsSync(join(root, 'dist/cli.bundle.cjs'))).toBe(true); // what the bin runs (scripts/bundle-cli.mjs)
    expect(existsSync(join(root, 'dist/server.js'))).toBe(true);
  });

  it('imports no devDependency from the bin or from dist/ (a production install has none)', () => {
    const files = [join(root, 'bin/relecture.js'), join(root, 'bin/load-cli.cjs'), ...filesUnder(join(root, 'dist')).filter((f) => f.endsWith('.js') || f.endsWith('.cjs'))];
    const used = new Set(files.flatMap((file) => importedPackages(readFileSync(file, 'utf8'))));
    const builtins = new Set(['fs', 'path', 'url', 'os', 'crypto', 'child_process', 'http', 'net', 'util', 'stream', 'worker_threads', 'events', 'module', 'vm']);
    for (const name of used) {
      if (builtins.has(name)) continue;
      expect(pkg.devDependencies[name], `${name} is a devDependency`).toBeUndefined();
      expect(pkg.dependencies[name], `${name} is imported by the build but is not a dependency`).toBeDefined();
    }
    expect(used.has('express')).toBe(true); // the scan does see imports
    expect(importedPackages(readFileSync(join(root, 'dist/cli.bundle.cjs'), 'utf8'))).toContain('better-sqlite3'); // and the bundle's requires
  });

  it('the bin checks a file with the rule pack and the dictionaries found from dist/', () => {
    const sample = join(root, 'samples/otan-rutte.mt.fr.txt');
    const run = spawnSync(process.execPath, [join(root, 'bin/relecture.js'), 'check', sample, '--format', 'json'], { cwd: work, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const output = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string }> };
    expect(output.findings.some((f) => f.ruleId.startsWith('calque/'))).toBe(true);
    expect(output.findings.some((f) => f.ruleId === 'spelling/fr')).toBe(true);
  }, 60_000);

  it("the compiled Grammalecte engine finds its Python driver, which stays in src/", async () => {
    const compiled = (await import(join(root, 'dist/grammalecte/grammalecte-process.js'))) as { DRIVER_PATH: string };
    expect(compiled.DRIVER_PATH).toBe(join(root, 'src/grammalecte/grammalecte-driver.py'));
    expect(existsSync(compiled.DRIVER_PATH)).toBe(true);
  });

  it('the compiled server finds views/, public/ and samples/: it seeds the sample and serves its review page with our CSS', async () => {
    const child = spawn(process.execPath, ['dist/server.js'], {
      cwd: root,
      env: { ...process.env, RELECTURE_DB: join(work, 'app.db'), PORT: '0', HOST: '127.0.0.1', RELECTURE_GRAMMAR: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`the compiled server did not start: ${output}`)), 30_000);
        const read = (data: Buffer) => {
          output += data.toString();
          const found = /reviewing on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]);
          }
        };
        child.stdout!.on('data', read);
        child.stderr!.on('data', read);
        child.on('exit', (code) => reject(new Error(`the compiled server exited (${code}): ${output}`)));
      });
      const page = await fetch(`${url}/documents/1`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/Rutte/);
      const css = await fetch(`${url}/public/relecture.css`);
      expect(css.status).toBe(200);
      expect(css.headers.get('content-type')).toMatch(/css/);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
  it('finds with the bin\'s V8 flag (regular expressions compiled to machine code at once) what it finds without it, on every rule example', async () => {
    expect(readFileSync(join(root, 'bin/relecture.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env -S node --no-regexp-tier-up');
    expect(pkg.scripts.check).toBe('node --no-regexp-tier-up bin/relecture.js check');
    const { createChecker } = await import('../src/checker.ts');
    const checker = createChecker();
    const examples = checker.rules.flatMap((rule) => rule.examples.map((example) => example.text.replace(/\[\[|\]\]/g, ''))).join('\n');
    const script = [
      `const { createChecker } = await import(${JSON.stringify(new URL('../dist/checker.js', import.meta.url).href)});`,
      "const { readFileSync } = await import('node:fs');",
      "process.stdout.write(JSON.stringify(createChecker().check(readFileSync(0, 'utf8')).findings));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--no-regexp-tier-up', '--input-type=module', '-e', script], { input: examples, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    const findings = JSON.parse(run.stdout) as unknown[];
    expect(findings.length).toBeGreaterThan(300);
    expect(findings).toEqual(JSON.parse(JSON.stringify(checker.check(examples).findings)));
  });
});
