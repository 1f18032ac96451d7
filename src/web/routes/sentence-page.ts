import { Router } from 'express';
import { sentenceBlocks } from '../render/view-models.ts';
import { loadDocument, loadSentence, parseId, type RouteContext } from './load.ts';

/** One sentence: MT and current version side by side, findings, edit box, history. */
export function sentencePageRoutes(context: RouteContext): Router {
  const router = Router();

  router.get('/documents/:id/sentences/:n', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const sentence = await loadSentence(req, context.store, document);
    const path = `/documents/${document.id}/sentences/${sentence.idx + 1}`;
    const [block] = await sentenceBlocks(context.service, document.id, [sentence], path, undefined, parseId(req.query.findings) ?? 1, res.locals.t);
    block.returnTo = path;
    const total = (await context.store.documents.progress(document.id)).total;
    res.render('sentence', {
      title: `${document.title} · ${res.locals.t('sentence {n}', { n: sentence.idx + 1 })}`,
      document,
      block,
      total,
      history: (await context.store.decisions.history(sentence.id)),
      previousFlagged: (await context.store.documents.adjacentFlagged(document.id, sentence.idx, -1)),
      nextFlagged: (await context.store.documents.adjacentFlagged(document.id, sentence.idx, 1)),
    });
  });

  return router;
}
