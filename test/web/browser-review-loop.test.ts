import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedSampleIfEmpty } from '../../src/web/seed-sample.ts';
import { prepareImport } from '../../src/web/review/import-document.ts';
import { hasChromium, launchChromium } from './helpers/chromium.ts';
import { checker, removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';


/**
 * The review loop in a real browser (issue #13): the keys act on the finding
 * the editor means and on nothing else, spaces in fixes are visible, search and
 * filters do what they say, and the first sentence is on a laptop's screen.
 * Each test starts from a fresh import of the sample.
 */
describe.skipIf(!hasChromium)('review loop in the browser', () => {
  let app: TestApp;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const profile = mkdtempSync(join(tmpdir(), 'relecture-chromium-'));

  beforeAll(async () => {
    ({ context, page } = await launchChromium(profile, { width: 1366, height: 768 }));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  });

  beforeEach(async () => {
    errors = [];
    await app?.close();
    if (app) removeDir(app.dir);
    app = await startTestApp();
    await seedSampleIfEmpty(app.store, checker());
    await page.evaluate(() => window.localStorage?.clear()).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (app) removeDir(app.dir);
    removeDir(profile);
  });

  const sentenceWith = (text: string) => page.locator('article.sentence', { hasText: text }).first();
  const stored = async (fragment: string) => (await app.store.documents.allSentences(1)).find((s) => s.currentText.includes(fragment))!;

  it('defect 1: `a` on a finding without a suggestion changes nothing and says so; `1` takes the focused finding’s own fix', async () => {
    await page.goto(`${app.url}/documents/1`);
    const article = sentenceWith('Telefónica');
    const before = await stored('Telefónica');
    // « Telefónica » has no suggestion; « Parlez » in the same sentence has one.
    await article.locator('mark.hl', { hasText: 'Telefónica' }).focus();
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('#live').isVisible()).toBe(true);
    expect(await page.locator('#live').textContent()).toMatch(/no suggestion/);
    // Give a wrongly sent request the time to land, then check nothing changed.
    await page.waitForTimeout(300);
    expect(await stored('Telefónica')).toMatchObject({ version: before.version, currentText: before.currentText });

    await article.locator('mark.hl', { hasText: 'Parlez' }).focus();
    await page.keyboard.press('1');
    await expect.poll(async () => (await stored('Telefónica')).currentText).toContain('cela parlez Telefónica');
    expect(errors).toEqual([]);
  });

  it('defect 6: a space in a fix is drawn on its button, and the fix inserts the French narrow space', async () => {
    await page.goto(`${app.url}/documents/1`);
    const finding = page.locator('li.finding', { hasText: 'typography/space-before-double-punctuation' }).first();
    const button = finding.locator('button.accept');
    expect(await button.locator('.sp-narrow').count()).toBe(1);
    expect(await button.textContent()).toContain('⍽:');
    await button.click();
    await expect.poll(async () => (await stored('message')).currentText).toContain('message\u202F: l');
    expect(errors).toEqual([]);
  });

  it('keys: c confirms and moves on, m marks reviewed, and the default view is what is left to do', async () => {
    await page.goto(`${app.url}/documents/1`);
    expect(await page.locator('#f-status').inputValue()).toBe('todo');
    const flagged = await page.locator('article.sentence').count();
    expect(flagged).toBe((await app.store.documents.progress(1)).flagged);

    await page.keyboard.press('j');
    const first = await page.evaluate(() => document.activeElement?.closest('article')?.id);
    await page.keyboard.press('c');
    await expect.poll(() => page.locator(`#${first} .chip-reviewed`).count()).toBe(1);
    // The focus went on to the next flagged sentence not yet reviewed.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('article')?.id)).not.toBe(first);
    const second = await page.evaluate(() => document.activeElement?.closest('article')?.id);
    expect(Number(second!.slice(2))).toBeGreaterThan(Number(first!.slice(2)));

    await page.keyboard.press('m');
    await expect.poll(() => page.locator(`#${second} .chip-reviewed`).count()).toBe(1);
    expect((await app.store.documents.progress(1)).reviewed).toBe(2);

    // Reloaded, the default view leaves the two out.
    await page.reload();
    expect(await page.locator('article.sentence').count()).toBe(flagged - 2);
    expect(errors).toEqual([]);
  });

  it('keys: `2` takes the focused finding’s second fix, Ctrl+Enter confirms; `p` opens the sentence’s offer to apply its change elsewhere', async () => {
    // A rule with two fixes (the sample has none): « Même ainsi » → « Malgré tout » or « Pourtant ».
    const id = await app.store.documents.createDocument(prepareImport(checker(), { title: 'two', sourceName: 'two.txt', text: 'L’équipe a dominé. Même ainsi, elle a perdu.\n', corrections: [] }));
    await page.goto(`${app.url}/documents/${id}?status=all`);
    await page.locator('mark.hl', { hasText: 'Même ainsi' }).focus();
    // Ctrl+Enter (confirm-and-next outside the edit box, as `c`) pressed while
    // the accept's answer is still on its way (held back here, as on a slow
    // network or a busy server) waits for the re-rendered sentence instead of
    // sending the old one's form, which the server refuses as a conflict.
    let held = 0;
    await page.route(/\/accept$/, async (route) => {
      const response = await route.fetch();
      held++;
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.fulfill({ response });
    });
    await page.keyboard.press('2');
    await expect.poll(async () => (await app.store.documents.getSentence(id, 1))!.currentText).toBe('Pourtant, elle a perdu.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await app.store.documents.getSentence(id, 1))!.reviewed).toBe(true);
    expect((await app.store.documents.getSentence(id, 1))!.currentText).toBe('Pourtant, elle a perdu.');
    expect(page.url()).toBe(`${app.url}/documents/${id}?status=all`);
    expect(held).toBe(1);
    await page.unrouteAll();

    await page.goto(`${app.url}/documents/1`);
    const article = sentenceWith('Cependant, Routte');
    await article.locator('mark.hl', { hasText: 'Routte' }).focus();
    await page.keyboard.press('1');
    await expect.poll(() => article.locator('.offer a[data-propagate]').count()).toBe(1);
    await Promise.all([page.waitForURL(/\/propagate\?/), page.keyboard.press('p')]);
    expect(new URL(page.url()).searchParams.get('from')).toBe('Routte');
    expect(errors).toEqual([]);
  });

  it('the first sentence is on screen at 1366×768, the header folds, and stays as the editor left it', async () => {
    await page.goto(`${app.url}/documents/1`);
    const box = await page.locator('article.sentence .sentence-text').first().boundingBox();
    expect(box!.y + box!.height).toBeLessThan(768);
    const details = page.locator('details.doc-details');
    expect(await details.getAttribute('open')).toBeNull();
    await details.locator('summary').click();
    await expect.poll(() => details.getAttribute('open')).not.toBeNull();
    expect(await page.locator('#doc-header .figures').isVisible()).toBe(true);
    await page.reload();
    expect(await page.locator('details.doc-details').getAttribute('open')).not.toBeNull();
    expect(errors).toEqual([]);
  });

  it('defect 10: search folds accents, case and apostrophes and marks hits; filters apply on change and show only their findings', async () => {
    // l’ukraine (curly, lower case) finds l'Ukraine (straight); the hit is marked.
    await page.goto(`${app.url}/documents/1?status=all`);
    await page.fill('#f-q', 'L’UKRAINE');
    await page.press('#f-q', 'Enter');
    await page.waitForURL(/q=/);
    const hits = page.locator('mark.hit');
    expect(await hits.count()).toBeGreaterThan(0);
    expect((await hits.first().textContent())!.toLowerCase()).toBe("l'ukraine");
    // « negocie » without its accents finds « négocié ».
    await page.goto(`${app.url}/documents/1?status=all&q=NEGOCIE`);
    expect(await page.locator('mark.hit').first().textContent()).toMatch(/^négocié$/i);

    // A severity filter applies on change, and each sentence lists only findings of that severity.
    await page.goto(`${app.url}/documents/1`);
    await page.selectOption('#f-severity', 'major');
    await page.waitForURL(/severity=major/);
    const severities = await page.locator('ul.findings > li.finding:visible .sev-badge').allTextContents();
    expect(severities.length).toBeGreaterThan(0);
    expect(new Set(severities)).toEqual(new Set(['major']));
    // The others are still reachable, folded apart.
    expect(await page.locator('details.other-findings').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});
