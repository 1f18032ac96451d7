import { getFormat } from '../../formats/index.ts';
import type { DocumentRecord, ReviewStore } from '../store/review-store.ts';
import { baseName, bilingualCsv, documentBytes, correctionsTsv, reportCsv, reportJson, reviewedTmx, unifiedDiff } from '../review/document-exports.ts';

/**
 * Every download of a document, in one place, behind one route
 * (`GET /documents/:id/export/:id`, src/web/routes/exports.ts) and one list of
 * links on the review page. A new export is one entry here.
 */
export interface DocumentExport {
  /** In the URL: `/documents/1/export/<id>`. */
  id: string;
  /** The link's text on the review page. */
  label: string;
  contentType: string;
  /** The download's file name, from the document's base name (its title as a slug). */
  fileName(base: string, document: DocumentRecord): string;
  render(store: ReviewStore, document: DocumentRecord): Promise<string | Uint8Array>;
  /** Offered for this document (an XLIFF export only for XLIFF documents…); all documents when absent. */
  appliesTo?(document: DocumentRecord): boolean;
}

const EXPORTS: DocumentExport[] = [];

export function registerExport(entry: DocumentExport): void {
  if (EXPORTS.some((e) => e.id === entry.id)) throw new Error(`export '${entry.id}' is registered twice`);
  EXPORTS.push(entry);
}

registerExport({
  id: 'text',
  label: 'Corrected text (.txt)',
  contentType: 'text/plain; charset=utf-8',
  fileName: (base) => `${base}.corrected.txt`,
  render: (store, document) => documentBytes(store, document),
  appliesTo: (document) => document.format === 'text',
});
// The same for every other format: the file back in its own format, targets replaced.
registerExport({
  id: 'document',
  label: 'Corrected file',
  contentType: 'application/octet-stream',
  // Two plain texts come back as the MT text (its format reads no file ending of its own).
  fileName: (base, document) => `${base}.corrected.${getFormat(document.format).extensions[0] ?? (document.format === 'bilingual-text' ? 'txt' : document.format)}`,
  render: (store, document) => documentBytes(store, document),
  appliesTo: (document) => document.format !== 'text',
});
// Bilingual documents (a source beside each segment): the pairs as a table and as a translation memory.
const isBilingual = (document: DocumentRecord) => document.format !== 'text';
registerExport({
  id: 'bilingual.csv',
  label: 'Source and target (.csv)',
  contentType: 'text/csv; charset=utf-8',
  fileName: (base) => `${base}.bilingual.csv`,
  render: bilingualCsv,
  appliesTo: isBilingual,
});
registerExport({
  id: 'tmx',
  label: 'Reviewed pairs (.tmx)',
  contentType: 'application/x-tmx+xml; charset=utf-8',
  fileName: (base) => `${base}.reviewed.tmx`,
  render: reviewedTmx,
  appliesTo: isBilingual,
});
registerExport({
  id: 'patch',
  label: 'Changes (.patch)',
  contentType: 'text/x-diff; charset=utf-8',
  fileName: (base) => `${base}.patch`,
  render: unifiedDiff,
});
registerExport({
  id: 'report.json',
  label: 'Report (JSON)',
  contentType: 'application/json; charset=utf-8',
  fileName: (base) => `${base}.report.json`,
  render: reportJson,
});
registerExport({
  id: 'report.csv',
  label: 'Report (CSV)',
  contentType: 'text/csv; charset=utf-8',
  fileName: (base) => `${base}.report.csv`,
  render: reportCsv,
});
registerExport({
  id: 'corrections.tsv',
  label: 'Corrections (.tsv)',
  contentType: 'text/tab-separated-values; charset=utf-8',
  fileName: (base) => `${base}.corrections.tsv`,
  render: (store, document) => correctionsTsv(store, document.id),
});

/** The exports offered for a document, in the order of the links. */
export function exportsFor(document: DocumentRecord): DocumentExport[] {
  return EXPORTS.filter((entry) => entry.appliesTo?.(document) ?? true);
}

/** The content type of an export for this document (a format's own, for the corrected file). */
export function contentTypeOf(entry: DocumentExport, document: DocumentRecord): string {
  return entry.id === 'document' ? getFormat(document.format).contentType : entry.contentType;
}

export function findExport(id: string, document: DocumentRecord): DocumentExport | undefined {
  return exportsFor(document).find((entry) => entry.id === id);
}

export { baseName };
