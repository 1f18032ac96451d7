import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGrammalecteAvailable } from '../../src/grammalecte/find-grammalecte.ts';
import { GrammalecteProcess } from '../../src/grammalecte/grammalecte-process.ts';
import { seedSampleIfEmpty } from '../../src/web/seed-sample.ts';
import { hasChromium, launchChromium } from './helpers/chromium.ts';
import { checker, removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';


// The README's screenshots are refreshed on request (UPDATE_SCREENSHOTS=1 npm test);
// an ordinary run writes them to a temporary folder, so tests leave the tree clean.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : mkdtempSync(join(tmpdir(), 'relecture-shots-'));

/**
 * The newcomer's path, in a real browser: the sample is there and flagged; filter
 * to a category; accept Routte → Rutte and apply it everywhere; edit a sentence
 * by hand; restart the server and reload: everything is still there; export the
 * text and the report.
 */
describe.skipIf(!hasChromium)('review in the browser', () => {
  let app: TestApp;
  let context: BrowserContext;
  let page: Page;
  const profile = mkdtempSync(join(tmpdir(), 'relecture-chromium-'));

  beforeAll(async () => {
    app = await startTestApp();
    (await seedSampleIfEmpty(app.store, checker()));
    ({ context, page } = await launchChromium(profile, { width: 1280, height: 900 }));
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (app) removeDir(app.dir);
    removeDir(profile);
  });

  it('walks the review of the sample from first start to export', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });

    // First start: the sample is there, flagged.
    await page.goto(`${app.url}/`);
    await page.getByRole('link', { name: /OTAN : Rutte/ }).click();
    await expect.poll(() => page.locator('article.sentence.is-flagged').count()).toBeGreaterThan(5);
    const allSentences = await page.locator('article.sentence').count();
    // The sentences are on screen before the deferred review.js has run (the HTML streams in):
    // a key pressed then is lost. The script shows the keyboard button once it listens.
    await page.locator('[data-show-keys]').waitFor({ state: 'visible' });

    // Keyboard: j focuses the first flagged sentence; ? shows the keys.
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('article')?.classList.contains('is-flagged'))).toBe(true);
    await page.keyboard.press('?');
    await expect.poll(() => page.locator('dialog#keys').getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Escape');

    // Filter to one category: a filter applies as soon as it changes (no button to press).
    await page.selectOption('#f-category', 'terminology');
    await page.waitForURL(/category=terminology/);
    await page.selectOption('#f-status', 'flagged');
    await page.waitForURL(/status=flagged/);
    const filtered = await page.locator('article.sentence').count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(allSentences);
    expect(await page.locator('.finding .rule').allTextContents()).toContainEqual(expect.stringContaining('terminology'));

    // Accept Routte → Rutte (in place, by review.js), then apply it everywhere.
    const routte = page.locator('li.finding', { hasText: 'corrections/editor' }).filter({ hasText: '« Routte »' }).first();
    await routte.getByRole('button', { name: 'Accept « Rutte »' }).click();
    const offer = page.locator('.offer');
    await expect.poll(() => offer.count()).toBe(1);
    expect(await offer.textContent()).toMatch(/« Routte » → « Rutte » : \d+ other occurrences/);
    await page.locator('.offer a').click();
    await page.waitForURL(/propagate/);
    const listed = await page.locator('ul.occurrences li').count();
    expect(listed).toBeGreaterThan(1);
    await page.locator('[data-apply-all]').click();
    await page.waitForURL(/notice=/);
    expect(await page.locator('.notice').textContent()).toContain('added to the corrections');
    // The search covers the MT text too: the sentences are found, their current text has Rutte.
    await page.goto(`${app.url}/documents/1?status=all&q=Routte`);
    expect(await page.locator('article.sentence').count()).toBe(listed + 1);
    expect(await page.locator('.sentence-text', { hasText: 'Routte' }).count()).toBe(0);

    // Edit a sentence by hand, from the keyboard: e opens the box, Ctrl+Enter saves.
    await page.goto(`${app.url}/documents/1?status=all`);
    await page.locator('#s-1').focus();
    await page.keyboard.press('e');
    const box = page.locator('#edit-1');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('edit-1');
    await box.fill('« Après avoir négocié avec Poutine, il ne peut plus envahir l’Ukraine »');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('#s-1 .chip-edited').count()).toBe(1);
    // An edit is not a review; m says the sentence is done.
    expect(await page.locator('#s-1 .chip-reviewed').count()).toBe(0);
    await page.locator('#s-1').focus();
    await page.keyboard.press('m');
    await expect.poll(() => page.locator('#s-1 .chip-reviewed').count()).toBe(1);

    // Restart the server on the same database, reload: everything is still there.
    const dir = app.dir;
    await app.close();
    app = await startTestApp({}, dir);
    await page.goto(`${app.url}/documents/1?status=all`);
    expect(await page.locator('#s-1 .sentence-text').textContent()).toContain('négocié avec Poutine');
    expect(await page.locator('#doc-header').textContent()).toMatch(/\b1 reviewed/);
    await page.goto(`${app.url}/documents/1/corrections`);
    expect(await page.locator('table.corrections').textContent()).toMatch(/Routte\s*Rutte/);

    // Exports.
    const text = await (await page.request.get(`${app.url}/documents/1/export/text`)).text();
    expect(text).toContain('« Après avoir négocié avec Poutine');
    expect(text).not.toContain('Routte');
    expect(text.split('\n').length).toBe(14);
    const report = await (await page.request.get(`${app.url}/documents/1/export/report.json`)).json();
    expect(report.findings.some((f: { flaggedText: string; decision: string }) => f.flaggedText === 'Routte' && f.decision === 'accepted')).toBe(true);
    expect(report.quality.hter).toBeGreaterThan(0);
    const csv = await (await page.request.get(`${app.url}/documents/1/export/report.csv`)).text();
    expect(csv).toContain('accepted');

    // Screenshots for the README: the review page with a finding's tip, and a sentence's diff.
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.goto(`${app.url}/documents/1`);
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SCREENSHOTS}/review.png` });
    const changed = report.findings.find((f: { flaggedText: string }) => f.flaggedText === 'Routte').sentence;
    await page.goto(`${app.url}/documents/1/sentences/${changed}`);
    await page.screenshot({ path: `${SCREENSHOTS}/sentence-diff.png` });

    expect(errors).toEqual([]);
  });

  it.skipIf(!isGrammalecteAvailable())('imports with grammar checking, follows Grammalecte in the header, and accepts its fix in place', async () => {
    const engine = new GrammalecteProcess();
    // Answer the import at once, and keep Grammalecte busy for a moment, so the
    // page opens while the grammar pass is still waiting: the header's countdown.
    const grammarApp = await startTestApp({ grammarWaitMs: 0 }, undefined, { grammalecte: engine });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const busy = engine.request(`${'Les alliés est prêts pour le sommet de Bruxelles et de La Haye. '.repeat(40)}\n`.repeat(60));
      await page.goto(`${grammarApp.url}/documents/new`);
      expect(await page.locator('#grammar').isChecked()).toBe(true);
      await page.fill('#text', "Selon Rutte, l'Ouest est unie face à Moscou.\nLe sommet a lieu à Bruxelles.");
      await page.getByRole('button', { name: 'Import and check' }).click();
      await page.waitForURL(/\/documents\/\d+$/);
      expect(await page.locator('#grammar-status').textContent()).toMatch(/checking… \d+ sentences? to go/);
      await busy;
      // review.js polls: the countdown ends with a link to reload.
      const reload = page.getByRole('link', { name: 'Reload to see its findings' });
      await reload.waitFor({ timeout: 20_000 });
      await reload.click();
      await page.waitForLoadState();
      const finding = page.locator('li.finding', { hasText: 'grammalecte:' });
      await expect.poll(() => finding.count()).toBe(1);
      await finding.getByRole('button', { name: 'Accept « uni »' }).click();
      await expect.poll(() => page.locator('#s-1 .sentence-text').textContent()).toContain("l'Ouest est uni face");
      expect(await page.locator('li.finding', { hasText: 'grammalecte:' }).count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await grammarApp.close();
      removeDir(grammarApp.dir);
      engine.close();
    }
  });
});
