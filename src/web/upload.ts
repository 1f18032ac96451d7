import type { RequestHandler } from 'express';
import multer from 'multer';
import { formatBytes } from '../text/decode-input.ts';
import { HttpError } from './http-error.ts';

// Room for the multipart boundaries, headers and small fields around the files.
const MULTIPART_OVERHEAD = 64 * 1024;

/** Uploads stay in memory: they are at most `maxBytes` and are decoded at once. */
export function uploads(maxBytes: number, files = 2) {
  return multer({
    storage: multer.memoryStorage(),
    // The pasted text is a form field: it gets the same limit as a file.
    limits: { fileSize: maxBytes, fieldSize: maxBytes, files, fields: 10 },
    // Browsers send the file name as UTF-8 bytes; multer's default (Latin-1) turned
    // « Élysée – réunion.txt » into « ÃlysÃ©e â rÃ©union ».
    defParamCharset: 'utf8',
    fileFilter: (_req, file, accept) => {
      // A NUL or a line break in a file name is no name a browser sends: an attack on logs or headers.
      if (/[\u0000-\u001f\u007f]/.test(file.originalname)) return accept(new HttpError(400, 'The file name has control characters (a NUL, a line break): rename the file and try again.'));
      accept(null, true);
    },
  });
}

/**
 * Refuses an upload whose announced length cannot fit (`parts` pieces of at
 * most `maxBytes` each) before multer reads it. Bug: multer waits for the whole
 * request to be read (and thrown away) before it reports its size limit, so a
 * 50 MB post was answered only after all 50 MB had come in. Now the answer
 * goes out at once and the connection is closed rather than drained.
 */
export function refuseOversizedUpload(maxBytes: number, parts: number): RequestHandler {
  return refuseOversizedBody(maxBytes, maxBytes * parts + MULTIPART_OVERHEAD);
}

/**
 * The same for any body announced over `limit` bytes. body-parser also reads a
 * too-long form to its end before it answers 413.
 */
export function refuseOversizedBody(maxBytes: number, limit: number): RequestHandler {
  return (req, res, next) => {
    const length = Number(req.get('content-length'));
    if (!Number.isFinite(length) || length <= limit) return next();
    res.set('Connection', 'close');
    next(new HttpError(413, 'The upload is {size}, over the limit of {limit}. Split the text into parts and import each as its own document.', { size: formatBytes(length), limit: formatBytes(maxBytes) }));
  };
}
