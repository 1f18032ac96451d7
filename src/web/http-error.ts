/** An error that carries the HTTP status the error handler answers with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function notFound(what = 'This page'): HttpError {
  return new HttpError(404, `${what} does not exist.`);
}
