import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The secret of this installation (CSRF tokens are its HMACs), in a file of the
 * data folder readable by its owner only: created once, so tokens outlive a
 * restart, and never the same on two installations.
 */
export function loadInstallSecret(file: string): Buffer {
  try {
    const secret = readFileSync(file);
    if (secret.length >= 32) return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32);
  try {
    // 'wx': two servers starting at once keep the first one's secret.
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readFileSync(file);
  }
}
