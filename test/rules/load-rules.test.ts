import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleDirectory, loadRuleFile } from '../../src/rules/load-rules.ts';

const good = `- id: test/rule
  type: pattern
  category: style
  severity: minor
  message: "m"
  pattern: "\\\\bfoo\\\\b"
  replace: bar
  examples:
    - bad: "a [[foo]]"
      fix: bar
    - good: "a bar"
`;

describe('loadRuleFile', () => {
  it('loads a valid rule with its examples and their lines', () => {
    const [rule] = loadRuleFile(good, 'x.yaml');
    expect(rule).toMatchObject({ id: 'test/rule', type: 'pattern', line: 1, file: 'x.yaml', enabledByDefault: true });
    expect(rule.examples.map((e) => [e.kind, e.line])).toEqual([
      ['bad', 9],
      ['good', 11],
    ]);
  });

  it.each([
    [good.replace('type: pattern', 'type: patern'), "x.yaml:1: rule 'test/rule': unknown type 'patern'"],
    [good.replace('category: style', 'category: styl'), "x.yaml:3: rule 'test/rule': unknown category 'styl'"],
    [good.replace('severity: minor', 'severity: high'), "x.yaml:4: rule 'test/rule': severity must be one of critical, major, minor, info"],
    [good.replace('pattern: "\\\\bfoo\\\\b"', 'pattern: "(foo"'), "x.yaml:1: rule 'test/rule': 'pattern' is not a valid regular expression"],
    [good.replace('  replace: bar\n', '  replace: bar\n  replce: x\n'), "x.yaml:8: rule 'test/rule': unknown key 'replce' for type 'pattern'"],
    [good.replace('    - good: "a bar"\n', ''), "x.yaml:1: rule 'test/rule': no good example"],
    [good.replace('    - bad: "a [[foo]]"\n      fix: bar\n', ''), "x.yaml:1: rule 'test/rule': no bad example"],
    [good.replace('"a [[foo]]"', '"a foo"'), "x.yaml:9: rule 'test/rule': a bad example marks the flagged text with [[…]]"],
    [good.replace('      fix: bar\n', ''), "x.yaml:9: rule 'test/rule': a bad example gives the expected 'fix'"],
    [good.replace('id: test/rule', 'id: Test Rule'), "x.yaml:1: rule 'Test Rule': id 'Test Rule' should be lower-case"],
    ['- id: a\n  type: [unclosed\n', 'x.yaml:3: YAML syntax: Flow sequence'],
    ['id: a\n', 'x.yaml:1: a rule file is a YAML list of rules'],
  ])('refuses a broken rule, naming the file and line (%#)', (source, message) => {
    expect(() => loadRuleFile(source, 'x.yaml')).toThrow(message);
  });

  it('refuses the same id in two files, naming both places', () => {
    const directory = mkdtempSync(join(tmpdir(), 'rules-'));
    writeFileSync(join(directory, 'a.yaml'), good);
    writeFileSync(join(directory, 'b.yaml'), `# second\n${good}`);
    expect(() => loadRuleDirectory(directory)).toThrow(/b\.yaml:2: rule 'test\/rule': id already used at .*a\.yaml:1/);
  });

  const sourceRule = `- id: test/source
  type: source-punctuation
  category: fluency/punctuation
  severity: minor
  check: end
  message: "m"
  examples:
    - bad: "Vraiment[[.]]"
      source: "¿De verdad?"
      fix: " ?"
    - good: "Vraiment ?"
      source: "¿De verdad?"
`;

  it('reads the source an example translates', () => {
    const [rule] = loadRuleFile(sourceRule, 'x.yaml');
    expect(rule.examples.map((e) => [e.kind, e.source])).toEqual([
      ['bad', '¿De verdad?'],
      ['good', '¿De verdad?'],
    ]);
  });

  it('refuses a source-aware rule with an example without a source, or a source that is not text', () => {
    expect(() => loadRuleFile(sourceRule.replace('      source: "¿De verdad?"\n      fix', '      fix'), 'x.yaml')).toThrow("x.yaml:8: rule 'test/source': type 'source-punctuation' compares the target with its source: this example needs a 'source'");
    expect(() => loadRuleFile(sourceRule.replace('source: "¿De verdad?"\n      fix', 'source: [a]\n      fix'), 'x.yaml')).toThrow("x.yaml:8: rule 'test/source': 'source' must be a string");
  });
});
