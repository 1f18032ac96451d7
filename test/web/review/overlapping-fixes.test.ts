import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { ReviewService } from '../../../src/web/review/review-service.ts';
import type { FindingRecord, ReviewStore } from '../../../src/web/store/review-store.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import { parseCorrections } from '../../../src/corrections/parse-corrections.ts';
import { checker } from '../helpers/test-app.ts';

const SAMPLE = readFileSync('samples/otan-rutte.mt.fr.txt', 'utf8');
const CORRECTIONS = parseCorrections(readFileSync('samples/otan-rutte.corrections.tsv', 'utf8'), 'otan-rutte.corrections.tsv').corrections;

let store: ReviewStore | undefined;
afterEach(async () => store?.close());

async function fresh() {
  const opened = openSqliteStore(':memory:');
  store = opened;
  const service = new ReviewService(opened, checker(), undefined, 'plain');
  const id = await opened.documents.createDocument(prepareImport(checker(), { title: 's', sourceName: 's.txt', text: SAMPLE, corrections: CORRECTIONS, spaces: 'plain' }));
  return { store: opened, service, id };
}

/** Every open finding's flagged text is where it says, so each of its fixes can still be applied. */
async function allApply(s: ReviewStore, sentenceId: number, text: string): Promise<FindingRecord[]> {
  const findings = (await s.findings.activeFindings([sentenceId])).get(sentenceId)!;
  for (const f of findings) expect(text.slice(f.start, f.start + f.length), `${f.ruleId} « ${f.text} »`).toBe(f.text);
  return findings;
}

// « …de gagner« Routte a déclaré, … »: the guillemet fix (« → ») and the
// reported-speech fix (« Routte a déclaré » → « , a déclaré Routte ») touch, and
// the name fix (Routte → Rutte) sits inside the second.
const RULES = ['typography/guillemets', 'speech/no-inversion-name', 'corrections/editor'];
const ORDERS = [
  [0, 1, 2],
  [1, 0, 2],
  [2, 1, 0],
  [2, 0, 1],
  [1, 2, 0],
  [0, 2, 1],
];

describe('overlapping fixes (issue #13, defect 5)', () => {
  it.each(ORDERS)('every order of accepts reaches the right sentence (%s, %s, %s)', async (...order) => {
    const { store: s, service, id } = await fresh();
    let sentence = (await s.documents.allSentences(id)).find((x) => x.currentText.includes('gagner« Routte a déclaré'))!;
    for (const which of order) {
      const findings = await allApply(s, sentence.id, sentence.currentText);
      const finding = findings.find((f) => f.ruleId === RULES[which] && f.suggestions.length > 0 && (which !== 0 || f.text === '«') && (which !== 2 || f.text === 'Routte'));
      // A fix may already be part of another one taken before (the speech fix carries the name as it is).
      if (!finding) continue;
      sentence = (await service.accept(sentence, finding.id, 0, sentence.version)).sentence;
    }
    // Whatever is still open applies to the text as it is now.
    for (let round = 0; round < 5; round++) {
      const next = (await allApply(s, sentence.id, sentence.currentText)).find((f) => RULES.includes(f.ruleId) && f.suggestions.length > 0 && !f.rejected);
      if (!next) break;
      sentence = (await service.accept(sentence, next.id, 0, sentence.version)).sentence;
    }
    expect(sentence.currentText).toContain('de gagner », a déclaré Rutte, dans sa déclaration initiale.');
  });
});
