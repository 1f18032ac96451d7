import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createChecker, unknownSelectors } from '../../src/checker.ts';
import { readConfigFile } from '../../src/config.ts';
import { loadRuleDirectory } from '../../src/rules/load-rules.ts';
import { canonicalRuleId } from '../../src/rules/rule-aliases.ts';
import { prepareImport } from '../../src/web/review/import-document.ts';
import { openSqliteStore } from '../../src/web/store/sqlite-store.ts';
import { cli, writeIn } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'relecture-aliases-'));
const checker = createChecker();

describe('rule ids: one scheme, old ids as aliases', () => {
  it('names every calque and false friend by its source language (or usage/ for French usage)', () => {
    for (const rule of checker.rules) {
      if (/^(calque|false-friend)\//.test(rule.id)) expect(rule.id, rule.id).toMatch(/^(calque|false-friend)\/(es|en)\//);
    }
  });

  it('disables every Spanish calque with calque/es/, and an old id still disables its rule', () => {
    const spanish = createChecker({ disable: ['calque/es/'] });
    expect(spanish.enabledRules.some((r) => r.id.startsWith('calque/es/'))).toBe(false);
    expect(spanish.enabledRules.some((r) => r.id.startsWith('calque/en/'))).toBe(true);
    const old = createChecker({ disable: ['calque/glisser-comme-il-pourrait', 'calque/au-final'] });
    expect(old.enabledRules.map((r) => r.id)).not.toContain('calque/es/glisser-comme-il-pourrait');
    expect(old.enabledRules.map((r) => r.id)).not.toContain('usage/au-final');
    expect(unknownSelectors(['calque/au-final', 'false-friend/carpeta'], checker.rules)).toEqual([]);
  });

  it('reads old ids from .relecturerc.json and the command line', async () => {
    const config = writeIn(dir, 'rc.json', JSON.stringify({ disable: ['calque/glisser-comme-il-pourrait'] }));
    expect(readConfigFile(config).disable).toEqual(['calque/glisser-comme-il-pourrait']);
    const text = writeIn(dir, 'g.txt', 'Il a glissé comme il le pourrait quand on lui a demandé.\n');
    const ids = async (...args: string[]) => JSON.parse((await cli('check', text, '--format', 'json', ...args)).stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(await ids()).toContain('calque/es/glisser-comme-il-pourrait');
    expect(await ids('--config', config)).not.toContain('calque/es/glisser-comme-il-pourrait');
    expect(await ids('--disable', 'calque/glisser-comme-il-pourrait')).not.toContain('calque/es/glisser-comme-il-pourrait');
  });

  it('refuses an alias that is another rule’s id, naming the file and line', () => {
    const rules = mkdtempSync(join(tmpdir(), 'relecture-alias-rules-'));
    const rule = (id: string, alias: string) => `- id: ${id}\n  aliases: [${alias}]\n  type: pattern\n  category: style\n  severity: info\n  message: "x"\n  pattern: "\\\\bxyz\\\\b"\n  examples:\n    - bad: "un [[xyz]]"\n      fix: null\n    - good: "un abc"\n`;
    writeFileSync(join(rules, 'a.yaml'), rule('calque/es/a', 'calque/a') + rule('calque/es/b', 'calque/es/a'));
    expect(() => loadRuleDirectory(rules)).toThrow(/a\.yaml:\d+.*alias calque\/es\/a already used/);
  });

  it('a re-check recognises a finding stored under the old id (databases written before the renaming)', async () => {
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'relecture-alias-db-')), 'r.db'));
    const id = await store.documents.createDocument(prepareImport(checker, { title: 'T', sourceName: 't.txt', text: 'Il a glissé comme il le pourrait.\n', corrections: [] }));
    const sentence = (await store.documents.getSentence(id, 0))!;
    const [before] = (await store.findings.activeFindings([sentence.id])).get(sentence.id)!.filter((f) => f.ruleId.includes('glisser'));
    store.database.prepare('UPDATE findings SET rule_id = ? WHERE id = ?').run('calque/glisser-comme-il-pourrait', before.id);
    expect(canonicalRuleId('calque/glisser-comme-il-pourrait')).toBe('calque/es/glisser-comme-il-pourrait');
    await store.findings.replaceFindings(id, sentence.id, [{ ...before, ruleId: 'calque/es/glisser-comme-il-pourrait', source: 'relecture' }], 'relecture');
    const after = (await store.findings.activeFindings([sentence.id])).get(sentence.id)!.filter((f) => f.ruleId.includes('glisser'));
    expect(after.map((f) => [f.id, f.ruleId])).toEqual([[before.id, 'calque/glisser-comme-il-pourrait']]);
    await store.close();
  });
});
