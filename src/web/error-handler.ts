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
  return (error, req, res, _next) => {
    let status = 500;
    let title = 'Something went wrong';
    let message = 'The server could not complete this request. Nothing was changed by the part that failed.';
    if (error instanceof HttpError) {
      status = error.status;
      title = status === 404 ? 'Not found' : status === 401 ? 'Sign in first' : status === 403 ? 'Refused' : status === 413 ? 'Too large' : status === 421 ? 'Unknown server name' : 'Cannot do that';
      // Said in the editor's language: the template, with its values (i18n.ts).
      message = typeof res.locals.t === 'function' ? res.locals.t(error.template, error.values) : error.message;
    } else if (error instanceof InputError) {
      status = 400;
      title = 'The input cannot be used';
      message = `${error.line === undefined ? error.file : `${error.file}:${error.line}`}: ${translate(res, error.template, error.values)}`;
    } else if (error?.code === 'LIMIT_FILE_SIZE' || error?.code === 'LIMIT_FIELD_VALUE' || error?.type === 'entity.too.large') {
      status = 413;
      title = 'Too large';
      message = translate(res, 'The text is over the limit of {limit}. Split it into parts and import each as its own document.', { limit: formatBytes(maxBytes) });
    } else if (typeof error?.code === 'string' && error.code.startsWith('LIMIT_')) {
      status = 400;
      title = 'The form cannot be used';
      message = translate(res, 'The upload was refused: {reason}.', { reason: error.message });
    } else if (error?.type === 'parameters.too.many') {
      status = 413;
      title = 'Too large';
      message = translate(res, 'The form has too many fields. Choose fewer sentences at a time.');
    } else if (error?.type === 'charset.unsupported' || error?.type === 'encoding.unsupported') {
      // charset=utf-7 and the like: body-parser's 415.
      status = 415;
      title = 'The form cannot be used';
      message = translate(res, 'The form was sent in an encoding this server does not read: send it as UTF-8.');
    } else if (isMalformedMultipart(error)) {
      status = 400;
      title = 'The form cannot be used';
      message = translate(res, 'The upload could not be read (it was cut short or malformed). Try again.');
    } else if (error?.type === 'entity.parse.failed' || (Number.isInteger(error?.status) && error.status >= 400 && error.status < 500)) {
      // body-parser and http-errors mark client errors with a 4xx status: a 4xx, not a 500.
      status = error.status === 413 || error.status === 415 ? error.status : 400;
      title = 'The form cannot be used';
      message = translate(res, 'The request could not be read.');
    } else {
      // Never the error object itself: body-parser's errors carry the start of
      // the body (the user's text, the CSRF token). The stack says where.
      console.error(`relecture: ${req.method} ${req.path} failed: ${error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : typeof error}`);
    }
    if (res.headersSent) return;
    if (message === 'The server could not complete this request. Nothing was changed by the part that failed.') message = translate(res, message);
    res.status(status).render('error', { title, message, status });
  };
}

/** The interface language's text (the error page's title goes through its view's t()). */
function translate(res: Parameters<ErrorRequestHandler>[2], english: string, values?: Record<string, string | number>): string {
  return typeof res.locals.t === 'function' ? res.locals.t(english, values) : english;
}

/** Busboy's (multer's parser) errors for a body that is not well-formed multipart: a client error. Bug: they answered 500. */
function isMalformedMultipart(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /^(Unexpected end of (form|multipart data)|Malformed part header|Multipart: Boundary not found|Unsupported content type|Missing Content-Type)/i.test(message);
}

