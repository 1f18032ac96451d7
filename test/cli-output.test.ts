import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli.ts';
import { writeIn } from './helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'relecture-cli-output-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function chunks(...argv: string[]) {
  const out: string[] = [];
  const code = await run(argv, { stdout: (t) => out.push(t), stderr: () => {}, isTerminal: false });
  return { code, out };
}

describe('check output, written a batch of findings at a time', () => {
  // 1,500 findings: several batches, never one string of them all.
  const file = writeIn(dir, 'many.txt', Array.from({ length: 1500 }, (_, i) => `Le ministre ${i} a rencontré avec les journalistes.`).join('\n'));

  it('the JSON is one object, the very bytes JSON.stringify gives', async () => {
    const { out } = await chunks('check', file, '--format', 'json');
    expect(out.length).toBeGreaterThan(3);
    const text = out.join('');
    const parsed = JSON.parse(text) as { file: string; words: number; findings: unknown[] };
    expect(Object.keys(parsed)).toEqual(['file', 'words', 'findings']);
    expect(parsed.findings.length).toBeGreaterThanOrEqual(1500);
    expect(text).toBe(`${JSON.stringify(parsed)}\n`);
  });

  it('the text format has one line per finding, in batches', async () => {
    const { out } = await chunks('check', file);
    expect(out.length).toBeGreaterThanOrEqual(3);
    expect(out.every((chunk) => chunk.endsWith('\n'))).toBe(true);
    expect(out.join('').trim().split('\n').filter((line) => line.includes('[calque/es/rencontrer-avec]'))).toHaveLength(1500);
  });
});
