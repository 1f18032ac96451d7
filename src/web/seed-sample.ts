import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Checker } from '../checker.ts';
import { parseCorrections } from '../corrections/parse-corrections.ts';
import { decodeInput } from '../text/decode-input.ts';
import { prepareImport } from './review/import-document.ts';
import type { ReviewStore } from './store/review-store.ts';

const SAMPLE = fileURLToPath(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url));
const SAMPLE_CORRECTIONS = fileURLToPath(new URL('../../samples/otan-rutte.corrections.tsv', import.meta.url));

/** On a first start, the sample article, so a newcomer lands on a real review. */
export async function seedSampleIfEmpty(store: ReviewStore, checker: Checker, options: { grammar?: boolean } = {}): Promise<number | undefined> {
  if ((await store.documents.countDocuments()) > 0) return undefined;
  const text = decodeInput(readFileSync(SAMPLE), { file: 'otan-rutte.mt.fr.txt' });
  const corrections = parseCorrections(readFileSync(SAMPLE_CORRECTIONS, 'utf8'), 'otan-rutte.corrections.tsv').corrections;
  const prepared = prepareImport(checker, { title: 'OTAN : Rutte après l’appel Trump–Poutine (sample)', sourceName: 'otan-rutte.mt.fr.txt', text, corrections });
  return store.documents.createDocument({ ...prepared, grammar: options.grammar });
}
