/**
 * What one word-boundary lookaround costs V8 to compile, with the word characters
 * written as the class `[\p{L}\p{M}\p{N}_]` and as word-boundary.ts writes them
 * (`WORD_CHAR`), under `giu` and `gu`, with machine code at once as the bin runs.
 * Each form is compiled 50 times a round (a new source each time, so V8's cache
 * never answers) and run once on a short text; prints the median of 9 rounds, in ms.
 *
 *   npm run build && node --no-regexp-tier-up bench/boundary-compile.mjs
 */
const { WORD_CHAR } = await import(new URL('../dist/engine/word-boundary.js', import.meta.url).href);
const forms = { class: '[\\p{L}\\p{M}\\p{N}_]', written: WORD_CHAR };
const results = {};
for (let round = 0; round < 9; round++) {
  for (const flags of ['giu', 'gu']) {
    for (const [name, chars] of Object.entries(forms)) {
      let total = 0;
      for (let i = 0; i < 50; i++) {
        const regex = new RegExp(`(?<!${chars})mot${round}x${i}(?!${chars})`, flags);
        const start = performance.now();
        regex.exec('un mot ici');
        total += performance.now() - start;
      }
      // Two lookarounds an expression: the cost of one.
      (results[`${name} ${flags}`] ??= []).push(total / 100);
    }
  }
}
for (const [name, times] of Object.entries(results)) console.log(JSON.stringify({ form: name, msPerLookaround: Number(times.sort((a, b) => a - b)[4].toFixed(3)) }));
