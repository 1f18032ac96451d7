import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCorrections } from '../../../src/corrections/parse-corrections.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { correctedText } from '../../../src/web/review/document-exports.ts';
import { ReviewService } from '../../../src/web/review/review-service.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import { splitSentences } from '../../../src/text/segment.ts';
import { checker } from '../helpers/test-app.ts';

const SAMPLE = readFileSync('samples/otan-rutte.mt.fr.txt', 'utf8');
const CORRECTIONS = parseCorrections(readFileSync('samples/otan-rutte.corrections.tsv', 'utf8'), 'otan-rutte.corrections.tsv').corrections;

/** Words an edit may put in place of another: names the rules care about, plain words, a repeated one. */
const WORDS = ['Routte', 'Rutte', 'Ukraine', 'alliés', 'très', 'le', 'paix', 'Zelenski', '«', '»'];

type Step = { kind: 'accept'; sentence: number; finding: number; suggestion: number } | { kind: 'edit'; sentence: number; word: number; replacement: number | null } | { kind: 'undo'; sentence: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('accept' as const), sentence: fc.nat(), finding: fc.nat(), suggestion: fc.nat({ max: 2 }) }),
  fc.record({ kind: fc.constant('edit' as const), sentence: fc.nat(), word: fc.nat(), replacement: fc.option(fc.nat({ max: WORDS.length - 1 }), { nil: null }) }),
  fc.record({ kind: fc.constant('undo' as const), sentence: fc.nat() }),
);

/** A finding as compared: what a fresh check says of the sentence. */
const key = (f: { ruleId: string; start: number; length: number; text: string; suggestions: string[] }) => `${f.ruleId} ${f.start}+${f.length} «${f.text}» → ${JSON.stringify(f.suggestions)}`;

/**
 * Issue #13, defect 2: re-checking one sentence alone lost findings that span
 * sentences (a « opened in one and closed in the next), made up others (« never
 * closed ») and undo did not bring them back. Whatever the editor does, the
 * findings of every sentence must be what a fresh import of the current text says.
 */
describe('findings after any sequence of accepts, edits and undos (issue #13, defect 2)', () => {
  it('equal a fresh check of the whole current text, sentence by sentence', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        const store = openSqliteStore(':memory:');
        try {
          const service = new ReviewService(store, checker());
          const id = await store.documents.createDocument(prepareImport(checker(), { title: 's', sourceName: 's.txt', text: SAMPLE, corrections: CORRECTIONS }));
          const count = (await store.documents.allSentences(id)).length;
          for (const s of steps) {
            const sentence = (await store.documents.getSentence(id, s.sentence % count))!;
            if (s.kind === 'accept') {
              const open = (await store.findings.activeFindings([sentence.id])).get(sentence.id)!.filter((f) => f.suggestions.length > 0 && !f.rejected);
              if (open.length === 0) continue;
              const finding = open[s.finding % open.length];
              await service.accept(sentence, finding.id, s.suggestion % finding.suggestions.length, sentence.version);
            } else if (s.kind === 'edit') {
              // A lower-case word replaced or removed, never the first: a lower-case start
              // would join the sentence to the one before, and it must stay one sentence.
              const words = [...sentence.currentText.matchAll(/[\p{L}’']+|[«»]/gu)].slice(1).filter((m) => !/^\p{Lu}/u.test(m[0]));
              if (words.length < 2) continue;
              const word = words[s.word % words.length];
              const replacement = s.replacement === null ? '' : WORDS[s.replacement];
              const text = sentence.currentText.slice(0, word.index) + replacement + sentence.currentText.slice(word.index! + word[0].length);
              if (text.replace(/\s+/g, ' ').trim() === '') continue;
              // A capitalised word after a full stop (« dépendent. Rutte ») starts a sentence: the fresh import would cut there.
              if (splitSentences(text, 0, text.length).length !== 1) continue;
              await service.edit(sentence, text, sentence.version);
            } else if ((await store.decisions.undoable([sentence.id])).has(sentence.id)) {
              await service.undo(sentence, sentence.version);
            }
          }
          // What the changes left for after their answers (linked neighbours, the ripple) is done first.
          await service.settled();
          const current = await correctedText(store, (await store.documents.getDocument(id))!);
          const fresh = prepareImport(checker(), { title: 'f', sourceName: 'f.txt', text: current, corrections: CORRECTIONS });
          const freshSentences = fresh.segments.flatMap((segment) => segment.sentences);
          const sentences = await store.documents.allSentences(id);
          // The edits keep sentences whole, so the fresh import cuts the text the same way.
          expect(freshSentences.map((s) => s.text)).toEqual(sentences.map((s) => s.currentText));
          for (const [i, sentence] of sentences.entries()) {
            const stored = (await store.findings.activeFindingsFrom(sentence.id, 'relecture')).map(key).sort();
            const expected = freshSentences[i].findings.map(key).sort();
            expect(stored, `sentence ${i + 1}: ${sentence.currentText}`).toEqual(expected);
          }
        } finally {
          await store.close();
        }
      }),
      // Bounded: each run imports the sample and checks it twice; FC_SEED=… and
      // FC_RUNS=… try other and more sequences (FC_SEED=2 found the document-wide
      // verdicts below, before they were re-checked where they flip).
      { numRuns: Number(process.env.FC_RUNS ?? 25), seed: Number(process.env.FC_SEED ?? 1313), endOnFailure: true },
    );
  });
});
