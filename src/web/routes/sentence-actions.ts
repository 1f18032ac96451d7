import { Router, type Request, type Response } from 'express';
import { documentHeader, percent, sentenceBlocks } from '../render/view-models.ts';
import { inlineDiff } from '../render/sentence-diff.ts';
import { IGNORE_SCOPES, StaleFinding, editedText, type ChangeOutcome, type EditMqm, type IgnoreScope } from '../review/review-service.ts';
import type { WordSubstitution } from '../review/word-changes.ts';
import { PROJECT_WORDS_FILE } from '../../project-words.ts';
import { LOCAL_ACTOR, VersionConflict, type DocumentRecord, type SentenceRecord } from '../store/review-store.ts';
import { filterOfPath } from './review-page.ts';
import { preferencesOf } from '../preferences.ts';
import { HttpError, notFound } from '../http-error.ts';
import type { Translate } from '../i18n.ts';
import { CATEGORIES, SEVERITIES } from '../../types.ts';
import { actorOf, field, loadDocument, loadSentence, parseId, safeReturnTo, wantsFragment, type RouteContext } from './load.ts';

/**
 * Accept, reject, edit, undo, mark reviewed. Each is a form that POSTs and
 * redirects back (no script needed); review.js sends the same forms with fetch
 * and gets the re-rendered sentence and header to swap in place.
 */
export function sentenceActionRoutes(context: RouteContext): Router {
  const router = Router();
  const { service } = context;
  const version = (req: Request) => parseId(field(req.body, 'version')) ?? 0;
  const options = (res: Response) => ({ autoReview: preferencesOf(res).autoReview });

  router.post('/documents/:id/sentences/:n/accept', (req, res) =>
    act(context, req, res, async (sentence) => service.accept(sentence, parseId(field(req.body, 'finding')) ?? 0, Number(field(req.body, 'suggestion') || 0), version(req), actorOf(res), options(res))),
  );
  // The reject menu's scope: this finding only (the default), or its word or rule from now on (review-service.ts, `ignore`).
  router.post('/documents/:id/sentences/:n/reject', (req, res) => {
    const scope = field(req.body, 'scope') || 'finding';
    if (scope !== 'finding' && !(IGNORE_SCOPES as readonly string[]).includes(scope)) throw new HttpError(400, 'Unknown scope « {scope} » (known: {known}).', { scope, known: ['finding', ...IGNORE_SCOPES].join(', ') });
    const finding = parseId(field(req.body, 'finding')) ?? 0;
    return act(context, req, res, async (sentence) =>
      scope === 'finding'
        ? { sentence: await service.reject(sentence, finding, field(req.body, 'reason').slice(0, 500), version(req), actorOf(res), options(res)), offers: [] }
        : service.ignore(sentence, finding, scope as IgnoreScope, version(req), actorOf(res), context.wordsFile ?? PROJECT_WORDS_FILE),
    );
  });
  router.post('/documents/:id/sentences/:n/add-word', (req, res) =>
    act(context, req, res, async (sentence) => ({ sentence: await service.addToDictionary(sentence, parseId(field(req.body, 'finding')) ?? 0, context.wordsFile ?? PROJECT_WORDS_FILE, actorOf(res)), offers: [] })),
  );
  router.post('/documents/:id/sentences/:n/edit', (req, res) => {
    const mqm = readEditMqm(req, res.locals.t);
    return act(context, req, res, async (sentence) => service.edit(sentence, field(req.body, 'text'), version(req), actorOf(res), options(res), mqm));
  });
  router.post('/documents/:id/sentences/:n/comment', (req, res) =>
    act(context, req, res, async (sentence) => {
      await service.comment(sentence, field(req.body, 'comment'), actorOf(res));
      return { sentence, offers: [] };
    }),
  );
  router.post('/documents/:id/sentences/:n/undo', (req, res) => act(context, req, res, async (sentence) => service.undoChange(sentence, version(req), actorOf(res), context.wordsFile ?? PROJECT_WORDS_FILE)));
  router.post('/documents/:id/sentences/:n/review', (req, res) => act(context, req, res, async (sentence) => ({ sentence: await service.markReviewed(sentence, version(req), actorOf(res)), offers: [] })));

  // An offer the editor does not want: it leaves the sentence (it stays pending until then, across reloads).
  router.post('/documents/:id/offers/:offer/dismiss', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const offer = parseId(req.params.offer);
    if (offer === undefined || !(await context.store.decisions.answerOffer(document.id, offer, 'dismissed'))) throw notFound('offer');
    const returnTo = safeReturnTo(field(req.body, 'return_to'), document);
    if (wantsFragment(req)) return void res.json({ dismissed: offer });
    res.redirect(303, returnTo);
  });

  return router;
}

async function act(context: RouteContext, req: Request, res: Response, change: (sentence: SentenceRecord) => Promise<ChangeOutcome>): Promise<void> {
  const document = await loadDocument(req, context.store);
  const sentence = await loadSentence(req, context.store, document);
  const returnTo = safeReturnTo(field(req.body, 'return_to'), document);
  let outcome: ChangeOutcome;
  try {
    outcome = await change(sentence);
  } catch (error) {
    if (error instanceof VersionConflict || error instanceof StaleFinding) return conflict(context, req, res, document, error.sentence, req.path.endsWith('/edit') ? field(req.body, 'text') : undefined);
    throw error;
  }
  const saved = outcome.sentence.version;
  if (saved !== sentence.version && document.grammar) {
    // Grammalecte re-checks the changed sentence in its own process: wait a moment
    // for it. Another editor may have changed the sentence meanwhile: the answer
    // then shows it as it is now (text and findings agree), and says which version
    // this change made.
    await context.grammar.settleSentence(sentence.id, context.grammarWaitMs);
    outcome = { ...outcome, sentence: (await context.store.documents.getSentenceById(sentence.id)) ?? outcome.sentence };
  }
  const offer = outcome.offers[0];
  // An ignore: the page comes back with a notice whose « Annuler » stops ignoring, since
  // the sentence it was ignored from may have left the default view (no longer flagged).
  // A project word's notice offers the sentence's own undo, which takes the word out of the list again.
  const back = outcome.ignore
    ? withIgnored(returnTo, 'ignored', outcome.ignore.id, outcome.elsewhere ?? 0)
    : outcome.projectWord !== undefined
      ? withIgnored(returnTo, 'project_word', sentence.idx + 1, outcome.elsewhere ?? 0)
      : returnTo;
  if (wantsFragment(req)) return fragment(context, req, res, document, outcome, returnTo, saved, back);
  if (field(req.body, 'next') === '1') return void res.redirect(303, await nextToReview(context, document, sentence, returnTo));
  res.redirect(303, offer ? withOffer(returnTo, offer, sentence.idx + 1) : back);
}

/** For review.js: the sentence block and the header, rendered by the same partials as the page. */
async function fragment(context: RouteContext, _req: Request, res: Response, document: DocumentRecord, outcome: ChangeOutcome, returnTo: string, saved: number, back = returnTo): Promise<void> {
  // A sentence of a filtered review page keeps showing only the findings the filter selects.
  const onReviewPage = /^\/documents\/\d+(\?|#|$)/.test(returnTo);
  const [block] = await sentenceBlocks(context.service, document.id, [outcome.sentence], returnTo.replace(/#.*$/, ''), onReviewPage ? filterOfPath(returnTo) : undefined, 1, res.locals.t);
  if (/\/sentences\/\d+$/.test(returnTo.replace(/[?#].*$/, ''))) block.returnTo = returnTo.replace(/#.*$/, '');
  const header = await documentHeader(context.service, document, res.locals.t);
  res.render('partials/sentence-block', { block, csrfToken: res.locals.csrfToken, standalone: false }, (error, sentenceHtml) => {
    if (error) return void res.status(500).json({ error: 'render failed' });
    res.render('partials/progress', { ...header, percent }, (error2, headerHtml) => {
      if (error2) return void res.status(500).json({ error: 'render failed' });
      // Other sentences changed too (an ignore withdrew their findings): review.js loads `location`, the page with the ignore's notice.
      res.json({ sentence: outcome.sentence.idx + 1, saved, html: sentenceHtml, header: headerHtml, flagged: outcome.sentence.openFindings > 0, reload: (outcome.elsewhere ?? 0) > 0 || back !== returnTo, location: back !== returnTo ? back : undefined });
    });
  });
}

/** 409: the sentence changed since the page was loaded. Both versions are shown; nothing was saved. */
async function conflict(context: RouteContext, req: Request, res: Response, document: DocumentRecord, saved: SentenceRecord, yours: string | undefined): Promise<void> {
  const yoursText = yours === undefined ? undefined : editedText(saved.currentText, yours);
  const submittedVersion = parseId(field(req.body, 'version'));
  // The edit form sends the text it was opened on: the other change is shown against it.
  const base = field(req.body, 'base');
  // Who made the version this save missed (team mode names them; the single-user app has no names).
  const last = await context.store.decisions.lastTextChange(saved.id);
  const changedBy = last?.actor && last.actor !== LOCAL_ACTOR ? { actor: last.actor, kind: last.kind, createdAt: last.createdAt } : undefined;
  if (wantsFragment(req)) {
    res.status(409).json({ conflict: true, sentence: saved.idx + 1, changedBy: changedBy?.actor ?? null });
    return;
  }
  res.status(409).render('conflict', {
    title: 'Conflict',
    document,
    saved,
    changedBy,
    submittedVersion,
    yours: yoursText,
    yoursDiff: yoursText === undefined ? undefined : inlineDiff(saved.currentText, yoursText),
    theirsDiff: base && base !== saved.currentText ? inlineDiff(base, saved.currentText) : undefined,
    returnTo: safeReturnTo(field(req.body, 'return_to'), document),
  });
}

/** The MQM error an edit form says it fixed; a category or severity that does not exist is a 400 naming it (and the known ones, as the form's menus name them). */
function readEditMqm(req: Request, t: Translate): EditMqm {
  const category = field(req.body, 'mqm_category') || 'auto';
  const severity = field(req.body, 'mqm_severity');
  if (category !== 'auto' && category !== 'none' && !(CATEGORIES as readonly string[]).includes(category)) throw new HttpError(400, 'Unknown MQM category « {category} » (known: {known}).', { category, known: CATEGORIES.map((c) => t(c)).join(', ') });
  if (severity && !(SEVERITIES as readonly string[]).includes(severity)) throw new HttpError(400, 'Unknown severity « {severity} » (known: {known}).', { severity, known: SEVERITIES.map((s) => t(s)).join(', ') });
  return { category: category as EditMqm['category'], severity: (severity || undefined) as EditMqm['severity'] };
}

/** Confirm-and-next without script: the next flagged sentence not yet reviewed, on the page the editor came from. */
async function nextToReview(context: RouteContext, document: DocumentRecord, sentence: SentenceRecord, returnTo: string): Promise<string> {
  const next = await context.store.documents.adjacentFlagged(document.id, sentence.idx, 1, true);
  const path = returnTo.replace(/#.*$/, '');
  if (next === undefined) return path;
  if (/\/sentences\/\d+$/.test(path.replace(/\?.*$/, ''))) return `/documents/${document.id}/sentences/${next + 1}`;
  return `${path}#s-${next + 1}`;
}

/** The page to go back to with the notice of an ignore (`ignored`, its record's id; `n`, paragraphs checked again). */
function withIgnored(returnTo: string, name: 'ignored' | 'project_word', id: number, rechecked: number): string {
  const [pathAndQuery, hash] = returnTo.split('#');
  const separator = pathAndQuery.includes('?') ? '&' : '?';
  return `${pathAndQuery}${separator}${name}=${id}&n=${rechecked}${hash ? `#${hash}` : ''}`;
}

function withOffer(returnTo: string, offer: WordSubstitution, at: number): string {
  const [pathAndQuery, hash] = returnTo.split('#');
  const separator = pathAndQuery.includes('?') ? '&' : '?';
  const params = new URLSearchParams({ offer_from: offer.from, offer_to: offer.to, offer_at: String(at) });
  return `${pathAndQuery}${separator}${params}${hash ? `#${hash}` : ''}`;
}
