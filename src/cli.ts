import { pathToFileURL } from 'node:url';
import { warningText } from './formats/reader-warning.ts';
import { describeIoError, readInput, STANDARD_INPUT } from './io/read-input.ts';
import { writeFileAtomic } from './io/write-atomic.ts';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createChecker, unknownSelectors } from './checker.ts';
import { loadConfig } from './config.ts';
import { applyCorrections } from './corrections/match-corrections.ts';
import { parseCorrections } from './corrections/parse-corrections.ts';
import { bilingualFormatFor, checkBilingual, readBilingual, writeBilingual, type BilingualDocument, type BilingualFinding } from './bilingual/check-bilingual.ts';
import { readDoNotTranslate, readTermbase } from './bilingual/read-glossary.ts';
import type { Glossary } from './engine/rule-type.ts';
import { InputError, RuleDefinitionError } from './errors.ts';
import { formatForFile, layoutParsed } from './formats/index.ts';
import { isGrammalecteAvailable } from './grammalecte/find-grammalecte.ts';
import { GrammalecteProcess } from './grammalecte/grammalecte-process.ts';
import { checkDocument, describeEngines, ENGINE_NAMES, isEngineFailure, isEngineName } from './pipeline/check-document.ts';
import { CheckText } from './pipeline/engine.ts';
import { GrammalecteEngine } from './pipeline/grammalecte-engine.ts';
import { RulesEngine } from './pipeline/rules-engine.ts';
import { decodeInput, DEFAULT_MAX_BYTES } from './text/decode-input.ts';
import { SEVERITIES, type Correction, type Finding } from './types.ts';
import { USERS_USAGE } from './web/accounts/users-usage.ts';

const USAGE = `Usage:
  relecture check FILE [--corrections FILE] [--format text|json] [--disable ID,…] [--enable ID,…] [--config FILE] [--engine grammalecte|none]
  relecture check FILE.xlf|FILE.tmx|FILE.tsv|FILE.csv|MT --source SRC [--source-lang en] [--target-lang fr] [--termbase FILE] [--do-not-translate FILE]
  relecture check --engines
  relecture apply FILE --corrections FILE [-o OUT]     (FILE.xlf, .tmx, .tsv, .csv are written back in their format)
  relecture rules [--format text|json]
${USERS_USAGE}

Exit codes: 0 no finding is major or worse, 1 one is, 2 usage or input error.`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  isTerminal: boolean;
  /** A password for 'users add' and 'users passwd': standard input, never an argument. */
  readSecret?: (prompt: string) => Promise<string>;
}

// The CLI checks whole books (a 1M-word novel is 6 MB); the web import keeps 5 MB.
const CLI_MAX_BYTES = 4 * DEFAULT_MAX_BYTES;

class UsageError extends Error {}

const OUTPUT_BATCH = 500;

/** Runs the CLI and returns its exit code; `main` below wires it to the process. */
export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === 'check') return await check(rest, io);
    if (command === 'apply') return apply(rest, io);
    if (command === 'rules') return listRules(rest, io);
    if (command === 'users') {
      // Loaded only here: the database drivers (pg) cost every other command a third of a second.
      const { readSecretFromProcess, runUsers } = await import('./web/accounts/users-command.ts');
      return await runUsers(rest, { ...io, readSecret: io.readSecret ?? readSecretFromProcess });
    }
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command '${command}'`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`relecture: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof InputError || error instanceof RuleDefinitionError) {
      io.stderr(`relecture: ${error.message}\n`);
      return 2;
    }
    // Every system I/O error (ELOOP, ENOSPC, ENOTDIR, EACCES…) is one line and exit 2, never a stack trace (1 means a major finding).
    const message = (error as NodeJS.ErrnoException).code ? describeIoError(error as NodeJS.ErrnoException) : undefined;
    if (message) {
      io.stderr(`relecture: ${message}\n`);
      return 2;
    }
    throw error;
  }
}

type ParsedArgs = { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] };

function parse(args: string[], options: ParseArgsConfig['options']): ParsedArgs {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as ParsedArgs;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The input file read through its format's adapter: segments, skeleton, and the text the engines check. */
function readDocument(path: string, maxBytes = CLI_MAX_BYTES) {
  // A regular file (refused from its size before it is read) or `-`, standard input, read no further than the limit.
  const bytes = readInput(path, maxBytes);
  const adapter = formatForFile(path);
  const parsed = adapter.parse(bytes, { fileName: path === STANDARD_INPUT ? 'standard input' : path, maxBytes });
  return { adapter, parsed, ...layoutParsed(adapter, parsed) };
}

function readBytes(path: string): Uint8Array {
  // A regular file (or -), refused over the limit before it is read (#16).
  return readInput(path, Number(process.env.RELECTURE_MAX_BYTES) || CLI_MAX_BYTES);
}

/** XLIFF, TMX, a bilingual table, or an MT text with `--source`: read with its source, warnings on stderr. */
function readBilingualFile(file: string, values: ParsedArgs['values'], io: Io): BilingualDocument | undefined {
  const sourceFile = values.source as string | undefined;
  if (!sourceFile && !bilingualFormatFor(file)) {
    if (values['source-lang'] || values['target-lang']) throw new UsageError('--source-lang and --target-lang are for bilingual files (XLIFF, TMX, TSV/CSV, or an MT text with --source SRC)');
    return undefined;
  }
  if (sourceFile && bilingualFormatFor(file)) throw new UsageError(`${file} carries its own source: --source is for a plain MT text`);
  const document = readBilingual({
    fileName: file,
    bytes: readBytes(file),
    sourceFileName: sourceFile,
    sourceBytes: sourceFile ? readBytes(sourceFile) : undefined,
    sourceLanguage: values['source-lang'] as string | undefined,
    targetLanguage: values['target-lang'] as string | undefined,
  });
  for (const warning of document.parsed.warnings) io.stderr(`relecture: warning: ${warningText(warning)}\n`);
  return document;
}

function readGlossary(values: ParsedArgs['values'], sourceLanguage: string | undefined): Glossary | undefined {
  const termbase = values.termbase as string | undefined;
  const dnt = values['do-not-translate'] as string | undefined;
  if (!termbase && !dnt) return undefined;
  return {
    terms: termbase ? readTermbase(readInput(termbase, CLI_MAX_BYTES), termbase, sourceLanguage ?? 'en') : [],
    doNotTranslate: dnt ? readDoNotTranslate(readInput(dnt, CLI_MAX_BYTES), dnt) : [],
  };
}

function readCorrections(path: string | undefined, io: Io): Correction[] {
  if (!path) return [];
  const parsed = parseCorrections(decodeInput(readInput(path, CLI_MAX_BYTES), { file: path, allowEmpty: true }), path);
  for (const warning of parsed.warnings) io.stderr(`relecture: warning: ${warningText(warning)}\n`);
  return parsed.corrections;
}

function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
}

async function check(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    corrections: { type: 'string', short: 'c' },
    format: { type: 'string', short: 'f', default: 'text' },
    disable: { type: 'string', multiple: true },
    enable: { type: 'string', multiple: true },
    config: { type: 'string' },
    engine: { type: 'string', multiple: true },
    engines: { type: 'boolean' },
    source: { type: 'string', short: 's' },
    'source-lang': { type: 'string' },
    'target-lang': { type: 'string' },
    termbase: { type: 'string' },
    'do-not-translate': { type: 'string' },
  });
  if (values.engines) {
    io.stdout(describeEngines(createChecker().enabledRules.length));
    return 0;
  }
  const named = list(values.engine);
  const unknownEngine = named.find((name) => name !== 'none' && !isEngineName(name));
  if (unknownEngine) throw new UsageError(`no engine named '${unknownEngine}' (known: ${ENGINE_NAMES.join(', ')}; see 'relecture check --engines')`);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'check needs a FILE' : `check takes one FILE, got ${positionals.length}`);
  const format = values.format as string;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not '${format}'`);
  const file = positionals[0];

  const config = loadConfig({ configPath: values.config as string | undefined });
  // Grammalecte runs by default where it is installed (measured on samples/eval/:
  // recall of the errors the French shows 0.47 → 0.55, false alarms on the gold
  // +0.5 per 1000 words, about a second more per run); `--engine none` or
  // RELECTURE_GRAMMAR=off (the app's setting) leave it out, and without it the
  // rules run alone, silently.
  const engines = named.includes('none') ? [] : named.length > 0 ? named : config.grammar && isGrammalecteAvailable() ? ['grammalecte'] : [];
  const disable = [...config.disable, ...list(values.disable)];
  const enable = [...config.enable, ...list(values.enable)];

  const bilingual = readBilingualFile(file, values, io);
  if (!bilingual && (values.termbase || values['do-not-translate'])) throw new UsageError('--termbase and --do-not-translate compare with a source: give a bilingual file or --source SRC');
  if (bilingual && engines.length > 0) throw new UsageError('--engine is not available for bilingual files yet: check the target text alone for grammar');
  const document = bilingual ? undefined : readDocument(file, config.maxBytes);
  const text = bilingual ? bilingual.text : document!.text;
  const corrections = readCorrections(values.corrections as string | undefined, io);
  const checker = createChecker({ disable, enable, knownWords: config.words });
  const unknown = unknownSelectors([...disable, ...enable], checker.rules);
  if (unknown.length > 0) throw new UsageError(`no rule or category named ${unknown.map((u) => `'${u}'`).join(', ')} (see 'relecture rules')`);

  if (bilingual) {
    const glossary = readGlossary(values, bilingual.parsed.sourceLanguage);
    const result = checkBilingual(checker, bilingual, { corrections, glossary });
    for (const failure of result.failures) io.stderr(`relecture: rule ${failure.ruleId} failed and was skipped: ${failure.message}\n`);
    if (format === 'json') {
      const output: Record<string, unknown> = {
        file, ...(values.source ? { source: values.source } : {}), format: bilingual.adapter.id,
        sourceLanguage: bilingual.parsed.sourceLanguage, targetLanguage: bilingual.parsed.targetLanguage,
        segments: bilingual.parsed.segments.length, words: result.words, findings: result.findings.map(bilingualJsonFinding),
      };
      if (result.failures.length > 0) output.ruleErrors = result.failures.map(({ ruleId, message }) => ({ ruleId, message }));
      io.stdout(`${JSON.stringify(output)}\n`);
    } else {
      io.stdout(result.findings.map((finding) => formatFinding(file, finding)).join(''));
    }
    return result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf('major')) ? 1 : 0;
  }

  const progress = io.isTerminal && text.length > 200_000 ? progressBar(io) : undefined;
  // A process of its own for this run, ended with it.
  const grammalecte = engines.includes('grammalecte') && isGrammalecteAvailable() ? new GrammalecteProcess() : undefined;
  const others = engines.includes('grammalecte') ? [new GrammalecteEngine(grammalecte)] : [];
  const input = new CheckText(text, document!.segments, { corrections, onProgress: progress });
  const result = await checkDocument(new RulesEngine(checker), others, input).finally(() => grammalecte?.close());
  if (progress) io.stderr('\r\x1b[K');
  for (const failure of result.failures) io.stderr(`relecture: ${isEngineFailure(failure) ? `engine ${failure.ruleId} failed, its findings are missing` : `rule ${failure.ruleId} failed and was skipped`}: ${failure.message}\n`);

  // Written out a few hundred findings at a time: a book has tens of thousands,
  // and one string of them all would be a second copy of every finding.
  const inBatches = (parts: (finding: Finding, i: number) => string) => {
    for (let i = 0; i < result.findings.length; i += OUTPUT_BATCH) io.stdout(result.findings.slice(i, i + OUTPUT_BATCH).map((f, k) => parts(f, i + k)).join(''));
  };
  if (format === 'json') {
    // The same bytes as JSON.stringify({ file, words, findings, ruleErrors? }).
    io.stdout(`{"file":${JSON.stringify(file)},"words":${JSON.stringify(result.words)},"findings":[`);
    inBatches((finding, i) => `${i > 0 ? ',' : ''}${JSON.stringify(jsonFinding(finding))}`);
    const ruleErrors = result.failures.length > 0 ? `,"ruleErrors":${JSON.stringify(result.failures.map(({ ruleId, message }) => ({ ruleId, message })))}` : '';
    io.stdout(`]${ruleErrors}}\n`);
  } else {
    inBatches((finding) => formatFinding(file, finding));
  }
  return result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= SEVERITIES.indexOf('major')) ? 1 : 0;
}

/** The JSON contract's fields, in its order (a finding's other fields stay out of it). */
/** The contract's fields, then, for bilingual files, the source sentence and the segment (unit id). */
function bilingualJsonFinding(finding: BilingualFinding) {
  return { ...jsonFinding(finding), ...(finding.sourceSentence !== undefined ? { sourceSentence: finding.sourceSentence } : {}), ...(finding.segment !== undefined ? { segment: finding.segment } : {}) };
}

function jsonFinding(finding: Finding) {
  const { ruleId, category, severity, message, line, column, offset, length, text, suggestions, sentence } = finding;
  return { ruleId, category, severity, message, line, column, offset, length, text, suggestions, sentence };
}

export function formatFinding(file: string, finding: Finding): string {
  const fix = finding.suggestions.length > 0 ? ` → ${finding.suggestions.map((s) => `«${s}»`).join(' | ')}` : '';
  return `${file}:${finding.line}:${finding.column} ${finding.severity} ${finding.message}${fix} [${finding.ruleId}]\n`;
}

function progressBar(io: Io) {
  return (done: number, total: number) => {
    const width = 30;
    const filled = Math.round((done / total) * width);
    io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} rules`);
  };
}

function apply(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {
    corrections: { type: 'string', short: 'c' }, output: { type: 'string', short: 'o' },
    source: { type: 'string', short: 's' }, 'source-lang': { type: 'string' }, 'target-lang': { type: 'string' },
  });
  if (positionals.length !== 1) throw new UsageError('apply needs one FILE');
  if (!values.corrections) throw new UsageError('apply needs --corrections FILE');
  const bilingual = readBilingualFile(positionals[0], values, io);
  if (bilingual) {
    const corrections = readCorrections(values.corrections as string, io);
    // The same format back: only the targets change, everything else byte for byte.
    let count = 0;
    const { bytes, changed } = writeBilingual(bilingual, (target) => {
      const applied = applyCorrections(target, corrections);
      count += applied.count;
      return applied.text;
    });
    if (values.output) {
      writeFileAtomic(values.output as string, bytes);
      io.stderr(`relecture: ${count} correction${count === 1 ? '' : 's'} applied in ${changed} segment${changed === 1 ? '' : 's'}, written to ${values.output}\n`);
    } else {
      io.stdout(Buffer.from(bytes).toString('utf8'));
    }
    return 0;
  }
  const { adapter, parsed } = readDocument(positionals[0], loadConfig().maxBytes);
  const corrections = readCorrections(values.corrections as string, io);
  // Each segment's target corrected, the rest of the file as it was, in the same format.
  let count = 0;
  const reviewed = parsed.segments.map((segment) => {
    const applied = applyCorrections(segment.target, corrections);
    count += applied.count;
    return { externalId: segment.externalId, target: applied.text, changed: applied.text !== segment.target };
  });
  const corrected = Buffer.from(adapter.serialize(parsed.skeleton, reviewed)).toString('utf8');
  if (values.output) {
    writeFileAtomic(values.output as string, corrected);
    io.stderr(`relecture: ${count} correction${count === 1 ? '' : 's'} applied, written to ${values.output}\n`);
  } else {
    io.stdout(corrected);
  }
  return 0;
}

function listRules(args: string[], io: Io): number {
  const { values } = parse(args, { format: { type: 'string', short: 'f', default: 'text' } });
  const { rules } = createChecker();
  if (values.format === 'json') {
    io.stdout(`${JSON.stringify(rules.map(({ id, type, category, severity, enabledByDefault, file, line }) => ({ id, type, category, severity, enabled: enabledByDefault, file, line })))}\n`);
  } else {
    for (const rule of rules) io.stdout(`${rule.id}\t${rule.category}\t${rule.severity}${rule.enabledByDefault ? '' : '\t(off by default)'}\n`);
  }
  return 0;
}

// Not a top-level await: the bin runs this module from a CommonJS bundle, which has none.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void run(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTerminal: Boolean(process.stderr.isTTY),
  }).then((code) => {
    process.exitCode = code;
  });
}
