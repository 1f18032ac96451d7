import { Router, type RequestHandler } from 'express';
import type { Role } from '../accounts/account-store.ts';

/** Who may call a route: anyone (sign-in itself, static files), or a signed-in role and those above it. */
export type Access = Role | 'public';

export interface RouteAccess {
  method: 'GET' | 'POST';
  /** Exactly as the route module registers it (Express path syntax). */
  path: string;
  access: Access;
}

/**
 * Every route of the app and the least role that may call it, in one table:
 * viewers read and export; reviewers also accept, reject, edit and import;
 * admins also manage users, assign and delete documents. A route the app
 * registers without a line here fails test/web/security/route-roles.test.ts,
 * and at run time a request no line matches needs an admin (deny by default).
 */
export const ROUTE_ACCESS: readonly RouteAccess[] = [
  { method: 'GET', path: '/login', access: 'public' },
  { method: 'POST', path: '/login', access: 'public' },
  { method: 'POST', path: '/logout', access: 'public' },

  { method: 'GET', path: '/', access: 'viewer' },
  { method: 'GET', path: '/documents', access: 'viewer' },
  { method: 'GET', path: '/documents/:id', access: 'viewer' },
  { method: 'GET', path: '/documents/:id/sentences/:n', access: 'viewer' },
  { method: 'GET', path: '/documents/:id/versions', access: 'viewer' },
  { method: 'GET', path: '/documents/:id/grammar', access: 'viewer' },
  { method: 'GET', path: '/documents/:id/corrections', access: 'viewer' },
  { method: 'GET', path: '/documents/:id/corrections.tsv', access: 'viewer' },
  // Every download of the export registry (src/web/exports/): corrected text, patch, report…
  { method: 'GET', path: '/documents/:id/export/:name', access: 'viewer' },
  // A long change's progress (propagation, re-check after the corrections changed).
  { method: 'GET', path: '/documents/:id/jobs/:job', access: 'viewer' },
  { method: 'GET', path: '/settings', access: 'viewer' },
  // One's own preferences (language, "reviewed when done"): a cookie of one's browser.
  { method: 'POST', path: '/settings/preferences', access: 'viewer' },

  { method: 'GET', path: '/documents/new', access: 'reviewer' },
  { method: 'POST', path: '/documents', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/sentences/:n/accept', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/sentences/:n/reject', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/sentences/:n/add-word', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/sentences/:n/edit', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/sentences/:n/comment', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/sentences/:n/undo', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/sentences/:n/review', access: 'reviewer' },
  { method: 'GET', path: '/documents/:id/propagate', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/propagate', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/jobs/:job/undo', access: 'reviewer' },
  { method: 'GET', path: '/documents/:id/bulk', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/bulk', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/rules/off', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/rules/on', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/ignores/:ignore/remove', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/offers/:offer/dismiss', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/corrections', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/corrections/import', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/corrections/:cid/delete', access: 'reviewer' },
  { method: 'POST', path: '/documents/:id/grammar', access: 'reviewer' },

  { method: 'POST', path: '/documents/:id/delete', access: 'admin' },
  { method: 'POST', path: '/documents/:id/assign', access: 'admin' },
  { method: 'GET', path: '/users', access: 'admin' },
  { method: 'POST', path: '/users', access: 'admin' },
  { method: 'POST', path: '/users/:name/role', access: 'admin' },
  { method: 'POST', path: '/users/:name/remove', access: 'admin' },
];

const STRICTNESS: readonly Access[] = ['public', 'viewer', 'reviewer', 'admin'];

/**
 * Sets `res.locals.access` to what the table asks of the request, matched by
 * Express itself (same path syntax as the routes). Where several lines match
 * (`/documents/new` is also `/documents/:id`), the strictest wins; where none
 * does, an admin is needed.
 */
export function accessOfRoute(table: readonly RouteAccess[] = ROUTE_ACCESS): RequestHandler {
  const router = Router();
  for (const entry of table) {
    const mark: RequestHandler = (_req, res, next) => {
      const current = res.locals.access;
      if (current === undefined || STRICTNESS.indexOf(entry.access) > STRICTNESS.indexOf(current)) res.locals.access = entry.access;
      next();
    };
    if (entry.method === 'GET') router.get(entry.path, mark);
    else router.post(entry.path, mark);
  }
  return (req, res, next) => {
    res.locals.access = undefined;
    router(req, res, (error?: unknown) => {
      res.locals.access ??= 'admin';
      next(error);
    });
  };
}
