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
  });
}
