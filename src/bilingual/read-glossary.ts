import { InputError } from '../errors.ts';
import type { Glossary } from '../engine/rule-type.ts';
import { readRows } from '../formats/bilingual-table.ts';
import { findLanguage, primarySubtag } from '../formats/languages.ts';
import { decodeXmlBytes } from '../formats/xml-bytes.ts';
import { childElements, descendants, parseXml, type XmlElement } from '../formats/xml-tree.ts';
import { decodeInput } from '../text/decode-input.ts';

/**
 * A user's termbase: TBX (ISO 30042, `termEntry`/`conceptEntry` → `langSet` →
 * `tig`/`termSec` → `term`, a term whose administrativeStatus says deprecated or
 * forbidden is a forbidden target term), or a table `source<TAB>target[<TAB>forbidden|…]`
 * (TSV, or CSV with quotes). Terms are source → French.
 */
export function readTermbase(bytes: Uint8Array, file: string, sourceLanguage = 'en', targetLanguage = 'fr'): Glossary['terms'] {
  if (/\.(tbx|xml)$/i.test(file)) return readTbx(bytes, file, sourceLanguage, targetLanguage);
  const text = decodeInput(bytes, { file });
  const separator = /\.csv$/i.test(file) ? (text.split('\n')[0].includes(';') ? ';' : ',') : '\t';
  const rows = readRows(text, separator, separator !== '\t', file).filter((row) => !row.fields[0].value.startsWith('#'));
  const header = rows[0]?.fields.map((f) => f.value.trim().toLowerCase());
  const body = header?.[0] === 'source' ? rows.slice(1) : rows;
  return body.map((row) => {
    const [source, target, forbidden] = row.fields.map((f) => f.value.trim());
    if (!source || !target) throw new InputError(file, 'a term is source<TAB>target[<TAB>forbidden|forbidden…]', row.line);
    return { source, target, forbidden: forbidden ? forbidden.split('|').map((f) => f.trim()).filter(Boolean) : [] };
  });
}

function readTbx(bytes: Uint8Array, file: string, sourceLanguage: string, targetLanguage: string): Glossary['terms'] {
  const { text } = decodeXmlBytes(bytes, file);
  const root = parseXml(text, file);
  const entries = [...descendants(root, 'termEntry'), ...descendants(root, 'conceptEntry')];
  if (entries.length === 0) throw new InputError(file, 'has no <termEntry> or <conceptEntry>: is it TBX?', root.line);
  const inner = (element: XmlElement) => text.slice(element.openEnd, element.closeStart).replace(/<[^>]*>/g, '').trim();
  const terms: Glossary['terms'] = [];
  for (const entry of entries) {
    const sets = childElements(entry, 'langSet').concat(childElements(entry, 'langSec'));
    const languages = sets.map((set) => set.attributes['xml:lang'] ?? '');
    const sourceTag = findLanguage(sourceLanguage, languages);
    const targetTag = findLanguage(targetLanguage, languages);
    if (!sourceTag || !targetTag) continue;
    const termsOf = (tag: string) => {
      const set = sets.find((s) => s.attributes['xml:lang'] === tag)!;
      return [...childElements(set, 'tig'), ...childElements(set, 'termSec'), ...childElements(set, 'ntig')].map((group) => {
        const term = [...descendants(group, 'term')][0];
        const status = [...descendants(group, 'termNote')].find((n) => /administrativeStatus|normativeAuthorization/.test(n.attributes.type ?? ''));
        return { term: term ? inner(term) : '', forbidden: status ? /deprecated|forbidden|superseded|rejected/i.test(inner(status)) : false };
      }).filter((t) => t.term);
    };
    const sourceTerms = termsOf(sourceTag).filter((t) => !t.forbidden);
    const targetTerms = termsOf(targetTag);
    const preferred = targetTerms.find((t) => !t.forbidden);
    if (!preferred) continue;
    const forbidden = targetTerms.filter((t) => t.forbidden).map((t) => t.term);
    for (const source of sourceTerms) terms.push({ source: source.term, target: preferred.term, forbidden });
  }
  if (terms.length === 0) throw new InputError(file, 'has no term pair {source} → {target}', undefined, { source: primarySubtag(sourceLanguage), target: primarySubtag(targetLanguage) });
  return terms;
}

/** One term a line; `#` comments and blank lines allowed. */
export function readDoNotTranslate(bytes: Uint8Array, file: string): string[] {
  const text = decodeInput(bytes, { file });
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}
