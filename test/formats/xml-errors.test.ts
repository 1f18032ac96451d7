import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.ts';
import { XML_ERROR_REASONS } from '../../src/formats/xml-errors.ts';
import { parseXml } from '../../src/formats/xml-tree.ts';

function refusal(xml: string): InputError {
  try {
    parseXml(xml, 'f.xml');
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('parsed');
}

/**
 * saxes' own English words were put inside our message (« XML mal formé à la
 * colonne 14 : 1:14: unexpected close tag. », its position given twice): the
 * commonest are now reasons of ours, with their values, said in either language.
 */
describe('the XML reader’s refusals', () => {
  const cases: Array<[string, string, Record<string, string | number>]> = [
    ['<a><b>text', 'the element <{tag}> is never closed', { tag: 'b', column: 10 }],
    ['<a><b>text</a>', 'a closing tag that does not match the element open there', { column: 14 }],
    ['</a>', '</{tag}> closes an element that is not open', { tag: 'a' }],
    ['<a/>text', 'text outside the root element', {}],
    ['   ', 'the document has no root element', {}],
    ['<a/><b/>', 'a second root element (a document has one)', {}],
    ['<a x="1" x="2"/>', 'the attribute {name} is given twice', { name: 'x' }],
    ['<a>&#xZZ;</a>', 'a malformed character reference (&#…;)', {}],
    ['<a x=1/>', 'an attribute without a quoted value', {}],
    ['<a><!-- a -- b --></a>', 'a malformed comment', {}],
    ['<a\u0001/>', 'a character not allowed here', {}],
    ['<a><1b/></a>', 'a character not allowed here', {}],
    ['<a>&nbsp;</a>', 'an entity XML does not define (such as &nbsp;): write the character itself, or its number (&#160;)', {}],
    ['<a b="1"c="2"/>', 'two attributes with no space between them', {}],
    [' <?xml version="1.0"?><a/>', 'the XML declaration (<?xml …?>) is not at the very start of the file', {}],
    ['<a/ >', 'a / in an opening tag not followed by >', {}],
    ['<?xml version="2.0"?><a/>', 'the XML declaration gives a version other than 1.x', {}],
    ['<a><!DOCTYPE x></a>', 'a <!DOCTYPE> after the start of the document', {}],
    // A bare & read as an entity to the next « ; »: saxes refused at the end of the file (« <a> is never closed », column 18).
    ['<a>Tom & Jerry</a>', 'a bare & in the text: write it &amp;', { column: 8 }],
    ['<a><b>R&D</b></a>', 'a bare & in the text: write it &amp;', { column: 8 }],
    ['<a>1 < 2</a>', 'a bare < in the text: write it &lt;', { column: 6 }],
  ];

  it.each(cases)('%j: %s', (xml, reason, values) => {
    const error = refusal(xml);
    expect(error.template).toBe(`malformed XML at column {column}: ${reason}`);
    expect(XML_ERROR_REASONS).toContain(error.template);
    expect(error.values).toMatchObject(values);
    expect(error.line).toBe(1);
  });

  it('says where, as the CLI prints it, without the parser’s own position', () => {
    expect(refusal('<a>\n<b>text\n</a>').message).toBe('f.xml:3: malformed XML at column 4: a closing tag that does not match the element open there');
  });

  it('names a bare & at its own line, not where the parser gave up; escaped ones, comments and CDATA pass', () => {
    const error = refusal('<a>\n<b>AT&amp;T &#38; &#x26; <!-- & --><![CDATA[ & < ]]></b>\n<c>AT&T</c>\n<d>x</d>\n</a>');
    expect(error.message).toBe('f.xml:3: malformed XML at column 6: a bare & in the text: write it &amp;');
    expect(parseXml('<a>AT&amp;T &#38; &#x26; <!-- & < --><![CDATA[ & < ]]></a>', 'f.xml').local).toBe('a');
  });

  it('keeps the parser’s words for a refusal not in its list', () => {
    const error = refusal('<a></ >');
    expect(error.template).toBe('malformed XML at column {column}: {error}');
    expect(String(error.values.error)).not.toMatch(/^\d+:\d+:/);
  });
});
