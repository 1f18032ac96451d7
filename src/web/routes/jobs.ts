import { Router, type Response } from 'express';
import { notFound } from '../http-error.ts';
import type { DocumentRecord, JobRecord } from '../store/review-store.ts';
import { actorOf, field, loadDocument, safeReturnTo, wantsFragment, type RouteContext } from './load.ts';

/** How long a request that started a job waits for it before answering "in progress" with the job's page. */
export const JOB_WAIT_MS = 1000;

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The job page of a document's job: its progress while it runs (the page reloads itself), its counts once done. */
export function jobPath(job: JobRecord, returnTo?: string): string {
  return `/documents/${job.documentId}/jobs/${job.id}${returnTo ? `?${new URLSearchParams({ return_to: returnTo })}` : ''}`;
}

/**
 * Waits up to JOB_WAIT_MS for a job a request started: done, `done(job)` answers
 * as the request always did; still running, the answer is the job's page
 * ("in progress, N of M"), which a browser reloads and a script polls as JSON.
 */
export async function answerAfterJob(context: RouteContext, res: Response, job: JobRecord, returnTo: string, done: (job: JobRecord) => void): Promise<void> {
  const now = (await context.service.jobs.wait(job.id, JOB_WAIT_MS)) ?? job;
  if (now.state === 'done') return done(now);
  res.redirect(303, jobPath(now, returnTo));
}

export function jobRoutes(context: RouteContext): Router {
  const router = Router();

  const loadJob = async (documentId: number, id: string): Promise<JobRecord> => {
    const job = JOB_ID.test(id) ? await context.store.jobs.getJob(id) : undefined;
    if (!job || job.documentId !== documentId) throw notFound('job');
    return job;
  };

  router.get('/documents/:id/jobs/:job', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const job = await loadJob(document.id, req.params.job);
    if (wantsFragment(req) || req.accepts(['html', 'json']) === 'json') {
      res.json({ id: job.id, kind: job.kind, state: job.state, done: job.done, total: job.total, counts: job.counts, error: job.error });
      return;
    }
    res.render('job', jobLocals(document, job, safeReturnTo(req.query.return_to, document)));
  });

  // Undoes the whole action of a propagation (every sentence it changed, where it is still the latest change).
  router.post('/documents/:id/jobs/:job/undo', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const job = await loadJob(document.id, req.params.job);
    const returnTo = safeReturnTo(field(req.body, 'return_to'), document);
    if (job.kind !== 'propagate' && job.kind !== 'bulk') throw notFound('propagation');
    const undo = await context.service.undoAction(document.id, job.id, actorOf(res));
    await answerAfterJob(context, res, undo, returnTo, (done) => res.redirect(303, jobPath(done, returnTo)));
  });

  return router;
}

function jobLocals(document: DocumentRecord, job: JobRecord, returnTo: string) {
  const titles: Record<string, string> = { propagate: 'Propagation', recheck: 'Re-check after a change of the corrections', 'undo-action': 'Undo of a propagation', bulk: 'Bulk action' };
  const params = job.params as { from?: string; to?: string };
  return {
    title: titles[job.kind] ?? job.kind,
    document,
    job,
    from: params.from ?? '',
    to: params.to ?? '',
    returnTo,
    refreshSeconds: job.state === 'running' ? 1 : 0,
  };
}
