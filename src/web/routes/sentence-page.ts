import { Router } from 'express';
import { sentenceBlocks } from '../render/view-models.ts';
import { loadDocument, loadSentence, type RouteContext } from './load.ts';

/** One sentence: MT and current version side by side, findings, edit box, history. */
export function sentencePageRoutes(context: RouteContext): Router {
  const router = Router();

  router.get('/documents/:id/sentences/:n', (req, res) => {
    const document = loadDocument(req, context.store);
    const sentence = loadSentence(req, context.store, document);
    const path = `/documents/${document.id}/sentences/${sentence.idx + 1}`;
    const [block] = sentenceBlocks(context.service, document.id, [sentence], path);
    block.returnTo = path;
    const total = context.store.progress(document.id).total;
    res.render('sentence', {
      title: `${document.title} · sentence ${sentence.idx + 1}`,
      document,
      block,
      total,
      history: context.store.history(sentence.id),
      previousFlagged: context.store.adjacentFlagged(document.id, sentence.idx, -1),
      nextFlagged: context.store.adjacentFlagged(document.id, sentence.idx, 1),
    });
  });

  return router;
}
