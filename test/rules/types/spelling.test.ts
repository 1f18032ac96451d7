import { describe, expect, it } from 'vitest';
import { createChecker } from '../../../src/checker.ts';

const checker = createChecker({ disable: [] });
const spelling = (text: string, options = {}) => checker.check(text, options).findings.filter((f) => f.ruleId === 'spelling/fr').map((f) => `${f.severity} ${f.text}`);

describe('spelling/fr', () => {
  // Issue #14: « 1er » was read as « 1 » and « er », and « er » was a misspelling.
  it('leaves ordinals alone', () => {
    expect(spelling('Le 1er mai, la 1re fois, le 2e tour, au XIXe siècle, sous la IIIe République.')).toEqual([]);
  });

  it('says a name it does not know is a name to verify (info), and says nothing of a listed one', () => {
    expect(spelling('Il a reçu Whitcombe à Leeds avec Álvarez et Muñoz.')).toEqual(['info Whitcombe']);
    const [finding] = checker.check('Il a reçu Whitcombe.').findings.filter((f) => f.ruleId === 'spelling/fr');
    expect(finding.message).toMatch(/nom propre à vérifier/);
  });

  it('gives a passage in dialect or another language as info, a lone typo as minor', () => {
    expect(spelling('Ch’ solé y r’luit, ch’ moinet y cainte, ch’ mouguet flourit.').every((f) => f.startsWith('info'))).toBe(true);
    expect(spelling('Le ministre a ouvertment critiqué les appels.')).toEqual(['minor ouvertment']);
  });

  it('knows the words of the project word list and of the corrections', () => {
    expect(spelling('Le ministre a ouvertment critiqué les appels.', { knownWords: ['ouvertment'] })).toEqual([]);
    expect(createChecker({ knownWords: ['Zorglubie'] }).check('Le chef de la Zorglubie parle.').findings.filter((f) => f.ruleId === 'spelling/fr')).toEqual([]);
  });
});
