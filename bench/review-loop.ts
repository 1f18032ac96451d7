/**
 * The review loop as an editor feels it, in Chromium (playwright-core, Debian's
 * /usr/bin/chromium): page load of the review page, an accept and a hand edit
 * answered in place, on the sample article. Loopback only, bounded counts.
 *
 *   npx tsx bench/review-loop.ts            # 10 of each, prints medians
 *   npx tsx bench/review-loop.ts --runs 2   # a quick check that it still runs
 *   npx tsx bench/review-loop.ts --append   # also adds the line to bench/RESULTS.md
 *   npx tsx bench/review-loop.ts --help     # this
 *
 * Time it on a quiet machine: it measures what the browser waits for, so other
 * work on the same cores shows in the figures.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { seedSampleIfEmpty } from '../src/web/seed-sample.ts';
import { checker, removeDir, startTestApp } from '../test/web/helpers/test-app.ts';

const USAGE = 'usage: npx tsx bench/review-loop.ts [--runs N] [--append]\n  page load, accept and edit in Chromium on the sample, N of each (default 10), medians; --append adds the line to bench/RESULTS.md';
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt < 0 ? 10 : Number(process.argv[runsAt + 1]);
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 100) {
  console.error(`--runs needs a whole number from 1 to 100, not « ${process.argv[runsAt + 1] ?? ''} »\n${USAGE}`);
  process.exit(2);
}

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} does not exist (apt-get install chromium)`);
  process.exit(2);
}
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const app = await startTestApp({ lang: 'fr' });
await seedSampleIfEmpty(app.store, checker());
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
try {
  const load: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await page.goto(`${app.url}/documents/1?status=all`, { waitUntil: 'load' });
    load.push(performance.now() - started);
  }

  // Accepts: a fix's button, clicked; done when the sentence block is swapped in place.
  const accept: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${app.url}/documents/1?status=all`);
    const button = page.locator('form[data-accept] button').first();
    if ((await button.count()) === 0) break;
    const article = await button.evaluate((b) => b.closest('article')!.id);
    const before = await page.locator(`#${article} input[name=version]`).first().inputValue();
    const started = performance.now();
    await button.click();
    await page.waitForFunction(([id, v]) => (document.querySelector(`#${id} input[name=version]`) as HTMLInputElement | null)?.value !== v, [article, before]);
    accept.push(performance.now() - started);
  }

  // Hand edits: e, a word added, Ctrl+Enter; done when the new version is in the page.
  const edit: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(`${app.url}/documents/1?status=all`);
    const article = page.locator('article.sentence').nth(i % 10);
    const id = await article.getAttribute('id');
    const before = await article.locator('input[name=version]').first().inputValue();
    await article.focus();
    await page.keyboard.press('e');
    const box = page.locator(`#${id} textarea[name=text]`);
    await box.fill(`${await box.inputValue()} (${i})`);
    const started = performance.now();
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(([sid, v]) => (document.querySelector(`#${sid} input[name=version]`) as HTMLInputElement | null)?.value !== v, [id, before]);
    edit.push(performance.now() - started);
  }

  const line = `review loop in Chromium, sample article (${RUNS} each, median): page load ${median(load).toFixed(0)} ms, accept ${median(accept).toFixed(0)} ms, edit ${median(edit).toFixed(0)} ms`;
  console.log(line);
  if (process.argv.includes('--append')) appendFileSync('bench/RESULTS.md', `\n- ${new Date().toISOString().slice(0, 10)}: ${line} (\`npx tsx bench/review-loop.ts\`, 2-core machine shared with other runs).\n`);
} finally {
  await browser.close();
  await app.close();
  removeDir(app.dir);
}
