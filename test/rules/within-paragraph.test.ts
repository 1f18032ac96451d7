import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/checker.ts';
import { isDocumentWide } from '../../src/engine/parallel-check.ts';
import { RULE_TYPES } from '../../src/rules/types/index.ts';

// Issue #15: a pattern rule whose expression or exception can match a line break
// (`\s`, a negated class without `\n`) or uses `^`/`$` runs over the whole text in
// the main thread while the workers check the paragraphs; 41 such rules were most
// of the corpus import. The pack's pattern rules stay within a paragraph
// (`[^\S\n]`, `[^.;!?\n]`, `(?!\S)`): only rule types that carry state across
// paragraphs (guillemets, units) are document-wide.
describe('the rule pack', () => {
  it('has no pattern rule that needs the whole text', () => {
    const rules = createChecker().rules;
    const wide = rules.filter((rule) => rule.type === 'pattern' && isDocumentWide(rule, RULE_TYPES)).map((rule) => rule.id);
    expect(wide, 'write \\s as [^\\S\\n], [^…] as [^…\\n], (?:\\s|$) as (?!\\S), (?<=^|\\n) as (?<![^\\n])').toEqual([]);
    expect(rules.filter((rule) => isDocumentWide(rule, RULE_TYPES)).map((rule) => rule.type).sort()).toEqual(['number-unit', 'quotes']);
  });
});
