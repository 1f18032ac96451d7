/**
 * Two builds of the checker side by side on one text, alternating, so that the
 * load of a shared machine weighs on both alike: each build's whole process
 * (the bin with its first line's flags, `/usr/bin/time`: wall and CPU, user + sys,
 * V8's helper threads included) and its check alone (bench/measure-check.mjs),
 * RUNS runs each (default 5), medians. A build is a checkout with `dist/` built
 * (`npm run build`) and node_modules, e.g. a copy of this one made before a change.
 *
 *   node bench/compare-builds.mjs BEFORE_DIR AFTER_DIR FILE [RUNS]
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';

const [before, after, file, runsArg] = process.argv.slice(2);
if (!before || !after || !file) {
  console.error('usage: node bench/compare-builds.mjs BEFORE_DIR AFTER_DIR FILE [RUNS]');
  process.exit(2);
}
const builds = { before: resolve(before), after: resolve(after) };
const text = resolve(file);
const runs = Number(runsArg ?? 5);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { before: { wall: [], cpu: [], check: [] }, after: { wall: [], cpu: [], check: [] } };
const loadAtStart = loadavg()[0];
for (let run = 0; run < runs; run++) {
  for (const [name, dir] of Object.entries(builds)) {
    const whole = spawnSync('/usr/bin/time', ['-f', '%e %U %S', 'node', '--no-regexp-tier-up', 'bin/relecture.js', 'check', text, '--format', 'json', '--engine', 'none'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const [wall, user, system] = whole.stderr.trim().split('\n').pop().split(' ').map(Number);
    const alone = spawnSync('node', ['--no-regexp-tier-up', 'bench/measure-check.mjs', text], { cwd: dir, encoding: 'utf8' });
    if (alone.status !== 0) throw new Error(`${dir}: ${alone.stderr}`);
    results[name].wall.push(wall);
    results[name].cpu.push(user + system);
    results[name].check.push(JSON.parse(alone.stdout).checkMs / 1000);
  }
}
const list = (values) => values.map((v) => v.toFixed(2)).join(' ');
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(6)} (${builds[name]}): whole process wall ${median(r.wall).toFixed(2)} s, CPU ${median(r.cpu).toFixed(2)} s; check alone ${median(r.check).toFixed(2)} s   [wall ${list(r.wall)}; CPU ${list(r.cpu)}; check ${list(r.check)}]`);
}
console.log(`load average ${loadAtStart.toFixed(1)} → ${loadavg()[0].toFixed(1)}, ${new Date().toISOString()}`);
