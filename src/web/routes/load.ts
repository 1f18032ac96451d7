import { translator, type Translate } from '../i18n.ts';
import type { Request, Response } from 'express';
import type { GrammarPass } from '../review/grammar-pass.ts';
import type { ReviewService } from '../review/review-service.ts';
import { LOCAL_ACTOR, type DocumentRecord, type ReviewStore, type SentenceRecord } from '../store/review-store.ts';
import { notFound } from '../http-error.ts';
import type { AccountStore } from '../accounts/account-store.ts';

/** What every route module gets from createApp. */
export interface RouteContext {
  store: ReviewStore;
  service: ReviewService;
  grammar: GrammarPass;
  maxBytes: number;
  pageSize: number;
  /** How long an accept or edit waits for Grammalecte's re-check of the sentence. */
  grammarWaitMs: number;
  /** Team mode's accounts (users, sessions). */
  accounts?: AccountStore;
  /** The project word list « add to dictionary » appends to. */
  wordsFile?: string;
}

/** Who is acting: the signed-in user's name, or the local user (`local`) in the single-user app. */
export function actorOf(res: Response): string {
  return res.locals.user?.name ?? LOCAL_ACTOR;
}

/** A positive integer from a path or form, or undefined: "12abc", "-1", "1e3" are not ids. */
export function parseId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[1-9]\d{0,14}$/.test(value)) return undefined;
  return Number(value);
}

export async function loadDocument(req: Request, store: ReviewStore): Promise<DocumentRecord> {
  const id = parseId(req.params.id);
  const document = id === undefined ? undefined : await store.documents.getDocument(id);
  if (!document) throw notFound('document');
  return document;
}

/** `:n` is the 1-based sentence number shown to the editor. */
export async function loadSentence(req: Request, store: ReviewStore, document: DocumentRecord): Promise<SentenceRecord> {
  const n = parseId(req.params.n);
  const sentence = n === undefined ? undefined : await store.documents.getSentence(document.id, n - 1);
  if (!sentence) throw notFound('sentence');
  return sentence;
}

/** Where to go back after a form: only a path of this document, never another site. */
export function safeReturnTo(value: unknown, document: DocumentRecord): string {
  const fallback = `/documents/${document.id}`;
  if (typeof value !== 'string') return fallback;
  const prefix = `/documents/${document.id}`;
  if (!(value === prefix || value.startsWith(`${prefix}/`) || value.startsWith(`${prefix}?`) || value.startsWith(`${prefix}#`))) return fallback;
  if (/[\\\r\n]/.test(value) || value.startsWith('//')) return fallback;
  return value;
}

export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** Does the client (our review.js) want a JSON fragment instead of a redirect? */
export function wantsFragment(req: Request): boolean {
  return req.get('x-requested-with') === 'relecture';
}

/**
 * The lines a redirect may show at the top of a page, by id; counts are the only
 * values a link carries (`?notice=propagated&n=3&s=2`). Bug: `?notice=` showed any
 * text, so a link could put words of its choosing in the app's status line.
 */
export const NOTICES: Record<string, string> = {
  'grammar-on': 'Grammar checking is on: Grammalecte is checking the sentences.',
  'grammar-off': 'Grammar checking is off: its findings are no longer shown.',
  propagated: '{n} {n|occurrence|occurrences} changed in {s} {s|sentence|sentences}.',
  'propagated-learned': '{n} {n|occurrence|occurrences} changed in {s} {s|sentence|sentences}, added to the corrections.',
  'bulk-nothing': 'Nothing was changed: no open finding to act on.',
  'rule-off': 'The rule is switched off for this document: its open findings are withdrawn.',
  'rule-on': 'The rule is switched on again: {n} {n|paragraph|paragraphs} checked again.',
  'word-on': 'The word is checked again: {n} {n|paragraph|paragraphs} checked again.',
  'ignore-gone': 'Nothing was changed: the document no longer ignores it.',
  'user-added': 'The user was added.',
  'user-role': 'The user’s role was changed.',
  'user-removed': 'The user was removed; their decisions keep their name.',
  'document-assigned': 'The document’s assignment was changed.',
};

/** A job's id in a notice's link (`&job=…`): a UUID, or nothing; the job page checks it belongs to the document. */
export function noticeJobOf(query: Record<string, unknown>): string | undefined {
  const job = query.job;
  return typeof job === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(job) ? job : undefined;
}

/** The notice of a request's query, if it names one of NOTICES, in the interface language (`t`). */
export function noticeOf(query: Record<string, unknown>, t: Translate = (english, values) => translator('en')(english, values)): string | undefined {
  const id = typeof query.notice === 'string' ? query.notice : undefined;
  const template = id !== undefined && Object.hasOwn(NOTICES, id) ? NOTICES[id] : undefined;
  const count = (name: string) => (typeof query[name] === 'string' && /^\d{1,9}$/.test(query[name] as string) ? Number(query[name]) : 0);
  return template === undefined ? undefined : t(template, { n: count('n'), s: count('s') });
}

/** Back to a page of the document (a `safeReturnTo` path), with one of NOTICES at its top. */
export function redirectWithNotice(res: Response, back: string, notice: keyof typeof NOTICES, values: { n?: number; s?: number; job?: string } = {}): void {
  const [path, hash] = back.split('#');
  const params = new URLSearchParams({ notice });
  if (values.n !== undefined) params.set('n', String(values.n));
  if (values.s !== undefined) params.set('s', String(values.s));
  if (values.job !== undefined) params.set('job', values.job);
  res.redirect(303, `${path}${path.includes('?') ? '&' : '?'}${params}${hash ? `#${hash}` : ''}`);
}
