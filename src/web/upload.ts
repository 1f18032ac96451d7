import multer from 'multer';

/** Uploads stay in memory: they are at most `maxBytes` and are decoded at once. */
export function uploads(maxBytes: number) {
  return multer({
    storage: multer.memoryStorage(),
    // The pasted text is a form field: it gets the same limit as a file.
    limits: { fileSize: maxBytes, fieldSize: maxBytes, files: 2, fields: 10 },
  });
}
