import type { Request, RequestHandler, Response } from 'express';

/** The interface languages. */
export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * What one editor chose for their own work, kept in their browser (a cookie):
 * the interface language, and whether deciding the last open finding of a
 * sentence marks it reviewed. Nothing here changes what is stored for others.
 */
export interface Preferences {
  lang: Language;
  autoReview: boolean;
}

const COOKIE = 'relecture_prefs';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function readPreferences(req: Request, defaults: Preferences): Preferences {
  let raw = '';
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === COOKIE) {
      try {
        raw = decodeURIComponent(value.join('='));
      } catch {
        raw = ''; // a mangled cookie counts as no choice
      }
    }
  }
  const fields = new URLSearchParams(raw);
  const lang = fields.get('lang');
  return {
    lang: isLanguage(lang) ? lang : defaults.lang,
    autoReview: fields.has('auto') ? fields.get('auto') === '1' : defaults.autoReview,
  };
}

export function writePreferences(res: Response, preferences: Preferences): void {
  const value = new URLSearchParams({ lang: preferences.lang, auto: preferences.autoReview ? '1' : '0' }).toString();
  res.cookie(COOKIE, value, { sameSite: 'strict', path: '/', maxAge: 400 * 24 * 3600 * 1000, encode: (v) => v });
}

/** Puts the request's preferences in `res.locals.preferences`. */
export function preferencesMiddleware(defaults: Preferences): RequestHandler {
  return (req, res, next) => {
    res.locals.preferences = readPreferences(req, defaults);
    next();
  };
}

export function preferencesOf(res: Response): Preferences {
  return res.locals.preferences as Preferences;
}
