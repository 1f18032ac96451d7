import { Router, type Response } from 'express';
import { baseName, contentTypeOf, findExport, type DocumentExport } from '../exports/index.ts';
import { notFound } from '../http-error.ts';
import type { DocumentRecord } from '../store/review-store.ts';
import { loadDocument, type RouteContext } from './load.ts';

/** Every download, through the export registry (src/web/exports/): `/documents/:id/export/:name`. */
export function exportRoutes(context: RouteContext): Router {
  const router = Router();

  router.get('/documents/:id/export/:name', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const entry = findExport(req.params.name, document);
    if (!entry) throw notFound('export');
    await sendExport(context, res, document, entry);
  });

  return router;
}

export async function sendExport(context: RouteContext, res: Response, document: DocumentRecord, entry: DocumentExport): Promise<void> {
  // The findings other sentences owe to the last changes (a name's variants, a repeated word) are in the report.
  await context.service.settledDocument(document.id);
  const body = await entry.render(context.store, document);
  res.attachment(entry.fileName(baseName(document), document)).type(contentTypeOf(entry, document)).send(typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body));
}
