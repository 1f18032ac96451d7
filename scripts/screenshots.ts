/**
 * The README's screenshots, from a real run: the app on loopback with the
 * sample imported, Debian's Chromium through playwright-core, the French
 * interface (the default), a 1366×768 laptop screen.
 *
 *   npx tsx scripts/screenshots.ts          # writes docs/screenshots/*.png
 */
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { seedSampleIfEmpty } from '../src/web/seed-sample.ts';
import { checker, removeDir, startTestApp } from '../test/web/helpers/test-app.ts';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} does not exist (apt-get install chromium)`);
  process.exit(2);
}
const OUT = 'docs/screenshots';
mkdirSync(OUT, { recursive: true });

const app = await startTestApp({ lang: 'fr' });
await seedSampleIfEmpty(app.store, checker());
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
try {
  // The review page, a finding focused (its message shows), as an editor starts.
  await page.goto(`${app.url}/documents/1`);
  await page.keyboard.press('j');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${OUT}/review.png` });

  // A sentence after an accept: its diff against the MT.
  const routte = (await app.store.documents.allSentences(1)).find((s) => s.currentText.includes('Routte'))!;
  const finding = ((await app.store.findings.activeFindings([routte.id])).get(routte.id) ?? []).find((f) => f.text === 'Routte' && f.suggestions.length > 0)!;
  await app.service.accept(routte, finding.id, 0, routte.version);
  await page.goto(`${app.url}/documents/1/sentences/${routte.idx + 1}`);
  await page.screenshot({ path: `${OUT}/sentence-diff.png` });

  // A bulk action's preview: how many findings, where, the first diffs, before anything changes.
  // Of the rule with the most open findings that have a fix, read from the data (one finding shows little).
  const rule = await busiestFixableRule(1);
  await page.goto(`${app.url}/documents/1`);
  await page.locator('#bulk-actions summary').click();
  await page.locator('#bulk-rule').selectOption(rule.id);
  await page.locator('[data-bulk="accept-rule"]').click();
  await page.waitForSelector('[data-bulk-count]');
  await page.screenshot({ path: `${OUT}/bulk-preview.png` });
  console.log(`wrote ${OUT}/review.png, sentence-diff.png, bulk-preview.png (${rule.id}: ${rule.count} findings with a fix)`);
} finally {
  await browser.close();
  await app.close();
  removeDir(app.dir);
}

/** The rule whose open findings with a suggestion are most numerous in the document (ties: the first id). */
async function busiestFixableRule(documentId: number): Promise<{ id: string; count: number }> {
  const sentences = await app.store.documents.allSentences(documentId);
  const findings = await app.store.findings.activeFindings(sentences.map((s) => s.id));
  const counts = new Map<string, number>();
  for (const list of findings.values()) for (const f of list) if (!f.rejected && f.suggestions.length > 0) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  const [id, count] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? [];
  if (id === undefined) throw new Error('the sample has no finding with a suggestion: nothing to show in a bulk preview');
  return { id, count: count! };
}
