import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSampleIfEmpty } from '../../src/web/seed-sample.ts';
import { hasChromium, launchChromium } from './helpers/chromium.ts';
import { checker, removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';

const RULE = 'typography/space-before-double-punctuation';

/** Bulk actions in a real browser, French interface (issue #13): preview, apply, one undo. */
describe.skipIf(!hasChromium)('bulk actions in the browser', () => {
  let app: TestApp;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const profile = mkdtempSync(join(tmpdir(), 'relecture-chromium-'));

  beforeAll(async () => {
    ({ context, page } = await launchChromium(profile, { width: 1366, height: 768 }));
    page.on('pageerror', (error) => errors.push(error.message));
    app = await startTestApp({ lang: 'fr' });
    await seedSampleIfEmpty(app.store, checker());
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (app) removeDir(app.dir);
    removeDir(profile);
  });

  const open = async () => (await app.store.findings.openFindingCounts(1, 'rule_id')).get(RULE) ?? 0;
  const texts = async () => (await app.store.documents.allSentences(1)).map((s) => s.currentText);

  it('accepts every finding of a rule after a preview, and one undo puts every sentence back', async () => {
    const before = await texts();
    const count = await open();
    expect(count).toBeGreaterThan(0);
    await page.goto(`${app.url}/documents/1`);
    await page.locator('#bulk-actions summary').click();
    await page.locator('#bulk-rule').selectOption(RULE);
    await page.locator('[data-bulk="accept-rule"]').click();
    await expect.poll(() => page.locator('[data-bulk-count]').textContent()).toContain(count < 2 ? `${count} erreur ` : `${count} erreurs `);
    // The preview changed nothing.
    expect(await texts()).toEqual(before);
    await page.locator('[data-bulk-apply]').click();
    await expect.poll(() => page.locator('[data-bulk-done]').textContent()).toContain(count < 2 ? `${count} erreur acceptée` : `${count} erreurs acceptées`);
    expect(await open()).toBe(0);
    expect(await texts()).not.toEqual(before);
    await page.locator('[data-undo-job]').click();
    await expect.poll(async () => texts()).toEqual(before);
    expect(await open()).toBe(count);
    expect(errors).toEqual([]);
  });
});
