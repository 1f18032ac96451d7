import { Router, type Request, type Response } from 'express';
import { countOffers, documentHeader, percent, sentenceBlocks } from '../render/view-models.ts';
import { sentenceDiff } from '../render/sentence-diff.ts';
import { StaleFinding, editedText, type ChangeOutcome } from '../review/review-service.ts';
import type { WordSubstitution } from '../review/word-changes.ts';
import { PROJECT_WORDS_FILE } from '../../project-words.ts';
import { LOCAL_ACTOR, VersionConflict, type DocumentRecord, type SentenceRecord } from '../store/review-store.ts';
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

  router.post('/documents/:id/sentences/:n/accept', (req, res) =>
    act(context, req, res, async (sentence) => (await service.accept(sentence, parseId(field(req.body, 'finding')) ?? 0, Number(field(req.body, 'suggestion') || 0), version(req), actorOf(res)))),
  );
  router.post('/documents/:id/sentences/:n/reject', (req, res) =>
    act(context, req, res, async (sentence) => ({ sentence: (await service.reject(sentence, parseId(field(req.body, 'finding')) ?? 0, field(req.body, 'reason').slice(0, 500), actorOf(res))), offers: [] })),
  );
  router.post('/documents/:id/sentences/:n/add-word', (req, res) =>
    act(context, req, res, async (sentence) => ({ sentence: await service.addToDictionary(sentence, parseId(field(req.body, 'finding')) ?? 0, context.wordsFile ?? PROJECT_WORDS_FILE, actorOf(res)), offers: [] })),
  );
  router.post('/documents/:id/sentences/:n/edit', (req, res) => act(context, req, res, async (sentence) => (await service.edit(sentence, field(req.body, 'text'), version(req), actorOf(res)))));
  router.post('/documents/:id/sentences/:n/undo', (req, res) => act(context, req, res, async (sentence) => ({ sentence: (await service.undo(sentence, version(req), actorOf(res))), offers: [] })));
  router.post('/documents/:id/sentences/:n/review', (req, res) => act(context, req, res, async (sentence) => ({ sentence: (await service.markReviewed(sentence, actorOf(res))), offers: [] })));

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
  if (wantsFragment(req)) return fragment(context, req, res, document, outcome, returnTo, saved);
  res.redirect(303, offer ? withOffer(returnTo, offer, sentence.idx + 1) : returnTo);
}

/** For review.js: the sentence block and the header, rendered by the same partials as the page. */
async function fragment(context: RouteContext, _req: Request, res: Response, document: DocumentRecord, outcome: ChangeOutcome, returnTo: string, saved: number): Promise<void> {
  const offers = new Map([[outcome.sentence.idx, (await countOffers(context.service, document.id, outcome.offers))]]);
  const [block] = (await sentenceBlocks(context.service, document.id, [outcome.sentence], returnTo.replace(/#.*$/, ''), offers));
  if (/\/sentences\/\d+$/.test(returnTo.replace(/[?#].*$/, ''))) block.returnTo = returnTo.replace(/#.*$/, '');
  const header = await documentHeader(context.service, document);
  res.render('partials/sentence-block', { block, csrfToken: res.locals.csrfToken, standalone: false }, (error, sentenceHtml) => {
    if (error) return void res.status(500).json({ error: 'render failed' });
    res.render('partials/progress', { ...header, percent }, (error2, headerHtml) => {
      if (error2) return void res.status(500).json({ error: 'render failed' });
      res.json({ sentence: outcome.sentence.idx + 1, saved, html: sentenceHtml, header: headerHtml, flagged: outcome.sentence.openFindings > 0 });
    });
  });
}

/** 409: the sentence changed since the page was loaded. Both versions are shown; nothing was saved. */
async function conflict(context: RouteContext, req: Request, res: Response, document: DocumentRecord, saved: SentenceRecord, yours: string | undefined): Promise<void> {
  const yoursText = yours === undefined ? undefined : editedText(saved.currentText, yours);
  const submittedVersion = parseId(field(req.body, 'version'));
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
    diff: yoursText === undefined ? undefined : sentenceDiff(saved.currentText, yoursText),
    returnTo: safeReturnTo(field(req.body, 'return_to'), document),
  });
}

function withOffer(returnTo: string, offer: WordSubstitution, at: number): string {
  const [pathAndQuery, hash] = returnTo.split('#');
  const separator = pathAndQuery.includes('?') ? '&' : '?';
  const params = new URLSearchParams({ offer_from: offer.from, offer_to: offer.to, offer_at: String(at) });
  return `${pathAndQuery}${separator}${params}${hash ? `#${hash}` : ''}`;
}
