import { Router } from 'express';
import { loadDocument, type RouteContext } from './load.ts';

/**
 * What an editor's open page polls (review.js, every few seconds): the stamp of
 * each sentence it shows (version and latest event, with who made it). Read from
 * the database on every request, so a change made through any app process shows.
 * `kindLabel` is the kind in the interface language, for the line the page shows.
 */
export function liveChangeRoutes(context: RouteContext): Router {
  const router = Router();
  router.get('/documents/:id/versions', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const raw = typeof req.query.sentences === 'string' ? req.query.sentences : '';
    const numbers = [...new Set(raw.split(',').filter((n) => /^[1-9]\d{0,8}$/.test(n)).map(Number))].slice(0, 500);
    const stamps = (await context.store.decisions.sentenceStamps(document.id, numbers.map((n) => n - 1)));
    res.set('Cache-Control', 'no-store');
    res.json({
      sentences: Object.fromEntries(stamps.map((s) => [s.idx + 1, { stamp: `${s.version}.${s.lastEvent ?? 0}`, version: s.version, kind: s.kind, kindLabel: res.locals.t(s.kind ?? 'change'), by: s.actor }])),
    });
  });
  return router;
}
