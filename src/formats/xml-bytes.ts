import { InputError } from '../errors.ts';

/**
 * XML files come as UTF-8 (nearly always), UTF-16 with a byte-order mark (Trados
 * TMX), or now and then in a one-byte encoding their declaration names
 * (`encoding="ISO-8859-1"`, `windows-1252`: older CAT tools and hand-made files).
 * The adapters work on the decoded text and keep the encoding and BOM in the
 * skeleton, so that writing back gives the same bytes; a character the one-byte
 * encoding cannot hold is written as a character reference (`&#x153;`).
 */
export type XmlEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | SingleByte;
type SingleByte = 'iso-8859-1' | 'windows-1252' | 'us-ascii';

/** Declared names of the one-byte encodings we read, by the name we keep. */
const SINGLE_BYTE: Record<string, SingleByte> = {
  'iso-8859-1': 'iso-8859-1', 'iso8859-1': 'iso-8859-1', 'iso_8859-1': 'iso-8859-1', latin1: 'iso-8859-1', 'latin-1': 'iso-8859-1', l1: 'iso-8859-1',
  'us-ascii': 'us-ascii', ascii: 'us-ascii',
  'windows-1252': 'windows-1252', cp1252: 'windows-1252',
};

export interface DecodedXml {
  text: string;
  encoding: XmlEncoding;
  bom: boolean;
}

export function decodeXmlBytes(bytes: Uint8Array, fileName: string): DecodedXml {
  if (bytes.length === 0) throw new InputError(fileName, 'is empty');
  let encoding: XmlEncoding = 'utf-8';
  let bom = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bom = true;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, bom] = ['utf-16le', true];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, bom] = ['utf-16be', true];
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) encoding = 'utf-16le';
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) encoding = 'utf-16be';
  // The declaration is ASCII in every ASCII-compatible encoding: read it before decoding.
  const declared = encoding === 'utf-8' ? /^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/.exec(Buffer.from(bytes.subarray(0, 200)).toString('latin1'))?.[1] : undefined;
  if (declared && !/^utf-?8$/i.test(declared)) {
    const single = SINGLE_BYTE[declared.toLowerCase()];
    if (!single || bom) throw new InputError(fileName, 'declares encoding {encoding}; save it as UTF-8', 1, { encoding: declared });
    return { text: decodeSingleByte(bytes, single), encoding: single, bom: false };
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstBadUtf8Byte(bytes);
    throw new InputError(fileName, at === undefined ? 'is not valid {encoding}' : 'is not valid {encoding} (first bad byte at offset {at})', undefined, { encoding: encoding.toUpperCase(), at: at ?? '' });
  }
  if (bom) text = text.slice(1);
  return { text, encoding, bom };
}

/** The 256 characters of a one-byte encoding, by byte. */
function byteTable(encoding: SingleByte): string[] {
  const chars = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i));
  // windows-1252 differs from ISO-8859-1 in 0x80–0x9F only. Spelt out: Node 20's
  // TextDecoder('windows-1252') decodes those bytes as ISO-8859-1's C1 controls.
  if (encoding === 'windows-1252') [...WINDOWS_1252_HIGH].forEach((char, i) => char !== '\uFFFD' && (chars[0x80 + i] = char));
  return chars;
}

const WINDOWS_1252_HIGH = '€\uFFFD‚ƒ„…†‡ˆ‰Š‹Œ\uFFFDŽ\uFFFD\uFFFD‘’“”•–—˜™š›œ\uFFFDžŸ';

// A byte past 0x7F in a file that says US-ASCII is read as ISO-8859-1 (what such files hold).
function decodeSingleByte(bytes: Uint8Array, encoding: SingleByte): string {
  const table = byteTable(encoding);
  let text = '';
  for (const byte of bytes) text += table[byte];
  return text;
}

function encodeSingleByte(text: string, encoding: SingleByte): Uint8Array {
  const table = byteTable(encoding).slice(0, encoding === 'us-ascii' ? 0x80 : 0x100);
  const byChar = new Map(table.map((char, byte) => [char, byte]));
  const out: number[] = [];
  for (const char of text) {
    const byte = byChar.get(char);
    if (byte !== undefined) out.push(byte);
    // Edits write only text content, where a character reference means the character.
    else for (const c of `&#x${char.codePointAt(0)!.toString(16).toUpperCase()};`) out.push(c.charCodeAt(0));
  }
  return Uint8Array.from(out);
}

export function encodeXmlText(text: string, encoding: XmlEncoding, bom: boolean): Uint8Array {
  if (encoding === 'iso-8859-1' || encoding === 'windows-1252' || encoding === 'us-ascii') return encodeSingleByte(text, encoding);
  const full = bom ? `\uFEFF${text}` : text;
  if (encoding === 'utf-8') return new Uint8Array(Buffer.from(full, 'utf8'));
  const le = Buffer.from(full, 'utf16le');
  if (encoding === 'utf-16be') le.swap16();
  return new Uint8Array(le);
}

function firstBadUtf8Byte(bytes: Uint8Array): number | undefined {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const length = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length - 1;
  }
  return undefined;
}
