import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { tmxAdapter } from '../../src/formats/tmx.ts';
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
    expect(fails(tmx(`${pair}\n<tu tuid="2"><tuv xml:lang="en"><seg>Bye</seg></tuv></tu>`))).toBe("tm.tmx:5: unit '2' has no fr <tuv>");
    expect(fails(tmx(`${pair}\n${pair}`))).toBe("tm.tmx:5: duplicate tuid '1' (first at line 4)");
    expect(fails(tmx(pair.replace('</seg></tuv></tu>', '</tuv></tu>')))).toMatch(/^tm\.tmx:4: malformed XML at column \d+/);
    expect(fails(new TextEncoder().encode('<xliff version="1.2"/>'))).toBe('tm.tmx:1: is not TMX: its root element is <xliff>');
  });
});
