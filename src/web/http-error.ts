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

export function notFound(what = 'This page'): HttpError {
  return new HttpError(404, `${what} does not exist.`);
}
