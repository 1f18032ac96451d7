import { describe, expect, it } from 'vitest';
import { decodeInput, decodeLegacy } from '../../src/text/decode-input.ts';

const decode = (bytes: number[] | Buffer, options = {}) => decodeInput(Uint8Array.from(bytes), { file: 'in.txt', ...options });

describe('decodeInput', () => {
  it('drops a UTF-8 BOM and keeps CRLF', () => {
    expect(decode(Buffer.from('\uFEFFUn\r\nDeux', 'utf8'))).toBe('Un\r\nDeux');
  });

  it('refuses an empty file', () => {
    expect(() => decode([])).toThrow('in.txt: is empty: there is no text to check');
  });

  it('refuses a file of whitespace only', () => {
    expect(() => decode(Buffer.from(' \n\t\r\n'))).toThrow('in.txt: contains only whitespace');
  });

  it('names Windows-1252 and the line of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from('Première ligne\nL'), Buffer.from([0x92]), Buffer.from('OTAN est unie\n')]);
    expect(() => decode(bytes)).toThrow(/^in\.txt:2: is not UTF-8: it looks like Windows-1252 \(byte 0x92, “’” in Windows-1252/);
  });

  it('names ISO-8859-1 when no Windows-1252 byte is present', () => {
    expect(() => decode([0x4c, 0x27, 0x4f, 0x75, 0x65, 0x73, 0x74, 0x20, 0xe9, 0x74, 0xe9])).toThrow(/looks like ISO-8859-1 \(byte 0xE9, “é”/);
  });

  it('says UTF-16 when there is a UTF-16 byte order mark', () => {
    expect(() => decode([0xff, 0xfe, 0x41, 0x00])).toThrow('in.txt: is UTF-16 (little-endian, with a byte order mark), not UTF-8: save it as UTF-8');
  });

  it('says binary when there is a NUL byte', () => {
    expect(() => decode([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01])).toThrow(/looks like binary data/);
  });

  it('refuses input over the size limit before decoding it', () => {
    expect(() => decode(Buffer.alloc(11, 0x61), { maxBytes: 10 })).toThrow('in.txt: is 11 bytes, over the limit of 10 bytes');
  });

  it('converts legacy French on request', () => {
    expect(decodeLegacy(Uint8Array.from([0x4c, 0x92, 0xe9, 0x74, 0xe9]))).toBe('L’été');
  });
});
