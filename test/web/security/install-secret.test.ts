import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInstallSecret } from '../../../src/web/security/install-secret.ts';
import { removeDir } from '../helpers/test-app.ts';

describe('loadInstallSecret', () => {
  it('creates a random secret once, readable by its owner only, and reads the same one back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relecture-secret-'));
    try {
      const file = join(dir, 'data', 'relecture.secret');
      const first = loadInstallSecret(file);
      expect(first.length).toBe(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(loadInstallSecret(file).equals(first)).toBe(true);
      expect(loadInstallSecret(join(dir, 'other.secret')).equals(first)).toBe(false);
    } finally {
      removeDir(dir);
    }
  });
});
