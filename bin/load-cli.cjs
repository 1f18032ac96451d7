// Loads the compiled CLI, dist/cli.bundle.cjs (one CommonJS file, made by
// `npm run build`: scripts/bundle-cli.mjs), through `vm.Script` with a V8 code cache:
// the functions a run compiled, saved after it (`script.createCachedData()`), so the
// next start neither parses the bundle nor compiles them again. Node 20 has no
// `module.enableCompileCache`; this is what v8-compile-cache does.
//
// The cache is in the folder of the other caches (node_modules/.cache/relecture/, or
// RELECTURE_CACHE_DIR), named after the V8 version, the flags and the bundle's hash
// (its first line): another build or node gets a file of its own. A file V8 refuses
// (`cachedDataRejected`) or whose checksum (ours, over its bytes: V8 checks only
// lengths and versions in a release build) does not match is ignored and written
// again after the run. Nothing is written where the folder is read-only.
//
// CommonJS, required by the bin: an ES module's `import` of node:fs makes its ESM
// facade, which reads every export, fs.ReadStream too, and that loads the streams
// (7 ms of a 250 ms start).
'use strict';
const { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const BUNDLE = join(__dirname, '../dist/cli.bundle.cjs');
const HEADER = 8; // checksum (4 bytes), payload length (4 bytes)

function cacheDirectory() {
  return process.env.RELECTURE_CACHE_DIR || join(__dirname, '../node_modules/.cache/relecture');
}

/**
 * The cache's checksum: zlib's CRC-32, native (Node 20.15 and later), 0.1 ms for 330 KB
 * where a loop in JavaScript at start took 2–4 ms. An older Node runs without a code
 * cache (the same output, a slower start).
 */
const crc32 = require('node:zlib').crc32;
const checksum = (bytes) => crc32(bytes) >>> 0;

function shortHash(text) {
  let hash = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 0).toString(16);
}

function readCache(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.byteLength < HEADER) return undefined;
  const payload = bytes.subarray(HEADER);
  if (bytes.readUInt32LE(4) !== payload.byteLength || bytes.readUInt32LE(0) !== checksum(payload)) return undefined;
  return payload;
}

function writeCache(directory, file, data) {
  try {
    mkdirSync(directory, { recursive: true });
    const header = Buffer.alloc(HEADER);
    header.writeUInt32LE(checksum(data), 0);
    header.writeUInt32LE(data.byteLength, 4);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([header, data]));
    renameSync(temporary, file); // whole or not at all, for a start running meanwhile
    // This build's earlier caches under the same V8 and flags are of no more use.
    const prefix = file.slice(0, file.lastIndexOf('-') + 1);
    for (const name of readdirSync(directory)) {
      const other = join(directory, name);
      if (other.startsWith(prefix) && other !== file && name.endsWith('.v8')) unlinkSync(other);
    }
  } catch {
    // A read-only folder: the next start compiles again.
  }
}

/**
 * The bundle's exports, and `saveCache`, to call once the command has run (the
 * cache then holds the functions it compiled); it writes only where the cache
 * was missing or refused.
 */
function loadCli() {
  const source = readFileSync(BUNDLE, 'utf8');
  const hash = /^\/\/ relecture-bundle ([0-9a-f]+)\n/.exec(source)?.[1] ?? shortHash(source);
  const directory = cacheDirectory();
  const file = join(directory, `cli-${process.versions.v8}-${shortHash(process.execArgv.join(' '))}-${hash}.v8`);
  const cached = typeof crc32 === 'function';
  const cachedData = cached ? readCache(file) : undefined;
  // On one line with the bundle's first, so that its line numbers stay the bundle's.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  return {
    cli: module.exports,
    cacheFile: file,
    cacheUsed: !fresh,
    saveCache: () => {
      if (fresh && cached) writeCache(directory, file, script.createCachedData());
    },
  };
}

module.exports = { loadCli };
