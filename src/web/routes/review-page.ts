import { Router, type Request } from 'express';
import { CATEGORIES, SEVERITIES } from '../../types.ts';
import { countOffers, documentHeader, percent, sentenceBlocks, type Offer } from '../render/view-models.ts';
import type { SentenceFilter, StatusFilter } from '../store/review-store.ts';
import { loadDocument, parseId, type RouteContext } from './load.ts';
import { exportsFor } from '../exports/index.ts';

const STATUSES: StatusFilter[] = ['all', 'flagged', 'unreviewed', 'reviewed'];

/** The review page: header figures, filters, and one page of sentences. */
export function reviewPageRoutes(context: RouteContext): Router {
  const router = Router();

  router.get('/documents/:id', async (req, res) => {
    const document = await loadDocument(req, context.store);
    const filter = readFilter(req);
    const requested = parseId(req.query.page) ?? 1;
    const { store, service, pageSize } = context;
    let { rows, total } = (await store.documents.querySentences(document.id, filter, pageSize, (requested - 1) * pageSize));
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const page = Math.min(requested, pages);
    if (page !== requested) rows = (await store.documents.querySentences(document.id, filter, pageSize, (page - 1) * pageSize)).rows;

    const query = (changes: Record<string, string | number | undefined>) => filterQuery({ ...filterParams(filter), page: page > 1 ? page : undefined, ...changes });
    const returnTo = `/documents/${document.id}${query({})}`;
    const offers = new Map<number, Offer[]>();
    const offerAt = parseId(req.query.offer_at);
    if (offerAt !== undefined && typeof req.query.offer_from === 'string' && typeof req.query.offer_to === 'string') {
      offers.set(offerAt - 1, (await countOffers(service, document.id, [{ from: req.query.offer_from, to: req.query.offer_to }])));
    }
    const rules = [...(await store.findings.openFindingCounts(document.id, 'rule_id'))].sort((a, b) => a[0].localeCompare(b[0]));
    const categoryCounts = (await store.findings.openFindingCounts(document.id, 'category'));
    res.render('review', {
      title: document.title,
      ...(await documentHeader(service, document)),
      filter,
      statuses: STATUSES,
      categories: CATEGORIES.map((category) => ({ category, count: categoryCounts.get(category) ?? 0 })),
      severities: SEVERITIES,
      rules,
      blocks: (await sentenceBlocks(service, document.id, rows, returnTo, offers)),
      exports: exportsFor(document),
      total,
      page,
      pages,
      query,
      percent,
    });
  });

  return router;
}

export function readFilter(req: Request): SentenceFilter {
  const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string).trim() : '');
  const status = text('status') as StatusFilter;
  return {
    status: STATUSES.includes(status) ? status : 'all',
    category: text('category') || undefined,
    severity: SEVERITIES.includes(text('severity') as never) ? text('severity') : undefined,
    rule: text('rule') || undefined,
    search: text('q').slice(0, 200) || undefined,
  };
}

function filterParams(filter: SentenceFilter): Record<string, string | undefined> {
  return { status: filter.status === 'all' ? undefined : filter.status, category: filter.category, severity: filter.severity, rule: filter.rule, q: filter.search };
}

function filterQuery(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
