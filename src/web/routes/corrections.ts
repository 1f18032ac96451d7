import { Router, type Response } from 'express';
import type { JobRecord } from '../store/review-store.ts';
import { answerAfterJob } from './jobs.ts';
import { parseCorrections } from '../../corrections/parse-corrections.ts';
import { InputError } from '../../errors.ts';
import { decodeInput } from '../../text/decode-input.ts';
import { findExport } from '../exports/index.ts';
import { sendExport } from './exports.ts';
import { verifyCsrf } from '../security/csrf.ts';
import { refuseOversizedUpload, uploads } from '../upload.ts';
import { actorOf, field, loadDocument, parseId, type RouteContext } from './load.ts';

/** The document's corrections list: view, add, remove, import, export as TSV. */
export function correctionRoutes(context: RouteContext): Router {
  const router = Router();
  const upload = uploads(context.maxBytes).single('file');
  const page = async (documentId: number, error?: InputError, status = 200, values = { from: '', to: '', note: '' }) => {
    const document = (await context.store.documents.getDocument(documentId))!;
    return { status, locals: { title: `Corrections · ${document.title}`, document, corrections: (await context.store.corrections.listCorrections(documentId)), readWarnings: await context.store.documents.readWarnings(documentId), error: error && { file: error.file, line: error.line, template: error.template, values: error.values }, values } };
  };

  // The list is changed at once; the paragraphs where the entry stands are re-checked by a job, waited for a moment.
  const afterRecheck = async (res: Response, documentId: number, job: JobRecord | undefined) => {
    const back = `/documents/${documentId}/corrections`;
    if (!job) return res.redirect(303, back);
    await answerAfterJob(context, res, job, back, () => res.redirect(303, back));
  };

  router.get('/documents/:id/corrections', async (req, res) => {
    const document = await loadDocument(req, context.store);
    res.render('corrections', (await page(document.id)).locals);
  });

  router.post('/documents/:id/corrections', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const values = { from: field(req.body, 'from'), to: field(req.body, 'to'), note: field(req.body, 'note') };
    // One line of TSV goes through the same parser as a file, so the same checks apply.
    let job: JobRecord | undefined;
    const line = [values.from, values.to, values.note].map((v) => v.replace(/[\t\r\n]+/g, ' ')).join('\t');
    try {
      const parsed = parseCorrections(line, res.locals.t('new entry'));
      job = await context.service.addCorrections(document.id, parsed.corrections, 'added', actorOf(res));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const { status, locals } = await page(document.id, error, 400, values);
      return res.status(status).render('corrections', locals);
    }
    await afterRecheck(res, document.id, job);
  });

  router.post('/documents/:id/corrections/import', refuseOversizedUpload(context.maxBytes, 1), upload, verifyCsrf, async (req, res) => {
    const document = await loadDocument(req, context.store);
    const file = req.file;
    let job: JobRecord | undefined;
    try {
      if (!file || file.size === 0) throw new InputError(file?.originalname || res.locals.t('corrections file'), 'is empty: choose a TSV or JSON file');
      const parsed = parseCorrections(decodeInput(file.buffer, { file: file.originalname, maxBytes: context.maxBytes, allowEmpty: true }), file.originalname);
      job = await context.service.addCorrections(document.id, parsed.corrections, 'imported', actorOf(res), parsed.warnings);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const { status, locals } = await page(document.id, error, 400);
      return res.status(status).render('corrections', locals);
    }
    await afterRecheck(res, document.id, job);
  });

  router.post('/documents/:id/corrections/:cid/delete', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const id = parseId(req.params.cid);
    const job = id === undefined ? undefined : await context.service.removeCorrection(document.id, id, actorOf(res));
    await afterRecheck(res, document.id, job);
  });

  router.get('/documents/:id/corrections.tsv', async (req, res) => {
    const document = await loadDocument(req, context.store);
    // The corrections page's own link to the registry's export (its URL is older than the registry).
    sendExport(context, res, document, findExport('corrections.tsv', document)!);
  });

  return router;
}
