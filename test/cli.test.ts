import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, writeIn } from './helpers/cli.ts';

const root = new URL('..', import.meta.url).pathname;
const sample = join(root, 'samples/otan-rutte.mt.fr.txt');
const corrections = join(root, 'samples/otan-rutte.corrections.tsv');
const dir = mkdtempSync(join(tmpdir(), 'relecture-cli-'));
const file = (name: string, content: string | Buffer) => writeIn(dir, name, content);


describe('relecture check', () => {
  it('prints one JSON object with the documented fields, offsets into the input', async () => {
    const { code, stdout } = await cli('check', sample, '--corrections', corrections, '--format', 'json');
    expect(code).toBe(1);
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual(['file', 'words', 'findings']);
    expect(output.words).toBeGreaterThan(600);
    const text = readFileSync(sample, 'utf8');
    for (const finding of output.findings) {
      expect(Object.keys(finding)).toEqual(['ruleId', 'category', 'severity', 'message', 'line', 'column', 'offset', 'length', 'text', 'suggestions', 'sentence']);
      expect(text.slice(finding.offset, finding.offset + finding.length)).toBe(finding.text);
    }
    const routte = output.findings.filter((f: { ruleId: string }) => f.ruleId === 'corrections/editor' && true);
    expect(routte.map((f: { text: string }) => f.text)).toEqual(['Routte', 'Ucraians', 'Routte', 'Routte', 'Routte', 'Routte']);
  });

  it('prints one compact line per finding in text format', async () => {
    const { stdout } = await cli('check', sample, '--corrections', corrections);
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) expect(line).toMatch(/^.+:\d+:\d+ (critical|major|minor|info) .+ \[[a-z0-9/.-]+\]$/);
  });

  it('exits 0 when no finding is major or worse', async () => {
    expect((await cli('check', file('clean.txt', 'Le chat dort.\n'))).code).toBe(0);
  });

  it('switches rules off by id, prefix or category', async () => {
    const text = file('typo.txt', 'Il a dit:  oui.\n');
    const all = JSON.parse((await cli('check', text, '--format', 'json')).stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(all).toEqual(expect.arrayContaining(['typography/space-before-double-punctuation', 'typography/double-space']));
    const none = JSON.parse((await cli('check', text, '--format', 'json', '--disable', 'typography/,fluency')).stdout).findings;
    expect(none).toEqual([]);
  });

  it('reads disable and enable from a config file', async () => {
    const text = file('apos.txt', "L'Ukraine doit l'emporter.\n");
    const config = file('rc.json', JSON.stringify({ enable: ['typography/house-style/apostrophe'] }));
    const found = JSON.parse((await cli('check', text, '--format', 'json', '--config', config)).stdout).findings;
    expect(found.map((f: { ruleId: string }) => f.ruleId)).toEqual(['typography/house-style/apostrophe', 'typography/house-style/apostrophe']);
  });

  it.each([
    [['check'], /check needs a FILE/],
    [['check', 'missing.txt'], /missing\.txt: no such file/],
    [['check', sample, '--format', 'xml'], /--format must be text or json/],
    [['check', sample, '--disable', 'no-such-rule'], /no rule or category named 'no-such-rule'/],
    [['check', sample, '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['apply', sample], /apply needs --corrections FILE/],
  ])('answers usage errors with exit 2: %j', async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it.each([
    ['empty.txt', '', /empty\.txt: is empty/],
    ['latin1.txt', Buffer.from([0x4c, 0x27, 0xe9, 0x74, 0xe9, 0x0a]), /latin1\.txt:1: is not UTF-8: it looks like ISO-8859-1/],
    ['cp1252.txt', Buffer.from([0x4c, 0x92, 0xe9, 0x74, 0xe9, 0x0a]), /cp1252\.txt:1: is not UTF-8: it looks like Windows-1252/],
    ['utf16.txt', Buffer.from('\ufeffOui', 'utf16le'), /utf16\.txt: is UTF-16/],
  ])('answers a bad input file %s with exit 2 and one line', async (name, content, message) => {
    const { code, stderr } = await cli('check', file(name, content));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('answers malformed corrections with the file and line', async () => {
    const bad = file('bad.tsv', 'Routte\tRutte\nUcraians\n');
    const { code, stderr } = await cli('check', sample, '--corrections', bad);
    expect(code).toBe(2);
    expect(stderr).toBe(`relecture: ${bad}:2: expected “wrong<TAB>right[<TAB>note]”, found no tab in “Ucraians”\n`);
  });
});

describe('relecture apply', () => {
  it('applies every correction and changes nothing else', async () => {
    const out = join(dir, 'out.txt');
    const { code, stderr } = await cli('apply', sample, '--corrections', corrections, '-o', out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/6 corrections applied/);
    const before = readFileSync(sample, 'utf8');
    const after = readFileSync(out, 'utf8');
    expect(after).toBe(before.replace(/(?<!\p{L})Routte(?!\p{L})/gu, 'Rutte').replace(/(?<!\p{L})Ucraians(?!\p{L})/gu, 'Ukrainiens'));
  });
});

describe('the installed command', () => {
  it('runs as `npx tsx src/cli.ts` and through the package bin, with the same output', () => {
    const viaTsx = spawnSync('npx', ['tsx', 'src/cli.ts', 'check', sample, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    expect(viaTsx.status).toBe(1);
    const viaBin = spawnSync('node', ['bin/relecture.js', 'check', sample, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    expect(viaBin.status).toBe(1);
    expect(JSON.parse(viaBin.stdout)).toEqual(JSON.parse(viaTsx.stdout));
  }, 60_000);
});
