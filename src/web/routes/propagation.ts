import { Router } from 'express';
import { escapeHtml } from '../render/escape-html.ts';
import { HttpError } from '../http-error.ts';
import { preferencesOf } from '../preferences.ts';
import { answerAfterJob } from './jobs.ts';
import { actorOf, field, loadDocument, parseId, redirectWithNotice, safeReturnTo, type RouteContext } from './load.ts';

/**
 * Apply a word change to its other occurrences: first the list (each sentence,
 * the occurrence marked, a box to leave it out), then one POST that changes
 * them all and learns the change in the document's corrections (a job of
 * chunks: see review/chunked-jobs.ts).
 */
export function propagationRoutes(context: RouteContext): Router {
  const router = Router();

  router.get('/documents/:id/propagate', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const from = typeof req.query.from === 'string' ? req.query.from.trim() : '';
    const to = typeof req.query.to === 'string' ? req.query.to.trim() : '';
    if (!from || !to || from === to) throw new HttpError(400, 'A propagation needs a word and its replacement.');
    const hits = (await context.service.previewPropagation(document.id, from, to)).map(({ sentence, occurrences }) => ({
      number: sentence.idx + 1,
      html: markOccurrences(sentence.currentText, occurrences),
      count: occurrences.length,
    }));
    res.render('propagate', {
      title: res.locals.t('Apply « {from} » → « {to} »', { from, to }),
      document,
      from,
      to,
      hits,
      total: hits.reduce((sum, hit) => sum + hit.count, 0),
      returnTo: safeReturnTo(req.query.return_to, document),
    });
  });

  router.post('/documents/:id/propagate', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const from = field(req.body, 'from').trim();
    const to = field(req.body, 'to').trim();
    if (!from || !to || from === to) throw new HttpError(400, 'A propagation needs a word and its replacement.');
    const raw = (req.body as Record<string, unknown>).sentence;
    const chosen = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(parseId).filter((n): n is number => n !== undefined).map((n) => n - 1);
    const learn = field(req.body, 'learn') === 'on';
    const job = await context.service.startPropagation(document.id, from, to, chosen, learn, actorOf(res), { autoReview: preferencesOf(res).autoReview });
    const returnTo = safeReturnTo(field(req.body, 'return_to'), document);
    // A few sentences are done within the wait; thousands go on in chunks, and the answer is the job's page.
    await answerAfterJob(context, res, job, returnTo, (done) =>
      redirectWithNotice(res, returnTo, learn ? 'propagated-learned' : 'propagated', { n: done.counts.occurrences ?? 0, s: done.counts.changed ?? 0, job: done.id }),
    );
  });

  return router;
}

function markOccurrences(text: string, occurrences: Array<{ start: number; end: number; replacement: string }>): string {
  let html = '';
  let position = 0;
  for (const o of occurrences) {
    html += `${escapeHtml(text.slice(position, o.start))}<del class="w">${escapeHtml(text.slice(o.start, o.end))}</del><ins class="w">${escapeHtml(o.replacement)}</ins>`;
    position = o.end;
  }
  return html + escapeHtml(text.slice(position));
}
