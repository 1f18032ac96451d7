import { Router } from 'express';
import { INSTALL_HINT } from '../../grammalecte/find-grammalecte.ts';
import { HttpError } from '../http-error.ts';
import { field, loadDocument, redirectWithNotice, safeReturnTo, type RouteContext } from './load.ts';

/**
 * The document's grammar setting: on, off, or try again after a failure; and its
 * state as JSON, which review.js polls while Grammalecte works.
 */
export function grammarRoutes(context: RouteContext): Router {
  const router = Router();
  const { store, grammar } = context;

  router.get('/documents/:id/grammar', async (req, res) => {
    const document = await loadDocument(req, store);
    res.json((await grammar.status(document.id)));
  });

  router.post('/documents/:id/grammar', async (req, res) => {
    const document = await loadDocument(req, store);
    const on = field(req.body, 'grammar') === 'on';
    if (on && !grammar.available) throw new HttpError(409, 'Grammalecte is not installed on this machine, so grammar checking cannot be turned on. To install it: {hint}, then restart Relecture.', { hint: INSTALL_HINT });
    (await store.settings.setGrammar(document.id, on));
    // Retrying after a failure is turning it on again: the error is cleared, the pass starts over.
    if (on) void grammar.run();
    redirectWithNotice(res, safeReturnTo(field(req.body, 'return_to'), document), on ? 'grammar-on' : 'grammar-off');
  });

  return router;
}
