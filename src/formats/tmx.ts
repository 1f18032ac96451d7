import { InputError } from '../errors.ts';
import type { InlineCode, ParsedSegment } from './format-adapter.ts';
import { OMEGAT_TEXT_TAGS, PlaceholderAllocator, TOO_MANY_CODES, TooManyCodes, readContent, restoreCodes, type ContentReader } from './inline-codes.ts';
import { readerWarning, type ReaderWarning } from './reader-warning.ts';
import { findLanguage, normaliseTag, primarySubtag, REVIEWED_LANGUAGE } from './languages.ts';
import { decodeXmlBytes, encodeXmlText, type XmlEncoding } from './xml-bytes.ts';
import { applyEdits, childElements, firstChild, parseXml, textOf } from './xml-tree.ts';
import type { BilingualFormatAdapter } from './bilingual-document.ts';

/**
 * TMX 1.4 (1.1–1.4b read alike): each `<tu>` holds one `<tuv>` per language. The
 * caller picks the pair (`--source-lang en --target-lang fr`); a file written
 * French → English (`srclang="FR"`) is read with English as the source all the
 * same, since TMX is symmetric. Tags compare case-insensitively and by primary
 * subtag (`fr` finds `FR-CA`). The target defaults to French; the source to the
 * header's `srclang`, or the one other language of the file.
 *
 * A translation memory often holds units in some of its languages only: a unit
 * without the target (or the source) `<tuv>`, or with an empty `<seg>`, is left
 * out of the review with a warning, and kept as is in the output; a file where
 * no unit has both is refused. OmegaT's project memories keep its own tags as
 * text (`&lt;b0&gt;`): they are read as inline codes.
 */
export interface TmxSkeleton {
  format: 'tmx';
  encoding: XmlEncoding;
  bom: boolean;
  text: string;
  segments: Record<string, { start: number; end: number; target: string; codes: InlineCode[] }>;
}

export const tmxAdapter: BilingualFormatAdapter = {
  id: 'tmx',
  label: 'TMX (translation memory)',
  extensions: ['tmx'],
  contentType: 'application/x-tmx+xml',

  parse(bytes, options) {
    const file = options.fileName;
    const decoded = decodeXmlBytes(bytes, file);
    const root = parseXml(decoded.text, file);
    if (root.local !== 'tmx') throw new InputError(file, 'is not TMX: its root element is <{element}>', root.line, { element: root.name });
    const header = firstChild(root, 'header');
    const body = firstChild(root, 'body');
    if (!body) throw new InputError(file, 'has no <body>', root.line);
    const units = childElements(body, 'tu');
    if (units.length === 0) throw new InputError(file, 'has no translation unit (<tu>)', body.line);

    const langOf = (tuv: import('./xml-tree.ts').XmlElement) => tuv.attributes['xml:lang'] ?? tuv.attributes.lang;
    const languages = new Map<string, string>();
    for (const unit of units) for (const tuv of childElements(unit, 'tuv')) {
      const lang = langOf(tuv);
      if (!lang) throw new InputError(file, '<tuv> without xml:lang', tuv.line);
      if (!languages.has(normaliseTag(lang))) languages.set(normaliseTag(lang), lang);
    }
    const available = [...languages.values()];
    const listed = available.join(', ');
    const wantedTarget = options.targetLanguage ?? REVIEWED_LANGUAGE;
    const target = findLanguage(wantedTarget, available);
    if (!target) throw new InputError(file, 'has no {language} text (its languages: {languages})', undefined, { language: wantedTarget, languages: listed });
    let source: string | undefined;
    if (options.sourceLanguage) {
      source = findLanguage(options.sourceLanguage, available);
      if (!source) throw new InputError(file, 'has no {language} text (its languages: {languages})', undefined, { language: options.sourceLanguage, languages: listed });
    } else {
      const others = available.filter((tag) => primarySubtag(tag) !== primarySubtag(target));
      const declared = header?.attributes.srclang;
      source = declared && declared !== '*all*' ? findLanguage(declared, others) : undefined;
      if (!source && others.length === 1) source = others[0];
      if (!source) throw new InputError(
          file,
          others.length === 0 ? 'has only {language} text: no source to review against' : 'has several languages ({languages}): say which is the source with --source-lang',
          undefined,
          { language: target, languages: listed },
        );
    }
    if (primarySubtag(source) === primarySubtag(target)) throw new InputError(file, 'source and target are both {language}', undefined, { language: source });

    const textTags = /omegat/i.test(`${header?.attributes.creationtool ?? ''} ${header?.attributes['o-tmf'] ?? ''}`) ? OMEGAT_TEXT_TAGS : undefined;
    const warnings: ReaderWarning[] = [];
    let firstMissing: InputError | undefined;
    const segments: ParsedSegment[] = [];
    const spans: TmxSkeleton['segments'] = {};
    const seen = new Map<string, number>();
    for (const [index, unit] of units.entries()) {
      const id = unit.attributes.tuid ?? String(index + 1);
      const earlier = seen.get(id);
      if (earlier !== undefined) throw new InputError(file, "duplicate tuid '{id}' (first at line {line})", unit.line, { id, line: earlier });
      seen.set(id, unit.line);
      const tuvs = childElements(unit, 'tuv');
      const pick = (tag: string) => tuvs.find((tuv) => normaliseTag(langOf(tuv)) === normaliseTag(tag)) ?? tuvs.find((tuv) => primarySubtag(langOf(tuv)) === primarySubtag(tag));
      const targetTuv = pick(target);
      const sourceTuv = pick(source);
      if (!targetTuv || !sourceTuv) {
        const language = !targetTuv ? target : source;
        firstMissing ??= new InputError(file, "unit '{id}' has no {language} <tuv>", unit.line, { id, language });
        warnings.push(readerWarning(file, "unit '{unit}' has no {language} <tuv>: left out of the review", { unit: id, language }, unit.line));
        continue;
      }
      const targetSeg = firstChild(targetTuv, 'seg');
      const sourceSeg = firstChild(sourceTuv, 'seg');
      if (!targetSeg) throw new InputError(file, "unit '{id}' has no <seg> in its {language} <tuv>", targetTuv.line, { id, language: target });
      if (targetSeg.selfClosing || targetSeg.children.every((c) => c.type === 'text' && c.value.trim() === '')) {
        warnings.push(readerWarning(file, "unit '{unit}' has an empty target: left out of the review", { unit: id }, targetSeg.line));
        continue;
      }
      const raw = (e: typeof sourceSeg) => (e ? decoded.text.slice(e.openEnd, e.closeStart) : '');
      const content: ContentReader = { text: decoded.text, allocator: new PlaceholderAllocator(raw(sourceSeg) + raw(targetSeg)), codes: [], textTags };
      let sourceText: string;
      let targetText: string;
      try {
        sourceText = sourceSeg ? readContent(sourceSeg, content) : '';
        content.match = [...content.codes];
        targetText = readContent(targetSeg, content);
      } catch (error) {
        if (error instanceof TooManyCodes) throw new InputError(file, TOO_MANY_CODES, targetSeg.line, { id });
        throw error;
      }
      const notes = childElements(unit, 'note').map((n) => textOf(n).trim()).filter(Boolean);
      segments.push({ externalId: id, source: sourceText, target: targetText, codes: content.codes, notes: notes.length > 0 ? notes : undefined, line: targetSeg.line });
      spans[id] = { start: targetSeg.openEnd, end: targetSeg.closeStart, target: targetText, codes: content.codes };
    }
    if (segments.length === 0 && firstMissing) throw firstMissing;
    if (segments.length === 0) throw new InputError(file, 'has no translated unit to review ({n} untranslated)', undefined, { n: warnings.length });
    const skeleton: TmxSkeleton = { format: 'tmx', encoding: decoded.encoding, bom: decoded.bom, text: decoded.text, segments: spans };
    return { format: 'tmx', sourceLanguage: source, targetLanguage: target, segments, skeleton, warnings };
  },

  serialize(skeleton, segments) {
    const s = skeleton as TmxSkeleton;
    const newline = s.text.includes('\r\n') ? '\r\n' : '\n';
    const edits = [];
    for (const segment of segments) {
      const span = s.segments[segment.externalId];
      if (!span) throw new Error(`unit '${segment.externalId}' is not in this TMX`);
      if (segment.changed && segment.target !== span.target) edits.push({ start: span.start, end: span.end, text: restoreCodes(segment.target, span.codes, newline) });
    }
    return encodeXmlText(applyEdits(s.text, edits), s.encoding, s.bom);
  },
};
