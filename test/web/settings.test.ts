import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isGrammalecteAvailable } from '../../src/grammalecte/find-grammalecte.ts';
import { removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';

describe('GET /settings', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.close();
    removeDir(app.dir);
  });

  it('shows the rule pack by category and what is off by default', async () => {
    const page = await app.client.get('/settings');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<strong>\d+<\/strong> of \d+ rules check every document/);
    expect(page.text).toContain('<td>accuracy/untranslated</td>');
    expect(page.text).toContain('<code>typography/house-style/apostrophe</code>');
  });

  it('says whether grammar checking is on and how to turn it on', async () => {
    const page = await app.client.get('/settings');
    if (isGrammalecteAvailable()) {
      expect(page.text).toMatch(/Grammalecte [\d.]+<\/strong> is installed/);
      // This test app was built without a Grammalecte process: documents get the rules only.
      expect(page.text).toContain('This app was started without it');
    }
    else expect(page.text).toContain('Grammar checking is off');
    const off = await startTestApp();
    try {
      process.env.RELECTURE_GRAMMALECTE_PYTHON = '/nonexistent/python3';
      const missing = await off.client.get('/settings');
      expect(missing.text).toContain('<strong>Grammar checking is off</strong>');
      expect(missing.text).toContain('<code>apt-get install grammalecte-cli</code>');
    } finally {
      delete process.env.RELECTURE_GRAMMALECTE_PYTHON;
      await off.close();
      removeDir(off.dir);
    }
  });
});
