import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRENCH, translator } from '../../src/web/i18n.ts';
import { seedSampleIfEmpty } from '../../src/web/seed-sample.ts';
import { checker, removeDir, startTestApp, type TestApp } from './helpers/test-app.ts';

/** Every label a view passes to t() or th() as a literal. */
function viewLabels(): string[] {
  const labels = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ejs')) {
        const source = readFileSync(path, 'utf8');
        // t('…'), th("…"), and the labels of a lookup object passed to t({ a: '…' }[x]).
        for (const match of source.matchAll(/\bth?\((['"])((?:\\.|(?!\1).)*)\1/g)) labels.add(match[2].replace(/\\(.)/g, '$1'));
        for (const match of source.matchAll(/\bt\(\{([^}]*)\}\[/g)) for (const value of match[1].matchAll(/:\s*'((?:\\.|[^'])*)'/g)) labels.add(value[1]);
        for (const match of source.matchAll(/\bth?\([^()]*\?\s*'((?:\\.|[^'])*)'\s*:\s*'((?:\\.|[^'])*)'/g)) {
          labels.add(match[1]);
          labels.add(match[2]);
        }
      }
    }
  };
  walk('views');
  return [...labels];
}

describe('interface language (issue #13)', () => {
  it('has the French of every label the views use', () => {
    const labels = viewLabels();
    expect(labels.length).toBeGreaterThan(150);
    expect(labels.filter((label) => !(label in FRENCH))).toEqual([]);
  });

  it('puts values in and keeps English as written', () => {
    expect(translator('fr')('Page {page} of {pages}', { page: 2, pages: 3 })).toBe('Page 2 sur 3');
    expect(translator('en')('Page {page} of {pages}', { page: 2, pages: 3 })).toBe('Page 2 of 3');
  });

  describe('in the app', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ lang: undefined }); // the app's own default
      await seedSampleIfEmpty(app.store, checker());
    });
    afterAll(async () => {
      await app.close();
      removeDir(app.dir);
    });

    it('speaks French by default, English on the editor’s choice', async () => {
      const page = await app.client.get('/documents/1');
      expect(page.text).toContain('<html lang="fr">');
      expect(page.text).toContain('Confirmer et suivante');
      expect(page.text).toContain('Signalées, pas encore relues');
      expect(page.text).not.toContain('Mark reviewed');
      const saved = await fetch(`${app.url}/settings/preferences`, {
        method: 'POST',
        body: new URLSearchParams({ _csrf: app.client.token, lang: 'en' }),
        headers: { cookie: app.client.cookie },
        redirect: 'manual',
      });
      expect(saved.status).toBe(303);
      app.client.cookie += `; ${/relecture_prefs=[^;]+/.exec(saved.headers.get('set-cookie')!)![0]}`;
      const english = await app.client.get('/documents/1');
      expect(english.text).toContain('<html lang="en">');
      expect(english.text).toContain('Confirm and next');
    });

    it('refuses an unknown language, naming it', async () => {
      const refused = await app.client.post('/settings/preferences', { lang: 'de' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Unknown interface language « de »');
    });
  });
});
