import { describe, expect, it } from 'vitest';
import { formatCorrectionsTsv, parseCorrections } from '../../src/corrections/parse-corrections.ts';
import { warningText } from '../../src/formats/reader-warning.ts';

describe('parseCorrections', () => {
  it('reads TSV with notes, comments and blank lines', () => {
    const { corrections, warnings } = parseCorrections('# known fixes\nRoutte\tRutte\tname\n\nUcraians\tUkrainiens\n', 'c.tsv');
    expect(corrections.map(({ from, to, note }) => ({ from, to, note }))).toEqual([
      { from: 'Routte', to: 'Rutte', note: 'name' },
      { from: 'Ucraians', to: 'Ukrainiens', note: undefined },
    ]);
    expect(corrections[1].source).toEqual({ file: 'c.tsv', line: 4 });
    expect(warnings).toEqual([]);
  });

  it('reads JSON', () => {
    const { corrections } = parseCorrections('[{"from": "Routte", "to": "Rutte", "note": "n"}]', 'c.json');
    expect(corrections[0]).toMatchObject({ from: 'Routte', to: 'Rutte', note: 'n' });
  });

  it.each([
    ['Routte Rutte\n', 'c.tsv:1: expected “wrong<TAB>right[<TAB>note]”, found no tab in “Routte Rutte”'],
    ['a\tb\n\tRutte\n', 'c.tsv:2: the wrong form (first column) is empty'],
    ['Routte\t \n', 'c.tsv:1: the right form (second column) for “Routte” is empty'],
    ['a\tb\tc\td\n', 'c.tsv:1: expected at most 3 tab-separated columns (wrong, right, note), found 4'],
    ['Routte\tRutte\nx\ty\nRoutte\tRoute\n', 'c.tsv:3: “Routte” is corrected to “Route” here but to “Rutte” at line 1'],
    ['same\tsame\n', 'c.tsv:1: “same” is corrected to itself'],
  ])('refuses %j with a message naming the line', (content, message) => {
    expect(() => parseCorrections(content, 'c.tsv')).toThrow(message);
  });

  it.each([
    ['[{"from": "a", "to": "b"},\n {"from": "c"}]', 'c.json:2: entry 2: "to" must be a string'],
    ['[\n{"from": "a", "to": "b"}\n{"from": "c", "to": "d"}]', 'c.json:3: is not valid JSON'],
    ['{"from": "a"}', 'c.json:1: expected a JSON array'],
  ])('refuses bad JSON %j with the line', (content, message) => {
    expect(() => parseCorrections(content, 'c.json')).toThrow(message);
  });

  it('keeps an exact duplicate once and says so', () => {
    const { corrections, warnings } = parseCorrections('a\tb\na\tb\n', 'c.tsv');
    expect(corrections).toHaveLength(1);
    expect(warnings.map(warningText)).toEqual(['c.tsv:2: “a” repeats line 1; kept once']);
  });

  it('round-trips through TSV export', () => {
    const { corrections } = parseCorrections('Routte\tRutte\tname\nb\tc\n', 'c.tsv');
    expect(parseCorrections(formatCorrectionsTsv(corrections), 'again.tsv').corrections.map(({ from, to, note }) => ({ from, to, note }))).toEqual(
      corrections.map(({ from, to, note }) => ({ from, to, note })),
    );
  });
});
