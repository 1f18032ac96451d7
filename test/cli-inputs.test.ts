import fc from 'fast-check';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker } from '../src/checker.ts';
import { cli, writeIn } from './helpers/cli.ts';

// Input that users really send, through the CLI: each bad one gets one clear
// line and exit 2; each odd but valid one is checked with offsets that hold.
const dir = mkdtempSync(join(tmpdir(), 'relecture-inputs-'));
const write = (name: string, content: string | Buffer) => writeIn(dir, name, content);

describe('bad input', () => {
  it.each([
    ['whitespace.txt', ' \n \t \r\n', /whitespace\.txt: contains only whitespace/],
    ['binary.bin', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00]), /binary\.bin:1: looks like binary data/],
    ['utf16be.txt', Buffer.from([0xfe, 0xff, 0x00, 0x4c]), /utf16be\.txt: is UTF-16 \(big-endian/],
  ])('%s', async (name, content, message) => {
    const { code, stderr } = await cli('check', write(name, content));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('refuses 50 MB of text before reading it into the checker', async () => {
    const { code, stderr } = await cli('check', write('huge.txt', Buffer.alloc(50 * 1024 * 1024, 'mot ')));
    expect(code).toBe(2);
    expect(stderr).toMatch(/huge\.txt: is 50 MB, over the limit of 20 MB/);
  });

  it.each([
    ['missing column', 'Routte\n', /:1: expected “wrong<TAB>right/],
    ['empty side', '\tRutte\n', /:1: the wrong form \(first column\) is empty/],
    ['conflict', 'a\tb\na\tc\n', /:2: “a” is corrected to “c” here but to “b” at line 1/],
  ])('corrections with a %s', async (_name, content, message) => {
    const { code, stderr } = await cli('check', write('t.txt', 'Le chat.\n'), '--corrections', write('c.tsv', content));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('odd but valid input', () => {
  it('checks one 1 MB line with no newline', async () => {
    const { code, stdout } = await cli('check', write('long.txt', 'Le chat dort sur le tapis, et il rêve. '.repeat(26000)), '--format', 'json');
    expect(code).toBeLessThan(2);
    expect(JSON.parse(stdout).words).toBe(26000 * 9);
  });

  it('keeps offsets right with CRLF, NFD accents, zero-width and no-break spaces, emoji and RTL text', async () => {
    const text = 'Le ministe\u0301re a dit:  «Routte\u200B est la\u00A0» 😀 ok.\r\nשלום Routte 3.5 %\r\n';
    const path = write('odd.txt', text);
    const { stdout } = await cli('check', path, '--format', 'json', '--corrections', write('c.tsv', 'Routte\tRutte\n'));
    const findings = JSON.parse(stdout).findings as Array<{ offset: number; length: number; text: string; ruleId: string; line: number }>;
    const input = readFileSync(path, 'utf8');
    for (const f of findings) expect(input.slice(f.offset, f.offset + f.length)).toBe(f.text);
    expect(findings.filter((f) => f.ruleId === 'corrections/editor').map((f) => [f.text, f.line])).toEqual([
      ['Routte', 1],
      ['Routte', 2],
    ]);
  });
});

describe('invariants', () => {
  const checker = createChecker();
  const piece = fc.constantFrom('Le ', 'ministe\u0301re ', 'Routte ', 'a dit', ':', ' ', '  ', '«', '»', '.', '\n', '\r\n', '😀', '\u200B', '\u00A0', '3%', '50 000 millions ', "qu'il ", 'La ', 'le le ', 'שלום', 'Telefónica ');
  it('every finding lies inside the text and its text is the slice', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const { findings, failures } = checker.check(text, { corrections: [{ from: 'Routte', to: 'Rutte' }] });
        expect(failures).toEqual([]);
        for (const f of findings) {
          expect(f.offset).toBeGreaterThanOrEqual(0);
          expect(f.offset + f.length).toBeLessThanOrEqual(text.length);
          expect(text.slice(f.offset, f.offset + f.length)).toBe(f.text);
        }
      }),
      { numRuns: 200 },
    );
  });
});
