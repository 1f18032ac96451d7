import type { CheckSegment } from '../pipeline/engine.ts';
import type { FormatAdapter, ParsedDocument } from './format-adapter.ts';
import { bilingualCsvAdapter, bilingualTsvAdapter } from './bilingual-table.ts';
import { bilingualTextAdapter } from './bilingual-text.ts';
import { textFormat } from './text.ts';
import { tmxAdapter } from './tmx.ts';
import { xliffAdapter } from './xliff.ts';

export type { FormatAdapter, InlineCode, ParsedDocument, ParsedSegment, ParseOptions, ReviewedSegment } from './format-adapter.ts';

/**
 * Every file format Relecture reads and writes, in one place: the CLI, the
 * import page and the exports find adapters here. A new format is one module
 * (`src/formats/<id>.ts`) and one line below.
 */
const FORMATS = new Map<string, FormatAdapter>();

export function registerFormat(adapter: FormatAdapter): void {
  if (FORMATS.has(adapter.id)) throw new Error(`format '${adapter.id}' is registered twice`);
  FORMATS.set(adapter.id, adapter);
}

registerFormat(textFormat);
registerFormat(xliffAdapter);
registerFormat(tmxAdapter);
registerFormat(bilingualTsvAdapter);
registerFormat(bilingualCsvAdapter);
// Chosen by its second file (a source beside the MT), never by a file name.
registerFormat(bilingualTextAdapter);

export function listFormats(): FormatAdapter[] {
  return [...FORMATS.values()];
}

export function findFormat(id: string): FormatAdapter | undefined {
  return FORMATS.get(id);
}

/** The adapter of a stored document's format; a format this build does not know is a bug, not bad input. */
export function getFormat(id: string): FormatAdapter {
  const adapter = FORMATS.get(id);
  if (!adapter) throw new Error(`no format adapter '${id}' (known: ${[...FORMATS.keys()].join(', ')})`);
  return adapter;
}

/** The format a file name says (its ending), plain text when none claims it. */
export function formatForFile(fileName: string): FormatAdapter {
  const lower = fileName.toLowerCase();
  for (const adapter of FORMATS.values()) {
    if (adapter.extensions.some((extension) => lower.endsWith(`.${extension}`))) return adapter;
  }
  return textFormat;
}

/**
 * The text that engines check, and where each segment's target stands in it:
 * the file's own layout when the format is plain text, otherwise the targets
 * one a line (a target keeps its own line breaks as spaces would break lines).
 */
export function layoutTargets(adapter: FormatAdapter, skeleton: unknown, segments: ReadonlyArray<{ externalId: string; target: string; source?: string }>): { text: string; segments: CheckSegment[] } {
  const targets = segments.map((s) => s.target);
  let text: string;
  let starts: number[];
  if (adapter.layout) {
    ({ text, starts } = adapter.layout(skeleton, targets));
  } else {
    starts = [];
    let length = 0;
    for (const target of targets) {
      starts.push(length);
      length += target.length + 1;
    }
    text = targets.map((t) => `${t}\n`).join('');
  }
  return {
    text,
    segments: segments.map((s, i) => ({ id: s.externalId, start: starts[i], end: starts[i] + s.target.length, ...(s.source !== undefined ? { source: s.source } : {}) })),
  };
}

/** `layoutTargets` of a freshly parsed document. */
export function layoutParsed(adapter: FormatAdapter, parsed: ParsedDocument): { text: string; segments: CheckSegment[] } {
  return layoutTargets(adapter, parsed.skeleton, parsed.segments);
}
