import { randomBytes } from 'node:crypto';
import express, { type Express } from 'express';
import ejs from 'ejs';
import { fileURLToPath } from 'node:url';
import type { Checker } from '../checker.ts';
import { DEFAULT_MAX_BYTES } from '../text/decode-input.ts';
import { errorHandler, notFoundHandler } from './error-handler.ts';
import type { GrammalecteProcess } from '../grammalecte/grammalecte-process.ts';
import type { Engine } from '../pipeline/engine.ts';
import { GrammalecteEngine } from '../pipeline/grammalecte-engine.ts';
import { GrammarPass } from './review/grammar-pass.ts';
import { ReviewService } from './review/review-service.ts';
import { correctionRoutes } from './routes/corrections.ts';
import { documentRoutes } from './routes/documents.ts';
import { exportRoutes } from './routes/exports.ts';
import { grammarRoutes } from './routes/grammar.ts';
import { noticeJobOf, noticeOf, type RouteContext } from './routes/load.ts';
import { jobRoutes } from './routes/jobs.ts';
import { propagationRoutes } from './routes/propagation.ts';
import { bulkRoutes } from './routes/bulk.ts';
import { reviewPageRoutes } from './routes/review-page.ts';
import { sentenceActionRoutes } from './routes/sentence-actions.ts';
import { PROJECT_WORDS_FILE } from '../project-words.ts';
import { sentencePageRoutes } from './routes/sentence-page.ts';
import { settingsRoutes } from './routes/settings.ts';
import { allowedHosts } from './security/allowed-hosts.ts';
import { csrfProtection } from './security/csrf.ts';
import { accessOfRoute } from './security/route-roles.ts';
import { enforceAccess, identify, signInRoutes, type SignInOptions } from './security/sign-in.ts';
import { userRoutes } from './routes/users.ts';
import { liveChangeRoutes } from './routes/live-changes.ts';
import type { AccountStore } from './accounts/account-store.ts';
import { SqliteAccountStore } from './accounts/sqlite-account-store.ts';
import { noStore, securityHeaders } from './security/headers.ts';
import { refuseOversizedBody } from './upload.ts';
import type { ReviewStore } from './store/review-store.ts';
import { SqliteReviewStore } from './store/sqlite-store.ts';
import { isLanguage, preferencesMiddleware, type Language } from './preferences.ts';
import { htmlTranslator, translator, UNNAMED_SOURCES } from './i18n.ts';
import { CATEGORIES, SEVERITIES } from '../types.ts';
import { SPACE_STYLES, type SpaceStyle } from '../text/suggestion-style.ts';

export interface AppOptions {
  /** Largest text or file accepted, in bytes (default 5 MB). */
  maxBytes?: number;
  /** The project word list « add to dictionary » appends to (default `.relecture/words.txt` in the current folder). */
  wordsFile?: string;
  /** Sentences per page of the review. */
  pageSize?: number;
  /** How long an accept or edit waits for Grammalecte's re-check before answering without it (default 1.5 s). */
  grammarWaitMs?: number;
  /** Host names answered besides localhost, 127.0.0.1 and [::1] (`name` on any port, or `name:port`): RELECTURE_ALLOWED_HOSTS. */
  allowedHosts?: string[];
  /** The address the server is bound to (HOST): answered too, on the port the request came in on. */
  boundAddress?: string;
  /** The interface language when the editor has not chosen one (default `RELECTURE_LANG`, else French). */
  lang?: Language;
  /** Whether deciding a sentence's last open finding marks it reviewed, until the editor chooses (default off). */
  autoReview?: boolean;
  /** The space fixes put before ; : ! ? and inside « » (default `RELECTURE_SPACES`, else narrow: U+202F). */
  spaces?: SpaceStyle;
  /** Sign-in even with no user defined: the server listens beyond loopback (see server.ts). */
  requireSignIn?: boolean;
  /**
   * Express's `trust proxy` (RELECTURE_TRUST_PROXY): behind a reverse proxy that
   * terminates TLS, its X-Forwarded-Proto makes session cookies Secure and its
   * X-Forwarded-For gives the client address the sign-in rate limit counts.
   */
  trustProxy?: boolean | number | string;
  /** Session length and sign-in rate limit (defaults in security/sign-in.ts). */
  signIn?: Omit<SignInOptions, 'requireSignIn'>;
}

export interface AppDeps {
  store: ReviewStore;
  checker: Checker;
  /** The engine documents with grammar on are checked by (a fake one in tests); without one, grammar checking is off. */
  grammar?: Engine;
  /** Or the Grammalecte process it runs on: the same as `grammar: new GrammalecteEngine(process)`. */
  grammalecte?: GrammalecteProcess;
  /** Users and sessions; by default kept in the review database. */
  accounts?: AccountStore;
  options?: AppOptions;
  /** This installation's secret, which CSRF tokens are signed with (`loadInstallSecret`); a random one per app without it. */
  secret?: Buffer;
}

const VIEWS = fileURLToPath(new URL('../../views', import.meta.url));
const PUBLIC = fileURLToPath(new URL('../../public', import.meta.url));

function spaceStyleFromEnv(): SpaceStyle {
  const value = process.env.RELECTURE_SPACES;
  if (value === undefined) return 'narrow';
  if (!(SPACE_STYLES as readonly string[]).includes(value)) throw new Error(`RELECTURE_SPACES=${value}: expected one of ${SPACE_STYLES.join(', ')}`);
  return value as SpaceStyle;
}

/** Builds the review app; `src/server.ts` (or a test) decides where it listens. */
export function createApp(deps: AppDeps): Express & { locals: { service: ReviewService } } {
  const maxBytes = deps.options?.maxBytes ?? DEFAULT_MAX_BYTES;
  const grammar = new GrammarPass(deps.store, deps.grammar ?? (deps.grammalecte ? new GrammalecteEngine(deps.grammalecte) : undefined));
  const spaces = deps.options?.spaces ?? spaceStyleFromEnv();
  const service = new ReviewService(deps.store, deps.checker, grammar, spaces);
  // Accounts live in the review database by default (the SQLite file, or a server's own store).
  if (!deps.accounts && !(deps.store instanceof SqliteReviewStore)) throw new Error('createApp: give `accounts` with a store that is not the SQLite one');
  const accounts = deps.accounts ?? new SqliteAccountStore((deps.store as SqliteReviewStore).database);
  const context: RouteContext = { store: deps.store, service, grammar, maxBytes, pageSize: deps.options?.pageSize ?? 50, grammarWaitMs: deps.options?.grammarWaitMs ?? 1500, accounts, wordsFile: deps.options?.wordsFile ?? PROJECT_WORDS_FILE };
  const signIn: SignInOptions = { ...deps.options?.signIn, requireSignIn: deps.options?.requireSignIn };
  // Grammar checks left waiting when the app last stopped are taken up now.
  void grammar.run();
  // And so are the chunked jobs (propagations, re-checks) a stop cut off, from their last committed chunk.
  void service.jobs.resume();

  const app = express();
  app.locals.service = service;
  // The requests being answered: the re-checks a change leaves for after its answer wait for a moment without any.
  app.use((_req, res, next) => {
    service.requests.enter();
    res.once('close', () => service.requests.leave());
    next();
  });
  // The edit form's MQM choices, on every page that shows a sentence.
  app.locals.mqmCategories = CATEGORIES;
  app.locals.mqmSeverities = SEVERITIES;
  app.set('views', VIEWS);
  app.set('view engine', 'ejs');
  // Compile each template once (Express only does so by default in production).
  app.set('view cache', process.env.NODE_ENV !== 'development');
  // Includes name their file from the views folder (`include('/partials/head')`): ejs resolves such a
  // path under `root` without looking at the disk, where a relative one cost an existsSync per include
  // (a sentence block includes its hidden fields once per finding), cached templates or not (issue #15).
  // ejs 7 takes no 'view options' from Express, so the engine is given its options here.
  app.engine('ejs', (file, data, done) => ejs.renderFile(file, data as ejs.Data, { root: VIEWS, cache: (data as { cache?: boolean }).cache === true }, done));
  app.set('x-powered-by', false);
  // A stale query parser setting ('extended') would let ?a[b]=c turn into objects.
  app.set('query parser', 'simple');
  if (deps.options?.trustProxy !== undefined) app.set('trust proxy', deps.options.trustProxy);

  const envLang = process.env.RELECTURE_LANG;
  if (envLang !== undefined && !isLanguage(envLang)) throw new Error(`RELECTURE_LANG=${envLang}: the interface languages are fr and en`);
  app.use(preferencesMiddleware({ lang: deps.options?.lang ?? (isLanguage(envLang) ? envLang : 'fr'), autoReview: deps.options?.autoReview ?? false }));
  // The interface language first: every page, error pages included, is rendered in it.
  app.use((_req, res, next) => {
    const { lang } = res.locals.preferences as { lang: Language };
    res.locals.lang = lang;
    res.locals.t = translator(lang);
    res.locals.th = htmlTranslator(lang);
    // A document's source is a file name, or the app's own English name for a pasted text, said in the editor's language.
    res.locals.sourceLabel = (name: string) => ((UNNAMED_SOURCES as readonly string[]).includes(name) ? res.locals.t(name) : name);
    next();
  });
  app.use(securityHeaders());
  app.use(allowedHosts(deps.options?.allowedHosts ?? [], deps.options?.boundAddress));
  app.use('/public', express.static(PUBLIC, { maxAge: '1h', fallthrough: true }));
  app.use(noStore());
  // A form announced over the limit is answered before it is read (see upload.ts).
  const formLimit = refuseOversizedBody(maxBytes, maxBytes + 64 * 1024);
  app.use((req, res, next) => (req.is('application/x-www-form-urlencoded') ? formLimit(req, res, next) : next()));
  // An edited sentence is small, but the corrections list can be long.
  // The propagation form ticks one box per sentence: a long document sends tens of
  // thousands (over 10,000 answered 500); the body's size limit bounds them anyway.
  app.use(express.urlencoded({ extended: false, limit: maxBytes, parameterLimit: 500_000 }));
  app.use(csrfProtection(deps.secret ?? randomBytes(32), [/^\/documents\/?$/, /^\/documents\/[^/]+\/corrections\/import\/?$/]));
  // Who asks, and whether the route table lets them: before any route reads a body or an upload.
  app.use(identify(accounts, signIn));
  app.use(accessOfRoute());
  app.use(enforceAccess());
  app.use((req, res, next) => {
    res.locals.path = req.path;
    res.locals.notice = noticeOf(req.query, res.locals.t);
    res.locals.noticeJob = res.locals.notice ? noticeJobOf(req.query) : undefined;
    next();
  });

  app.use(signInRoutes(accounts, signIn));
  app.use(userRoutes(context, accounts));
  app.use(documentRoutes(context));
  app.use(reviewPageRoutes(context));
  app.use(sentencePageRoutes(context));
  app.use(sentenceActionRoutes(context));
  app.use(propagationRoutes(context));
  app.use(bulkRoutes(context));
  app.use(jobRoutes(context));
  app.use(correctionRoutes(context));
  app.use(exportRoutes(context));
  app.use(grammarRoutes(context));
  app.use(settingsRoutes(context));
  app.use(liveChangeRoutes(context));

  app.use(notFoundHandler());
  app.use(errorHandler(maxBytes));
  return app as Express & { locals: { service: ReviewService } };
}
