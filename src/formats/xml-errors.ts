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
];

/** Every reason of the list (for the check that each has its French). */
export const XML_ERROR_REASONS: readonly string[] = REASONS.map(([, reason]) => reason);

/** The reason for saxes' `message` (without its file:line:column prefix). */
export function xmlErrorReason(message: string): XmlErrorReason {
  for (const [pattern, reason] of REASONS) {
    const match = pattern.exec(message);
    if (match) return { reason, values: { ...match.groups } };
  }
  return { reason: 'malformed XML at column {column}: {error}', values: { error: message } };
}
