import { InputError } from '../errors.ts';
import { readerWarning, type ReaderWarning } from './reader-warning.ts';
import { decodeInput } from '../text/decode-input.ts';
import type { ParsedSegment } from './format-adapter.ts';
import { applyEdits } from './xml-tree.ts';
import type { BilingualFormatAdapter } from './bilingual-document.ts';

/**
 * Bilingual tables, as spreadsheets and CAT tools export them: TSV (a tab
 * between fields, no quoting) or CSV (RFC 4180 quoting, `,` or `;`). Columns are
 * `source` and `target` in that order, or named by a header row (`id`,
 * `source`, `target`, `note`, in any order; other columns are kept and ignored).
 * A row with an empty target is a unit still to translate: left out of the
 * review and kept as is, like an empty XLIFF `<target/>`. The skeleton is the
 * file's text and where each target field sits; `serialize` rewrites only those.
 */
export interface TableSkeleton {
  format: 'bilingual-table';
  text: string;
  separator: string;
  bom: boolean;
  segments: Record<string, { start: number; end: number; target: string }>;
}

interface Field {
  value: string;
  /** Raw span of the field, quotes included. */
  start: number;
  end: number;
}

interface Row {
  fields: Field[];
  line: number;
}

/** Splits a table into rows of fields with their raw spans; CSV quotes may hold line breaks. */
export function readRows(text: string, separator: string, quoting: boolean, file: string): Row[] {
  const rows: Row[] = [];
  let position = 0;
  let line = 1;
  while (position < text.length) {
    const rowLine = line;
    const fields: Field[] = [];
    for (;;) {
      const start = position;
      let value = '';
      if (quoting && text[position] === '"') {
        position++;
        for (;;) {
          const quote = text.indexOf('"', position);
          if (quote === -1) throw new InputError(file, 'a quoted field is never closed', rowLine);
          value += text.slice(position, quote);
          if (text[quote + 1] === '"') {
            value += '"';
            position = quote + 2;
            continue;
          }
          position = quote + 1;
          break;
        }
        line += (value.match(/\n/g) ?? []).length;
        const next = text[position];
        if (next !== undefined && next !== separator && next !== '\n' && next !== '\r') throw new InputError(file, 'unexpected text after a closing quote: "{text}"', line, { text: text.slice(position, position + 10) });
      } else {
        let end = position;
        while (end < text.length && text[end] !== separator && text[end] !== '\n' && !(text[end] === '\r' && text[end + 1] === '\n')) end++;
        value = text.slice(position, end);
        position = end;
      }
      fields.push({ value, start, end: position });
      if (text[position] === separator) {
        position++;
        continue;
      }
      break;
    }
    if (text[position] === '\r') position++;
    if (text[position] === '\n') position++;
    line++;
    if (!(fields.length === 1 && fields[0].value.trim() === "")) rows.push({ fields, line: rowLine });
  }
  return rows;
}

const HEADER_NAMES = new Set(['id', 'source', 'target', 'note', 'notes', 'comment']);

function makeTableAdapter(id: string, label: string, extensions: string[], contentType: string, quoting: boolean): BilingualFormatAdapter {
  return {
    id,
    label,
    extensions,
    contentType,
    parse(bytes, options) {
      const file = options.fileName;
      const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      const text = decodeInput(bytes, { file });
      const firstLine = text.slice(0, text.search(/\r?\n|$/));
      const separator = quoting ? (firstLine.split(';').length > firstLine.split(',').length ? ';' : ',') : '\t';
      const rows = readRows(text, separator, quoting, file);
      const header = rows[0]?.fields.map((f) => f.value.trim().toLowerCase());
      let columns = { id: -1, source: 0, target: 1, note: -1 };
      let body = rows;
      if (header && header.includes('source') && header.includes('target') && header.every((name) => HEADER_NAMES.has(name) || name === '' || !/\s/.test(name))) {
        columns = { id: header.indexOf('id'), source: header.indexOf('source'), target: header.indexOf('target'), note: ['note', 'notes', 'comment'].map((n) => header.indexOf(n)).find((i) => i !== -1) ?? -1 };
        body = rows.slice(1);
      } else if (rows.some((row) => row.fields.length !== 2)) {
        const row = rows.find((r) => r.fields.length !== 2)!;
        throw new InputError(
          file,
          row.fields.length === 1
            ? 'has {n} column here: a bilingual table is source{separator}target, or a header row naming the columns (id, source, target, note)'
            : 'has {n} columns here: a bilingual table is source{separator}target, or a header row naming the columns (id, source, target, note)',
          row.line,
          { n: row.fields.length, separator: separator === '\t' ? '<TAB>' : separator },
        );
      }
      const width = Math.max(columns.source, columns.target, columns.id, columns.note) + 1;
      const segments: ParsedSegment[] = [];
      const spans: TableSkeleton['segments'] = {};
      const seen = new Map<string, number>();
      const warnings: ReaderWarning[] = [];
      for (const row of body) {
        if (row.fields.length < width) throw new InputError(file, row.fields.length === 1 ? 'has {n} column, expected {width}' : 'has {n} columns, expected {width}', row.line, { n: row.fields.length, width });
        const externalId = columns.id >= 0 ? row.fields[columns.id].value.trim() : String(row.line);
        if (!externalId) throw new InputError(file, 'a row without an id', row.line);
        const earlier = seen.get(externalId);
        if (earlier !== undefined) throw new InputError(file, "duplicate id '{id}' (first at line {line})", row.line, { id: externalId, line: earlier });
        seen.set(externalId, row.line);
        const source = row.fields[columns.source].value;
        const targetField = row.fields[columns.target];
        if (targetField.value.trim() === '') {
          warnings.push(readerWarning(file, 'the target is empty: left out of the review', {}, row.line));
          continue;
        }
        if (source.trim() === '') throw new InputError(file, 'a row with a target but no source', row.line);
        const note = columns.note >= 0 ? row.fields[columns.note].value.trim() : '';
        segments.push({ externalId, source, target: targetField.value, notes: note ? [note] : undefined, line: row.line });
        spans[externalId] = { start: targetField.start, end: targetField.end, target: targetField.value };
      }
      if (segments.length === 0) throw new InputError(file, 'has no row with a source and a target');
      const skeleton: TableSkeleton = { format: 'bilingual-table', text, separator, bom, segments: spans };
      return { format: id, sourceLanguage: options.sourceLanguage, targetLanguage: options.targetLanguage, segments, skeleton, warnings };
    },
    serialize(skeleton, segments) {
      const s = skeleton as TableSkeleton;
      const edits: Array<{ start: number; end: number; text: string }> = [];
      for (const segment of segments) {
        const span = s.segments[segment.externalId];
        if (!span) throw new Error(`row '${segment.externalId}' is not in this table`);
        if (!segment.changed || segment.target === span.target) continue;
        edits.push({ start: span.start, end: span.end, text: writeField(segment.target, s.separator) });
      }
      const out = applyEdits(s.text, edits);
      return new Uint8Array(Buffer.from(s.bom ? `\uFEFF${out}` : out, 'utf8'));
    },
  };
}

function writeField(value: string, separator: string): string {
  // TSV has no quoting: a tab or a line break in an edit becomes a space.
  if (separator === '\t') return value.replace(/[\t\r\n]+/g, ' ');
  return /["\r\n]/.test(value) || value.includes(separator) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const bilingualTsvAdapter = makeTableAdapter('bilingual-tsv', 'Bilingual TSV (source, target)', ['tsv'], 'text/tab-separated-values; charset=utf-8', false);
export const bilingualCsvAdapter = makeTableAdapter('bilingual-csv', 'Bilingual CSV (source, target)', ['csv'], 'text/csv; charset=utf-8', true);
