import { InputError } from '../errors.ts';
import { readerWarning, type ReaderWarning } from './reader-warning.ts';
import type { BilingualFormatAdapter } from './bilingual-document.ts';
import type { InlineCode, ParsedSegment, ParseOptions } from './format-adapter.ts';
import { ICU_TEXT_TAGS, isIcuMessage, PHRASE_TEXT_TAGS, PlaceholderAllocator, TOO_MANY_CODES, TooManyCodes, readContent, restoreCodes, type ContentReader } from './inline-codes.ts';
import { primarySubtag, REVIEWED_LANGUAGE, sameLanguage } from './languages.ts';
import { decodeXmlBytes, encodeXmlText, type XmlEncoding } from './xml-bytes.ts';
import { applyEdits, childElements, descendants, firstChild, parseXml, setAttribute, textOf, type XmlElement } from './xml-tree.ts';

/**
 * XLIFF 1.2 and 2.0, with the flavours other tools write: Okapi and MateCat
 * (1.2, `<seg-source>` with `<mrk mtype="seg">`), Trados SDLXLIFF (1.2 with
 * `sdl:seg-defs` carrying each segment's confirmation level), memoQ MQXLIFF (1.2
 * with `mq:status`), and XLIFF 2.0 (`<unit>`, `<segment>`, `<pc>`, `<ph>`).
 *
 * Each segment of a unit is one segment of the document. The skeleton is the file
 * itself plus, for each segment, where its target content and its state sit:
 * `serialize` rewrites only those spans, so units nobody touched stay byte for byte.
 *
 * What a user expects of an incomplete file: a unit with no `<target>` at all is an
 * error (the file was never translated, or was exported without targets), while an
 * empty `<target/>` is a unit still to translate: it is left out of the review,
 * kept as is in the output, and listed in `warnings`. Units marked
 * `translate="no"` are left out silently.
 */
export interface XliffSkeleton {
  format: 'xliff';
  version: string;
  flavour: 'xliff' | 'sdlxliff' | 'memoq' | 'phrase';
  encoding: XmlEncoding;
  bom: boolean;
  text: string;
  segments: Record<string, SegmentSpan>;
}

interface SegmentSpan {
  /** Target content `[start, end)` in `text`. */
  start: number;
  end: number;
  target: string;
  codes: InlineCode[];
  /** The open tag that carries the state, and which attribute. */
  stateTag?: { start: number; end: number; attribute: string; vocabulary: 'xliff1' | 'xliff2' | 'sdl' | 'memoq' };
}


// Our review states are XLIFF 2.0's (initial, translated, reviewed, final); the
// other vocabularies get their nearest word.
const XLIFF1_STATE: Record<string, string> = { initial: 'new', translated: 'translated', reviewed: 'signed-off', final: 'final' };
const SDL_CONFIRMATION: Record<string, string> = { initial: 'Draft', translated: 'Translated', reviewed: 'ApprovedTranslation', final: 'ApprovedSignOff' };
const MEMOQ_STATUS: Record<string, string> = { initial: 'NotStarted', translated: 'ManuallyConfirmed', reviewed: 'Proofread', final: 'Proofread' };
const VOCABULARIES = { xliff1: XLIFF1_STATE, sdl: SDL_CONFIRMATION, memoq: MEMOQ_STATUS } as Record<string, Record<string, string>>;

export const xliffAdapter: BilingualFormatAdapter = {
  id: 'xliff',
  label: 'XLIFF 1.2 / 2.0 (also SDLXLIFF, memoQ)',
  extensions: ['xlf', 'xliff', 'sdlxliff', 'mqxliff', 'mxliff'],
  contentType: 'application/xliff+xml',

  parse(bytes, options) {
    const file = options.fileName;
    const decoded = decodeXmlBytes(bytes, file);
    const root = parseXml(decoded.text, file);
    if (root.local !== 'xliff') throw new InputError(file, 'is not XLIFF: its root element is <{element}>', root.line, { element: root.name });
    const version = root.attributes.version ?? (root.attributes.xmlns?.includes('2.') ? '2.0' : '1.2');
    const flavour = flavourOf(root);
    const read = version.startsWith('2') ? readXliff2 : readXliff1;
    const state: ReadState = {
      file, text: decoded.text, segments: [], spans: {}, warnings: [], languages: {}, preserved: preservedElements(root),
      textTags: flavour === 'phrase' ? PHRASE_TEXT_TAGS : undefined,
    };
    read(root, state, flavour);
    checkLanguages(state, options, root);
    if (state.segments.length === 0 && state.missing && !state.sawTarget) {
      // Not one unit has a <target>: the file was never translated.
      throw new InputError(file, "unit '{id}' has no <target>: the file is not translated (Relecture reviews translations)", state.missing.line, { id: state.missing.id });
    }
    if (state.segments.length === 0) {
      throw new InputError(file, state.warnings.length > 0 ? 'has no translated unit to review ({n} untranslated)' : 'has no translation unit', undefined, { n: state.warnings.length });
    }
    const skeleton: XliffSkeleton = { format: 'xliff', version, flavour, encoding: decoded.encoding, bom: decoded.bom, text: decoded.text, segments: state.spans };
    return {
      format: 'xliff',
      sourceLanguage: state.languages.source,
      targetLanguage: state.languages.target,
      segments: state.segments,
      skeleton,
      warnings: state.warnings,
    };
  },

  serialize(skeleton, segments) {
    const s = skeleton as XliffSkeleton;
    const newline = s.text.includes('\r\n') ? '\r\n' : '\n';
    const edits = new Map<number, { start: number; end: number; text: string }>();
    for (const segment of segments) {
      const span = s.segments[segment.externalId];
      if (!span) throw new Error(`segment '${segment.externalId}' is not in this XLIFF`);
      if (!segment.changed) continue;
      if (segment.target !== span.target) edits.set(span.start, { start: span.start, end: span.end, text: restoreCodes(segment.target, span.codes, newline) });
      if (segment.state && span.stateTag) {
        const tag = span.stateTag;
        const value = VOCABULARIES[tag.vocabulary]?.[segment.state] ?? segment.state;
        // Segments of one 1.2 <target> share its tag: set once.
        const current = edits.get(tag.start)?.text ?? s.text.slice(tag.start, tag.end);
        edits.set(tag.start, { start: tag.start, end: tag.end, text: setAttribute(current, tag.attribute, value) });
      }
    }
    return encodeXmlText(applyEdits(s.text, [...edits.values()]), s.encoding, s.bom);
  },
};

interface ReadState {
  file: string;
  text: string;
  segments: ParsedSegment[];
  spans: Record<string, SegmentSpan>;
  warnings: ReaderWarning[];
  languages: { source?: string; target?: string };
  /** Elements under `xml:space="preserve"`, whose targets keep their outer whitespace. */
  preserved: Set<XmlElement>;
  textTags?: RegExp;
  /** The first unit without a `<target>`, and whether any unit had one. */
  missing?: { id: string; line: number };
  sawTarget?: boolean;
}

function flavourOf(root: XmlElement): XliffSkeleton['flavour'] {
  const namespaces = Object.entries(root.attributes).filter(([name]) => name.startsWith('xmlns:'));
  if (namespaces.some(([name]) => name === 'xmlns:sdl')) return 'sdlxliff';
  if (namespaces.some(([name]) => name === 'xmlns:mq')) return 'memoq';
  if (namespaces.some(([, uri]) => /memsource\.com\/mxlf/.test(uri))) return 'phrase';
  return 'xliff';
}

/** Elements under `xml:space="preserve"` (inherited, as XML says, until an element says `default`). */
function preservedElements(root: XmlElement): Set<XmlElement> {
  const preserved = new Set<XmlElement>();
  const walk = (element: XmlElement, inherited: boolean) => {
    const space = element.attributes['xml:space'];
    const here = space === 'preserve' ? true : space === 'default' ? false : inherited;
    if (here) preserved.add(element);
    for (const child of element.children) if (child.type === 'element') walk(child, here);
  };
  walk(root, false);
  return preserved;
}

/**
 * A unit without a `<target>` beside units with one is a string added since the
 * last translation (Xcode and Angular exports, translate-toolkit files): it is
 * left out of the review with a warning. Only a file where no unit has one at
 * all is refused (see `parse`).
 */
function noTarget(state: ReadState, id: string, line: number) {
  state.warnings.push(readerWarning(state.file, "unit '{unit}' has no <target>: not translated yet, left out of the review", { unit: id }, line));
  state.missing ??= { id, line };
}

function checkLanguages(state: ReadState, options: ParseOptions, root: XmlElement) {
  const { source, target } = state.languages;
  const wantedTarget = options.targetLanguage ?? REVIEWED_LANGUAGE;
  if (target && !sameLanguage(target, wantedTarget)) {
    throw new InputError(
      state.file,
      options.targetLanguage ? 'translates {source} → {target}, not into {wanted}' : 'translates {source} → {target}, not into {wanted} (Relecture reviews French; --target-lang names another target)',
      root.line,
      { source: source ?? '?', target, wanted: wantedTarget },
    );
  }
  if (source && options.sourceLanguage && !sameLanguage(source, options.sourceLanguage)) {
    throw new InputError(state.file, 'has source language {source}, not {wanted}', root.line, { source, wanted: options.sourceLanguage });
  }
  if (!target && options.targetLanguage) state.languages.target = options.targetLanguage;
  if (!source && options.sourceLanguage) state.languages.source = options.sourceLanguage;
  if (target && source && primarySubtag(source) === primarySubtag(target)) throw new InputError(state.file, 'has the same source and target language ({language})', root.line, { language: source });
}

function noteLanguages(state: ReadState, element: XmlElement, sourceAttribute: string, targetAttribute: string) {
  const source = element.attributes[sourceAttribute];
  const target = element.attributes[targetAttribute];
  if (source) {
    if (state.languages.source && !sameLanguage(state.languages.source, source)) throw new InputError(state.file, 'mixes source languages {first} and {other}', element.line, { first: state.languages.source, other: source });
    state.languages.source ??= source;
  }
  if (target) {
    if (state.languages.target && !sameLanguage(state.languages.target, target)) throw new InputError(state.file, 'mixes target languages {first} and {other}', element.line, { first: state.languages.target, other: target });
    state.languages.target ??= target;
  }
}

function addSegment(state: ReadState, seen: Map<string, number>, segment: ParsedSegment, span: SegmentSpan) {
  const earlier = seen.get(segment.externalId);
  if (earlier !== undefined) throw new InputError(state.file, "duplicate unit id '{id}' (first at line {line})", segment.line, { id: segment.externalId, line: earlier });
  seen.set(segment.externalId, segment.line ?? 0);
  state.segments.push(segment);
  state.spans[segment.externalId] = span;
}

function reader(state: ReadState, taken: string): ContentReader {
  return { text: state.text, allocator: new PlaceholderAllocator(taken), codes: [], textTags: state.textTags };
}

function rawText(state: ReadState, element: XmlElement): string {
  return state.text.slice(element.openEnd, element.closeStart);
}

/**
 * Source and target content of one segment, with shared placeholders, and the
 * span `[start, end)` of the target's content that the text stands for. Under
 * XML's default whitespace handling the indentation a tool put around a target
 * (Angular's `<target>\n      Settings\n    </target>`) is layout, not text: it is
 * left out of the reviewed text and stays in the file around an edited one.
 * Under `xml:space="preserve"` (Xcode) every space is text.
 */
function readPair(state: ReadState, source: XmlElement | undefined, target: XmlElement, id: string) {
  try {
    return readPairContent(state, source, target);
  } catch (error) {
    if (error instanceof TooManyCodes) throw new InputError(state.file, TOO_MANY_CODES, target.line, { id });
    throw error;
  }
}

function readPairContent(state: ReadState, source: XmlElement | undefined, target: XmlElement) {
  const content = reader(state, (source ? rawText(state, source) : '') + rawText(state, target));
  // An ICU message's syntax is codes. Whether the target is one is the source's
  // say (it is never edited), so that an edit cannot turn the syntax into text.
  const icu = isIcuMessage(source ? rawText(state, source) : rawText(state, target));
  content.textTags = icu ? ICU_TEXT_TAGS : state.textTags;
  const sourceText = source ? readContent(source, content) : undefined;
  content.match = [...content.codes];
  const targetText = readContent(target, content);
  const trimmed = outerSpace(state, target, targetText);
  return {
    source: sourceText !== undefined && source ? outerSpace(state, source, sourceText).text : sourceText,
    target: trimmed.text, start: target.openEnd + trimmed.lead, end: target.closeStart - trimmed.trail, codes: content.codes,
  };
}

/** `text` without the outer whitespace of `element`'s content, and how many raw characters that is on each side. */
function outerSpace(state: ReadState, element: XmlElement, text: string): { text: string; lead: number; trail: number } {
  if (state.preserved.has(element)) return { text, lead: 0, trail: 0 };
  const raw = rawText(state, element);
  const rawLead = /^[ \t\r\n]*/.exec(raw)![0];
  const rawTrail = rawLead.length === raw.length ? '' : /[ \t\r\n]*$/.exec(raw)![0];
  const lead = /^[ \t\n]*/.exec(text)![0];
  const trail = lead.length === text.length ? '' : /[ \t\n]*$/.exec(text)![0];
  // Only whitespace written as such: a space the file wrote as &#32; or in CDATA is meant.
  const same = (rawPart: string, part: string) => rawPart.replace(/\r\n?/g, '\n') === part;
  const cutLead = same(rawLead, lead) ? lead.length : 0;
  const cutTrail = same(rawTrail, trail) ? trail.length : 0;
  return { text: text.slice(cutLead, text.length - cutTrail), lead: cutLead ? rawLead.length : 0, trail: cutTrail ? rawTrail.length : 0 };
}

function isEmpty(element: XmlElement | undefined): boolean {
  return !element || element.selfClosing || element.children.every((c) => c.type === 'text' && c.value.trim() === '');
}

/**
 * Trados Studio keeps a reviewer's comments in the file's header
 * (`<cmt-def id>` holding `<Comment>`s) and marks the commented text with
 * `<mrk mtype="x-sdl-comment" sdl:cid>`: each comment a unit's text points to is
 * one of its notes.
 */
function sdlComments(fileElement: XmlElement): Map<string, string> {
  const comments = new Map<string, string>();
  for (const header of childElements(fileElement, 'header')) {
    for (const definition of descendants(header, 'cmt-def')) {
      const text = [...descendants(definition, 'Comment')].map((comment) => textOf(comment).trim()).filter(Boolean).join(' / ');
      if (definition.attributes.id && text) comments.set(definition.attributes.id, text);
    }
  }
  return comments;
}

/** `notes` and the comments that the text of `within` (a segment's source and target, or the unit) points to. */
function withSdlComments(notes: string[] | undefined, within: XmlElement[], comments: Map<string, string> | undefined): string[] | undefined {
  if (!comments || comments.size === 0) return notes;
  const found = within.flatMap((element) => [...descendants(element, 'mrk')]).filter((m) => m.attributes.mtype === 'x-sdl-comment').map((m) => comments.get(m.attributes['sdl:cid']));
  const all = [...(notes ?? []), ...new Set(found.filter((c): c is string => c !== undefined))];
  return all.length > 0 ? all : undefined;
}

function notesOf(element: XmlElement): string[] | undefined {
  // The note's text, entities decoded (« R&amp;D » is R&D to the editor).
  const notes = [...descendants(element, 'note')].map((note) => textOf(note).trim()).filter(Boolean);
  return notes.length > 0 ? notes : undefined;
}

function readXliff1(root: XmlElement, state: ReadState, flavour: XliffSkeleton['flavour']) {
  const files = childElements(root, 'file');
  if (files.length === 0) throw new InputError(state.file, 'has no <file> element', root.line);
  const seen = new Map<string, number>();
  for (const [fileIndex, fileElement] of files.entries()) {
    noteLanguages(state, fileElement, 'source-language', 'target-language');
    const prefix = files.length > 1 ? `${fileIndex + 1}:` : '';
    const comments = flavour === 'sdlxliff' ? sdlComments(fileElement) : undefined;
    // SDLXLIFF keeps each segment's confirmation level in <sdl:seg-defs>.
    for (const unit of descendants(fileElement, 'trans-unit')) {
      const unitId = unit.attributes.id;
      if (!unitId) throw new InputError(state.file, '<trans-unit> without an id', unit.line);
      if (unit.attributes.translate === 'no') continue;
      const id = prefix + unitId;
      const source = firstChild(unit, 'source');
      const segSource = firstChild(unit, 'seg-source');
      const target = firstChild(unit, 'target');
      if (!target) {
        noTarget(state, id, unit.line);
        continue;
      }
      state.sawTarget = true;
      const notes = notesOf(unit);
      const sdlSegs = new Map<string, XmlElement>();
      for (const defs of childElements(unit, 'seg-defs')) for (const seg of childElements(defs, 'seg')) sdlSegs.set(seg.attributes.id, seg);
      const sourceMarks = segSource ? [...descendants(segSource, 'mrk')].filter((m) => m.attributes.mtype === 'seg') : [];
      const targetSegMarks = [...descendants(target, 'mrk')].filter((m) => m.attributes.mtype === 'seg');
      // A target a tool wrote whole beside a segmented <seg-source> (an editor that
      // does not segment) is one segment against the whole <source>, not an error.
      if (sourceMarks.length > 0 && (targetSegMarks.length > 0 || isEmpty(target))) {
        const targetMarks = new Map(targetSegMarks.map((m) => [m.attributes.mid, m]));
        for (const mark of sourceMarks) {
          const mid = mark.attributes.mid;
          const segmentId = `${id}#${mid}`;
          const targetMark = targetMarks.get(mid);
          if (!targetMark) {
            if (isEmpty(target)) {
              state.warnings.push(emptyTarget(state.file, segmentId, unit.line));
              continue;
            }
            throw new InputError(state.file, "unit '{id}' has no target for segment mid=\"{mid}\"", target.line, { id, mid });
          }
          if (isEmpty(targetMark)) {
            state.warnings.push(emptyTarget(state.file, segmentId, targetMark.line));
            continue;
          }
          const pair = readPair(state, mark, targetMark, segmentId);
          const sdl = sdlSegs.get(mid);
          const stateTag = sdl
            ? { start: sdl.start, end: sdl.openEnd, attribute: 'conf', vocabulary: 'sdl' as const }
            : { start: target.start, end: target.openEnd, attribute: 'state', vocabulary: 'xliff1' as const };
          addSegment(state, seen, {
            externalId: segmentId, source: pair.source, target: pair.target, codes: pair.codes, notes: withSdlComments(notes, [mark, targetMark], comments),
            state: sdl?.attributes.conf ?? segmentState1(unit, target), line: targetMark.line,
          }, { start: pair.start, end: pair.end, target: pair.target, codes: pair.codes, stateTag });
        }
        continue;
      }
      if (isEmpty(target)) {
        state.warnings.push(emptyTarget(state.file, id, target.line));
        continue;
      }
      const pair = readPair(state, source, target, id);
      const memoqStatus = flavour === 'memoq' ? unit.attributes['mq:status'] : undefined;
      addSegment(state, seen, {
        externalId: id, source: pair.source, target: pair.target, codes: pair.codes, notes: withSdlComments(notes, [unit], comments),
        state: memoqStatus ?? segmentState1(unit, target) ?? phraseState(unit, flavour), line: target.line,
      }, {
        start: pair.start, end: pair.end, target: pair.target, codes: pair.codes,
        stateTag: memoqStatus === undefined
          ? { start: target.start, end: target.openEnd, attribute: 'state', vocabulary: 'xliff1' }
          : { start: unit.start, end: unit.openEnd, attribute: 'mq:status', vocabulary: 'memoq' },
      });
    }
  }
}

/** Phrase keeps a segment's state in `m:confirmed` (0, or the workflow level that confirmed it), `m:locked` beside it. */
function phraseState(unit: XmlElement, flavour: XliffSkeleton['flavour']): string | undefined {
  const confirmed = unit.attributes['m:confirmed'];
  if (flavour !== 'phrase' || confirmed === undefined) return undefined;
  const state = confirmed === '0' ? 'not confirmed' : `confirmed (level ${confirmed})`;
  return unit.attributes['m:locked'] === 'true' ? `${state}, locked` : state;
}

function segmentState1(unit: XmlElement, target: XmlElement): string | undefined {
  return target.attributes.state ?? (unit.attributes.approved === 'yes' ? 'approved' : undefined);
}

function readXliff2(root: XmlElement, state: ReadState, _flavour: XliffSkeleton['flavour']) {
  noteLanguages(state, root, 'srcLang', 'trgLang');
  const files = childElements(root, 'file');
  if (files.length === 0) throw new InputError(state.file, 'has no <file> element', root.line);
  const seen = new Map<string, number>();
  for (const [fileIndex, fileElement] of files.entries()) {
    const prefix = files.length > 1 ? `${fileElement.attributes.id ?? fileIndex + 1}:` : '';
    for (const unit of descendants(fileElement, 'unit')) {
      const unitId = unit.attributes.id;
      if (!unitId) throw new InputError(state.file, '<unit> without an id', unit.line);
      if (unit.attributes.translate === 'no') continue;
      const id = prefix + unitId;
      const notes = notesOf(unit);
      const segments = childElements(unit, 'segment');
      if (segments.length === 0) throw new InputError(state.file, "unit '{id}' has no <segment>", unit.line, { id });
      for (const [index, segment] of segments.entries()) {
        const segmentId = segments.length === 1 ? id : `${id}#${segment.attributes.id ?? index + 1}`;
        const source = firstChild(segment, 'source');
        const target = firstChild(segment, 'target');
        if (!target) {
          noTarget(state, segmentId, segment.line);
          continue;
        }
        state.sawTarget = true;
        if (isEmpty(target)) {
          state.warnings.push(emptyTarget(state.file, segmentId, target.line));
          continue;
        }
        const pair = readPair(state, source, target, segmentId);
        addSegment(state, seen, {
          externalId: segmentId, source: pair.source, target: pair.target, codes: pair.codes, notes,
          state: segment.attributes.state, line: target.line,
        }, {
          start: pair.start, end: pair.end, target: pair.target, codes: pair.codes,
          stateTag: { start: segment.start, end: segment.openEnd, attribute: 'state', vocabulary: 'xliff2' },
        });
      }
    }
  }
}

/** A unit still to translate: read, kept as is in the output, left out of the review. */
function emptyTarget(file: string, unit: string, line: number | undefined): ReaderWarning {
  return readerWarning(file, "unit '{unit}' has an empty target: left out of the review", { unit }, line);
}
