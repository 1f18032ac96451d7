import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareImport } from '../../src/web/review/import-document.ts';
import { hasChromium, launchChromium } from './helpers/chromium.ts';
import { checker, removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';


/**
 * The reject menu's scope in a real browser (#14 follow-up): « ignorer ce mot
 * dans ce document » reloads the page without the word's other findings, and
 * undo brings them back, through review.js's in-place forms.
 */
describe.skipIf(!hasChromium)('the reject scope menu in the browser', () => {
  let app: TestApp;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const profile = mkdtempSync(join(tmpdir(), 'relecture-chromium-'));

  beforeAll(async () => {
    app = await startTestApp();
    ({ context, page } = await launchChromium(profile, { width: 1366, height: 768 }));
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (app) removeDir(app.dir);
    removeDir(profile);
  });

  it('« ignore this word in this document »: the page reloads without the word’s other findings; undo brings them back', async () => {
    const text = 'Le ministre a ouvertment critiqué les appels.\nIl a ouvertment parlé hier.\nLe ministre a encore ouvertment parlé.\n';
    const id = await app.store.documents.createDocument(prepareImport(checker(), { title: 'scope', sourceName: 'scope.txt', text, corrections: [] }));
    // Every sentence listed (the default lists the flagged ones): the ignoring sentence keeps its Undo on the reloaded page.
    await page.goto(`${app.url}/documents/${id}?status=all`);
    // Open findings of the word on the page, sentence by sentence.
    const openOnPage = () => page.locator('article.sentence').evaluateAll((articles) => articles.map((a) => [...a.querySelectorAll('li.finding:not(.is-rejected)')].filter((li) => li.textContent!.includes('ouvertment')).length));
    expect(await openOnPage()).toEqual([1, 1, 1]);

    const finding = page.locator('article.sentence').first().locator('li.finding', { hasText: 'ouvertment' });
    await finding.locator('select.scope').selectOption('word');
    await Promise.all([page.waitForEvent('load'), finding.getByRole('button', { name: 'Reject' }).click()]);
    expect(await openOnPage()).toEqual([0, 0, 0]);
    expect((await app.store.ignores.listIgnores(id)).map((i) => [i.kind, i.value])).toEqual([['word', 'ouvertment']]);

    await Promise.all([page.waitForEvent('load'), page.locator('article.sentence').first().locator('form[data-undo] button').click()]);
    expect(await openOnPage()).toEqual([1, 1, 1]);
    expect(await app.store.ignores.listIgnores(id)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('in the default view (flagged, not reviewed) the ignoring sentence leaves the page, and the notice’s Undo brings the findings back (issue #13)', async () => {
    const text = 'Le ministre a ouvertment critiqué les appels.\nIl a ouvertment parlé hier.\nUn paragraphe sans faute.\n';
    const id = await app.store.documents.createDocument(prepareImport(checker(), { title: 'default view', sourceName: 'default.txt', text, corrections: [] }));
    await page.goto(`${app.url}/documents/${id}`);
    expect(await page.locator('article.sentence').count()).toBe(2);
    const finding = page.locator('article.sentence').first().locator('li.finding', { hasText: 'ouvertment' });
    await finding.locator('select.scope').selectOption('word');
    await Promise.all([page.waitForEvent('load'), finding.getByRole('button', { name: 'Reject' }).click()]);
    // Nothing of the word is flagged any more: no sentence to show, and so no sentence's Undo.
    expect(await page.locator('article.sentence').count()).toBe(0);
    const notice = page.locator('.notice[data-ignored]');
    await expect.poll(() => notice.textContent()).toContain('« ouvertment » is ignored in this document');
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Undo' }).click()]);
    expect(await page.locator('article.sentence').count()).toBe(2);
    expect(await app.store.ignores.listIgnores(id)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
