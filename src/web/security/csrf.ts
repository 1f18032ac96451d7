import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from '../http-error.ts';

const COOKIE = 'relecture_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Double-submit token: a random value in a SameSite=Strict, HttpOnly cookie,
 * repeated in every form (`_csrf`) or in the `X-CSRF-Token` header of our
 * script's requests. Another site can make the browser send the cookie, never
 * read it, so it cannot repeat it. State-changing requests without a matching
 * pair are refused with 403.
 *
 * Multipart bodies are only read by the upload route's multer, so for them the
 * check is deferred to `verifyCsrf`, which those routes run right after it.
 */
export function csrfProtection(multipartPaths: RegExp[]): RequestHandler {
  return (req, res, next) => {
    let token = readCookie(req, COOKIE);
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
      token = randomBytes(32).toString('base64url');
      res.cookie(COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' });
    }
    res.locals.csrfToken = token;
    if (SAFE_METHODS.has(req.method)) return next();
    // Only the upload routes, which verify after multer, may defer; a multipart
    // post anywhere else has no readable token and is refused below.
    if (req.is('multipart/form-data') && multipartPaths.some((path) => path.test(req.path))) {
      res.locals.csrfDeferred = true;
      return next();
    }
    verifyCsrf(req, res, next);
  };
}

export function verifyCsrf(req: Request, res: Response, next: NextFunction): void {
  const expected = readCookie(req, COOKIE);
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
  if (!expected || typeof sent !== 'string' || !sameToken(expected, sent)) {
    return next(new HttpError(403, 'This form has expired or did not come from this application. Reload the page and try again.'));
  }
  res.locals.csrfDeferred = false;
  next();
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
