import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, writeIn } from './helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'relecture-words-'));

describe('the project word list in the CLI', () => {
  it('knows the words of .relecture/words.txt (here named by RELECTURE_WORDS)', async () => {
    const text = writeIn(dir, 'w.txt', 'Le ministre a ouvertment critiqué Zorglub.\n');
    const ids = async () => JSON.parse((await cli('check', text, '--format', 'json')).stdout).findings.map((f: { text: string }) => f.text);
    expect(await ids()).toContain('ouvertment');
    process.env.RELECTURE_WORDS = writeIn(dir, 'words.txt', 'ouvertment\n');
    try {
      expect(await ids()).not.toContain('ouvertment');
    } finally {
      delete process.env.RELECTURE_WORDS;
    }
  });
});
