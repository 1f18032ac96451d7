import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isGrammalecteAvailable } from '../../src/grammalecte/find-grammalecte.ts';
import { GrammalecteProcess, GrammalecteError } from '../../src/grammalecte/grammalecte-process.ts';
import type { Finding } from '../../src/types.ts';
import { HANGING_CHILD } from '../helpers/hanging-child.ts';

const available = isGrammalecteAvailable();
const sample = readFileSync(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');
const line = (f: Finding) => `${f.line}:${f.column} «${f.text}» [${f.ruleId}]`;


describe.skipIf(!available)('GrammalecteProcess with the real Grammalecte', () => {
  const engine = new GrammalecteProcess();
  afterAll(() => engine.close());

  it('finds the agreement errors of MT output', async () => {
    const { findings, failures } = await engine.check("L'Ouest est unie et l'Ukraine doit l'emporter.\nIl a résumé la conversation qu'ils ont tenues hier.\n");
    expect(failures).toEqual([]);
    expect(findings.map(line)).toEqual(['1:13 «unie» [grammalecte:gv1__ppas_sujet_être_accord_singulier__b3_a3_1]', '2:40 «tenues» [grammalecte:gv1__ppas_det_sing_COD_que_avoir__b3_a1_1]']);
    expect(findings[0]).toMatchObject({ category: 'fluency/grammar', severity: 'major', suggestions: ['uni'] });
    expect(findings[1].suggestions).toEqual(['tenue']);
  });

  it('gives UTF-16 offsets into the original text with emoji, NFD accents and CRLF', async () => {
    const text = "😀 Bonjour 🇫🇷 !\r\nHier 😀😀, l'Ouest est unie et l'Ukraine doit l'emporter.\r\n\r\nL'e\u0301te\u0301 passe\u0301, 👍 la conversation qu'ils ont tenues était longue.\r\n";
    const { findings } = await engine.check(text);
    expect(findings.map((f) => [f.line, f.column, f.offset, f.text])).toEqual([
      [2, 24, text.indexOf('unie'), 'unie'],
      [4, 47, text.indexOf('tenues'), 'tenues'],
    ]);
    for (const f of findings) expect(text.slice(f.offset, f.offset + f.length)).toBe(f.text);
  });

  it('leaves house typography and spelling out by default', async () => {
    const text = "Il a dit: l'an dernier , c'etait 10000 euros ...\n";
    expect((await engine.check(text)).findings).toEqual([]);
    const everything = new GrammalecteProcess({ houseStyle: true, spelling: true });
    try {
      const types = (await everything.check(text)).findings.map((f) => `${f.category} «${f.text}»`);
      expect(types).toEqual(expect.arrayContaining(["locale-convention «l'»", 'fluency/spelling «etait»']));
    } finally {
      everything.close();
    }
  });

  it('keeps one process for many documents', async () => {
    await engine.check('Une phrase.');
    const pid = engine.pid;
    expect(pid).toBeGreaterThan(0);
    await engine.check('Une autre phrase.');
    expect(engine.pid).toBe(pid);
  });

  it('reports a process killed mid-check clearly, and restarts it for the next document', async () => {
    await engine.start();
    const killed = engine.pid!;
    const big = `${sample}\n`.repeat(20); // ~14,000 words: seconds of work
    const checking = engine.check(big);
    setTimeout(() => process.kill(killed, 'SIGKILL'), 150);
    const error = await checking.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GrammalecteError);
    expect((error as Error).message).toMatch(/^Grammalecte was killed \(SIGKILL\) while checking; it will be restarted for the next check/);

    const { findings } = await engine.check("L'Ouest est unie.");
    expect(findings.map((f) => f.text)).toEqual(['unie']);
    expect(engine.pid).not.toBe(killed);
  });
});

describe('GrammalecteProcess when the child misbehaves', () => {
  it('stops a child that hangs after the timeout, and starts a new one for the next check', async () => {
    const engine = new GrammalecteProcess({ command: process.execPath, args: HANGING_CHILD, timeoutMs: 200, timeoutPerThousandCharsMs: 0 });
    try {
      await engine.start();
      const first = engine.pid;
      // The child never answers: the check ends only because the timeout stopped it.
      await expect(engine.check('Une phrase.')).rejects.toThrow('Grammalecte did not answer within 200 ms and was stopped; it will be restarted for the next check');
      expect(engine.pid).toBeUndefined();
      await expect(engine.check('Une phrase.')).rejects.toThrow(/did not answer/);
      expect(engine.version).toBe('fake');
      expect(first).toBeGreaterThan(0);
    } finally {
      engine.close();
    }
  });

  it('allows more time for a longer document', async () => {
    const engine = new GrammalecteProcess({ command: process.execPath, args: HANGING_CHILD, timeoutMs: 100, timeoutPerThousandCharsMs: 100 });
    try {
      await expect(engine.check('x'.repeat(9000))).rejects.toThrow('did not answer within 1 s');
    } finally {
      engine.close();
    }
  });

  it('gives up on a child that never says it is ready', async () => {
    const engine = new GrammalecteProcess({ command: process.execPath, args: ['-e', 'process.stdin.resume()'], startupTimeoutMs: 200 });
    try {
      await expect(engine.check('Une phrase.')).rejects.toThrow('Grammalecte did not start within 200 ms and was stopped');
    } finally {
      engine.close();
    }
  });

  it('names a program that cannot be run', async () => {
    const engine = new GrammalecteProcess({ command: '/nonexistent/python3' });
    await expect(engine.check('Une phrase.')).rejects.toThrow(/cannot start Grammalecte \(\/nonexistent\/python3\): spawn \/nonexistent\/python3 ENOENT/);
  });

  it('passes on what a child that dies at start-up said', async () => {
    const engine = new GrammalecteProcess({ command: process.execPath, args: ['-e', "console.error('ModuleNotFoundError: No module named grammalecte'); process.exit(1)"] });
    await expect(engine.check('Une phrase.')).rejects.toThrow('Grammalecte exited with code 1 while starting: ModuleNotFoundError: No module named grammalecte');
  });

  it('answers nothing for a text without words, without starting a request', async () => {
    const engine = new GrammalecteProcess({ command: process.execPath, args: HANGING_CHILD, timeoutMs: 100 });
    try {
      expect(await engine.check('\n  \r\n')).toEqual({ findings: [], failures: [] });
    } finally {
      engine.close();
    }
  });
});
