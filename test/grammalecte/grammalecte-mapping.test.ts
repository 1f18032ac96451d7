import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classify, codePointToUtf16, grammalecteParagraphs, isHouseStyle, mapGrammalecteResults, type GrammalecteParagraphResult } from '../../src/grammalecte/grammalecte-mapping.ts';
import { normalise } from '../../src/text/normalise.ts';
import { segment } from '../../src/text/segment.ts';
import type { Finding } from '../../src/types.ts';

// Real answers of Grammalecte 2.1.2, recorded by test/grammalecte/fixtures/record.ts
// with its default options (house typography on).
interface Fixture {
  text: string;
  answer: GrammalecteParagraphResult[];
}
const fixture = (name: string): Fixture => JSON.parse(readFileSync(new URL(`fixtures/${name}.json`, import.meta.url), 'utf8'));

const sentenceStarts = (text: string) => segment(normalise(text).text).sentences.map((s) => s.start);
const compact = (f: Finding) => `${f.line}:${f.column} s${f.sentence} ${f.severity} ${f.category} «${f.text}» → ${f.suggestions.join('|')} [${f.ruleId}]`;

function expectSpansInto(text: string, findings: Finding[]) {
  for (const f of findings) expect(text.slice(f.offset, f.offset + f.length)).toBe(f.text);
}

describe('mapGrammalecteResults on recorded answers', () => {
  it('maps code-point offsets after emoji, a flag, NFD accents and CRLF to UTF-16 offsets into the original', () => {
    const { text, answer } = fixture('emoji-crlf');
    const { findings, failures } = mapGrammalecteResults(text, answer, { sentenceStarts: sentenceStarts(text) });
    expect(failures).toEqual([]);
    expect(findings.map(compact)).toEqual([
      '2:24 s1 major fluency/grammar «unie» → uni [grammalecte:gv1__ppas_sujet_être_accord_singulier__b3_a3_1]',
      '4:47 s2 major fluency/grammar «tenues» → tenue [grammalecte:gv1__ppas_det_sing_COD_que_avoir__b3_a1_1]',
    ]);
    expectSpansInto(text, findings);
    // "Hier 😀😀, l'Ouest est " is 21 code points but 23 UTF-16 units; the line starts after "…!\r\n".
    expect(findings[0].offset).toBe(text.indexOf('unie'));
    // The NFD line is longer in the original than in the NFC text Grammalecte saw.
    expect(findings[1].offset).toBe(text.indexOf('tenues'));
  });

  it('keeps house typography only when asked, still on the right spans', () => {
    const { text, answer } = fixture('emoji-crlf');
    const { findings } = mapGrammalecteResults(text, answer, { houseStyle: true });
    expectSpansInto(text, findings);
    expect(findings.map((f) => `${f.line}:${f.column} «${f.text}» ${f.category}`)).toEqual([
      '1:16 « !» locale-convention',
      "2:12 «l'» locale-convention",
      '2:24 «unie» fluency/grammar',
      "2:32 «l'» locale-convention",
      "2:47 «l'» locale-convention",
      "4:1 «L'» locale-convention",
      "4:36 «qu'» locale-convention",
      '4:47 «tenues» fluency/grammar',
    ]);
  });

  it('keeps on the OTAN sample only what is grammar, not house typography', () => {
    const { text, answer } = fixture('otan-rutte');
    const all = answer.flatMap((p) => p.lGrammarErrors ?? []);
    expect(all.filter((e) => e.sType === 'apos').length).toBeGreaterThan(50);
    const { findings } = mapGrammalecteResults(text, answer, { sentenceStarts: sentenceStarts(text) });
    expectSpansInto(text, findings);
    expect(findings.map(compact)).toEqual([
      '3:147 s4 major fluency/grammar «unie» → uni [grammalecte:gv1__ppas_sujet_être_accord_singulier__b3_a3_1]',
      '6:599 s12 minor fluency/spelling «défense» → Défense [grammalecte:g2__maj_ministères__b2_a1_1]',
    ]);
  });

  it('reads the output of grammalecte-cli -j too (1-based paragraphs)', () => {
    const cli = JSON.parse(readFileSync(new URL('fixtures/grammalecte-cli.json', import.meta.url), 'utf8')) as { data: GrammalecteParagraphResult[] };
    const text = "L'Ouest est unie et l'Ukraine doit l'emporter.\nla conversation qu'ils ont tenues hier 😀 est finie.\n";
    const { findings } = mapGrammalecteResults(text, cli.data.map((p) => ({ ...p, iParagraph: p.iParagraph - 1 })));
    expect(findings.map((f) => `${f.line}:${f.column} «${f.text}»`)).toEqual(['1:13 «unie»', '2:28 «tenues»']);
  });

  it('reports a paragraph Grammalecte threw on, and an answer for a line never sent', () => {
    const text = 'Une ligne.\n\nUne autre.\n';
    const { findings, failures } = mapGrammalecteResults(text, [
      { iParagraph: 0, error: 'IndexError: list index out of range' },
      { iParagraph: 1, lGrammarErrors: [] },
    ]);
    expect(findings).toEqual([]);
    expect(failures).toEqual([
      { ruleId: 'grammalecte', source: 'grammalecte', message: 'line 1: IndexError: list index out of range' },
      { ruleId: 'grammalecte', source: 'grammalecte', message: 'answer for line 2, which was not sent' },
    ]);
  });

  it('maps spelling errors when they were asked for', () => {
    const text = 'Le 😀 chatt dort.';
    const { findings } = mapGrammalecteResults(text, [{ iParagraph: 0, lGrammarErrors: [], lSpellingErrors: [{ nStart: 5, nEnd: 10, sValue: 'chatt', aSuggestions: ['chat', 'chatte'] }] }]);
    expect(findings.map(compact)).toEqual(['1:7 s0 info fluency/spelling «chatt» → chat|chatte [grammalecte:spelling]']);
  });
});

describe('grammalecteParagraphs', () => {
  it('cuts lines as segment() does, leaving out blank lines and the CR of CRLF', () => {
    expect(grammalecteParagraphs('Un.\r\n\r\n  \nDeux.\rtrois')).toEqual([
      { iParagraph: 0, start: 0, sText: 'Un.' },
      { iParagraph: 3, start: 10, sText: 'Deux.\rtrois' },
    ]);
  });
});

describe('codePointToUtf16', () => {
  it('is the identity without surrogates', () => {
    expect(codePointToUtf16('élève')(3)).toBe(3);
  });
  it('counts an astral character as two units and a lone surrogate as one', () => {
    const text = 'a😀b\uD800c🇫🇷d';
    const map = codePointToUtf16(text);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map(map)).toEqual([0, 1, 3, 4, 5, 6, 8, 10, 11]);
    expect(text.slice(map(7), map(8))).toBe('d');
  });
});

describe('classify', () => {
  it('puts agreement and conjugation under grammar, major', () => {
    for (const sType of ['gn', 'conj', 'ppas', 'infi']) expect(classify({ sType, sRuleId: 'x' })).toEqual({ category: 'fluency/grammar', severity: 'major' });
  });
  it('puts typography under locale conventions or punctuation, never major', () => {
    expect(classify({ sType: 'apos', sRuleId: 'apostrophe_typographique' }).category).toBe('locale-convention');
    expect(classify({ sType: 'virg', sRuleId: 'x' })).toEqual({ category: 'fluency/punctuation', severity: 'minor' });
    expect(classify({ sType: 'pleo', sRuleId: 'x' })).toEqual({ category: 'style', severity: 'info' });
  });
  it('recognises rules without an option by their id', () => {
    expect(classify({ sType: 'notype', sRuleId: 'doublon' }).category).toBe('fluency/repetition');
    expect(classify({ sType: 'notype', sRuleId: 'num_grand_nombre_avec_espaces' }).category).toBe('locale-convention');
    expect(classify({ sType: 'notype', sRuleId: 'p_chiffres_m' })).toEqual({ category: 'fluency/grammar', severity: 'minor' });
  });
  it('treats big-number spacing as house style even though Grammalecte gives it no option', () => {
    expect(isHouseStyle({ sType: 'notype', sRuleId: 'num_grand_nombre_avec_espaces' })).toBe(true);
    expect(isHouseStyle({ sType: 'ppas', sRuleId: 'gv1__ppas' })).toBe(false);
  });
});
