import { InputError } from '../errors.ts';

/** Default largest input, in bytes; the CLI and the web app share it. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface DecodeOptions {
  /** Name used in error messages. */
  file: string;
  maxBytes?: number;
  /** Accept a text that is empty or only whitespace (corrections files may be). */
  allowEmpty?: boolean;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes → text. Drops a UTF-8 BOM, keeps CRLF, and refuses everything else with
 * a message that says what the file looks like and where the first bad byte is.
 */
export function decodeInput(bytes: Uint8Array, options: DecodeOptions): string {
  const { file } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    throw new InputError(file, 'is {size}, over the limit of {limit}', undefined, { size: formatBytes(bytes.length), limit: formatBytes(maxBytes) });
  }
  if (bytes.length === 0) {
    if (options.allowEmpty) return '';
    throw new InputError(file, 'is empty: there is no text to check');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const order = bytes[0] === 0xff ? 'little-endian' : 'big-endian';
    throw new InputError(file, 'is UTF-16 ({order}, with a byte order mark), not UTF-8: save it as UTF-8', undefined, { order });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new InputError(file, 'looks like binary data, not text (a NUL byte at byte {at})', lineAt(bytes, nul), { at: nul });
  }
  let text: string;
  try {
    text = fatalUtf8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const guess = guessLegacyEncoding(bytes);
    const sample = decodeLegacyBytes(bytes.subarray(bad, bad + 1), guess);
    throw new InputError(
      file,
      'is not UTF-8: it looks like {guess} (byte 0x{byte}, “{sample}” in {guess}, at byte {at}); convert it to UTF-8',
      lineAt(bytes, bad),
      { guess, byte: bytes[bad].toString(16).toUpperCase(), sample, at: bad },
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!options.allowEmpty && text.trim() === '') {
    throw new InputError(file, 'contains only whitespace: there is no text to check');
  }
  return text;
}

/** The legacy encoding French text most often comes in when it is not UTF-8. */
export function guessLegacyEncoding(bytes: Uint8Array): 'Windows-1252' | 'ISO-8859-1' {
  // 0x80–0x9F are control characters in ISO-8859-1 but letters and typographic
  // quotes (’ “ ” œ …) in Windows-1252, the usual culprit.
  for (const byte of bytes) if (byte >= 0x80 && byte <= 0x9f) return 'Windows-1252';
  return 'ISO-8859-1';
}

// Node's TextDecoder decodes "windows-1252" as ISO-8859-1 (0x92 stays a control
// character), so the 32 bytes where the two differ are mapped here.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeLegacyBytes(bytes: Uint8Array, encoding: 'Windows-1252' | 'ISO-8859-1'): string {
  let out = '';
  for (const byte of bytes) {
    out += encoding === 'Windows-1252' && byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return out;
}

/** Converts Windows-1252 / ISO-8859-1 bytes to text (offered on import). */
export function decodeLegacy(bytes: Uint8Array): string {
  const text = decodeLegacyBytes(bytes, guessLegacyEncoding(bytes));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return bytes.length;
}

/** 1-based line of byte `index`. */
export function lineAt(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

export function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  if (size >= 1024) return `${(size / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${size} bytes`;
}
