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
  if (!document) throw notFound('This document');
  return document;
}

/** `:n` is the 1-based sentence number shown to the editor. */
export async function loadSentence(req: Request, store: ReviewStore, document: DocumentRecord): Promise<SentenceRecord> {
  const n = parseId(req.params.n);
  const sentence = n === undefined ? undefined : await store.documents.getSentence(document.id, n - 1);
  if (!sentence) throw notFound('This sentence');
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

/** Back to a page of the document (a `safeReturnTo` path), with a line for the editor at its top. */
export function redirectWithNotice(res: Response, back: string, notice: string): void {
  const [path, hash] = back.split('#');
  res.redirect(303, `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams({ notice })}${hash ? `#${hash}` : ''}`);
}
