import type { ErrorRequestHandler, RequestHandler } from 'express';
import { InputError } from '../errors.ts';
import { formatBytes } from '../text/decode-input.ts';
import { HttpError, notFound } from './http-error.ts';

/** Every URL no route answered: one 404 page. */
export function notFoundHandler(): RequestHandler {
  return (_req, _res, next) => next(notFound());
}

/**
 * The one place errors become pages. Known failures get their status and a
 * sentence that says what to do; anything else is logged and answered with a
 * plain 500 page, never a stack trace.
 */
export function errorHandler(maxBytes: number): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    let status = 500;
    let title = 'Something went wrong';
    let message = 'The server could not complete this request. Nothing was changed by the part that failed.';
    if (error instanceof HttpError) {
      status = error.status;
      title = status === 404 ? 'Not found' : status === 401 ? 'Sign in first' : status === 403 ? 'Refused' : status === 413 ? 'Too large' : 'Cannot do that';
      message = error.message;
    } else if (error instanceof InputError) {
      status = 400;
      title = 'The input cannot be used';
      message = error.message;
    } else if (error?.code === 'LIMIT_FILE_SIZE' || error?.code === 'LIMIT_FIELD_VALUE' || error?.type === 'entity.too.large') {
      status = 413;
      title = 'Too large';
      message = `The text is over the limit of ${formatBytes(maxBytes)}. Split it into parts and import each as its own document.`;
    } else if (typeof error?.code === 'string' && error.code.startsWith('LIMIT_')) {
      status = 400;
      title = 'The form cannot be used';
      message = `The upload was refused: ${error.message}.`;
    } else if (error?.type === 'entity.parse.failed' || error?.status === 400) {
      status = 400;
      title = 'The form cannot be used';
      message = 'The request could not be read.';
    } else {
      console.error(error);
    }
    if (res.headersSent) return;
    res.status(status).render('error', { title, message, status });
  };
}
