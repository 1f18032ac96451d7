import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { tmxAdapter } from '../../src/formats/tmx.ts';
import { warningText } from '../../src/formats/reader-warning.ts';
import { checkRoundTrip } from './round-trip.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const visible = (text: string) => text.replace(/[\uE000-\uF8FF]/g, (c) => `{${c.charCodeAt(0) - 0xe000}}`);
const tmx = (body: string, header = 'srclang="EN"') => new TextEncoder().encode(`<?xml version="1.0"?>\n<tmx version="1.4"><header ${header}/>\n<body>\n${body}\n</body></tmx>\n`);
const fails = (bytes: Uint8Array, options = {}) => {
  try {
    tmxAdapter.parse(bytes, { fileName: 'tm.tmx', ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

describe('TMX 1.4', () => {
  it('reads the pair English → French from a file that says EN-US and FR-FR (OmegaT), with bpt/ept codes and notes', () => {
    const doc = tmxAdapter.parse(fixture('en-fr.tmx'), { fileName: 'en-fr.tmx', sourceLanguage: 'en', targetLanguage: 'fr' });
    expect([doc.sourceLanguage, doc.targetLanguage]).toEqual(['EN-US', 'FR-FR']);
    expect(doc.segments.map((s) => [s.externalId, visible(s.source!), visible(s.target), s.line])).toEqual([
      ['1', 'The {0}NATO{1} summit opens on 24 June.', "Le sommet de l'{0}OTAN{1} s'ouvre le 24 juin.", 8],
      ['2', 'Spending will reach 5% of GDP.', 'Les dépenses atteindront 5 % du PIB.', 13],
    ]);
    expect(doc.segments[1].notes).toEqual(['Checked by the client.']);
  });
  it('a TMX written French → English is read with English as the source (tags compared case-insensitively)', () => {
    const doc = tmxAdapter.parse(fixture('fr-en.tmx'), { fileName: 'fr-en.tmx', sourceLanguage: 'en' });
    expect([doc.sourceLanguage, doc.targetLanguage]).toEqual(['EN', 'FR']);
    expect(doc.segments.map((s) => [s.source, s.target])).toEqual([
      ['Glaciers are retreating by 12 m a year.', 'Les glaciers reculent de 12 m par an.'],
      ['The CNRS published the study.', 'Le CNRS a publié l’étude.'],
    ]);
    // Without --source-lang the one other language is the source.
    expect(tmxAdapter.parse(fixture('fr-en.tmx'), { fileName: 'fr-en.tmx' }).sourceLanguage).toBe('EN');
  });
  it('writes back only the changed seg', () => {
    const doc = tmxAdapter.parse(fixture('fr-en.tmx'), { fileName: 'fr-en.tmx' });
    const out = new TextDecoder().decode(tmxAdapter.serialize(doc.skeleton, [{ externalId: '2', target: 'Le CNRS a publié l’étude <vite> & bien.', changed: true }]));
    expect(out).toBe(fixture('fr-en.tmx').toString('utf8').replace('<seg>Le CNRS a publié l’étude.</seg>', '<seg>Le CNRS a publié l’étude &lt;vite&gt; &amp; bien.</seg>'));
  });
  it('round-trips', () => {
    checkRoundTrip(tmxAdapter, fixture('en-fr.tmx'), { fileName: 'en-fr.tmx' });
    checkRoundTrip(tmxAdapter, fixture('fr-en.tmx'), { fileName: 'fr-en.tmx', sourceLanguage: 'en' });
  });
});

describe('bad TMX input', () => {
  const pair = '<tu tuid="1"><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu>';
  it('a TMX without the asked language names the languages it has', () => {
    expect(fails(tmx(pair), { sourceLanguage: 'es' })).toBe('tm.tmx: has no es text (its languages: en, fr)');
    expect(fails(tmx(pair.replace('"fr"', '"de"')))).toBe('tm.tmx: has no fr text (its languages: en, de)');
  });
  it('several candidate sources and none chosen', () => {
    const three = '<tu tuid="1"><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="de"><seg>b</seg></tuv><tuv xml:lang="fr"><seg>c</seg></tuv></tu>';
    expect(fails(tmx(three, 'srclang="*all*"'))).toBe('tm.tmx: has several languages (en, de, fr): say which is the source with --source-lang');
    expect(tmxAdapter.parse(tmx(three, 'srclang="*all*"'), { fileName: 'tm.tmx', sourceLanguage: 'DE' }).segments[0].source).toBe('b');
  });
  it('a unit without its target, duplicate tuids, malformed XML', () => {
    expect(fails(tmx('<tu tuid="2"><tuv xml:lang="en"><seg>Bye</seg></tuv><tuv xml:lang="de"><seg>Tschüss</seg></tuv></tu>\n<tu tuid="3"><tuv xml:lang="fr"><seg>Salut</seg></tuv></tu>'))).toBe("tm.tmx:4: unit '2' has no fr <tuv>");
    expect(fails(tmx(`${pair}\n${pair}`))).toBe("tm.tmx:5: duplicate tuid '1' (first at line 4)");
    expect(fails(tmx(pair.replace('</seg></tuv></tu>', '</tuv></tu>')))).toMatch(/^tm\.tmx:4: malformed XML at column \d+/);
    expect(fails(new TextEncoder().encode('<xliff version="1.2"/>'))).toBe('tm.tmx:1: is not TMX: its root element is <xliff>');
  });
});

describe('TMX as other tools write it', () => {
  it('SDL Trados: UTF-16 LE with its BOM and CRLF, header <prop>s and <ude>, and bpt/ept/ut/it/hi/ph codes', () => {
    const bytes = fixture('trados-utf16.tmx');
    const doc = tmxAdapter.parse(bytes, { fileName: 'trados-utf16.tmx' });
    expect([doc.sourceLanguage, doc.targetLanguage]).toEqual(['en-GB', 'fr-FR']);
    expect(doc.segments.map((s) => [s.externalId, visible(s.source!), visible(s.target), s.line])).toEqual([
      ['1', 'Click {0}Save{1} now.', 'Cliquez sur {0}Enregistrer{1} maintenant.', 17],
      ['2', 'See {0}page 3{1} and {2}this{3} note{4}.', 'Voir {0}page 3{1} et {2}cette{3} note{4}.', 25],
    ]);
    expect(doc.segments[1].codes!.map((c) => c.markup)).toEqual(['<ut>{\\field}</ut>', '<it pos="end">}</it>', '<hi type="x-bold">', '</hi>', '<ph type="index">{\\xe}</ph>']);
    checkRoundTrip(tmxAdapter, bytes, { fileName: 'trados-utf16.tmx' }, { runs: 20 });
  });
  it('an edited target in a CRLF file keeps the file’s line ends (regression: a new line was written as LF alone)', () => {
    const bytes = fixture('trados-utf16.tmx');
    const doc = tmxAdapter.parse(bytes, { fileName: 'trados-utf16.tmx' });
    const out = Buffer.from(tmxAdapter.serialize(doc.skeleton, [{ externalId: '1', target: 'Cliquez\nsur \uE000Enregistrer\uE001.', changed: true }]));
    const text = out.subarray(2).toString('utf16le');
    expect(text).toContain('<seg>Cliquez\r\nsur <bpt i="1" type="bold">{\\b </bpt>Enregistrer<ept i="1">}</ept>.</seg>');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });
  it('OmegaT (TMX 1.1, lang=, no tuid): its own tags kept as text (&lt;b0&gt;) are inline codes; <ph x> codes', () => {
    const doc = tmxAdapter.parse(fixture('omegat.tmx'), { fileName: 'omegat.tmx' });
    expect(doc.segments.map((s) => [s.externalId, visible(s.source!), visible(s.target)])).toEqual([
      ['1', 'Open the {0}File{1} menu.', 'Ouvrez le menu {0}Fichier{1}.'],
      ['2', 'Press {0} to save.', 'Appuyez sur {0} pour enregistrer.'],
    ]);
    expect(doc.segments[0].codes!.map((c) => [c.kind, c.display])).toEqual([['open', '<b0>'], ['close', '</b0>']]);
    const out = new TextDecoder().decode(tmxAdapter.serialize(doc.skeleton, [{ externalId: '1', target: 'Ouvrez \uE000Fichier\uE001 & co.', changed: true }]));
    expect(out).toContain('<seg>Ouvrez &lt;b0&gt;Fichier&lt;/b0&gt; &amp; co.</seg>');
    checkRoundTrip(tmxAdapter, fixture('omegat.tmx'), { fileName: 'omegat.tmx' }, { runs: 20 });
  });
  it('a multilingual memory: units without the pair, or with an empty <seg>, are left out with a warning (regression: one such unit refused the whole file)', () => {
    const doc = tmxAdapter.parse(tmx([
      '<tu tuid="1"><tuv xml:lang="en"><seg>Hello</seg></tuv><tuv xml:lang="fr"><seg>Bonjour</seg></tuv></tu>',
      '<tu tuid="2"><tuv xml:lang="en"><seg>Bye</seg></tuv><tuv xml:lang="de"><seg>Tschüss</seg></tuv></tu>',
      '<tu tuid="3"><tuv xml:lang="en"><seg>Yes</seg></tuv><tuv xml:lang="fr"><seg></seg></tuv></tu>',
    ].join('\n')), { fileName: 'tm.tmx' });
    expect(doc.segments.map((s) => s.externalId)).toEqual(['1']);
    expect(doc.warnings.map(warningText)).toEqual(["tm.tmx:5: unit '2' has no fr <tuv>: left out of the review", "tm.tmx:6: unit '3' has an empty target: left out of the review"]);
  });
  it('notes are text, entities decoded (regression: « R&amp;D » reached the editor)', () => {
    const doc = tmxAdapter.parse(tmx('<tu tuid="1"><note>R&amp;D &lt;draft&gt;</note><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="fr"><seg>b</seg></tuv></tu>'), { fileName: 'tm.tmx' });
    expect(doc.segments[0].notes).toEqual(['R&D <draft>']);
  });
  it('languages as files write them: fr-FR, fr_FR, FR, fra', () => {
    for (const tag of ['fr-FR', 'fr_FR', 'FR', 'fra']) {
      const doc = tmxAdapter.parse(tmx(`<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="${tag}"><seg>b</seg></tuv></tu>`), { fileName: 'tm.tmx' });
      expect([doc.sourceLanguage, doc.targetLanguage, doc.segments[0].target], tag).toEqual(['en', tag, 'b']);
    }
  });
});
