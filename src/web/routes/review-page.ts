import { Router, type Request } from 'express';
import { CATEGORIES, SEVERITIES } from '../../types.ts';
import { countOffers, documentHeader, percent, sentenceBlocks } from '../render/view-models.ts';
import type { IgnoreRecord, ReviewStore, SentenceFilter, StatusFilter } from '../store/review-store.ts';
import { projectWordOfReason } from '../review/review-service.ts';
import { loadDocument, parseId, type RouteContext } from './load.ts';
import { exportsFor } from '../exports/index.ts';

const STATUSES: StatusFilter[] = ['todo', 'flagged', 'unreviewed', 'reviewed', 'all'];
/** What the review page shows when the editor has not chosen: what is left to do. */
export const DEFAULT_STATUS: StatusFilter = 'todo';

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
    const rules = [...(await store.findings.openFindingCounts(document.id, 'rule_id'))].sort((a, b) => a[0].localeCompare(b[0]));
    const categoryCounts = await store.findings.openFindingCounts(document.id, 'category');
    const ignores = await store.ignores.listIgnores(document.id);
    res.render('review', {
      title: document.title,
      ...(await documentHeader(service, document, res.locals.t)),
      filter,
      statuses: STATUSES,
      categories: CATEGORIES.map((category) => ({ category, count: categoryCounts.get(category) ?? 0 })),
      severities: SEVERITIES,
      rules,
      switchedOff: ignores.filter((ignore) => ignore.kind === 'rule').map((ignore) => ignore.value),
      ignoredWords: ignores.filter((ignore) => ignore.kind === 'word'),
      readWarnings: await store.documents.readWarnings(document.id),
      ignoredNotice: ignoredNoticeOf(req.query, ignores),
      projectWordNotice: await projectWordNoticeOf(req.query, store, document.id),
      blocks: await sentenceBlocks(service, document.id, rows, returnTo, filter, 1, res.locals.t),
      pendingOffers: await countOffers(service, document.id, await store.decisions.pendingOffers(document.id)),
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
  return filterFrom((name) => req.query[name]);
}

/** The filter of a review page's address (a return_to), for re-rendering one of its sentences. */
export function filterOfPath(path: string): SentenceFilter {
  const query = new URLSearchParams(path.replace(/#.*$/, '').split('?')[1] ?? '');
  return filterFrom((name) => query.get(name) ?? undefined);
}

function filterFrom(get: (name: string) => unknown): SentenceFilter {
  const text = (name: string) => {
    const value = get(name);
    return typeof value === 'string' ? value.trim() : '';
  };
  const status = text('status') as StatusFilter;
  return {
    status: STATUSES.includes(status) ? status : DEFAULT_STATUS,
    category: text('category') || undefined,
    severity: SEVERITIES.includes(text('severity') as never) ? text('severity') : undefined,
    rule: text('rule') || undefined,
    search: text('q').slice(0, 200) || undefined,
  };
}

function filterParams(filter: SentenceFilter): Record<string, string | undefined> {
  return { status: filter.status === DEFAULT_STATUS ? undefined : filter.status, category: filter.category, severity: filter.severity, rule: filter.rule, q: filter.search };
}

function filterQuery(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The notice after an ignore (`?ignored=ID&n=N`, sentence-actions.ts): the word or
 * rule read from the document's own ignores, never from the link, and only while
 * the document still ignores it.
 */
function ignoredNoticeOf(query: Request['query'], ignores: IgnoreRecord[]): { ignore: IgnoreRecord; rechecked: number } | undefined {
  const id = typeof query.ignored === 'string' && /^\d{1,12}$/.test(query.ignored) ? Number(query.ignored) : undefined;
  const ignore = id === undefined ? undefined : ignores.find((i) => i.id === id);
  if (!ignore) return undefined;
  return { ignore, rechecked: typeof query.n === 'string' && /^\d{1,9}$/.test(query.n) ? Number(query.n) : 0 };
}

/**
 * The notice after « ignorer ce mot dans le projet » (`?project_word=N&n=M`): its
 * « Annuler » is the sentence's undo, offered only while the sentence's latest
 * action is still the one that put the word in the project's list (the word is
 * read from that decision, never from the link). The sentence's version goes in
 * the form, as its own undo button has it.
 */
async function projectWordNoticeOf(query: Request['query'], store: ReviewStore, documentId: number): Promise<{ word: string; n: number; version: number; rechecked: number } | undefined> {
  const n = typeof query.project_word === 'string' && /^\d{1,9}$/.test(query.project_word) ? Number(query.project_word) : undefined;
  const sentence = n === undefined || n < 1 ? undefined : await store.documents.getSentence(documentId, n - 1);
  if (!sentence) return undefined;
  const action = await store.decisions.lastLiveAction(sentence.id);
  const word = action.length === 1 && action[0].kind === 'reject' ? projectWordOfReason(action[0].reason) : undefined;
  if (word === undefined) return undefined;
  return { word, n: n!, version: sentence.version, rechecked: typeof query.n === 'string' && /^\d{1,9}$/.test(query.n) ? Number(query.n) : 0 };
}
