import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, writeIn } from './helpers/cli.ts';
import { PYTHON_ENV } from '../src/grammalecte/find-grammalecte.ts';
import { isGrammalecteAvailable } from '../src/grammalecte/find-grammalecte.ts';

const available = isGrammalecteAvailable();
const root = new URL('..', import.meta.url).pathname;
const sample = join(root, 'samples/otan-rutte.mt.fr.txt');
const dir = mkdtempSync(join(tmpdir(), 'relecture-cli-engines-'));

async function withoutGrammalecte<T>(body: () => Promise<T>): Promise<T> {
  const saved = process.env[PYTHON_ENV];
  process.env[PYTHON_ENV] = '/nonexistent/python3';
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env[PYTHON_ENV];
    else process.env[PYTHON_ENV] = saved;
  }
}

describe('relecture check --engines', () => {
  it('says grammar checking is off, and how to turn it on, when Grammalecte is missing', async () => {
    const { code, stdout } = await withoutGrammalecte(() => cli('check', '--engines'));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^builtin +on: \d+ rules/);
    expect(stdout).toContain('grammalecte  not installed: grammar checking is off. To turn it on: apt-get install grammalecte-cli');
  });

  it.skipIf(!available)('names the installed Grammalecte', async () => {
    expect((await cli('check', '--engines')).stdout).toMatch(/grammalecte {2}available \(Grammalecte \d+\.\d+\.\d+, .*python.*\): grammar checking with --engine grammalecte/);
  });

  it('refuses an engine it does not know', async () => {
    const { code, stderr } = await cli('check', sample, '--engine', 'languagetool');
    expect(code).toBe(2);
    expect(stderr).toContain("no engine named 'languagetool' (known: grammalecte");
  });

  it('checks with the built-in rules alone when Grammalecte is missing, and says so', async () => {
    const plain = await cli('check', sample, '--format', 'json');
    const { code, stdout, stderr } = await withoutGrammalecte(() => cli('check', sample, '--format', 'json', '--engine', 'grammalecte'));
    expect(code).toBe(plain.code);
    expect(JSON.parse(stdout).findings).toEqual(JSON.parse(plain.stdout).findings);
    expect(stderr).toContain('relecture: engine grammalecte failed, its findings are missing: Grammalecte is not installed');
  });

  it.skipIf(!available)('adds Grammalecte findings with --engine grammalecte, in the same JSON shape', async () => {
    const { code, stdout, stderr } = await cli('check', sample, '--format', 'json', '--engine', 'grammalecte');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const output = JSON.parse(stdout);
    expect(Object.keys(output)).toEqual(['file', 'words', 'findings']);
    const text = readFileSync(sample, 'utf8');
    for (const finding of output.findings) {
      expect(Object.keys(finding)).toEqual(['ruleId', 'category', 'severity', 'message', 'line', 'column', 'offset', 'length', 'text', 'suggestions', 'sentence']);
      expect(text.slice(finding.offset, finding.offset + finding.length)).toBe(finding.text);
    }
    const offsets = output.findings.map((f: { offset: number }) => f.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(output.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('grammalecte:')).map((f: { text: string }) => f.text)).toEqual(['unie', 'défense']);
  });

  it.skipIf(!available)('prints Grammalecte findings in text format too', async () => {
    const file = join(dir, 'accord.txt');
    writeFileSync(file, "Il a résumé la conversation qu'ils ont tenues hier.\n");
    const { code, stdout } = await cli('check', file, '--engine', 'grammalecte');
    expect(code).toBe(1);
    expect(stdout).toBe(`${file}:1:40 major Si “la conversation…” est bien le COD du participe passé “tenues”, celui-ci devrait être au féminin singulier. → «tenue» [grammalecte:gv1__ppas_det_sing_COD_que_avoir__b3_a1_1]\n`);
  });
});

describe('relecture check: Grammalecte by default where it is installed', () => {
  const text = writeIn(dir, 'default-engine.txt', "L'Ouest est unie et les pressions s'atténuait.\n");
  const ids = async (...args: string[]) => JSON.parse((await cli('check', text, '--format', 'json', ...args)).stdout).findings.map((f: { ruleId: string }) => f.ruleId);
  const withGrammarSetting = async <T>(value: string | undefined, action: () => Promise<T>): Promise<T> => {
    const saved = process.env.RELECTURE_GRAMMAR;
    if (value === undefined) delete process.env.RELECTURE_GRAMMAR;
    else process.env.RELECTURE_GRAMMAR = value;
    try {
      return await action();
    } finally {
      process.env.RELECTURE_GRAMMAR = saved;
    }
  };

  it.skipIf(!available)('runs it with no --engine, and not with --engine none or RELECTURE_GRAMMAR=off', async () => {
    expect((await withGrammarSetting(undefined, () => ids())).some((id: string) => id.startsWith('grammalecte:'))).toBe(true);
    expect((await withGrammarSetting(undefined, () => ids('--engine', 'none'))).some((id: string) => id.startsWith('grammalecte:'))).toBe(false);
    expect((await withGrammarSetting('off', () => ids())).some((id: string) => id.startsWith('grammalecte:'))).toBe(false);
  });

  it('runs the rules alone, without a word on stderr, where Grammalecte is missing', async () => {
    const { code, stderr } = await withGrammarSetting(undefined, () => withoutGrammalecte(() => cli('check', text, '--format', 'json')));
    expect(code).toBeLessThan(2);
    expect(stderr).toBe('');
  });
});
