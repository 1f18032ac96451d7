import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { xliffAdapter } from '../../src/formats/xliff.ts';
import { warningText } from '../../src/formats/reader-warning.ts';
import { checkRoundTrip } from './round-trip.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const parse = (name: string, options = {}) => xliffAdapter.parse(fixture(name), { fileName: name, ...options });
const bytes = (text: string) => new TextEncoder().encode(text);
const visible = (text: string) => text.replace(/[\uE000-\uF8FF]/g, (c) => `{${c.charCodeAt(0) - 0xe000}}`);
const fails = (text: string, options = {}) => {
  try {
    xliffAdapter.parse(bytes(text), { fileName: 'bad.xlf', ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('no error');
};

const unit12 = (units: string) =>
  `<?xml version="1.0"?>\n<xliff version="1.2"><file source-language="en" target-language="fr"><body>\n${units}\n</body></file></xliff>\n`;

describe('XLIFF 1.2 as Okapi writes it (seg-source, mrk segments, g/x/bpt/ept)', () => {
  const doc = parse('okapi.xlf');
  it('reads every segment of every unit, groups included, with source, state, notes and line', () => {
    expect(doc.sourceLanguage).toBe('es');
    expect(doc.targetLanguage).toBe('fr');
    expect(doc.segments.map((s) => [s.externalId, visible(s.source!), visible(s.target), s.state, s.line])).toEqual([
      ['tu1#0', 'La OTAN y {0}Rutte{1}', "L'OTAN et {0}Rutte{1}", 'translated', 8],
      ['tu2#0', 'Los aliados gastarán 50.000 millones.', 'Les alliés dépenseront 50.000 millions.', 'needs-review-translation', 14],
      ['tu2#1', 'Rutte lo dijo en {0}La Haya.', "Routte l'a dit à {0}La Haye.", 'needs-review-translation', 14],
      ['tu3', 'Pulse {0}Aceptar{1} & siga.', 'Cliquez sur {0}OK{1} & continuez.', undefined, 19],
    ]);
    expect(doc.segments[1].notes).toEqual(['Vérifier les montants.']);
  });
  it('leaves translate="no" units out', () => {
    expect(doc.segments.some((s) => s.externalId === 'tu4')).toBe(false);
  });
  it('keeps each inline code as in the file, paired by id between source and target', () => {
    const codes = doc.segments[0].codes!;
    expect(codes.map((c) => [c.kind, c.markup, c.display])).toEqual([
      ['open', '<g id="1">', '<g1>'],
      ['close', '</g>', '</g1>'],
    ]);
    expect(doc.segments[3].codes!.map((c) => c.markup)).toEqual(['<bpt id="1">&lt;b&gt;</bpt>', '<ept id="1">&lt;/b&gt;</ept>']);
  });
  it('writes back only the changed target and its state, escaping the new text', () => {
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [
      { externalId: 'tu2#1', target: "Rutte l'a dit à \uE000La Haye & <ailleurs>.", changed: true, state: 'reviewed' },
    ]));
    const original = fixture('okapi.xlf').toString('utf8');
    expect(out).toBe(original.replace(
      `<target xml:lang="fr" state="needs-review-translation"><mrk mid="0" mtype="seg">Les alliés dépenseront 50.000 millions.</mrk> <mrk mid="1" mtype="seg">Routte l&apos;a dit à <x id="1"/>La Haye.</mrk>`,
      `<target xml:lang="fr" state="signed-off"><mrk mid="0" mtype="seg">Les alliés dépenseront 50.000 millions.</mrk> <mrk mid="1" mtype="seg">Rutte l'a dit à <x id="1"/>La Haye &amp; &lt;ailleurs&gt;.</mrk>`,
    ));
  });
  it('adds a state attribute where the target had none', () => {
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: 'tu3', target: 'Cliquez sur \uE000OK\uE001.', changed: true, state: 'reviewed' }]));
    expect(out).toContain('<target xml:lang="fr" state="signed-off">Cliquez sur <bpt id="1">&lt;b&gt;</bpt>OK<ept id="1">&lt;/b&gt;</ept>.</target>');
  });
  it('a decision without a text change updates the state and leaves the content byte for byte', () => {
    const segment = doc.segments[3];
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: 'tu3', target: segment.target, changed: true, state: 'reviewed' }]));
    expect(out).toContain('<target xml:lang="fr" state="signed-off">Cliquez sur <bpt id="1">&lt;b&gt;</bpt>OK<ept id="1">&lt;/b&gt;</ept> &amp; continuez.</target>');
  });
  it('an edit that deletes an opening code still writes well-formed XML', () => {
    const out = xliffAdapter.serialize(doc.skeleton, [{ externalId: 'tu1#0', target: "L'OTAN et Rutte\uE001 !", changed: true }]);
    const again = xliffAdapter.parse(out, { fileName: 'out.xlf' });
    expect(visible(again.segments[0].target)).toBe("L'OTAN et Rutte !");
    const reopened = xliffAdapter.serialize(doc.skeleton, [{ externalId: 'tu1#0', target: "\uE000L'OTAN et Rutte", changed: true }]);
    expect(new TextDecoder().decode(reopened)).toContain(`<mrk mid="0" mtype="seg"><g id="1">L'OTAN et Rutte</g></mrk>`);
  });
  it('round-trips: untouched byte for byte, any change read back', () => checkRoundTrip(xliffAdapter, fixture('okapi.xlf'), { fileName: 'okapi.xlf' }));
});

describe('XLIFF 1.2 as MateCat writes it', () => {
  const doc = parse('matecat.xlf');
  it('reads placeholders <ph> and approved units; an empty <target/> is left out with a warning', () => {
    expect(doc.segments.map((s) => [s.externalId, visible(s.target), s.state])).toEqual([
      ['1', 'Le budget est passé à 3,5 milliards de dollars en 2024.', 'translated'],
      ['2', 'Cliquez sur {0} pour voir les {1} résultats.', 'translated'],
    ]);
    expect(doc.warnings.map(warningText)).toEqual(["matecat.xlf:18: unit '3' has an empty target: left out of the review"]);
    expect(doc.segments[1].codes!.map((c) => c.markup)).toEqual(['<ph id="mtc_1">%s</ph>', '<ph id="mtc_2">{{count}}</ph>']);
  });
  it('round-trips', () => checkRoundTrip(xliffAdapter, fixture('matecat.xlf'), { fileName: 'matecat.xlf' }));
});

describe('SDLXLIFF (Trados Studio)', () => {
  const doc = parse('trados.sdlxliff');
  it('reads the mrk segments and their confirmation level from sdl:seg-defs', () => {
    expect(doc.segments.map((s) => [s.externalId, visible(s.source!), visible(s.target), s.state])).toEqual([
      ['a1b2c3d4-0001#1', 'NATO allies met in {0}The Hague{1}.', 'Les alliés de l’OTAN se sont réunis à {0}La Haye{1}.', 'Translated'],
      ['a1b2c3d4-0001#2', 'They agreed.', 'Ils se sont mis d’accord.', 'Draft'],
    ]);
  });
  it('a reviewed segment gets conf="ApprovedTranslation" on its own sdl:seg only', () => {
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: 'a1b2c3d4-0001#2', target: 'Ils sont tombés d’accord.', changed: true, state: 'reviewed' }]));
    expect(out).toContain('<sdl:seg id="1" conf="Translated" origin="mt" origin-system="DeepL"/><sdl:seg id="2" conf="ApprovedTranslation" origin="mt"/>');
    expect(out).toContain('<mrk mtype="seg" mid="2">Ils sont tombés d’accord.</mrk>');
  });
  it('round-trips', () => checkRoundTrip(xliffAdapter, fixture('trados.sdlxliff'), { fileName: 'trados.sdlxliff' }));
});

describe('memoQ MQXLIFF', () => {
  const doc = parse('memoq.mqxliff');
  it('reads ISO 639-2 language codes, mq:status and bpt/ept/ph codes', () => {
    expect([doc.sourceLanguage, doc.targetLanguage]).toEqual(['eng', 'fre']);
    expect(doc.segments.map((s) => [s.externalId, visible(s.target), s.state])).toEqual([
      ['1', 'Le {0}PDG{1} a démissionné le 12 mars.', 'PartiallyEdited'],
      ['2', 'Voir {0}page 4.', 'ManuallyConfirmed'],
    ]);
  });
  it('a reviewed unit gets mq:status="Proofread"', () => {
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: '2', target: 'Voir \uE000la page 4.', changed: true, state: 'reviewed' }]));
    expect(out).toContain('<trans-unit id="2" mq:status="Proofread" mq:segguid="a2">');
  });
  it('round-trips', () => checkRoundTrip(xliffAdapter, fixture('memoq.mqxliff'), { fileName: 'memoq.mqxliff' }));
});

describe('XLIFF 2.0', () => {
  const doc = parse('xliff2.xlf');
  it('reads units, segments (ignorables skipped), groups, pc/ph/sc/ec, states and notes', () => {
    expect(doc.segments.map((s) => [s.externalId, visible(s.source!), visible(s.target), s.state])).toEqual([
      ['u1#s1', 'Press {0}Save{1} now.', 'Appuyez sur {0}Enregistrer{1} maintenant.', 'translated'],
      ['u1#s2', 'Then close it.{0}', 'Puis fermez-le.{0}', 'initial'],
      ['u2', 'Version {0}2.1{1} is out.', 'La version {0}2.1{1} est sortie.', undefined],
    ]);
    expect(doc.segments[0].notes).toEqual(['Heading']);
    expect(doc.segments[2].codes!.map((c) => c.display)).toEqual(['<sc3/>', '</ec3>']);
  });
  it('a reviewed segment gets state="reviewed" on its <segment>', () => {
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: 'u2', target: 'La version \uE0002.1\uE001 est disponible.', changed: true, state: 'reviewed' }]));
    expect(out).toContain('<segment state="reviewed">\n          <source>Version <sc id="3"/>2.1<ec startRef="3"/> is out.</source>\n          <target>La version <sc id="3"/>2.1<ec startRef="3"/> est disponible.</target>');
  });
  it('round-trips', () => checkRoundTrip(xliffAdapter, fixture('xliff2.xlf'), { fileName: 'xliff2.xlf' }));
});

describe('bad XLIFF input, each named with file and line or unit id', () => {
  it('malformed XML: file:line and column', () => {
    expect(fails(unit12('<trans-unit id="1"><source>a</source><target>b</targe></trans-unit>'))).toMatch(/^bad\.xlf:3: malformed XML at column \d+: /);
  });
  it('a unit without a target', () => {
    expect(fails(unit12('<trans-unit id="7"><source>a</source></trans-unit>'))).toBe("bad.xlf:3: unit '7' has no <target>: the file is not translated (Relecture reviews translations)");
  });
  it('duplicate unit ids', () => {
    expect(fails(unit12('<trans-unit id="1"><source>a</source><target>b</target></trans-unit>\n<trans-unit id="1"><source>c</source><target>d</target></trans-unit>'))).toBe("bad.xlf:4: duplicate unit id '1' (first at line 3)");
  });
  it('a target language that is not the one asked', () => {
    expect(fails(unit12('<trans-unit id="1"><source>a</source><target>b</target></trans-unit>').replace('target-language="fr"', 'target-language="de"'))).toMatch(/^bad\.xlf:2: translates en → de, not into fr/);
    expect(fails(unit12('<trans-unit id="1"><source>a</source><target>b</target></trans-unit>'), { sourceLanguage: 'es' })).toBe('bad.xlf:2: has source language en, not es');
  });
  it('not XLIFF, empty, only untranslated units, not UTF-8', () => {
    expect(fails('<tmx version="1.4"/>')).toBe('bad.xlf:1: is not XLIFF: its root element is <tmx>');
    expect(() => xliffAdapter.parse(new Uint8Array(), { fileName: 'bad.xlf' })).toThrow('bad.xlf: is empty');
    expect(fails(unit12('<trans-unit id="1"><source>a</source><target/></trans-unit>'))).toBe('bad.xlf: has no translated unit to review (1 untranslated)');
    expect(() => xliffAdapter.parse(new Uint8Array([0x3c, 0x78, 0xe9, 0x3e]), { fileName: 'bad.xlf' })).toThrow('bad.xlf: is not valid UTF-8 (first bad byte at offset 2)');
  });
});

it('reads and writes back a UTF-16 file with its byte-order mark', () => {
  const text = unit12('<trans-unit id="1"><source>Hello</source><target>Bonjour</target></trans-unit>');
  const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const doc = xliffAdapter.parse(utf16, { fileName: 'u16.xlf' });
  expect(doc.segments[0].target).toBe('Bonjour');
  expect(Buffer.from(xliffAdapter.serialize(doc.skeleton, [])).equals(Buffer.from(utf16))).toBe(true);
  const out = xliffAdapter.serialize(doc.skeleton, [{ externalId: '1', target: 'Salut', changed: true }]);
  expect(Buffer.from(out).subarray(2).toString('utf16le')).toContain('<target state="translated">Salut</target>'.replace(' state="translated"', ''));
});
