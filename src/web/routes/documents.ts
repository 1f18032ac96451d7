import { Router, type Request, type Response } from 'express';
import { parseCorrections } from '../../corrections/parse-corrections.ts';
import { InputError } from '../../errors.ts';
import { decodeInput, decodeLegacy, formatBytes } from '../../text/decode-input.ts';
import type { Correction } from '../../types.ts';
import type { ReaderWarning } from '../../formats/reader-warning.ts';
import { HttpError } from '../http-error.ts';
import { storeImport } from '../review/import-document.ts';
import { formatForFile, type ParsedDocument } from '../../formats/index.ts';
import { textFormat } from '../../formats/text.ts';
import { bilingualTextAdapter } from '../../formats/bilingual-text.ts';
import { verifyCsrf } from '../security/csrf.ts';
import { refuseOversizedUpload, uploads } from '../upload.ts';
import { actorOf, field, loadDocument, type RouteContext } from './load.ts';
import { percent } from '../render/view-models.ts';
import { INSTALL_HINT } from '../../grammalecte/find-grammalecte.ts';
import { UNNAMED_SOURCES, type Translate } from '../i18n.ts';

type UploadedFiles = Record<string, Express.Multer.File[] | undefined>;

/** The list of documents, the import form, and deleting a document. */
export function documentRoutes(context: RouteContext): Router {
  const router = Router();
  // The MT (or a bilingual file), its corrections, and a source text.
  const upload = uploads(context.maxBytes, 3).fields([
    { name: 'file', maxCount: 1 },
    { name: 'corrections', maxCount: 1 },
    { name: 'source', maxCount: 1 },
  ]);

  router.get('/', (_req, res) => res.redirect('/documents'));

  // "Assigned to me" (?mine=1) lists the documents an admin gave the signed-in user.
  router.get('/documents', async (req, res) => {
    const me = res.locals.user?.name;
    const mine = req.query.mine === '1' && me !== undefined;
    const users = res.locals.user?.role === 'admin' && context.accounts ? await context.accounts.listUsers() : [];
    res.render('documents', { title: 'Documents', documents: await context.store.documents.listDocuments(mine ? { assignedTo: me } : {}), percent, mine, users });
  });

  router.get('/documents/new', async (_req, res) => {
    res.render('new-document', newFormLocals(context, {}));
  });

  router.post('/documents', refuseOversizedUpload(context.maxBytes, 4), upload, verifyCsrf, (req, res) => createDocument(context, req, res));

  router.post('/documents/:id/delete', async (req, res) => {
    const document = await loadDocument(req, context.store);
    (await context.store.documents.deleteDocument(document.id));
    context.service.contexts.forget(document.id);
    res.redirect(303, '/documents');
  });

  return router;
}

/**
 * The readers' reasons that tell a command-line user which flag to use, as the
 * import form says them: the same advice, with the form's field instead.
 */
export const FORM_WORDING: Record<string, string> = {
  'has several languages ({languages}): say which is the source with --source-lang': 'has several languages ({languages}): say which is the source in “Source language”',
  'translates {source} → {target}, not into {wanted} (Relecture reviews French; --target-lang names another target)': 'translates {source} → {target}, not into {wanted} (Relecture reviews French)',
  'needs its source text beside it (--source FILE)': 'needs its source text beside it (“Source text”)',
};

/** A language tag as the form takes it: `en`, `es`, `en-GB`, `pt-BR`. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

function newFormLocals(context: RouteContext, values: { title?: string; text?: string; error?: InputError | string; offerLegacy?: boolean; legacy?: boolean; grammar?: boolean; sourceLanguage?: string }) {
  // The reason as a template of i18n.ts with its values: the view says it in the editor's language.
  const error = values.error instanceof InputError
    ? { file: values.error.file, line: values.error.line, template: FORM_WORDING[values.error.template] ?? values.error.template, values: values.error.values }
    : values.error ? { template: values.error, values: {} } : undefined;
  return {
    title: 'New document',
    limit: formatBytes(context.maxBytes),
    // Grammar checking is ticked by default where Grammalecte runs: MT agreement errors are common.
    form: { title: values.title ?? '', text: values.text ?? '', legacy: values.legacy ?? false, grammar: values.grammar ?? context.grammar.available, sourceLanguage: values.sourceLanguage ?? '' },
    grammarAvailable: context.grammar.available,
    installHint: INSTALL_HINT,
    error,
    offerLegacy: values.offerLegacy ?? false,
  };
}

async function createDocument(context: RouteContext, req: Request, res: Response): Promise<void> {
  const files = (req.files ?? {}) as UploadedFiles;
  const upload = files.file?.[0];
  const correctionsUpload = files.corrections?.[0];
  const sourceUpload = files.source?.[0]?.size ? files.source[0] : undefined;
  const pasted = field(req.body, 'text');
  const title = cleanTitle(field(req.body, 'title')).slice(0, 200);
  const legacy = field(req.body, 'legacy') === 'on';
  const grammar = field(req.body, 'grammar') === 'on';
  const sourceLanguage = field(req.body, 'source_lang').trim().slice(0, 40);
  const again = (error: InputError | string, status = 400, offerLegacy = false) =>
    res.status(status).render('new-document', newFormLocals(context, { title, text: upload ? '' : pasted, error, offerLegacy, legacy, grammar, sourceLanguage }));
  const t = res.locals.t as Translate;
  if (sourceLanguage && !LANGUAGE_TAG.test(sourceLanguage)) return again(t('« {value} » is not a language code: write it as en, es or en-GB.', { value: sourceLanguage }));
  const languages = sourceLanguage ? { sourceLanguage } : {};
  if (grammar && !context.grammar.available) return again(t('Grammar checking was asked for, but Grammalecte is not installed on this machine ({hint}). Untick “Check grammar” to import without it.', { hint: INSTALL_HINT }), 409);

  let bytes: Uint8Array;
  let sourceName: string;
  if (upload && upload.size > 0) {
    bytes = upload.buffer;
    sourceName = cleanTitle(upload.originalname) || UNNAMED_SOURCES[1];
  } else if (hasVisibleText(pasted)) {
    bytes = Buffer.from(pasted, 'utf8');
    sourceName = UNNAMED_SOURCES[0];
  } else if (pasted !== '' && !upload) {
    return again(t('The pasted text contains only whitespace or invisible characters: there is no text to check.'));
  } else {
    return again(upload ? new InputError(upload.originalname, 'is empty: there is no text to check') : t('Paste the machine translation or choose a file.'));
  }
  if (bytes.length > context.maxBytes) throw new HttpError(413, '{file} is {size}, over the limit of {limit}.', { file: sourceName, size: formatBytes(bytes.length), limit: formatBytes(context.maxBytes) });

  // The file's format by its name (src/formats/); pasted text is plain text.
  const adapter = upload && upload.size > 0 ? formatForFile(sourceName) : textFormat;
  let text: string | undefined;
  let document: ParsedDocument | undefined;
  let corrections: Correction[] = [];
  let warnings: ReaderWarning[] = [];
  try {
    if (sourceUpload && adapter.id !== textFormat.id) throw new InputError(sourceUpload.originalname, 'is a source text for a plain-text MT, but {file} carries its own source', undefined, { file: sourceName });
    // A plain-text MT with its source beside it: two texts, aligned line for line.
    if (sourceUpload) document = bilingualTextAdapter.parse(bytes, { fileName: sourceName, sourceBytes: sourceUpload.buffer, sourceFileName: sourceUpload.originalname || 'source', maxBytes: context.maxBytes, ...languages });
    else if (adapter.id === textFormat.id) text = decodeText(bytes, sourceName, context.maxBytes, legacy, false);
    else document = adapter.parse(bytes, { fileName: sourceName, maxBytes: context.maxBytes, ...languages });
    if (correctionsUpload && correctionsUpload.size > 0) {
      const content = decodeText(correctionsUpload.buffer, correctionsUpload.originalname, context.maxBytes, legacy, true);
      ({ corrections, warnings } = parseCorrections(content, correctionsUpload.originalname));
    }
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return again(error, 400, / is not UTF-8/.test(error.message));
  }
  if (text !== undefined && !hasVisibleText(text)) return again(new InputError(sourceName, 'contains only whitespace or invisible characters: there is no text to check'));
  // Checked and stored in one transaction, each stretch written as soon as it is checked: a failure stores nothing.
  const input = { title: title || defaultTitle(sourceName, text ?? document?.segments[0]?.target ?? ''), sourceName, text, document, corrections, warnings, spaces: context.service.spaces };
  const id = await storeImport(context.service.checker, context.store, input, { grammar, createdBy: actorOf(res) }, context.service.checkWorkers);
  if (id === undefined) return again(new InputError(sourceName, 'has no sentence to review'));
  // A big import grew the WAL by its size: copied back and cut to 0 now, not left at 64 MB (issue #16, defect 11).
  await context.store.checkpoint();
  // The document's word index, which its first change needs, is built now, between other requests: that change does not wait for it.
  void context.service.contexts.get(context.store, id).catch(() => undefined);
  // A short article opens with its grammar findings; a long one opens at once and gets them as Grammalecte goes.
  if (grammar) await context.grammar.settleDocument(id, context.grammarWaitMs);
  res.redirect(303, `/documents/${id}`);
}

/** UTF-8, or Windows-1252 / ISO-8859-1 when the editor ticked the box after being told. */
function decodeText(bytes: Uint8Array, file: string, maxBytes: number, legacy: boolean, allowEmpty: boolean): string {
  try {
    return decodeInput(bytes, { file, maxBytes, allowEmpty });
  } catch (error) {
    if (!legacy || !(error instanceof InputError) || !/ is not UTF-8/.test(error.message)) throw error;
    const text = decodeLegacy(bytes);
    if (!allowEmpty && text.trim() === '') throw new InputError(file, 'contains only whitespace: there is no text to check');
    return text;
  }
}

function defaultTitle(sourceName: string, text: string): string {
  if (sourceName !== UNNAMED_SOURCES[0]) return sourceName.replace(/\.(txt|text)$/i, '');
  const firstLine = text.split(/\r?\n/).find((line) => line.trim() !== '') ?? 'Untitled';
  const clean = firstLine.trim();
  return clean.length > 80 ? `${clean.slice(0, 77)}…` : clean;
}

/**
 * String.trim() leaves zero-width characters (U+200B–U+200D, U+2060, U+FEFF),
 * so a text of only those passed as "not blank" and was stored as a document
 * with one invisible sentence.
 */
function hasVisibleText(text: string): boolean {
  return /[^\s\u200b-\u200d\u2060\ufeff]/u.test(text);
}

/**
 * A title or file name as shown in lists and headers: without bidirectional
 * controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F), which can make
 * « txt.exe » read « exe.txt » and run into the text around it, nor control
 * characters. Bug: RTL overrides were accepted in titles.
 */
export function cleanTitle(value: string): string {
  return value.replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, '').replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

