import { createHash, randomBytes } from 'node:crypto';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import { roleAllows, type AccountStore, type SessionUser } from '../accounts/account-store.ts';
import { spendVerifyTime, verifyPassword } from '../accounts/passwords.ts';
import { HttpError } from '../http-error.ts';
import type { Access } from './route-roles.ts';

export const SESSION_COOKIE = 'relecture_session';

export interface SignInOptions {
  /** Sign-in even with no user defined (the server listens beyond loopback). */
  requireSignIn?: boolean;
  /** How long a session lasts from sign-in (default 12 hours). */
  sessionMs?: number;
  /** Failed sign-ins allowed per user name, and per client address, in `windowMs` (default 5 and 30 in 15 minutes). */
  maxFailuresPerName?: number;
  maxFailuresPerAddress?: number;
  windowMs?: number;
}

const DEFAULTS = { sessionMs: 12 * 3600_000, maxFailuresPerName: 5, maxFailuresPerAddress: 30, windowMs: 15 * 60_000 };

declare module 'express-serve-static-core' {
  interface Locals {
    /** The signed-in user, in team mode. */
    user?: SessionUser;
    /** Sign-in is required: a user exists, or the server listens beyond loopback. */
    teamMode?: boolean;
    /** What the route table asks of this request (route-roles.ts). */
    access?: Access;
  }
}

/** What the cookie holds is a random token; the database keeps only its hash. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Who is asking. Team mode is decided per request from the database (a user
 * added from the command line, or through another app process, takes effect at
 * once); the session is looked up there too, so it holds across processes and restarts.
 */
export function identify(accounts: AccountStore, options: SignInOptions = {}): RequestHandler {
  return async (req, res, next) => {
    res.locals.teamMode = options.requireSignIn === true || (await accounts.countUsers()) > 0;
    if (!res.locals.teamMode) return next();
    const token = readCookie(req, SESSION_COOKIE);
    if (token && /^[A-Za-z0-9_-]{43}$/.test(token)) res.locals.user = await accounts.findSession(hashToken(token), new Date());
    next();
  };
}

/** Refuses what the route table does not allow: not signed in → sign-in page or 401, a role too low → 403. */
export function enforceAccess(): RequestHandler {
  return (req, res, next) => {
    const access = res.locals.access ?? 'admin';
    if (!res.locals.teamMode || access === 'public') return next();
    const user = res.locals.user;
    if (!user) {
      const page = (req.method === 'GET' || req.method === 'HEAD') && req.accepts(['html', 'json']) === 'html' && req.get('x-requested-with') !== 'relecture';
      if (page) return res.redirect(303, `/login?${new URLSearchParams({ next: req.originalUrl })}`);
      return next(new HttpError(401, 'Sign in first: this needs an account (ask an admin for one).'));
    }
    if (!roleAllows(user.role, access)) {
      // The role names are labels of i18n.ts too (« lecteur », not « viewer », on a French page).
      return next(new HttpError(403, 'This needs the {access} role; you are signed in as {name} ({role}). Ask an admin if you need more.', { access: res.locals.t(access), name: user.name, role: res.locals.t(user.role) }));
    }
    next();
  };
}

/** Only a path of this site, never another site, to go to after signing in. */
export function safeNext(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[^\\\r\n]*$/.test(value) || value.startsWith('/login')) return '/documents';
  return value;
}

/** GET/POST /login, POST /logout. */
export function signInRoutes(accounts: AccountStore, options: SignInOptions = {}): Router {
  const settings = { ...DEFAULTS, ...options };
  const router = Router();
  const page = (res: Response, status: number, locals: { next: string; name?: string; error?: string }) =>
    res.status(status).render('login', { title: 'Sign in', name: '', error: undefined, ...locals });

  router.get('/login', (req, res) => {
    if (!res.locals.teamMode || res.locals.user) return res.redirect(303, safeNext(req.query.next));
    page(res, 200, { next: safeNext(req.query.next) });
  });

  router.post('/login', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const name = typeof body.username === 'string' ? body.username.trim().slice(0, 64) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    if (!res.locals.teamMode) return res.redirect(303, next);
    const now = new Date();
    const since = new Date(now.getTime() - settings.windowMs);
    const nameKey = `user:${name.toLowerCase()}`;
    const addressKey = `ip:${req.ip ?? 'unknown'}`;
    // Counted in the database, so the limit holds however many app processes answer.
    const [byName, byAddress] = await Promise.all([accounts.failedSignInsSince(nameKey, since), accounts.failedSignInsSince(addressKey, since)]);
    if (byName >= settings.maxFailuresPerName || byAddress >= settings.maxFailuresPerAddress) {
      const minutes = Math.ceil(settings.windowMs / 60_000);
      res.set('Retry-After', String(Math.ceil(settings.windowMs / 1000)));
      const template = byName >= settings.maxFailuresPerName
        ? 'Too many failed sign-ins for this name: try again in {minutes} minutes, or ask an admin to set a new password.'
        : 'Too many failed sign-ins from this address: try again in {minutes} minutes, or ask an admin to set a new password.';
      return page(res, 429, { next, name, error: res.locals.t(template, { minutes }) });
    }
    const user = name ? await accounts.findUser(name) : undefined;
    const ok = user ? await verifyPassword(user.passwordHash, password) : (await spendVerifyTime(password), false);
    if (!user || !ok) {
      await Promise.all([accounts.recordFailedSignIn(nameKey, now), accounts.recordFailedSignIn(addressKey, now)]);
      return page(res, 401, { next, name, error: res.locals.t('Wrong name or password.') });
    }
    await accounts.clearFailedSignIns(nameKey);
    // A new session id at every sign-in: a token planted before (session fixation) never becomes a signed-in one.
    const previous = readCookie(req, SESSION_COOKIE);
    if (previous) await accounts.deleteSession(hashToken(previous));
    const token = randomBytes(32).toString('base64url');
    await accounts.createSession(hashToken(token), user.id, new Date(now.getTime() + settings.sessionMs));
    await accounts.deleteExpiredSessions(now);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: settings.sessionMs });
    res.redirect(303, next);
  });

  router.post('/logout', async (req, res) => {
    const token = readCookie(req, SESSION_COOKIE);
    if (token) await accounts.deleteSession(hashToken(token));
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });
    res.redirect(303, res.locals.teamMode ? '/login' : '/documents');
  });

  return router;
}
