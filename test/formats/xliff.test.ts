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

describe('SDLXLIFF after a Trados review: comments, locked segments, structure units', () => {
  const doc = parse('trados-review.sdlxliff');
  it('a reviewer’s comment (header <cmt-def>, marked by <mrk mtype="x-sdl-comment">) is a note of the segment it marks only', () => {
    expect(doc.segments.map((s) => [s.externalId, visible(s.target), s.state, s.notes])).toEqual([
      ['u1#1', '{0}Gras{1} {2}début{3}.', 'Translated', ['Check this']],
      ['u1#2', 'Deuxième {0} un.', 'Draft', undefined],
    ]);
    expect(doc.warnings.map(warningText)).toEqual(["trados-review.sdlxliff:1: unit 'u2#3' has an empty target: left out of the review"]);
  });
  it('round-trips, the comment mark kept around its words', () => {
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: 'u1#1', target: '\uE000Gras\uE001 \uE002commencement\uE003.', changed: true }]));
    expect(out).toContain('<mrk mtype="seg" mid="1"><g id="5">Gras</g> <mrk mtype="x-sdl-comment" sdl:cid="c1">commencement</mrk>.</mrk>');
    checkRoundTrip(xliffAdapter, fixture('trados-review.sdlxliff'), { fileName: 'trados-review.sdlxliff' }, { runs: 20 });
  });
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

describe('Xcode .xliff export (several <file>s, xml:space="preserve", notes, strings added since the last translation)', () => {
  // Read in each test: before the fix the file was refused, which would fail the whole file's collection.
  const doc = () => parse('xcode.xliff');
  it('reads each file’s units, the same key in two files kept apart, spaces kept as written', () => {
    expect(doc().segments.map((s) => [s.externalId, s.source, s.target, s.notes, s.line])).toEqual([
      ['1:forecast.title', 'Forecast', 'Prévisions', ['Title of the forecast screen'], 10],
      ['1:%d days', '%d days  ahead', '%d jours  à l’avance', ['No comment provided by engineer.'], 15],
      ['2:forecast.title', 'Weather & Forecast', 'Météo & prévisions', ['Bundle display name'], 31],
    ]);
  });
  it('a unit without a <target> beside translated ones is left out with a warning (regression: it refused the whole file)', () => {
    expect(doc().warnings.map(warningText)).toEqual(["xcode.xliff:18: unit '1:alerts.new' has no <target>: not translated yet, left out of the review"]);
    // A file where no unit has a target is still refused.
    expect(fails(unit12('<trans-unit id="a"><source>x</source></trans-unit>\n<trans-unit id="b"><source>y</source></trans-unit>'))).toBe("bad.xlf:3: unit 'a' has no <target>: the file is not translated (Relecture reviews translations)");
  });
  it('writes back only the edited target, the untranslated unit as it was', () => {
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc().skeleton, [{ externalId: '2:forecast.title', target: 'Météo et prévisions', changed: true, state: 'reviewed' }]));
    expect(out).toBe(fixture('xcode.xliff').toString('utf8').replace('<target>Météo &amp; prévisions</target>', '<target state="signed-off">Météo et prévisions</target>'));
  });
  it('round-trips', () => checkRoundTrip(xliffAdapter, fixture('xcode.xliff'), { fileName: 'xcode.xliff' }, { runs: 30 }));
});

describe('Angular extract-i18n, XLIFF 1.2 and 2.0', () => {
  it('1.2: <x id="INTERPOLATION" equiv-text>, paired START_/CLOSE_ <x/>, context-groups, description and meaning notes', () => {
    const doc = parse('angular.xlf');
    expect(doc.segments.map((s) => [s.externalId, visible(s.source!), visible(s.target), s.state])).toEqual([
      ['welcome', 'Hello {0}, you have {1}new{2} mail.', 'Bonjour {0}, vous avez du {1}nouveau{2} courrier.', 'translated'],
      ['minutes', '{0}{1}just now{2} {3}one minute ago{4} {5}{6} minutes ago{7}{8}', '{0}{1}à l’instant{2} {3}il y a une minute{4} {5}il y a {6} minutes{7}{8}', 'translated'],
      ['count-only', '{0}', '{0}', 'translated'],
      ['settings', 'Settings', 'Settings', 'new'],
    ]);
    expect(doc.segments[0].notes).toEqual(['Greeting on the inbox page', 'inbox greeting']);
    // The target's <x id="INTERPOLATION"/> without equiv-text is the source's code: one placeholder, its own markup written back.
    const minutes = doc.segments[1].codes!;
    expect(minutes.filter((c) => c.markup.startsWith('<x')).map((c) => [c.placeholder, c.markup])).toEqual([['\uE006', '<x id="INTERPOLATION" equiv-text="{{ minutes }}"/>'], ['\uE006', '<x id="INTERPOLATION"/>']]);
    // Its ICU message is left out of the random edits (words between its cases are not ICU); a real edit of it is tested below.
    checkRoundTrip(xliffAdapter, fixture('angular.xlf'), { fileName: 'angular.xlf' }, { runs: 30, unchanged: ['minutes'] });
  });
  it('an ICU message’s syntax is codes, its cases’ words are text (regression: « plural », « other » were English words to the rules)', () => {
    const doc = parse('angular.xlf');
    expect(doc.segments[1].codes!.filter((c) => !c.markup.startsWith('<x')).map((c) => c.display)).toEqual(['{VAR_PLURAL, plural, ', '=0 {', '}', '=1 {', '}', 'other {', '}', '}']);
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: 'minutes', target: '\uE000\uE001à l’instant\uE002 \uE003il y a une minute\uE004 \uE005il y a \uE006 minutes & plus\uE007\uE008', changed: true }]));
    expect(out).toContain('<target state="translated">{VAR_PLURAL, plural, =0 {à l’instant} =1 {il y a une minute} other {il y a <x id="INTERPOLATION"/> minutes &amp; plus}}</target>');
    // Braces outside an ICU message stay text (Symfony's « {0}Aucun article|… »).
    expect(parse('symfony2.xlf').segments[1].codes).toEqual([]);
  });
  it('the indentation around a target is layout, not text, under default xml:space; an edit keeps it (regression: « \\n      Settings\\n    » was reviewed)', () => {
    const doc = parse('angular.xlf');
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: 'settings', target: 'Paramètres', changed: true }]));
    expect(out).toContain('<target state="new">\n      Paramètres\n    </target>');
    // A target whose only content is a code is reviewed, and written back whole.
    const codeOnly = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: 'count-only', target: '\uE000 éléments', changed: true }]));
    expect(codeOnly).toContain('<target state="translated"><x id="INTERPOLATION"/> éléments</target>');
  });
  it('2.0: <ph equiv disp>, <pc equivStart dispStart>, <notes> with categories', () => {
    const doc = parse('angular2.xlf');
    expect(doc.segments.map((s) => [s.externalId, visible(s.target), s.notes, s.state])).toEqual([
      ['welcome', 'Bonjour {0}, vous avez du {1}nouveau{2} courrier.', ['Greeting on the inbox page', 'src/app/inbox/inbox.component.html:4,6'], 'translated'],
      ['minutes', '{0}{1}à l’instant{2} {3}il y a {4} minutes{5}{6}', ['src/app/inbox/inbox.component.html:9'], undefined],
    ]);
    checkRoundTrip(xliffAdapter, fixture('angular2.xlf'), { fileName: 'angular2.xlf' }, { runs: 30, unchanged: ['minutes'] });
  });
});

describe('Symfony translation XLIFF 2.0', () => {
  it('reads <unit name> with its <segment>, fr-FR target, Symfony plurals as text', () => {
    const doc = parse('symfony2.xlf');
    expect([doc.sourceLanguage, doc.targetLanguage]).toEqual(['en-US', 'fr-FR']);
    expect(doc.segments.map((s) => [s.externalId, s.source, s.target, s.state])).toEqual([
      ['Hc4c5ke', 'cart.empty', 'Votre panier est vide.', undefined],
      ['kP9zq2L', 'cart.items', '{0}Aucun article|{1}Un article|]1,Inf[%count% articles', 'final'],
    ]);
    checkRoundTrip(xliffAdapter, fixture('symfony2.xlf'), { fileName: 'symfony2.xlf' }, { runs: 20 });
  });
});

describe('Phrase (Memsource) .mxliff', () => {
  const doc = parse('phrase.mxliff');
  it('its tags written as text ({1}, {b>…<b}) are inline codes, paired between source and target (regression: « le{b>+44 » reached the rules as text)', () => {
    expect(doc.targetLanguage).toBe('fr_fr');
    expect(doc.segments.map((s) => [s.externalId, visible(s.source!), visible(s.target)])).toEqual([
      ['J4ab:0', 'Our {0}new{1} offices open in May.', 'Nos {0}nouveaux{1} bureaux ouvrent en mai.'],
      ['J4ab:1', 'Call {0}+44 20 7946 0000{1} or write to us.', 'Appelez le{0}+44 20 7946 0000{1} ou écrivez-nous.'],
    ]);
    expect(doc.segments[1].codes!.map((c) => [c.kind, c.display])).toEqual([['open', '{b>'], ['close', '<b}']]);
  });
  it('its state is m:confirmed’s (and m:locked’s), as Phrase keeps it', () => {
    expect(doc.segments.map((s) => s.state)).toEqual(['confirmed (level 1)', 'not confirmed']);
    const locked = fixture('phrase.mxliff').toString('utf8').replace('m:confirmed="1" m:locked="false"', 'm:confirmed="2" m:locked="true"');
    expect(xliffAdapter.parse(bytes(locked), { fileName: 'locked.mxliff' }).segments[0].state).toBe('confirmed (level 2), locked');
  });
  it('an edit writes the tags back as Phrase reads them, the <alt-trans> untouched', () => {
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: 'J4ab:1', target: 'Appelez le \uE000+44 20 7946 0000\uE001 ou écrivez-nous.', changed: true }]));
    expect(out).toContain('<target>Appelez le {b&gt;+44 20 7946 0000&lt;b} ou écrivez-nous.</target>');
    expect(out).toContain('<target>Nos {1}nouveaux{2} bureaux ouvriront en mai.</target>');
  });
  it('round-trips', () => checkRoundTrip(xliffAdapter, fixture('phrase.mxliff'), { fileName: 'phrase.mxliff' }, { runs: 30 }));
});

describe('XLIFF 2.1 with modules (mtc:, fs:, slr:), nested groups, <mrk>, <sm>/<em>, <cp>', () => {
  const doc = parse('xliff21.xlf');
  it('reads the segments; the matches module’s <source>/<target> are not segments; translate="no" units are left out', () => {
    expect(doc.targetLanguage).toBe('fr-CA');
    expect(doc.segments.map((s) => [s.externalId, visible(s.source!), visible(s.target), s.state])).toEqual([
      ['u1#s1', 'The {0}Relecture{1} term {2}is here{3}.', 'Le terme {0}Relecture{1} {2}est ici{3}.', 'translated'],
      ['u1#s2', 'Tab{0}stop.', 'Tabulation{0}arrêt.', undefined],
    ]);
    expect(doc.segments[1].codes!.map((c) => c.markup)).toEqual(['<cp hex="0009"/>']);
  });
  it('round-trips', () => checkRoundTrip(xliffAdapter, fixture('xliff21.xlf'), { fileName: 'xliff21.xlf' }, { runs: 30 }));
  it('version="2.2" reads alike', () => {
    const doc22 = xliffAdapter.parse(bytes(fixture('xliff21.xlf').toString('utf8').replace('version="2.1"', 'version="2.2"')), { fileName: 'xliff22.xlf' });
    expect(doc22.segments.map((s) => [s.externalId, s.target])).toEqual(doc.segments.map((s) => [s.externalId, s.target]));
  });
});

describe('Weblate / translate-toolkit XLIFF 1.2', () => {
  const doc = parse('weblate.xlf');
  it('reads approved units, plural groups, and a needs-translation target that copies the source (reviewed: it ships as is)', () => {
    expect(doc.segments.map((s) => [s.externalId, s.target, s.state])).toEqual([
      ['save_button', 'Enregistrer', 'translated'],
      ['cancel_button', 'Cancel', 'needs-translation'],
      ['files[0]', '%d fichier', 'needs-review-translation'],
      ['files[1]', '%d fichiers', 'needs-review-translation'],
      ['rnd', 'Budget R&D', 'translated'],
    ]);
  });
  it('notes are text, entities decoded (regression: « Keep R&amp;D &lt;as is&gt; » reached the editor)', () => {
    expect(doc.segments[4].notes).toEqual(['Keep R&D <as is>']);
  });
  it('round-trips', () => checkRoundTrip(xliffAdapter, fixture('weblate.xlf'), { fileName: 'weblate.xlf' }, { runs: 20 }));
});

it('a whole target beside a segmented <seg-source> is one segment against the whole <source> (regression: « has no target for segment mid="0" »)', () => {
  const doc = xliffAdapter.parse(bytes(unit12('<trans-unit id="7"><source>One. Two.</source><seg-source><mrk mtype="seg" mid="0">One.</mrk> <mrk mtype="seg" mid="1">Two.</mrk></seg-source><target>Un. Deux.</target></trans-unit>')), { fileName: 'whole.xlf' });
  expect(doc.segments.map((s) => [s.externalId, s.source, s.target])).toEqual([['7', 'One. Two.', 'Un. Deux.']]);
  // A segmented target that lacks one of the source's segments is still refused.
  expect(fails(unit12('<trans-unit id="7"><source>One. Two.</source><seg-source><mrk mtype="seg" mid="0">One.</mrk> <mrk mtype="seg" mid="1">Two.</mrk></seg-source><target><mrk mtype="seg" mid="0">Un.</mrk></target></trans-unit>'))).toBe('bad.xlf:3: unit \'7\' has no target for segment mid="1"');
});

it('a segment with more inline codes than placeholders is refused naming the unit (regression: a bare Error naming neither file nor unit)', () => {
  const many = '<x/>'.repeat(6401);
  expect(fails(unit12(`<trans-unit id="big"><source>a</source><target>${many}</target></trans-unit>`))).toBe("bad.xlf:3: unit 'big' has more than 6400 inline codes in one segment: Relecture cannot protect them all");
});

describe('the bytes and the declaration of real files', () => {
  const one = (declaration: string, target: string, lang = 'fr') => `${declaration}\n<xliff version="1.2"><file source-language="en" target-language="${lang}"><body>\n<trans-unit id="1"><source>Summer</source><target>${target}</target></trans-unit>\n</body></file></xliff>\n`;
  it('a CRLF file: lines counted right, an edited target written with CRLF (regression: its new line ends were LF alone)', () => {
    const text = one('<?xml version="1.0"?>', 'un\r\ndeux').replace(/\n/g, '\r\n').replace('un\r\r\ndeux', 'un\r\ndeux');
    const doc = xliffAdapter.parse(bytes(text), { fileName: 'crlf.xlf' });
    expect([doc.segments[0].target, doc.segments[0].line]).toEqual(['un\ndeux', 3]);
    const out = new TextDecoder().decode(xliffAdapter.serialize(doc.skeleton, [{ externalId: '1', target: 'un\ndeux\ntrois', changed: true }]));
    expect(out).toBe(text.replace('<target>un\r\ndeux</target>', '<target>un\r\ndeux\r\ntrois</target>'));
  });
  it('UTF-16 BE and UTF-8 with their byte-order marks, written back byte for byte', () => {
    const text = one('<?xml version="1.0" encoding="UTF-16"?>', 'Été');
    const be = Buffer.from(`\uFEFF${text}`, 'utf16le').swap16();
    const doc = xliffAdapter.parse(new Uint8Array(be), { fileName: 'be.xlf' });
    expect(doc.segments[0].target).toBe('Été');
    expect(Buffer.from(xliffAdapter.serialize(doc.skeleton, [])).equals(be)).toBe(true);
    const edited = Buffer.from(xliffAdapter.serialize(doc.skeleton, [{ externalId: '1', target: 'L’été', changed: true }]));
    expect(Buffer.from(edited).swap16().toString('utf16le')).toBe(`\uFEFF${text.replace('Été', 'L’été')}`);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(one('<?xml version="1.0" encoding="utf-8"?>', 'Été'))]);
    const utf8 = xliffAdapter.parse(new Uint8Array(bom), { fileName: 'bom.xlf' });
    expect(Buffer.from(xliffAdapter.serialize(utf8.skeleton, [])).equals(bom)).toBe(true);
  });
  it('encoding="ISO-8859-1" is read and written back in it, a character it lacks as a reference (regression: « is not valid UTF-8 »)', () => {
    const latin1 = Buffer.from(one('<?xml version="1.0" encoding="ISO-8859-1"?>', 'Été'), 'latin1');
    const doc = xliffAdapter.parse(new Uint8Array(latin1), { fileName: 'latin1.xlf' });
    expect(doc.segments[0].target).toBe('Été');
    expect(Buffer.from(xliffAdapter.serialize(doc.skeleton, [])).equals(latin1)).toBe(true);
    const out = Buffer.from(xliffAdapter.serialize(doc.skeleton, [{ externalId: '1', target: 'Œuvre d’été', changed: true }]));
    expect(out.toString('latin1')).toContain('<target>&#x152;uvre d&#x2019;été</target>');
    expect(xliffAdapter.parse(new Uint8Array(out), { fileName: 'out.xlf' }).segments[0].target).toBe('Œuvre d’été');
    // windows-1252 has « œ » and « ’ » as bytes of its own.
    const cp1252 = Buffer.from(one('<?xml version="1.0" encoding="windows-1252"?>', '\x9cuvre'), 'latin1');
    expect(xliffAdapter.parse(new Uint8Array(cp1252), { fileName: 'cp.xlf' }).segments[0].target).toBe('œuvre');
    // US-ASCII: every character past it written as a reference.
    const ascii = xliffAdapter.parse(bytes(one('<?xml version="1.0" encoding="US-ASCII"?>', '&#xC9;t&#xE9;')), { fileName: 'ascii.xlf' });
    expect(Buffer.from(xliffAdapter.serialize(ascii.skeleton, [{ externalId: '1', target: 'L’été', changed: true }])).toString('latin1')).toContain('<target>L&#x2019;&#xE9;t&#xE9;</target>');
    expect(fails(one('<?xml version="1.0" encoding="Shift_JIS"?>', 'x'))).toBe('bad.xlf:1: declares encoding Shift_JIS; save it as UTF-8');
  });
  it('a <!DOCTYPE> with an internal subset: its text entities are read (regression: « an entity XML does not define »)', () => {
    const text = `<?xml version="1.0"?>\n<!DOCTYPE xliff [\n  <!ENTITY brand "Relecture">\n  <!ENTITY eacute "&#233;">\n  <!ENTITY % unused "x">\n]>\n<xliff version="1.2"><file source-language="en" target-language="fr"><body>\n<trans-unit id="1"><source>&brand; summer</source><target>L&eacute;t&eacute; de &brand;</target></trans-unit>\n</body></file></xliff>\n`;
    const doc = xliffAdapter.parse(bytes(text), { fileName: 'dtd.xlf' });
    expect([doc.segments[0].source, doc.segments[0].target]).toEqual(['Relecture summer', 'Lété de Relecture']);
    expect(Buffer.from(xliffAdapter.serialize(doc.skeleton, [])).toString()).toBe(text);
    expect(fails(text.replace('"Relecture"', 'SYSTEM "brand.txt"'))).toBe('bad.xlf:2: declares the entity &brand; as an outside file (SYSTEM): Relecture reads no external entity; write its text in the file');
    expect(fails(text.replace('"Relecture"', '"<b>Relecture</b>"'))).toBe('bad.xlf:2: declares the entity &brand; with markup or another entity in its value: Relecture reads only entities whose value is plain text');
  });
  it('several <file>s: the same languages pass, different ones are refused at the second file’s line', () => {
    const two = (lang: string) => `<xliff version="1.2"><file source-language="en" target-language="fr"><body>\n<trans-unit id="1"><source>a</source><target>b</target></trans-unit>\n</body></file>\n<file source-language="${lang}" target-language="fr-FR"><body>\n<trans-unit id="1"><source>c</source><target>d</target></trans-unit>\n</body></file></xliff>`;
    expect(xliffAdapter.parse(bytes(two('EN')), { fileName: 'two.xlf' }).segments.map((s) => s.externalId)).toEqual(['1:1', '2:1']);
    expect(fails(two('de'))).toBe('bad.xlf:4: mixes source languages en and de');
  });
  it('target languages as files write them: fr-FR, fr_FR, FR, fra, fre', () => {
    for (const tag of ['fr-FR', 'fr_FR', 'FR', 'fra', 'fre']) {
      expect(xliffAdapter.parse(bytes(one('<?xml version="1.0"?>', 'Été', tag)), { fileName: 'l.xlf' }).targetLanguage, tag).toBe(tag);
    }
  });
});
