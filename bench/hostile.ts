/**
 * The hostile inputs of issue #16, timed: each is what one request or one token
 * costs now (`npx tsx bench/hostile.ts`). Figures go to bench/RESULTS.md.
 */
import { createChecker } from '../src/checker.ts';
import { CorrectionMatcher } from '../src/corrections/match-corrections.ts';
import { terOfTexts } from '../src/web/quality/ter.ts';
import { highlightFindings } from '../src/web/render/highlight-findings.ts';
import { sentenceDiff } from '../src/web/render/sentence-diff.ts';
import type { FindingRecord } from '../src/web/store/review-store.ts';

function nonWord(n: number, seed: number): string {
  let state = seed;
  let word = '';
  for (let i = 0; i < n; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    word += 'abcdefghijklmnopqrstuvwxyzéèà'[state % 29];
  }
  return word;
}

function time(label: string, work: () => unknown): void {
  const started = performance.now();
  work();
  console.log(`| ${label} | ${(performance.now() - started).toFixed(1)} ms |`);
}

const checker = createChecker();
checker.check('Le chat dort. Le thing parle.', { corrections: [] });
console.log('| measure | time |\n|---|---:|');
time('check of a sentence with an 800-letter word', () => checker.check(`Le ${nonWord(800, 1)} dort.`, { corrections: [] }));
time('check of a sentence with a 1,500-letter word', () => checker.check(`Le ${nonWord(1500, 2)} dort.`, { corrections: [] }));
const corrections = Array.from({ length: 100_000 }, (_, i) => ({ from: `mot${i.toString(36)}x`, to: `mot${i.toString(36)}y` }));
let matcher: CorrectionMatcher | undefined;
time('corrections matcher built for 100,000 corrections', () => (matcher = new CorrectionMatcher(corrections)));
time('one sentence matched against 100,000 corrections', () => matcher!.match('Le ministre a déclaré que la réunion était utile et que les alliés resteraient unis mot5x.'));
const long = 'Routte a dit le le mot, '.repeat(2730);
time('word diff of a 64 kB sentence with one word added', () => sentenceDiff(long, `Le le ${long}`));
time('TER of a 64 kB sentence with one word added', () => terOfTexts(long, `Le le ${long}`));
const text = 'mot '.repeat(20_000);
const findings = Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, documentId: 1, sentenceId: 1, ruleId: 'r', source: 'relecture', category: 'style', severity: 'minor', message: 'm', start: i * 4, length: 3, text: 'mot', suggestions: [], active: true, createdAt: '', rejected: false }) as unknown as FindingRecord);
time('highlighting of 20,000 findings on one sentence', () => highlightFindings(text, findings, 0));
