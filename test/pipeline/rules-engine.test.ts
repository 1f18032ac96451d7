import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker.ts';
import { CheckText } from '../../src/pipeline/engine.ts';
import { RulesEngine } from '../../src/pipeline/rules-engine.ts';

const engine = new RulesEngine(createChecker());
const text = 'Nous ne pouvons pas le permettre, a déclaré Routte.\n';

describe('RulesEngine with bilingual segments', () => {
  it('passes the source of each segment to the source-aware rules, and the finding says it', () => {
    const input = new CheckText(text, [{ id: 'u1', start: 0, end: text.length - 1, source: 'No podemos permitirlo, ha afirmado Rutte.' }], { sourceLanguage: 'es' });
    const finding = engine.run(input).findings.find((f) => f.ruleId === 'source/name-spelling');
    expect(finding).toMatchObject({ text: 'Routte', suggestions: ['Rutte'], source: 'relecture', sourceSentence: 'No podemos permitirlo, ha afirmado Rutte.' });
  });
  it('check (which may use worker threads for a big text) passes the sources too', async () => {
    const checker = createChecker();
    const sources = [{ start: 0, end: text.length - 1, source: 'No podemos permitirlo, ha afirmado Rutte.' }];
    const result = await checker.checkAsync(text, { sources, workers: 2, minChars: 10 });
    expect(result.findings.some((f) => f.ruleId === 'source/name-spelling' && f.text === 'Routte')).toBe(true);
    const input = new CheckText(text, [{ id: 'u1', ...sources[0] }]);
    expect((await engine.check(input)).findings.some((f) => f.ruleId === 'source/name-spelling')).toBe(true);
  });
  it('a document without sources raises no source-aware finding', () => {
    const findings = engine.run(new CheckText(text)).findings;
    expect(findings.filter((f) => f.ruleId.startsWith('source/'))).toEqual([]);
  });
});
