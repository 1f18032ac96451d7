import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from './errors.ts';
import { findProjectWords } from './project-words.ts';

/**
 * The one configuration of Relecture, read by the CLI and the server alike:
 * `.relecturerc.json` (in the current folder, or the file given with `--config`
 * or RELECTURE_CONFIG), then the environment, which wins. Nothing else reads
 * `process.env` for settings.
 */
export interface Config {
  /** Rule ids, id prefixes or categories switched off. */
  disable: string[];
  /** Rules off by default (house style) switched on. */
  enable: string[];
  /** The review database file (RELECTURE_DB; default `data/relecture.db`). */
  database: string;
  /** A database server instead of the file (DATABASE_URL, `postgres://…`), for team mode. */
  databaseUrl?: string;
  /** Where the review app listens (HOST, PORT; default 127.0.0.1:3000). */
  host: string;
  port: number;
  /** Largest input in bytes (RELECTURE_MAX_BYTES); each front end has its own default. */
  maxBytes?: number;
  /** Grammar checking with Grammalecte where it is installed (RELECTURE_GRAMMAR=off: never). */
  grammar: boolean;
  /** Express's `trust proxy` behind a TLS reverse proxy (RELECTURE_TRUST_PROXY: `true`, a hop count, or addresses). */
  trustProxy?: boolean | number | string;
  /** The project word list (`.relecture/words.txt`, or RELECTURE_WORDS): words that are not errors. */
  words: string[];
  wordsFile?: string;
  /** The file the settings were read from, if any. */
  file?: string;
}

export const CONFIG_FILE = '.relecturerc.json';

const FILE_KEYS = ['disable', 'enable', 'database', 'host', 'port', 'maxBytes', 'grammar'] as const;

type FileSettings = Partial<Omit<Config, 'file' | 'databaseUrl'>>;

/** Reads and checks a configuration file; every mistake names the file and the setting. */
export function readConfigFile(path: string): FileSettings {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError(path, `is not a valid configuration: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InputError(path, 'is not a valid configuration: it must be a JSON object');
  const config = data as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!(FILE_KEYS as readonly string[]).includes(key)) throw new InputError(path, `unknown setting "${key}" (known: ${FILE_KEYS.join(', ')})`);
  }
  const list = (key: string): string[] | undefined => {
    const value = config[key];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new InputError(path, `"${key}" must be a list of rule ids or categories`);
    return value as string[];
  };
  const string = (key: string): string | undefined => {
    const value = config[key];
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new InputError(path, `"${key}" must be a non-empty string`);
    return value as string | undefined;
  };
  const count = (key: string): number | undefined => {
    const value = config[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) throw new InputError(path, `"${key}" must be a whole number`);
    return value as number | undefined;
  };
  const grammar = config.grammar;
  if (grammar !== undefined && typeof grammar !== 'boolean') throw new InputError(path, '"grammar" must be true or false');
  return { disable: list('disable'), enable: list('enable'), database: string('database'), host: string('host'), port: count('port'), maxBytes: count('maxBytes'), grammar: grammar as boolean | undefined };
}

/** RELECTURE_TRUST_PROXY: `true`, a hop count, or Express's address list (`loopback`, `10.0.0.1`…). */
export function parseTrustProxy(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

export interface LoadConfigOptions {
  /** A file named on the command line (`--config`): it must exist. */
  configPath?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

function envNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new InputError(name, `must be a whole number, not '${raw}'`);
  return value;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const named = options.configPath ?? env.RELECTURE_CONFIG;
  // Relative unless a folder is given, so messages name the file as the user knows it.
  const fallback = options.cwd ? join(options.cwd, CONFIG_FILE) : CONFIG_FILE;
  const file = named ?? (existsSync(fallback) ? fallback : undefined);
  const fromFile: FileSettings = file ? readConfigFile(file) : {};
  const maxBytes = envNumber(env, 'RELECTURE_MAX_BYTES') || fromFile.maxBytes || undefined;
  const projectWords = findProjectWords(options.cwd ?? '.', env.RELECTURE_WORDS || undefined);
  return {
    words: projectWords.words,
    ...(projectWords.file ? { wordsFile: projectWords.file } : {}),
    disable: fromFile.disable ?? [],
    enable: fromFile.enable ?? [],
    database: env.RELECTURE_DB || fromFile.database || 'data/relecture.db',
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    host: env.HOST || fromFile.host || '127.0.0.1',
    port: envNumber(env, 'PORT') ?? fromFile.port ?? 3000,
    ...(maxBytes ? { maxBytes } : {}),
    grammar: env.RELECTURE_GRAMMAR ? env.RELECTURE_GRAMMAR !== 'off' : (fromFile.grammar ?? true),
    ...(parseTrustProxy(env.RELECTURE_TRUST_PROXY) !== undefined ? { trustProxy: parseTrustProxy(env.RELECTURE_TRUST_PROXY) } : {}),
    ...(file ? { file } : {}),
  };
}
