import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Helmet's headers with a strict policy: scripts and styles only from our own
 * /public files (no inline script or style, no CDN), forms only to ourselves.
 * The app is served over plain HTTP on the loopback interface, so no HTTPS upgrade.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    // Helmet's default, no-referrer, makes a browser send `Origin: null` with the
    // app's own forms, which the CSRF check must refuse; same-origin keeps the
    // Referer inside the app and sends nothing to other sites.
    referrerPolicy: { policy: 'same-origin' },
  });
}

/**
 * Pages show documents: no browser or proxy cache may keep them (a shared
 * computer's back button, a proxy). Our own /public assets are cached as before.
 */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
}
