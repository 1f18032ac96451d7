import { Router, type Request } from 'express';
import { HttpError } from '../http-error.ts';
import { inlineDiff } from '../render/sentence-diff.ts';
import { escapeHtml } from '../render/escape-html.ts';
import { applyFixes, compatibleFixes, readBulkAction, type BulkAction } from '../review/bulk-actions.ts';
import { jobPath } from './jobs.ts';
import { actorOf, field, loadDocument, parseId, redirectWithNotice, safeReturnTo, type RouteContext } from './load.ts';

/** How many changed sentences a preview shows in full (the count covers them all). */
export const PREVIEW_SAMPLES = 5;

/**
 * Bulk actions of the review page: accept every open finding of a rule, reject
 * every one of a rule or of a word, switch a rule off (or on again) for the
 * document. Each shows a preview first (how many findings, in which sentences,
 * the first diffs); the POST holds every sentence to its version in the preview.
 */
export function bulkRoutes(context: RouteContext): Router {
  const router = Router();

  router.get('/documents/:id/bulk', async (req, res) => {
    const document = await loadDocument(req, context.store);
    // Switching a rule off withdraws what rejecting all its findings would: the same preview, another form.
    const switchOff = req.query.kind === 'switch-off';
    const action = switchOff ? actionOf(req, { kind: 'reject-rule', rule: req.query.rule }) : actionOf(req, req.query as Record<string, unknown>);
    const targets = await context.service.previewBulk(document.id, action);
    const findings = targets.reduce((sum, target) => sum + target.findings.length, 0);
    res.render('bulk', {
      title: switchOff ? 'Switch a rule off for this document' : titleOf(action),
      document,
      action,
      switchOff,
      findings,
      numbers: targets.map((target) => target.sentence.idx + 1),
      samples: targets.slice(0, PREVIEW_SAMPLES).map(({ sentence, findings }) => ({
        number: sentence.idx + 1,
        html: action.kind === 'accept-rule' ? inlineDiff(sentence.currentText, applyFixes(sentence.currentText, compatibleFixes(findings))) : markFindings(sentence.currentText, findings),
      })),
      versions: targets.map((target) => `${target.sentence.id}:${target.sentence.version}`).join(','),
      returnTo: safeReturnTo(req.query.return_to, document),
    });
  });

  router.post('/documents/:id/bulk', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const action = actionOf(req, req.body as Record<string, unknown>);
    const versions = readVersions(field(req.body, 'versions'));
    const returnTo = safeReturnTo(field(req.body, 'return_to'), document);
    if (versions.size === 0) return redirectWithNotice(res, returnTo, 'bulk-nothing');
    const job = await context.service.startBulk(document.id, action, versions, actorOf(res));
    // Its page gives the counts (and the sentences left as they were), and the one undo.
    await context.service.jobs.wait(job.id, 1000);
    res.redirect(303, jobPath(job, returnTo));
  });

  router.post('/documents/:id/rules/off', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const rule = field(req.body, 'rule').trim();
    const returnTo = safeReturnTo(field(req.body, 'return_to'), document);
    if (!rule) throw new HttpError(400, 'Which rule? The form sent none.');
    const outcome = await context.service.switchRuleOff(document.id, rule, actorOf(res));
    redirectWithNotice(res, returnTo, outcome ? 'rule-off' : 'bulk-nothing');
  });

  router.post('/documents/:id/rules/on', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const rule = field(req.body, 'rule').trim();
    const returnTo = safeReturnTo(field(req.body, 'return_to'), document);
    if (!rule) throw new HttpError(400, 'Which rule? The form sent none.');
    const rechecked = await context.service.switchRuleOn(document.id, rule);
    redirectWithNotice(res, returnTo, 'rule-on', { n: rechecked });
  });

  // « Ne plus ignorer » a word or rule of the document, by its record: from the review page's list, or the notice after the ignore.
  router.post('/documents/:id/ignores/:ignore/remove', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const id = parseId(req.params.ignore);
    const ignore = (await context.store.ignores.listIgnores(document.id)).find((i) => i.id === id);
    const returnTo = safeReturnTo(field(req.body, 'return_to'), document);
    // Already taken away (the sentence's undo, another tab): nothing to do, and the page says so.
    if (!ignore) return redirectWithNotice(res, returnTo, 'ignore-gone');
    const rechecked = await context.service.stopIgnoring(document.id, ignore.kind, ignore.value);
    redirectWithNotice(res, returnTo, ignore.kind === 'rule' ? 'rule-on' : 'word-on', { n: rechecked });
  });

  return router;
}

function actionOf(req: Request, values: Record<string, unknown>): BulkAction {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');
  const action = readBulkAction(text('kind'), text('rule'), text('word'));
  if (!action) throw new HttpError(400, 'A bulk action needs a kind and a rule or a word ({request}).', { request: `${req.method} ${req.path}` });
  return action;
}

function titleOf(action: BulkAction): string {
  return action.kind === 'accept-rule' ? 'Accept every finding of a rule' : action.kind === 'reject-rule' ? 'Reject every finding of a rule' : 'Reject a word everywhere';
}

/** `id:version,…` from the preview's form; a malformed pair is refused, not skipped. */
function readVersions(raw: string): Map<number, number> {
  const versions = new Map<number, number>();
  for (const pair of raw.split(',').filter(Boolean)) {
    const [id, version] = pair.split(':').map((part) => parseId(part));
    if (id === undefined || version === undefined) throw new HttpError(400, 'The preview’s sentence versions are malformed near « {pair} ».', { pair: pair.slice(0, 40) });
    versions.set(id, version);
  }
  return versions;
}

function markFindings(text: string, findings: Array<{ start: number; length: number }>): string {
  let html = '';
  let position = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < position) continue;
    html += `${escapeHtml(text.slice(position, f.start))}<mark class="bulk-hit">${escapeHtml(text.slice(f.start, f.start + f.length))}</mark>`;
    position = f.start + f.length;
  }
  return html + escapeHtml(text.slice(position));
}
