import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker.ts';
import { isGrammalecteAvailable, PYTHON_ENV } from '../../src/grammalecte/find-grammalecte.ts';
import { GrammalecteProcess } from '../../src/grammalecte/grammalecte-process.ts';
import { checkDocument } from '../../src/pipeline/check-document.ts';
import { CheckText, type Engine, type EngineResult, type SourcedFinding } from '../../src/pipeline/engine.ts';
import { grammalecteEngine, GrammalecteEngine } from '../../src/pipeline/grammalecte-engine.ts';
import { mergeFindings, withoutBuiltinSpans } from '../../src/pipeline/merge-findings.ts';
import { RulesEngine } from '../../src/pipeline/rules-engine.ts';
import type { Finding } from '../../src/types.ts';

const available = isGrammalecteAvailable();
const checker = createChecker();
const rules = new RulesEngine(checker);
const sample = readFileSync(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url), 'utf8');

const finding = (ruleId: string, offset: number, length: number, severity: Finding['severity'] = 'minor', source = 'fake'): SourcedFinding => ({
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
  source,
});

/** An engine that answers what it is told to, so the pipeline is tested without Grammalecte. */
class FakeEngine implements Engine {
  readonly label = 'Fake engine';
  seen: string[] = [];
  constructor(
    readonly id: string,
    private readonly answer: (input: CheckText) => EngineResult | Promise<EngineResult>,
  ) {}
  async check(input: CheckText): Promise<EngineResult> {
    this.seen.push(input.text);
    return this.answer(input);
  }
}

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

describe('checkDocument: the rules engine plus other engines', () => {
  it('gives the built-in findings alone, each saying it came from relecture, when no other engine runs', async () => {
    const result = await checkDocument(rules, [], new CheckText(sample));
    expect(result.findings).toEqual(checker.check(sample).findings);
    expect(new Set(result.findings.map((f) => f.source))).toEqual(new Set(['relecture']));
    expect(result.engines).toEqual([]);
  });

  it('merges a fake engine’s findings: sorted, its source kept, those on a built-in span left out', async () => {
    const builtin = checker.check(sample).findings;
    const first = builtin[0];
    const fake = new FakeEngine('fake', () => ({ findings: [finding('fake:late', 40, 3), finding('fake:same-span', first.offset, first.length), finding('fake:early', 0, 2)], failures: [] }));
    const result = await checkDocument(rules, [fake], new CheckText(sample));
    expect(fake.seen).toEqual([sample]);
    const added = result.findings.filter((f) => f.source === 'fake');
    expect(added.map((f) => f.ruleId).sort()).toEqual(['fake:early', 'fake:late']);
    expect(result.findings.filter((f) => f.source === 'relecture')).toEqual(builtin);
    expect(result.findings.map((f) => f.offset)).toEqual([...result.findings.map((f) => f.offset)].sort((a, b) => a - b));
    expect(result.engines).toEqual([expect.objectContaining({ engine: 'fake', findings: 2 })]);
  });

  it('reports an engine that gives nothing, or throws, and keeps the built-in findings', async () => {
    const builtin = checker.check(sample).findings;
    const down = new FakeEngine('down', () => ({ findings: [], failures: [], error: 'Down was killed' }));
    const throwing = new FakeEngine('throwing', () => {
      throw new Error('boom');
    });
    const rulePart = new FakeEngine('partial', () => ({ findings: [], failures: [{ ruleId: 'partial:x', source: 'partial', message: 'line 3: oops' }] }));
    const result = await checkDocument(rules, [down, throwing, rulePart], new CheckText(sample));
    expect(result.findings).toEqual(builtin);
    expect(result.failures).toEqual([
      { ruleId: 'down', source: 'down', message: 'Down was killed' },
      { ruleId: 'throwing', source: 'throwing', message: 'Fake engine failed: boom' },
      { ruleId: 'partial:x', source: 'partial', message: 'line 3: oops' },
    ]);
  });

  it('keeps the built-in findings and reports Grammalecte when its process crashes', async () => {
    const crashing = new GrammalecteProcess({ command: process.execPath, args: ['-e', "process.stdout.write(JSON.stringify({ ready: true }) + '\\n'); process.stdin.once('data', () => process.exit(3));"] });
    const result = await checkDocument(rules, [new GrammalecteEngine(crashing)], new CheckText(sample));
    expect(result.findings).toEqual(checker.check(sample).findings);
    expect(result.failures).toEqual([{ ruleId: 'grammalecte', source: 'grammalecte', message: 'Grammalecte exited with code 3 while checking; it will be restarted for the next check' }]);
    expect(result.engines).toEqual([expect.objectContaining({ engine: 'grammalecte', findings: 0, error: result.failures[0].message })]);
  });

  it('says how to install Grammalecte when it is missing, and keeps the built-in findings', async () => {
    const saved = process.env[PYTHON_ENV];
    process.env[PYTHON_ENV] = '/nonexistent/python3';
    try {
      const result = await checkDocument(rules, [grammalecteEngine()], new CheckText(sample));
      expect(result.findings).toEqual(checker.check(sample).findings);
      expect(result.failures).toEqual([{ ruleId: 'grammalecte', source: 'grammalecte', message: 'Grammalecte is not installed: grammar checking is off (apt-get install grammalecte-cli)' }]);
    } finally {
      if (saved === undefined) delete process.env[PYTHON_ENV];
      else process.env[PYTHON_ENV] = saved;
    }
  });

  describe.skipIf(!available)('with the real Grammalecte', () => {
    const grammalecte = new GrammalecteProcess();
    afterAll(() => grammalecte.close());

    it('adds its grammar findings to the built-in ones, in offset order, with sentence indexes', async () => {
      const builtin = checker.check(sample, {}).findings;
      const result = await checkDocument(rules, [new GrammalecteEngine(grammalecte)], new CheckText(sample));
      expect(result.failures).toEqual([]);
      const added = result.findings.filter((f) => f.source === 'grammalecte');
      expect(added.map((f) => `${f.line}:${f.column} s${f.sentence} «${f.text}»`)).toEqual(['3:147 s4 «unie»', '6:599 s12 «défense»']);
      expect(added.every((f) => f.ruleId.startsWith('grammalecte:'))).toBe(true);
      expect(result.findings.filter((f) => f.source !== 'grammalecte')).toEqual(builtin);
      expect(result.findings.map((f) => f.offset)).toEqual([...result.findings.map((f) => f.offset)].sort((a, b) => a - b));
      expect(result.engines).toEqual([expect.objectContaining({ engine: 'grammalecte', findings: 2 })]);
      // The sentence index agrees with the built-in segmentation.
      const unie = added[0];
      const sentence = result.segmented.sentences[unie.sentence];
      expect(sentence.start <= unie.offset && unie.offset < sentence.end).toBe(true);
    });
  });
});
