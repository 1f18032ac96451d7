/**
 * What compiling the rule pack's regular expressions costs a fresh process, with
 * V8's default (bytecode first, machine code at the second run: "tier-up") and
 * with `--no-regexp-tier-up` (machine code at once), which bin/relecture.js sets.
 * Each of the pack's searches is built and run three times over one sentence;
 * prints one JSON line per way, medians of RUNS processes (default 5), alternating.
 *
 *   npm run build && node bench/regex-compile.mjs [RUNS]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

if (process.argv[2] === '--child') {
  const { createChecker } = await import(new URL('../dist/checker.js', import.meta.url).href);
  const searches = createChecker().enabledRules.filter((rule) => rule.type === 'pattern').flatMap((rule) => [rule.params.pattern, ...rule.params.antipatterns]);
  const sentence = 'Il a dit que 3.5 km de route, le señor. Beaucoup d’eux vinrent à 10 h 30 ; plus que jamais.';
  const times = [performance.now()];
  for (const search of searches) void search.regex;
  times.push(performance.now());
  for (let round = 0; round < 3; round++) {
    for (const { regex } of searches) {
      regex.lastIndex = 0;
      regex.exec(sentence);
    }
    times.push(performance.now());
  }
  const [built, first, second, third] = times.slice(1).map((t, k) => t - times[k]);
  console.log(JSON.stringify({ searches: searches.length, built, first, second, third, total: built + first + second + third }));
} else {
  const runs = Number(process.argv[2] ?? 5);
  const ways = { 'tier-up (V8 default)': [], '--no-regexp-tier-up': [] };
  for (let k = 0; k < runs; k++) {
    for (const [way, results] of Object.entries(ways)) {
      const flags = way.startsWith('--') ? [way] : [];
      const child = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--child'], { encoding: 'utf8' });
      if (child.status !== 0) throw new Error(child.stderr);
      results.push(JSON.parse(child.stdout));
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const [way, results] of Object.entries(ways)) {
    const line = { way, runs, searches: results[0].searches };
    for (const key of ['built', 'first', 'second', 'third', 'total']) line[key] = Math.round(median(results.map((r) => r[key])));
    console.log(JSON.stringify(line));
  }
}
