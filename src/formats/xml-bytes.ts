import { InputError } from '../errors.ts';

/**
 * XML files come as UTF-8 (nearly always) or UTF-16 with a byte-order mark. The
 * adapters work on the decoded text and keep the encoding and BOM in the
 * skeleton, so that writing back gives the same bytes.
 */
export type XmlEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

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
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstBadUtf8Byte(bytes);
    throw new InputError(fileName, at === undefined ? 'is not valid {encoding}' : 'is not valid {encoding} (first bad byte at offset {at})', undefined, { encoding: encoding.toUpperCase(), at: at ?? '' });
  }
  if (bom) text = text.slice(1);
  if (encoding === 'utf-8') {
    const declared = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/.exec(text)?.[1];
    if (declared && !/^utf-?8$/i.test(declared)) throw new InputError(fileName, 'declares encoding {encoding}; save it as UTF-8', 1, { encoding: declared });
  }
  return { text, encoding, bom };
}

export function encodeXmlText(text: string, encoding: XmlEncoding, bom: boolean): Uint8Array {
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
