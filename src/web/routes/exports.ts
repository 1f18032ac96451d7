import { Router, type Response } from 'express';
import { baseName, findExport, type DocumentExport } from '../exports/index.ts';
import { notFound } from '../http-error.ts';
import type { DocumentRecord } from '../store/review-store.ts';
import { loadDocument, type RouteContext } from './load.ts';

/** Every download, through the export registry (src/web/exports/): `/documents/:id/export/:name`. */
export function exportRoutes(context: RouteContext): Router {
  const router = Router();

  router.get('/documents/:id/export/:name', (req, res) => {
    const document = loadDocument(req, context.store);
    const entry = findExport(req.params.name, document);
    if (!entry) throw notFound('This export');
    sendExport(context, res, document, entry);
  });

  return router;
}

export function sendExport(context: RouteContext, res: Response, document: DocumentRecord, entry: DocumentExport): void {
  const body = entry.render(context.store, document);
  res.attachment(entry.fileName(baseName(document), document)).type(entry.contentType).send(typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body));
}
