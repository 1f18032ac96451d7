import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Checker } from '../checker.ts';
import { parseCorrections } from '../corrections/parse-corrections.ts';
import { bilingualTextAdapter } from '../formats/bilingual-text.ts';
import { decodeInput } from '../text/decode-input.ts';
import { prepareImport } from './review/import-document.ts';
import type { ReviewStore } from './store/review-store.ts';

const SAMPLE = fileURLToPath(new URL('../../samples/otan-rutte.mt.fr.txt', import.meta.url));
const SAMPLE_CORRECTIONS = fileURLToPath(new URL('../../samples/otan-rutte.corrections.tsv', import.meta.url));
const SAMPLE_SOURCE = fileURLToPath(new URL('../../samples/otan-rutte.src.es.txt', import.meta.url));

/** On a first start, the sample article, so a newcomer lands on a real review. */
export async function seedSampleIfEmpty(store: ReviewStore, checker: Checker, options: { grammar?: boolean; withSource?: boolean } = {}): Promise<number | undefined> {
  if ((await store.documents.countDocuments()) > 0) return undefined;
  const bytes = readFileSync(SAMPLE);
  const text = decodeInput(bytes, { file: 'otan-rutte.mt.fr.txt' });
  const corrections = parseCorrections(readFileSync(SAMPLE_CORRECTIONS, 'utf8'), 'otan-rutte.corrections.tsv').corrections;
  // npm start imports it as a bilingual document: the Spanish source beside the MT.
  const document = options.withSource
    ? bilingualTextAdapter.parse(bytes, { fileName: 'otan-rutte.mt.fr.txt', sourceBytes: readFileSync(SAMPLE_SOURCE), sourceFileName: 'otan-rutte.src.es.txt', sourceLanguage: 'es', targetLanguage: 'fr' })
    : undefined;
  const prepared = prepareImport(checker, { title: 'OTAN : Rutte après l’appel Trump–Poutine (exemple)', sourceName: options.withSource ? 'otan-rutte.mt.fr.txt + otan-rutte.src.es.txt' : 'otan-rutte.mt.fr.txt', ...(document ? { document } : { text }), corrections });
  return store.documents.createDocument({ ...prepared, grammar: options.grammar });
}
