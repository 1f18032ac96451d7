/**
 * saxes says what is wrong with an XML file in its own English words. The
 * commonest of them are reasons of our own here, templates with their values,
 * so that the app can say them in the editor's language (src/web/i18n.ts) like
 * every other refusal; a message not in this list keeps saxes' words.
 */
export interface XmlErrorReason {
  reason: string;
  values: Record<string, string>;
}

const REASONS: Array<[RegExp, string]> = [
  [/^unclosed tag: (?<tag>.+?)\.?$/, 'malformed XML at column {column}: the element <{tag}> is never closed'],
  [/^unmatched closing tag: (?<tag>.+?)\.?$/, 'malformed XML at column {column}: </{tag}> closes an element that is not open'],
  [/^unexpected close tag\.$/, 'malformed XML at column {column}: a closing tag that does not match the element open there'],
  [/^unexpected end\.$/, 'malformed XML at column {column}: the file ends in the middle of the markup'],
  [/^text data outside of root node\.$/, 'malformed XML at column {column}: text outside the root element'],
  [/^document must contain a root element\.$/, 'malformed XML at column {column}: the document has no root element'],
  [/^documents may contain only one root\.$/, 'malformed XML at column {column}: a second root element (a document has one)'],
  [/^disallowed character(?: in (?:tag name|attribute name|closing tag))?\.?$/, 'malformed XML at column {column}: a character not allowed here'],
  [/^duplicate attribute: (?<name>.+?)\.$/, 'malformed XML at column {column}: the attribute {name} is given twice'],
  [/^unbound namespace prefix: "(?<prefix>.*)"\.$/, 'malformed XML at column {column}: the namespace prefix {prefix} is not declared'],
  [/^malformed character entity\.$/, 'malformed XML at column {column}: a malformed character reference (&#…;)'],
  [/^(?:attribute without value|value required|unquoted attribute value|value must be quoted)\.$/, 'malformed XML at column {column}: an attribute without a quoted value'],
  [/^malformed comment\.$/, 'malformed XML at column {column}: a malformed comment'],
  [/^undefined entity\.$/, 'malformed XML at column {column}: an entity XML does not define (such as &nbsp;): write the character itself, or its number (&#160;)'],
  [/^no whitespace between attributes\.$/, 'malformed XML at column {column}: two attributes with no space between them'],
  [/^(?:an|the) XML declaration must (?:be|appear) at the start of the document\.$/, 'malformed XML at column {column}: the XML declaration (<?xml …?>) is not at the very start of the file'],
  [/^forward-slash in opening tag not followed by >\.$/, 'malformed XML at column {column}: a / in an opening tag not followed by >'],
  [/^version number must match/, 'malformed XML at column {column}: the XML declaration gives a version other than 1.x'],
  [/^inappropriately located doctype declaration\.$/, 'malformed XML at column {column}: a <!DOCTYPE> after the start of the document'],
];

/**
 * Markup characters left bare in text, the commonest fault of a hand-made or
 * script-made file (« AT&T », « R&D », « 1 < 2 »). saxes does not see them for
 * what they are: a bare & reads as the start of an entity running to the next
 * « ; », so its refusal lands far away (« the element <target> is never closed »
 * at the end of the file); a bare < reads as a tag name. Said here at the
 * character itself, with the fix.
 */
export const BARE_AMPERSAND = 'malformed XML at column {column}: a bare & in the text: write it &amp;';
export const BARE_LESS_THAN = 'malformed XML at column {column}: a bare < in the text: write it &lt;';

// Comments and CDATA sections may hold anything, so they are passed over.
// A & that starts no reference (« &# » is a malformed one, which saxes names well), a < before a space.
const MARKUP_OR_AMPERSAND = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|&(?![A-Za-z_:][\w.:-]*;|#)|<(?=[\s=]|$)/g;

/** The first bare & or < in `text` before `end`, if any: its offset and which. */
export function bareMarkupCharacter(text: string, end: number): { offset: number; reason: string } | undefined {
  MARKUP_OR_AMPERSAND.lastIndex = 0;
  for (let match = MARKUP_OR_AMPERSAND.exec(text); match && match.index <= end; match = MARKUP_OR_AMPERSAND.exec(text)) {
    if (match[0] === '&') return { offset: match.index, reason: BARE_AMPERSAND };
    if (match[0] === '<') return { offset: match.index, reason: BARE_LESS_THAN };
  }
  return undefined;
}

/** Every reason of the list (for the check that each has its French). */
export const XML_ERROR_REASONS: readonly string[] = [...REASONS.map(([, reason]) => reason), BARE_AMPERSAND, BARE_LESS_THAN];

/** The reason for saxes' `message` (without its file:line:column prefix). */
export function xmlErrorReason(message: string): XmlErrorReason {
  for (const [pattern, reason] of REASONS) {
    const match = pattern.exec(message);
    if (match) return { reason, values: { ...match.groups } };
  }
  return { reason: 'malformed XML at column {column}: {error}', values: { error: message } };
}
