import type { InlineCode } from './format-adapter.ts';
import { escapeXmlText, type XmlElement, type XmlNode } from './xml-tree.ts';

/**
 * Inline codes of XLIFF and TMX (`<g>`, `<x/>`, `<bx/>`, `<ex/>`, `<ph>`, `<pc>`,
 * `<sc/>`, `<ec/>`, `<bpt>`, `<ept>`, `<it>`, `<hi>`, `<mrk>`…) become one
 * private-use character each in the segment's text, so that checks, offsets and
 * diffs see one code unit per code and an editor cannot break the markup. The
 * markup is kept exactly as in the file and put back by `restoreCodes`.
 */

/** Elements whose content is text of the segment, between an open and a close code. */
const PAIRED_ELEMENTS = new Set(['g', 'pc', 'mrk', 'hi']);
/** Elements that are one code each, content included (`<ph>…</ph>`, `<bpt>…</bpt>`). */
const STANDALONE_ELEMENTS = new Set(['x', 'bx', 'ex', 'ph', 'sc', 'ec', 'bpt', 'ept', 'it', 'ut', 'sm', 'em', 'cp', 'sub']);

const FIRST_PLACEHOLDER = 0xe000;
const LAST_PLACEHOLDER = 0xf8ff;

/** A segment with more codes than the private-use area has characters; the reader names the unit. */
export class TooManyCodes extends Error {
  constructor() {
    super('more than 6400 inline codes in one segment');
  }
}

/** The reason a reader gives for `TooManyCodes`, with the unit's id. */
export const TOO_MANY_CODES = "unit '{id}' has more than 6400 inline codes in one segment: Relecture cannot protect them all";

export class PlaceholderAllocator {
  private next = FIRST_PLACEHOLDER;
  /** Characters already in the text are never used as placeholders. */
  constructor(private readonly taken: string) {}

  allocate(): string {
    while (this.next <= LAST_PLACEHOLDER && this.taken.includes(String.fromCharCode(this.next))) this.next++;
    if (this.next > LAST_PLACEHOLDER) throw new TooManyCodes();
    return String.fromCharCode(this.next++);
  }
}

export interface ContentReader {
  /** The file's text, for the raw markup of each code. */
  text: string;
  allocator: PlaceholderAllocator;
  /** Codes of the segment so far (source first, then target). */
  codes: InlineCode[];
  /** When reading the target: source codes not yet matched, by kind and id. */
  match?: InlineCode[];
  /**
   * Tags some tools write as plain text (Phrase's `{1}`, `{b>`…`<b}`; OmegaT's
   * `<b0>`…`</b0>`): each match in text is a code too, so that rules do not read
   * `{1}30 %` as text and an editor cannot break it. Group `open`, `close` or
   * `standalone` names the kind, group `id` the tag.
   */
  textTags?: RegExp;
}

/** Phrase (Memsource) `.mxliff`: `{1}`, `{1>` … `<1}`, `{b>` … `<b}`. */
export const PHRASE_TEXT_TAGS = /(?<standalone>\{(?<sid>[A-Za-z0-9_]{1,12})\})|(?<open>\{(?<oid>[A-Za-z0-9_]{1,12})>)|(?<close><(?<cid>[A-Za-z0-9_]{1,12})\})/g;
/**
 * The syntax of an ICU message (Angular's `{VAR_PLURAL, plural, =0 {…} other {…}}`,
 * Symfony's and Crowdin's ICU strings): its head, each case's selector and brace,
 * each closing brace and each `{argument}` are codes, so that rules read the cases'
 * words and not `plural` or `other` (which are English to them).
 */
export const ICU_TEXT_TAGS = /(?<standalone>\{\s*[A-Za-z_][\w.]*\s*,\s*(?:plural|select|selectordinal)\s*,\s*(?:offset:\d+\s*)?|(?:=\d+|(?<![\w-])[A-Za-z_][\w-]*)\s*\{(?!\s*[A-Za-z_][\w.]*\s*,\s*(?:plural|select|selectordinal)\s*,)|\{\s*[A-Za-z_][\w.]*\s*\}|\})/g;

/** Text (raw XML content) that is one ICU message. */
export function isIcuMessage(raw: string): boolean {
  return /^\s*\{\s*[A-Za-z_][\w.]*\s*,\s*(?:plural|select|selectordinal)\s*,/.test(raw);
}

/** OmegaT's own tags kept as text in its project TMX: `<b0>`, `</b0>`, `<x1/>`. */
export const OMEGAT_TEXT_TAGS = /(?<standalone><(?<sid>[a-zA-Z]{1,3}\d{1,3})\/>)|(?<open><(?<oid>[a-zA-Z]{1,3}\d{1,3})>)|(?<close><\/(?<cid>[a-zA-Z]{1,3}\d{1,3})>)/g;

function codeId(element: XmlElement): string | undefined {
  return element.attributes.id ?? element.attributes.rid ?? element.attributes.startRef ?? element.attributes.i ?? element.attributes.x ?? element.attributes.mid;
}

function display(element: XmlElement, kind: InlineCode['kind']): string {
  const id = codeId(element);
  const name = element.local;
  if (kind === 'close') return `</${name}${id ? id : ''}>`;
  if (kind === 'open') return `<${name}${id ? id : ''}>`;
  if (name === 'ec' || name === 'ept' || name === 'ex') return `</${name}${id ?? ''}>`;
  return `<${name}${id ?? ''}/>`;
}

function addCode(reader: ContentReader, kind: InlineCode['kind'], element: XmlElement, markup: string): string {
  return addNamedCode(reader, kind, codeId(element), display(element, kind), markup);
}

function addNamedCode(reader: ContentReader, kind: InlineCode['kind'], id: string | undefined, shown: string, markup: string): string {
  // A target code takes the placeholder of the source code with the same
  // element, kind and id, so that parity checks compare characters.
  if (reader.match) {
    const index = reader.match.findIndex((code) => code.kind === kind && code.id === id && code.display === shown);
    if (index !== -1) {
      const [source] = reader.match.splice(index, 1);
      if (source.markup !== markup) reader.codes.push({ placeholder: source.placeholder, kind, id, markup, display: source.display, side: 'target' } as InlineCode);
      return source.placeholder;
    }
  }
  const placeholder = reader.allocator.allocate();
  const code: InlineCode & { side?: 'target' } = { placeholder, kind, id, markup, display: shown };
  if (reader.match) code.side = 'target';
  reader.codes.push(code);
  return placeholder;
}

/** The content of `element` as segment text; codes are appended to `reader.codes`. */
export function readContent(element: XmlElement, reader: ContentReader): string {
  return readNodes(element.children, reader);
}

function readNodes(nodes: XmlNode[], reader: ContentReader): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += reader.textTags ? readTextTags(node.value, reader, reader.textTags) : node.value;
    else if (node.type !== 'element') out += addCode(reader, 'standalone', { local: node.type, attributes: {} } as XmlElement, reader.text.slice(node.start, node.end));
    else if (PAIRED_ELEMENTS.has(node.local) && !node.selfClosing) {
      out += addCode(reader, 'open', node, reader.text.slice(node.start, node.openEnd));
      out += readNodes(node.children, reader);
      out += addCode(reader, 'close', node, reader.text.slice(node.closeStart, node.end));
    } else {
      // Standalone codes and anything unknown stay whole, content included.
      void STANDALONE_ELEMENTS;
      out += addCode(reader, 'standalone', node, reader.text.slice(node.start, node.end));
    }
  }
  return out;
}

function readTextTags(value: string, reader: ContentReader, tags: RegExp): string {
  let out = '';
  let position = 0;
  for (const match of value.matchAll(tags)) {
    const groups = match.groups ?? {};
    const kind: InlineCode['kind'] = groups.open ? 'open' : groups.close ? 'close' : 'standalone';
    const id = groups.oid ?? groups.cid ?? groups.sid ?? match[0].replace(/\s+/g, '');
    out += value.slice(position, match.index) + addNamedCode(reader, kind, id, match[0], escapeXmlText(match[0]));
    position = match.index + match[0].length;
  }
  return out + value.slice(position);
}

/** Codes as stored: target-side markup wins for a placeholder that appears on both sides. */
export function codeMarkup(codes: readonly InlineCode[]): Map<string, InlineCode> {
  const byPlaceholder = new Map<string, InlineCode>();
  for (const code of codes) {
    const side = (code as { side?: string }).side;
    if (!byPlaceholder.has(code.placeholder) || side === 'target') byPlaceholder.set(code.placeholder, code);
  }
  return byPlaceholder;
}

/**
 * Segment text → XML content: text escaped, placeholders back to their markup.
 * Paired codes left unbalanced by an edit (an open deleted, a close moved before
 * its open) would break the file: an unmatched close is dropped and an unclosed
 * open is closed at the end, so the output is always well-formed. `newline` is
 * the file's line end (`\r\n` in a CRLF file).
 */
export function restoreCodes(target: string, codes: readonly InlineCode[], newline = '\n'): string {
  const byPlaceholder = codeMarkup(codes);
  const closeOf = new Map<string, InlineCode>();
  for (const code of byPlaceholder.values()) if (code.kind === 'close') closeOf.set(code.id ?? code.display, code);
  const parts: string[] = [];
  const open: InlineCode[] = [];
  let plain = '';
  const flush = () => {
    // The parser read a CRLF file's line ends as \n: a new text gets the file's own.
    if (plain) parts.push(escapeXmlText(newline === '\n' ? plain : plain.replace(/\n/g, newline)));
    plain = '';
  };
  for (const char of target) {
    const code = byPlaceholder.get(char);
    if (!code) {
      plain += char;
      continue;
    }
    flush();
    if (code.kind === 'open' && isElementPair(code)) {
      open.push(code);
      parts.push(code.markup);
    } else if (code.kind === 'close' && isElementPair(code)) {
      const at = open.map((c) => c.id).lastIndexOf(code.id);
      if (at === -1) continue;
      // Close what was opened inside it first, so that the elements nest.
      while (open.length > at + 1) parts.push(closingMarkup(open.pop()!, closeOf));
      open.pop();
      parts.push(code.markup);
    } else parts.push(code.markup);
  }
  flush();
  while (open.length > 0) parts.push(closingMarkup(open.pop()!, closeOf));
  return parts.join('');
}

function isElementPair(code: InlineCode): boolean {
  return /^<\/?(?:[\w.-]+:)?(?:g|pc|mrk|hi)\b/.test(code.markup);
}

function closingMarkup(open: InlineCode, closeOf: Map<string, InlineCode>): string {
  const close = closeOf.get(open.id ?? open.display);
  if (close) return close.markup;
  const name = /^<([\w.:-]+)/.exec(open.markup)?.[1] ?? 'g';
  return `</${name}>`;
}
