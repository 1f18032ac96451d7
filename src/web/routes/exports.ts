import { Router, type Response } from 'express';
import { baseName, correctedText, reportCsv, reportJson, unifiedDiff } from '../review/document-exports.ts';
import { loadDocument, type RouteContext } from './load.ts';

/** Downloads: corrected text, patch, report (JSON, CSV). The corrections TSV lives with its page. */
export function exportRoutes(context: RouteContext): Router {
  const router = Router();
  const send = (res: Response, name: string, type: string, body: string) => res.attachment(name).type(type).send(Buffer.from(body, 'utf8'));

  router.get('/documents/:id/export/text', (req, res) => {
    const document = loadDocument(req, context.store);
    send(res, `${baseName(document)}.corrected.txt`, 'text/plain; charset=utf-8', correctedText(context.store, document));
  });
  router.get('/documents/:id/export/patch', (req, res) => {
    const document = loadDocument(req, context.store);
    send(res, `${baseName(document)}.patch`, 'text/x-diff; charset=utf-8', unifiedDiff(context.store, document));
  });
  router.get('/documents/:id/export/report.json', (req, res) => {
    const document = loadDocument(req, context.store);
    send(res, `${baseName(document)}.report.json`, 'application/json; charset=utf-8', reportJson(context.store, document));
  });
  router.get('/documents/:id/export/report.csv', (req, res) => {
    const document = loadDocument(req, context.store);
    send(res, `${baseName(document)}.report.csv`, 'text/csv; charset=utf-8', reportCsv(context.store, document));
  });

  return router;
}
