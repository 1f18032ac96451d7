/**
 * An error that carries the HTTP status the error handler answers with. Its
 * message is an English template of src/web/i18n.ts (`{name}` for each of
 * `values`), so the error page says it in the editor's language; `message`
 * is the English, for logs and tests.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly template: string,
    readonly values: Record<string, string | number> = {},
  ) {
    super(template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole)));
    this.name = 'HttpError';
  }
}

/**
 * What a 404 can say is missing, each a whole sentence of i18n.ts. Bug: `notFound(what)`
 * glued any English name to "does not exist.", so a new name reached the French page
 * in English; a name must now be one of these (test/web/i18n.test.ts checks their French).
 */
export const NOT_FOUND_MESSAGES = {
  page: 'This page does not exist.',
  document: 'This document does not exist.',
  sentence: 'This sentence does not exist.',
  job: 'This job does not exist.',
  offer: 'This offer does not exist.',
  propagation: 'This propagation does not exist.',
  export: 'This export does not exist.',
  user: 'This user does not exist.',
} as const;

export function notFound(what: keyof typeof NOT_FOUND_MESSAGES = 'page'): HttpError {
  return new HttpError(404, NOT_FOUND_MESSAGES[what]);
}
