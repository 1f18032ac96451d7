import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker.ts';
import { PYTHON_ENV } from '../../src/engines/find-grammalecte.ts';
import { checkWithEngines, GrammalecteEngine, isGrammalecteAvailable, mergeFindings, withoutBuiltinSpans } from '../../src/engines/index.ts';
import type { Finding } from '../../src/types.ts';

const available = isGrammalecteAvailable();
const checker = createChecker();
const sample = readFileSync(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');

const finding = (ruleId: string, offset: number, length: number, severity: Finding['severity'] = 'minor'): Finding => ({
  ruleId,
  category: 'fluency/grammar',
  severity,
  message: '',
  line: 1,
  column: offset + 1,
  offset,
  length,
  text: 'x'.repeat(length),
  suggestions: [],
  sentence: 0,
});

describe('merging engine findings with the built-in ones', () => {
  it('drops an engine finding on exactly the span of a built-in finding, not on an overlapping one', () => {
    const builtin = [finding('typography/x', 4, 3)];
    const engine = [finding('grammalecte:a', 4, 3), finding('grammalecte:b', 4, 4), finding('grammalecte:c', 0, 2)];
    expect(withoutBuiltinSpans(engine, builtin).map((f) => f.ruleId)).toEqual(['grammalecte:b', 'grammalecte:c']);
  });

  it('sorts by offset, then most severe first, as runRules does', () => {
    const merged = mergeFindings([finding('b', 5, 1), finding('a', 1, 1)], [finding('c', 5, 2, 'major'), finding('d', 0, 1)]);
    expect(merged.map((f) => f.ruleId)).toEqual(['d', 'a', 'c', 'b']);
  });
});

describe('checkWithEngines', () => {
  it('gives the built-in findings alone when no engine is asked for', async () => {
    const result = await checkWithEngines(checker, sample);
    expect(result.findings).toEqual(checker.check(sample).findings);
    expect(result.engines).toEqual([]);
  });

  it('keeps the built-in findings and reports the engine when it crashes', async () => {
    const crashing = new GrammalecteEngine({ command: process.execPath, args: ['-e', "process.stdout.write(JSON.stringify({ ready: true }) + '\\n'); process.stdin.once('data', () => process.exit(3));"] });
    const result = await checkWithEngines(checker, sample, { engines: ['grammalecte'], grammalecte: crashing });
    expect(result.findings).toEqual(checker.check(sample).findings);
    expect(result.failures).toEqual([{ ruleId: 'grammalecte', message: 'Grammalecte exited with code 3 while checking; it will be restarted for the next check' }]);
    expect(result.engines).toEqual([expect.objectContaining({ engine: 'grammalecte', findings: 0, error: result.failures[0].message })]);
  });

  it('says how to install Grammalecte when it is missing, and keeps the built-in findings', async () => {
    const saved = process.env[PYTHON_ENV];
    process.env[PYTHON_ENV] = '/nonexistent/python3';
    try {
      const result = await checkWithEngines(checker, sample, { engines: ['grammalecte'] });
      expect(result.findings).toEqual(checker.check(sample).findings);
      expect(result.failures).toEqual([{ ruleId: 'grammalecte', message: 'Grammalecte is not installed: grammar checking is off (apt-get install grammalecte-cli)' }]);
    } finally {
      if (saved === undefined) delete process.env[PYTHON_ENV];
      else process.env[PYTHON_ENV] = saved;
    }
  });

  describe.skipIf(!available)('with the real Grammalecte', () => {
    const engine = new GrammalecteEngine();
    afterAll(() => engine.close());

    it('adds its grammar findings to the built-in ones, in offset order, with sentence indexes', async () => {
      const builtin = checker.check(sample, {}).findings;
      const result = await checkWithEngines(checker, sample, { engines: ['grammalecte'], grammalecte: engine });
      expect(result.failures).toEqual([]);
      const added = result.findings.filter((f) => f.ruleId.startsWith('grammalecte:'));
      expect(added.map((f) => `${f.line}:${f.column} s${f.sentence} «${f.text}»`)).toEqual(['3:147 s4 «unie»', '6:599 s12 «défense»']);
      expect(result.findings.filter((f) => !f.ruleId.startsWith('grammalecte:'))).toEqual(builtin);
      expect(result.findings.map((f) => f.offset)).toEqual([...result.findings.map((f) => f.offset)].sort((a, b) => a - b));
      expect(result.engines).toEqual([expect.objectContaining({ engine: 'grammalecte', findings: 2 })]);
      // The sentence index agrees with the built-in segmentation.
      const unie = added[0];
      const sentence = result.segmented.sentences[unie.sentence];
      expect(sentence.start <= unie.offset && unie.offset < sentence.end).toBe(true);
    });
  });
});
