import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { correctedText } from '../../../src/web/review/document-exports.ts';
import { prepareImport } from '../../../src/web/review/import-document.ts';
import { openDatabase } from '../../../src/web/store/open-database.ts';
import { type ReviewStore } from '../../../src/web/store/review-store.ts';
import { openSqliteStore } from '../../../src/web/store/sqlite-store.ts';
import { checker } from '../helpers/test-app.ts';

/** Pieces French MT text is made of, including the awkward ones. */
const piece = fc.oneof(
  fc.constantFrom('Le ministre', ' a déclaré', ' que', ' la réunion', ' était utile', ' M. Dupont', ' 10 000 €', ' « oui »', " l'OTAN", ' qu’il'),
  fc.constantFrom('.', ' !', ' ?', '…', ' ;', ',', ':'),
  fc.constantFrom('\n', '\r\n', '\n\n', '\r\n\r\n', '\n\n\n', '  ', '\t', ' '),
  fc.constantFrom('café'.normalize('NFD'), 'déjà'.normalize('NFD'), 'Noël', 'œuvre', 'ÉTÉ'),
  fc.constantFrom('\u00a0', '\u202f', '\u200b', '\u2060', '\u200d'),
  fc.constantFrom('👏🏽', '👨‍👩‍👧', '🇫🇷', '😀'),
  fc.constantFrom('سلام', 'שלום', '\u200f', '\u202e', '\u202c'),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

/** A text with at least one visible character (what the import accepts). */
const text = fc.array(piece, { minLength: 1, maxLength: 40 }).map((parts) => `Début ${parts.join('')}`);

describe('export of a document with no decisions', () => {
  const store = openSqliteStore(':memory:');
  afterAll(async () => await store.close());

  it('gives back the imported text byte for byte (CRLF, NFD, emoji, blank lines, RTL)', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(text, async (input) => {
        runs++;
        const id = (await store.documents.createDocument(prepareImport(checker(), { title: 't', sourceName: 'pasted text', text: input, corrections: [] })));
        const output = (await correctedText(store, (await store.documents.getDocument(id))!));
        expect(Buffer.from(output, 'utf8').equals(Buffer.from(input, 'utf8'))).toBe(true);
      }),
      { numRuns: 150 },
    );
    console.log(`round trip: ${runs} generated texts exported byte for byte`);
  });
});
