/**
 * `npm run build`, after tsc: the CLI as one CommonJS file, dist/cli.bundle.cjs, which
 * bin/relecture.js runs through `vm.Script` with a V8 code cache (bin/load-cli.js).
 * One file, not the ~90 modules dist/cli.js imports: Node resolves, reads and links
 * each of those at every start. The npm packages stay outside it (required from
 * node_modules as in dist/); only this build step uses esbuild (a devDependency).
 *
 * Each source's `import.meta.url` becomes the URL its tsc-compiled file in dist/ has,
 * so that what a module finds beside it (the rule pack, the cache folder, the worker
 * script dist/engine/check-worker.js, Grammalecte's driver) is found from the bundle too.
 * The first line carries the hash of the rest, which names its code cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = fileURLToPath(new URL('../src/', import.meta.url));
const out = fileURLToPath(new URL('../dist/cli.bundle.cjs', import.meta.url));

const distUrl = {
  name: 'dist-import-meta-url',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const compiled = relative(src, args.path).replace(/\.ts$/, '.js');
      return { contents: source.replaceAll('import.meta.url', `__relectureDistUrl(${JSON.stringify(compiled)})`), loader: 'ts' };
    });
  },
};

const result = await build({
  entryPoints: [fileURLToPath(new URL('../src/cli-bundle.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  write: false,
  logLevel: 'warning',
  // Made once per module, as import.meta.url is (cacheDirectory() asks for it at each call).
  // "use strict" first: ES modules are strict, and esbuild's own directive comes after the banner.
  banner: { js: "'use strict'; const __relectureDistUrls = {}; const __relectureDistUrl = (file) => (__relectureDistUrls[file] ??= require('node:url').pathToFileURL(require('node:path').join(__dirname, file)).href);" },
  plugins: [distUrl],
});
const code = result.outputFiles[0].text;
const hash = createHash('sha256').update(code).digest('hex').slice(0, 20);
// Written whole, then renamed: a bin started meanwhile reads the old bundle or the new one.
writeFileSync(`${out}.tmp`, `// relecture-bundle ${hash}\n${code}`);
renameSync(`${out}.tmp`, out);
console.log(`${relative(root, out)}: ${(code.length / 1024).toFixed(0)} KB, ${hash}`);
