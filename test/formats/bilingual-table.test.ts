import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { bilingualCsvAdapter, bilingualTsvAdapter } from '../../src/formats/bilingual-table.ts';
import { warningText } from '../../src/formats/reader-warning.ts';
import { checkRoundTrip } from './round-trip.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const fails = (adapter: typeof bilingualTsvAdapter, text: string) => {
  try {
    adapter.parse(bytes(text), { fileName: 't.tsv' });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('bilingual TSV', () => {
  const tsv = 'La OTAN se reúne.\tL’OTAN se réunit.\r\n\nGastan 2%.\tIls dépensent 2 %.\r\nSin traducir.\t\n';
  it('reads source<TAB>target rows with their line; an empty target is left out with a warning', () => {
    const doc = bilingualTsvAdapter.parse(bytes(tsv), { fileName: 't.tsv' });
    expect(doc.segments.map((s) => [s.externalId, s.source, s.target, s.line])).toEqual([
      ['1', 'La OTAN se reúne.', 'L’OTAN se réunit.', 1],
      ['3', 'Gastan 2%.', 'Ils dépensent 2 %.', 3],
    ]);
    expect(doc.warnings.map(warningText)).toEqual(['t.tsv:4: the target is empty: left out of the review']);
  });
  it('reads a header naming the columns, in any order', () => {
    const doc = bilingualTsvAdapter.parse(bytes('id\ttarget\tsource\tnote\nu1\tBonjour\tHola\tgreeting\n'), { fileName: 't.tsv' });
    expect(doc.segments).toEqual([{ externalId: 'u1', source: 'Hola', target: 'Bonjour', notes: ['greeting'], line: 2 }]);
  });
  it('writes back only changed targets; a tab in an edit becomes a space', () => {
    const doc = bilingualTsvAdapter.parse(bytes(tsv), { fileName: 't.tsv' });
    const out = new TextDecoder().decode(bilingualTsvAdapter.serialize(doc.skeleton, [{ externalId: '3', target: 'Ils\tdépensent 2 %.', changed: true }]));
    expect(out).toBe(tsv.replace('Ils dépensent 2 %.', 'Ils dépensent 2 %.'));
  });
  // TSV cannot hold a tab or a line break inside a field.
  it('round-trips', () => checkRoundTrip(bilingualTsvAdapter, bytes(tsv.replace('Sin traducir.\t\n', '')), { fileName: 't.tsv' }, { alphabet: /^[A-Za-zéèàçœ«»’'"&<>;,.!? 0-9-]{1,12}$/ }));
  it('bad rows name the line', () => {
    expect(fails(bilingualTsvAdapter, 'a\tb\nc\td\te\n')).toBe('t.tsv:2: has 3 columns here: a bilingual table is source<TAB>target, or a header row naming the columns (id, source, target, note)');
    expect(fails(bilingualTsvAdapter, 'id\tsource\ttarget\n1\ta\tb\n1\tc\td\n')).toBe("t.tsv:3: duplicate id '1' (first at line 2)");
    expect(fails(bilingualTsvAdapter, '\tb\n')).toBe('t.tsv:1: a row with a target but no source');
  });
});

describe('bilingual CSV', () => {
  const csv = 'id,source,target\n1,"Dijo: ""sí"", y se fue.","Il a dit : « oui », et il est parti."\n2,Hola,"Bonjour,\nà la ligne"\n';
  it('reads RFC 4180 quoting, doubled quotes and line breaks inside quotes', () => {
    const doc = bilingualCsvAdapter.parse(bytes(csv), { fileName: 't.csv' });
    expect(doc.segments.map((s) => [s.externalId, s.source, s.target, s.line])).toEqual([
      ['1', 'Dijo: "sí", y se fue.', 'Il a dit : « oui », et il est parti.', 2],
      ['2', 'Hola', 'Bonjour,\nà la ligne', 3],
    ]);
  });
  it('quotes an edited field that needs it', () => {
    const doc = bilingualCsvAdapter.parse(bytes(csv), { fileName: 't.csv' });
    const out = new TextDecoder().decode(bilingualCsvAdapter.serialize(doc.skeleton, [{ externalId: '2', target: 'Bonjour, "toi"', changed: true }]));
    expect(out).toBe('id,source,target\n1,"Dijo: ""sí"", y se fue.","Il a dit : « oui », et il est parti."\n2,Hola,"Bonjour, ""toi"""\n');
  });
  it('reads semicolon-separated files (spreadsheets in French locales)', () => {
    const doc = bilingualCsvAdapter.parse(bytes('source;target\nHola, amigo;Bonjour, ami\n'), { fileName: 't.csv' });
    expect(doc.segments[0]).toMatchObject({ source: 'Hola, amigo', target: 'Bonjour, ami' });
  });
  it('round-trips', () => checkRoundTrip(bilingualCsvAdapter, bytes(csv), { fileName: 't.csv' }));
  it('an unclosed quote names its line', () => {
    expect(fails(bilingualCsvAdapter, 'a,b\nc,"d\n')).toBe('t.tsv:2: a quoted field is never closed');
  });
});
