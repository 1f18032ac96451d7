import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { xliffAdapter } from '../src/formats/xliff.ts';
import { cli, writeIn } from './helpers/cli.ts';

const root = new URL('..', import.meta.url).pathname;
const sample = join(root, 'samples/otan-rutte.mt.fr.txt');
const source = join(root, 'samples/otan-rutte.src.es.txt');
const fixtures = join(root, 'test/formats/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'relecture-bilingual-'));
const file = (name: string, content: string | Buffer) => writeIn(dir, name, content);

const FIELDS = ['ruleId', 'category', 'severity', 'message', 'line', 'column', 'offset', 'length', 'text', 'suggestions', 'sentence'];

describe('relecture check MT --source SRC', () => {
  it('keeps every field and offset rule of the JSON contract, and adds the source sentence and segment', async () => {
    const { code, stdout } = await cli('check', sample, '--source', source, '--format', 'json');
    expect(code).toBe(1);
    const output = JSON.parse(stdout);
    expect(output).toMatchObject({ file: sample, source, format: 'bilingual-text' });
    const text = readFileSync(sample, 'utf8');
    const sourceText = readFileSync(source, 'utf8');
    for (const finding of output.findings) {
      expect(Object.keys(finding).slice(0, FIELDS.length)).toEqual(FIELDS);
      expect(text.slice(finding.offset, finding.offset + finding.length)).toBe(finding.text);
      if (finding.sourceSentence !== undefined) expect(sourceText).toContain(finding.sourceSentence);
    }
    // The source makes the name certain: Routte where the source says Rutte.
    const routte = output.findings.filter((f: { ruleId: string; text: string }) => f.ruleId === 'source/name-spelling' && f.text === 'Routte');
    expect(routte.length).toBeGreaterThanOrEqual(4);
    expect(routte[0].suggestions).toEqual(['Rutte']);
    expect(routte[0].sourceSentence).toMatch(/Rutte/);
    expect(routte[0].segment).toMatch(/^\d+(\.\d+)?$/);
  });

  it('the monolingual rules keep running: without --source the source rules say nothing', async () => {
    const withSource = JSON.parse((await cli('check', sample, '--source', source, '--format', 'json')).stdout);
    const without = JSON.parse((await cli('check', sample, '--format', 'json')).stdout);
    const monolingual = withSource.findings.filter((f: { ruleId: string }) => !f.ruleId.startsWith('source/') && !f.ruleId.startsWith('terminology/'));
    expect(monolingual.map((f: { offset: number; ruleId: string }) => `${f.offset} ${f.ruleId}`)).toEqual(without.findings.map((f: { offset: number; ruleId: string }) => `${f.offset} ${f.ruleId}`));
    expect(without.findings.some((f: { ruleId: string }) => f.ruleId.startsWith('source/'))).toBe(false);
  });

  it('misaligned files are an input error naming both files', async () => {
    const shorter = file('short.es.txt', 'Una línea.\n');
    const { code, stderr } = await cli('check', sample, '--source', shorter);
    expect(code).toBe(2);
    expect(stderr).toBe(`relecture: ${sample}: has 14 lines and its source ${shorter} has 1: the two files must be line-aligned (one paragraph a line)\n`);
  });
});

describe('relecture check FILE.xlf / FILE.tmx', () => {
  it('reads an XLIFF, finds what the source shows, and says where in the file terms (segment, line of the target, offset into it)', async () => {
    const xlf = join(fixtures, 'okapi.xlf');
    const { code, stdout } = await cli('check', xlf, '--format', 'json');
    expect(code).toBe(1);
    const output = JSON.parse(stdout);
    expect(output).toMatchObject({ format: 'xliff', sourceLanguage: 'es', targetLanguage: 'fr', segments: 4 });
    const doc = xliffAdapter.parse(readFileSync(xlf), { fileName: xlf });
    const targets = new Map(doc.segments.map((s) => [s.externalId, s]));
    for (const finding of output.findings) {
      const segment = targets.get(finding.segment)!;
      expect(segment.target.slice(finding.offset, finding.offset + finding.length)).toBe(finding.text);
      expect(finding.line).toBe(segment.line);
      expect(finding.sourceSentence).toBe(segment.source);
    }
    const lines = output.findings.map((f: { segment: string; ruleId: string; text: string }) => `${f.segment} ${f.ruleId} ${f.text}`);
    expect(lines).toContain('tu2#1 source/name-spelling Routte');
    // « 50.000 millions » has the source's value (a calque, for the calque rule), so no number changed.
    expect(lines).toContain('tu2#0 calque/es/milliers-de-millions 50.000 millions');
    expect(lines.some((l: string) => l.includes('source/number-changed'))).toBe(false);
  });

  it('prints file:line:column in text format: the line of the target in the file, the column in the target text', async () => {
    const { stdout } = await cli('check', join(fixtures, 'okapi.xlf'));
    expect(stdout).toContain(`${join(fixtures, 'okapi.xlf')}:14:1 major « Routte » : la source écrit « Rutte ». → «Rutte» [source/name-spelling]`);
  });

  it('reads a TMX written French → English with English as the source', async () => {
    const { stdout, code } = await cli('check', join(fixtures, 'fr-en.tmx'), '--source-lang', 'en', '--target-lang', 'fr', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ format: 'tmx', sourceLanguage: 'EN', targetLanguage: 'FR', segments: 2 });
  });

  it('bad bilingual input: an error on one line naming the file and the unit or language', async () => {
    const missing = file('missing.xlf', '<xliff version="1.2"><file source-language="en" target-language="fr"><body>\n<trans-unit id="a"><source>Hi</source></trans-unit>\n</body></file></xliff>');
    expect(await cli('check', missing)).toMatchObject({ code: 2, stderr: `relecture: ${missing}:2: unit 'a' has no <target>: the file is not translated (Relecture reviews translations)\n` });
    expect(await cli('check', join(fixtures, 'fr-en.tmx'), '--source-lang', 'de')).toMatchObject({ code: 2, stderr: `relecture: ${join(fixtures, 'fr-en.tmx')}: has no de text (its languages: FR, EN)\n` });
    expect((await cli('check', join(fixtures, 'okapi.xlf'), '--source', source)).stderr).toMatch(/carries its own source: --source is for a plain MT text/);
  });

  it('warns on stderr about units left out of the review (empty targets)', async () => {
    const { stderr } = await cli('check', join(fixtures, 'matecat.xlf'));
    expect(stderr).toMatch(/^relecture: warning: \S*matecat\.xlf:18: unit '3' has an empty target: left out of the review$/m);
  });

  it('files other tools write: Xcode’s untranslated key is a warning, Angular’s ICU syntax raises nothing, Trados’ UTF-16 TMX reads (issue: real files)', async () => {
    const xcode = await cli('check', join(fixtures, 'xcode.xliff'), '--format', 'json', '--engine', 'none');
    expect(JSON.parse(xcode.stdout)).toMatchObject({ format: 'xliff', segments: 3 });
    expect(xcode.stderr).toMatch(/^relecture: warning: \S*xcode\.xliff:18: unit '1:alerts\.new' has no <target>: not translated yet, left out of the review$/m);
    const angular = JSON.parse((await cli('check', join(fixtures, 'angular.xlf'), '--format', 'json', '--engine', 'none')).stdout);
    // Before, « other » was an English word left untranslated, twice (source/untranslated-word, untranslated/foreign-word).
    expect(angular.findings.filter((f: { segment: string; text: string }) => f.segment === 'minutes' && /other|plural|VAR/.test(f.text))).toEqual([]);
    const tmx = await cli('check', join(fixtures, 'trados-utf16.tmx'), '--format', 'json', '--engine', 'none');
    expect(JSON.parse(tmx.stdout)).toMatchObject({ format: 'tmx', sourceLanguage: 'en-GB', targetLanguage: 'fr-FR', segments: 2 });
  });

  it('a termbase (CSV) and a do-not-translate list join the shipped terms', async () => {
    const xlf = file('t.xlf', '<xliff version="1.2"><file source-language="en" target-language="fr"><body>\n<trans-unit id="1"><source>The wind farm uses Acme turbines.</source><target>Le parc de vent utilise des turbines Acmé.</target></trans-unit>\n</body></file></xliff>');
    const termbase = file('terms.csv', 'source,target,forbidden\nwind farm,parc éolien,parc de vent\n');
    const dnt = file('dnt.txt', '# brands\nAcme\n');
    const output = JSON.parse((await cli('check', xlf, '--termbase', termbase, '--do-not-translate', dnt, '--format', 'json')).stdout);
    const found = output.findings.map((f: { ruleId: string; text: string; suggestions: string[] }) => `${f.ruleId} ${f.text} → ${f.suggestions[0] ?? ''}`);
    expect(found).toContain('terminology/termbase parc de vent → parc éolien');
    expect(found).toContain('terminology/do-not-translate Acmé → Acme');
  });
});

describe('relecture apply on bilingual files', () => {
  it('writes an XLIFF back with the corrected targets, everything else byte for byte', async () => {
    const corrections = file('c.tsv', 'Routte\tRutte\n');
    const out = join(dir, 'out.xlf');
    const { code, stderr } = await cli('apply', join(fixtures, 'okapi.xlf'), '--corrections', corrections, '-o', out);
    expect(code).toBe(0);
    expect(stderr).toBe(`relecture: 1 correction applied in 1 segment, written to ${out}\n`);
    const original = readFileSync(join(fixtures, 'okapi.xlf'), 'utf8');
    expect(readFileSync(out, 'utf8')).toBe(original.replace("Routte l&apos;a dit", "Rutte l'a dit"));
  });
});
