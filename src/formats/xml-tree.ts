import { createRequire } from 'node:module';
import { InputError } from '../errors.ts';
import { bareMarkupCharacter, xmlErrorReason } from './xml-errors.ts';

/**
 * An XML file read by saxes (a maintained, conformant streaming parser) into a
 * small tree whose every node knows where it sits in the text: `[start, end)`
 * string offsets of the raw markup. The XLIFF and TMX adapters keep the file's
 * text as their skeleton and rewrite only the spans they change, so everything
 * else comes out byte for byte (the Okapi filter idea).
 */
export interface XmlElement {
  type: 'element';
  /** The qualified name as written (`sdl:seg`, `mrk`). */
  name: string;
  /** The name without its prefix. */
  local: string;
  attributes: Record<string, string>;
  /** Offset of `<`. */
  start: number;
  /** Offset just after the open tag's `>`. */
  openEnd: number;
  /** Offset of `</` (equal to `openEnd` and `end` for `<x/>`). */
  closeStart: number;
  /** Offset just after the element. */
  end: number;
  selfClosing: boolean;
  /** 1-based line and column of `<`. */
  line: number;
  column: number;
  children: XmlNode[];
}

export interface XmlText {
  type: 'text';
  /** The text with entities and CDATA resolved. */
  value: string;
  start: number;
  end: number;
}

export interface XmlOther {
  type: 'comment' | 'pi';
  start: number;
  end: number;
}

export type XmlNode = XmlElement | XmlText | XmlOther;

/** Lines start after "\n"; offsets are string indices. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses `text`; malformed XML is an `InputError` at `file:line:column`. */
export function parseXml(text: string, fileName: string): XmlElement {
  // Loaded when an XML file is first read: importing saxes cost every start of the CLI 25 ms.
  const { SaxesParser } = createRequire(import.meta.url)('saxes') as typeof import('saxes');
  const parser = new SaxesParser({ position: true });
  const root: XmlElement = { type: 'element', name: '#document', local: '#document', attributes: {}, start: 0, openEnd: 0, closeStart: text.length, end: text.length, selfClosing: false, line: 1, column: 1, children: [] };
  const stack: XmlElement[] = [root];
  // Raw text runs from the end of the last markup to the start of the next one.
  let cursor = 0;
  let pending: XmlText | undefined;
  const top = () => stack[stack.length - 1];
  const flushText = (markupStart: number) => {
    if (pending) {
      pending.end = markupStart;
      pending = undefined;
    }
    cursor = markupStart;
  };
  let failure: { message: string; line: number; column: number; offset: number } | undefined;
  let refusal: InputError | undefined;

  // saxes leaves a DOCTYPE's internal subset to us: its text entities
  // (`<!ENTITY brand "Relecture">`, written by hand-made and some older tools'
  // files) are read so that `&brand;` means what the file says.
  parser.on('doctype', (doctype) => {
    const line = lineColumnAt(text, text.indexOf('<!DOCTYPE')).line;
    const entities = internalEntities(doctype, (name) => text.includes(`&${name};`), fileName, line);
    if (entities instanceof InputError) refusal ??= entities;
    else Object.assign(parser.ENTITIES, entities);
  });

  parser.on('error', (error) => {
    if (!failure) failure = { message: error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, ''), line: parser.line, column: parser.column, offset: parser.position };
  });
  parser.on('text', (value) => {
    if (stack.length === 1) return; // whitespace around the root
    if (pending) pending.value += value;
    else {
      pending = { type: 'text', value, start: cursor, end: cursor };
      top().children.push(pending);
    }
  });
  parser.on('cdata', (value) => {
    // CDATA is text for us; its raw span joins the text run around it.
    if (pending) pending.value += value;
    else {
      pending = { type: 'text', value, start: cursor, end: cursor };
      top().children.push(pending);
    }
  });
  parser.on('opentag', (tag) => {
    const end = parser.position;
    const start = text.lastIndexOf('<', end - 1);
    flushText(start);
    const { line, column } = lineColumnAt(text, start);
    const name = tag.name;
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attributes[key] = typeof value === 'string' ? value : value.value;
    const element: XmlElement = {
      type: 'element', name, local: name.includes(':') ? name.slice(name.indexOf(':') + 1) : name, attributes,
      start, openEnd: end, closeStart: end, end, selfClosing: tag.isSelfClosing, line, column, children: [],
    };
    top().children.push(element);
    stack.push(element);
    cursor = end;
  });
  parser.on('closetag', (tag) => {
    const element = stack.pop()!;
    const end = parser.position;
    if (tag.isSelfClosing) {
      element.end = element.closeStart = element.openEnd;
      flushText(element.end);
    } else {
      const closeStart = text.lastIndexOf('</', end - 1);
      flushText(closeStart);
      element.closeStart = closeStart;
      element.end = end;
    }
    cursor = element.end;
  });
  const other = (type: 'comment' | 'pi', opener: string) => () => {
    const end = parser.position;
    const start = text.lastIndexOf(opener, end - 1);
    flushText(start);
    if (stack.length > 1) top().children.push({ type, start, end });
    cursor = end;
  };
  parser.on('comment', other('comment', '<!--'));
  parser.on('processinginstruction', other('pi', '<?'));

  try {
    parser.write(text).close();
  } catch (error) {
    if (!failure) failure = { message: (error as Error).message, line: parser.line, column: parser.column, offset: parser.position };
  }
  if (refusal) throw refusal;
  if (failure) {
    const bare = bareMarkupCharacter(text, failure.offset);
    if (bare) {
      const at = lineColumnAt(text, bare.offset);
      throw new InputError(fileName, bare.reason, at.line, { column: at.column });
    }
    const { reason, values } = xmlErrorReason(failure.message);
    throw new InputError(fileName, reason, failure.line, { column: failure.column, ...values });
  }
  const documentElement = root.children.find((c): c is XmlElement => c.type === 'element');
  if (!documentElement) throw new InputError(fileName, 'has no XML element');
  return documentElement;
}

/**
 * The general entities an internal DTD subset declares, with their text. An
 * entity whose value holds markup or that names an outside file is refused when
 * the text uses it: we would have to parse it into the tree, or fetch it, and we
 * do neither.
 */
function internalEntities(doctype: string, used: (name: string) => boolean, fileName: string, line: number): Record<string, string> | InputError {
  const subset = /\[([\s\S]*)\]/.exec(doctype)?.[1] ?? '';
  const entities: Record<string, string> = {};
  const declaration = /<!ENTITY\s+(%\s+)?([^\s"'>]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g;
  for (const match of subset.matchAll(declaration)) {
    const [, parameter, name, double, single, external] = match;
    if (parameter || !used(name)) continue; // parameter entities only shape the DTD
    if (external) return new InputError(fileName, 'declares the entity &{name}; as an outside file ({kind}): Relecture reads no external entity; write its text in the file', line, { name, kind: external });
    const value = (double ?? single ?? '').replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, (_whole, code: string) => String.fromCodePoint(code[0] === 'x' ? parseInt(code.slice(1), 16) : Number(code)));
    if (/[<&]/.test(value)) return new InputError(fileName, 'declares the entity &{name}; with markup or another entity in its value: Relecture reads only entities whose value is plain text', line, { name });
    entities[name] = value;
  }
  return entities;
}

export function childElements(element: XmlElement, local?: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => c.type === 'element' && (local === undefined || c.local === local));
}

export function firstChild(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((c): c is XmlElement => c.type === 'element' && c.local === local);
}

/** Depth-first, document order. */
export function* descendants(element: XmlElement, local: string): Generator<XmlElement> {
  for (const child of element.children) {
    if (child.type !== 'element') continue;
    if (child.local === local) yield child;
    yield* descendants(child, local);
  }
}

/** The text content of `element` and its descendants, entities decoded (comments left out). */
export function textOf(element: XmlElement): string {
  return element.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : '')).join('');
}

export function escapeXmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replace(/"/g, '&quot;');
}

/** The open tag `raw` with attribute `name` set to `value` (added before `>` or `/>` if absent). */
export function setAttribute(raw: string, name: string, value: string): string {
  const pattern = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (pattern.test(raw)) return raw.replace(pattern, (_whole, before: string) => `${before}"${escapeXmlAttribute(value)}"`);
  return raw.replace(/\s*(\/?>)$/, (_whole, close: string) => ` ${name}="${escapeXmlAttribute(value)}"${close}`);
}

/** Applies non-overlapping `[start, end) → text` edits to `text`. */
export function applyEdits(text: string, edits: Array<{ start: number; end: number; text: string }>): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let position = 0;
  for (const edit of sorted) {
    if (edit.start < position) throw new Error(`overlapping edits at ${edit.start}`);
    out += text.slice(position, edit.start) + edit.text;
    position = edit.end;
  }
  return out + text.slice(position);
}
