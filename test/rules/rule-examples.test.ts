import { describe, expect, it } from 'vitest';
import { loadWordSet } from '../../src/dictionaries/word-set.ts';
import { runRules } from '../../src/engine/run-rules.ts';
import { loadRuleDirectory } from '../../src/rules/load-rules.ts';
import { RULE_TYPES } from '../../src/rules/types/index.ts';
import type { Correction } from '../../src/types.ts';
import { parseMarkers } from '../helpers/markers.ts';

// The one generic test of the rule pack (LanguageTool's habit): every example of
// every rule runs through the real engine with that rule alone. A bad example
// must raise findings on exactly its [[marked]] spans, the first with the
// expected fix; a good one must raise nothing. The loader already refuses a rule
// without both kinds of example.
const rules = loadRuleDirectory();

describe.each(rules.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
  it.each(rule.examples.map((example) => [`${example.kind} (${rule.file}:${example.line})`, example] as const))('%s', (_name, example) => {
    const { text, spans } = parseMarkers(example.text);
    const corrections: Correction[] = (example.corrections ?? []).map((c) => ({ ...c }));
    // An example with a source is one bilingual pair: the whole text translates it.
    const sources = example.source !== undefined ? [{ start: 0, end: text.length, source: example.source }] : undefined;
    const result = runRules({ text, rules: [rule], types: RULE_TYPES, corrections, dictionary: loadWordSet, sources });
    expect(result.failures).toEqual([]);
    const found = result.findings.map((f) => ({ offset: f.offset, length: f.length, text: f.text }));
    if (example.kind === 'good') {
      expect(found).toEqual([]);
      return;
    }
    expect(found).toEqual(spans.map((s) => ({ ...s, text: text.slice(s.offset, s.offset + s.length) })));
    const first = result.findings[0];
    if (example.fix === null) expect(first.suggestions).toEqual([]);
    else expect(first.suggestions[0]).toBe(example.fix);
    for (const finding of result.findings) {
      expect(finding.message).not.toMatch(/\{\w+\}/);
      expect(finding.category).toBe(rule.category);
      if (sources) expect(finding.sourceSentence).toBe(example.source);
    }
  });
});

it('covers every rule type with at least one rule', () => {
  const used = new Set(rules.map((rule) => rule.type));
  expect([...Object.keys(RULE_TYPES)].filter((type) => !used.has(type))).toEqual([]);
});
