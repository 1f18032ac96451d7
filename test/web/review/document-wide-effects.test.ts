import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCorrections } from '../../../src/corrections/parse-corrections.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { correctedText } from '../../../src/web/review/document-exports.ts';
import { ReviewService } from '../../../src/web/review/review-service.ts';
import { affectedWords } from '../../../src/web/review/document-wide-effects.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import type { Correction } from '../../../src/types.ts';
import { checker } from '../helpers/test-app.ts';

const SAMPLE = readFileSync('samples/otan-rutte.mt.fr.txt', 'utf8');
const CORRECTIONS = parseCorrections(readFileSync('samples/otan-rutte.corrections.tsv', 'utf8'), 'otan-rutte.corrections.tsv').corrections;

const key = (f: { ruleId: string; start: number; length: number; text: string; suggestions: string[] }) => `${f.ruleId} ${f.start}+${f.length} «${f.text}» → ${JSON.stringify(f.suggestions)}`;

/** Imports `text`, edits sentence after sentence, and returns the stored findings beside those of a fresh import of the result. */
async function afterEdits(text: string, corrections: Correction[], edits: Array<[sentence: number, from: string, to: string]>, propagation?: { from: string; to: string; sentences: number[] }) {
  const store = openSqliteStore(':memory:');
  try {
    const service = new ReviewService(store, checker());
    const id = await store.documents.createDocument(prepareImport(checker(), { title: 't', sourceName: 't.txt', text, corrections }));
    for (const [idx, from, to] of edits) {
      const sentence = (await store.documents.getSentence(id, idx))!;
      expect(sentence.currentText).toContain(from);
      await service.edit(sentence, sentence.currentText.replace(from, to), sentence.version);
    }
    if (propagation) await service.propagate(id, propagation.from, propagation.to, propagation.sentences, false);
    // What the edits left for after their answers (the sentences elsewhere they move) is done first.
    await service.settled();
    const fresh = prepareImport(checker(), { title: 'f', sourceName: 'f.txt', text: await correctedText(store, (await store.documents.getDocument(id))!), corrections });
    const expected = fresh.segments.flatMap((segment) => segment.sentences.map((s) => s.findings.map(key).sort()));
    const stored = [];
    for (const sentence of await store.documents.allSentences(id)) stored.push((await store.findings.activeFindingsFrom(sentence.id, 'relecture')).map(key).sort());
    return { stored, expected };
  } finally {
    await store.close();
  }
}

/**
 * Issue #13, defect 2 (FC_SEED=2 of recheck.property.test.ts): some verdicts are
 * the whole document's, and a change re-checked only its own paragraph.
 */
describe('an edit re-checks the sentences elsewhere whose document-wide verdicts it moves (issue #13, defect 2)', () => {
  it('a variant of a name typed before its first use makes the later form the variant', async () => {
    // « Zelensky » in the first sentence, « Zelenski » further down: the form met first is the reference.
    const { stored, expected } = await afterEdits(SAMPLE, CORRECTIONS, [[0, 'il ne peut', 'il Zelensky peut']]);
    expect(expected.flat().filter((k) => k.startsWith('names/variants') && k.includes('Zelensk'))).toEqual([expect.stringMatching(/«Zelenski» → \["Zelensky"\]$/)]);
    expect(stored).toEqual(expected);
  });

  it('a capitalised word seen twice is a name: the edit that adds the second use clears the first one’s finding', async () => {
    const text = 'Le Blorvax est arrivé hier.\nLe ministre parle.\n';
    const before = await afterEdits(text, [], []);
    expect(before.stored[0].some((k) => k.includes('«Blorvax»'))).toBe(true);
    const { stored, expected } = await afterEdits(text, [], [[1, 'Le ministre', 'Le Blorvax']]);
    expect(expected[0].some((k) => k.includes('«Blorvax»'))).toBe(false);
    expect(stored).toEqual(expected);
  });

  it('a quotation that runs on into the next paragraph is checked with it', async () => {
    // The » that opens the second paragraph's quotation part closes a « typed into the first.
    const text = 'Il a dit que la paix viendra.\nNégocier de » faiblesse, jamais.\n';
    const before = await afterEdits(text, [], []);
    expect(before.stored[1].some((k) => k.startsWith('typography/guillemets'))).toBe(true);
    const { stored, expected } = await afterEdits(text, [], [[0, 'que la', 'que « la']]);
    expect(expected.flat().filter((k) => k.startsWith('typography/guillemets'))).toEqual([]);
    expect(stored).toEqual(expected);
  });

  it('a propagation re-checks, once done, what its words decide in the sentences it left alone', async () => {
    // Three « Brakmor » against one « Brakmar »: Brakmar is the variant; once two Brakmor become Brakmar, Brakmor is.
    const text = 'Brakmor parle.\nBrakmor répond.\nBrakmor insiste.\nBrakmar conclut.\n';
    const before = await afterEdits(text, [], []);
    expect(before.stored[3]).toEqual([expect.stringMatching(/^names\/variants .*«Brakmar» → \["Brakmor"\]$/)]);
    const { stored, expected } = await afterEdits(text, [], [], { from: 'Brakmor', to: 'Brakmar', sentences: [0, 1] });
    expect(expected[2]).toEqual([expect.stringMatching(/«Brakmor» → \["Brakmar"\]$/)]);
    expect(stored).toEqual(expected);
  });
});

describe('which words an edit affects elsewhere: only where a verdict can flip (the ripple stays small)', () => {
  const index = (counts: Record<string, number>) => ({ wordCounts: new Map(Object.entries(counts)), firstSeen: new Map(Object.keys(counts).map((w, i) => [w, i])) });
  const words = (changes: Array<[string, number, number]>, counts: Record<string, number>, nameMinLength: number | 'none' = 4) =>
    affectedWords(changes.map(([word, countBefore, countAfter]) => ({ word, countBefore, countAfter })), index(counts), new Set(), nameMinLength === 'none' ? undefined : nameMinLength).map((w) => w.needle);

  it('a lower-case word only when its count crosses a threshold the rules compare with (2, 3)', () => {
    expect(words([['feedback', 3, 2]], { feedback: 2 })).toEqual(['feedback']);
    expect(words([['feedback', 2, 1]], { feedback: 1 })).toEqual(['feedback']);
    // 5 → 4 and 4 → 3 … 4 → 3 crosses nothing below 3 but 3 itself: 4 ≥ 3 and 3 ≥ 3 both hold.
    expect(words([['feedback', 5, 4]], { feedback: 4 })).toEqual([]);
    expect(words([['feedback', 4, 3]], { feedback: 3 })).toEqual([]);
    // Gone from the document: no sentence left to re-check.
    expect(words([['feedback', 1, 0]], {})).toEqual([]);
  });

  it('sentence-start words the name-variants rule never compares (Le, La, Ce) bring no family along', () => {
    expect(words([['Le', 9, 8]], { Le: 8, La: 7, Ce: 5 })).toEqual([]);
    // A name of the rule's length does: Routte and Rutte are one family.
    expect(words([['Routte', 5, 4]], { Routte: 4, Rutte: 3 }).sort()).toEqual(['Routte', 'Rutte']);
    // With no name-variants rule running, no family at all.
    expect(words([['Routte', 5, 4]], { Routte: 4, Rutte: 3 }, 'none')).toEqual([]);
  });

  it('a name whose bare and elided forms together cross a threshold (the name model adds them)', () => {
    // l'Èbre once, Èbre from 0 to 1: each form is alone, but the name now recurs (1 + 1).
    expect(words([['Èbre', 0, 1]], { Èbre: 1, 'l’Èbre': 1 })).toEqual(['Èbre']);
    expect(words([['l’Èbre', 0, 1]], { Èbre: 1, 'l’Èbre': 1 })).toEqual(['l’Èbre']);
    // Without the other form, 0 → 1 flips nothing.
    expect(words([['Èbre', 0, 1]], { Èbre: 1 })).toEqual([]);
  });
});
