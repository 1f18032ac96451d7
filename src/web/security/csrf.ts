import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { HttpError } from '../http-error.ts';

const COOKIE = 'relecture_csrf';
/** Over HTTPS: a cookie only this origin can set (Secure, Path=/, no Domain), which another port or a subdomain cannot plant. */
const HOST_COOKIE = `__Host-${COOKIE}`;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

// Templates of i18n.ts, so the refusal is said in the editor's language.
const REFUSED = 'This form has expired or did not come from this application. Reload the page and try again.';
const REFUSED_ORIGIN = 'This form did not come from this application: it was sent from another site or port. Reload the page and try again.';

/**
 * CSRF protection tied to this server, as Django and Weblate do it:
 *
 * - The cookie holds a random value; the token in every form (`_csrf`) or in
 *   the `X-CSRF-Token` header of our script is its HMAC under a secret of this
 *   installation (`secret`, kept in the data folder). Bug: the double-submit
 *   check accepted any well-formed pair, and cookies are not separated by port
 *   (SameSite counts all ports of 127.0.0.1 as one site), so a page on another
 *   local port planted a cookie with a longer path, posted the same value, and
 *   deleted a document. A planted cookie now needs the token of its value,
 *   which only this server can compute.
 * - Every state-changing request that carries `Origin` (every browser's POST)
 *   or `Referer` must come from this very origin (scheme, host and port), which
 *   also stops a page that got a token some other way.
 * - Over HTTPS the cookie is `__Host-` prefixed.
 *
 * Multipart bodies are only read by the upload route's multer, so for them the
 * token check is deferred to `verifyCsrf`, which those routes run right after it.
 */
export function csrfProtection(secret: Buffer, multipartPaths: RegExp[]): RequestHandler {
  return (req, res, next) => {
    const name = req.secure ? HOST_COOKIE : COOKIE;
    let value = readCookie(req, name);
    if (!value) {
      value = randomBytes(32).toString('base64url');
      res.cookie(name, value, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
    }
    res.locals.csrfToken = tokenFor(secret, value);
    res.locals.csrfSecret = secret;
    if (SAFE_METHODS.has(req.method)) return next();
    if (!sameOrigin(req)) return next(new HttpError(403, REFUSED_ORIGIN));
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
  const value = readCookie(req, req.secure ? HOST_COOKIE : COOKIE);
  const secret = res.locals.csrfSecret as Buffer | undefined;
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token');
  if (!value || !secret || typeof sent !== 'string' || !sameToken(tokenFor(secret, value), sent)) return next(new HttpError(403, REFUSED));
  res.locals.csrfDeferred = false;
  next();
}

/** The token of a cookie value: only a holder of the secret can make it. */
export function tokenFor(secret: Buffer, cookieValue: string): string {
  return createHmac('sha256', secret).update(`relecture-csrf\u0000${cookieValue}`).digest('base64url');
}

/**
 * Does the request come from a page of this origin? `Origin` when the browser
 * sends it, else `Referer`; a request with neither (curl, a script) has only
 * its token to show. `Host` was checked against the allowed names before.
 */
function sameOrigin(req: Request): boolean {
  const own = `${req.protocol}://${req.get('host')}`.toLowerCase();
  const origin = req.get('origin');
  if (origin !== undefined) return origin.toLowerCase() === own;
  const referer = req.get('referer');
  if (referer === undefined) return true;
  try {
    return new URL(referer).origin.toLowerCase() === own;
  } catch {
    return false;
  }
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The first well-formed value of the cookie. Values are never URL-decoded: ours
 * are base64url. Bug: a value with a malformed `%` made decodeURIComponent throw,
 * so every page answered 500, and a page on another port could plant such a
 * cookie to lock the browser out. Values that are not ours are skipped; with
 * several (one planted with a longer path comes first), the first of ours wins,
 * the same one for the page and for the post that follows it.
 */
function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    if (COOKIE_VALUE.test(value)) return value;
  }
  return undefined;
}
