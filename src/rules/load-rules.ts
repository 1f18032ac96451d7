import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Node } from 'yaml';
import { cacheDirectory, writeCacheFile } from '../dictionaries/word-set.ts';
import { RuleDefinitionError } from '../errors.ts';
import type { SearchFacts } from '../engine/params.ts';
import type { ParseOptions, Rule, RuleExample, RuleType } from '../engine/rule-type.ts';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '../types.ts';
import { RULE_TYPES } from './types/index.ts';

export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules/fr/', import.meta.url));

const RULES_CACHE_FORMAT = 12;
const COMMON_KEYS = ['id', 'type', 'category', 'severity', 'message', 'description', 'default', 'examples', 'aliases'];
const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*(?:\/[a-z0-9]+(?:[-.][a-z0-9]+)*)*$/;

/** Every `*.yaml` file of a folder, in name order; ids must be unique across them. */
export function loadRuleDirectory(directory = DEFAULT_RULES_DIR, types = RULE_TYPES): Rule[] {
  const files = readdirSync(directory).filter((name) => /\.ya?ml$/.test(name)).sort();
  const rules: Rule[] = [];
  const seen = new Map<string, Rule>();
  for (const name of files) {
    const path = join(directory, name);
    const source = readFileSync(path, 'utf8');
    const cached = cachedRuleEntries(source, displayPath(path));
    // Entries from the cache loaded without error before (same file, same Node): their
    // expressions are built on first use, not all at every start.
    const loaded = loadRuleFile(source, displayPath(path), types, cached.entries, { trusted: cached.trusted, searchFacts: cached.searchFacts });
    if (!cached.trusted) saveRuleEntries(cached.file, cached.entries, cached.searchFacts);
    for (const rule of loaded) {
      // An old id kept as an alias is taken too: two rules must never answer to one name.
      for (const name of [rule.id, ...(rule.aliases ?? [])]) {
        const earlier = seen.get(name);
        if (earlier) throw new RuleDefinitionError(rule.file, rule.line, rule.id, name === rule.id ? `id already used at ${earlier.file}:${earlier.line}` : `alias ${name} already used at ${earlier.file}:${earlier.line}`);
        seen.set(name, rule);
      }
      rules.push(rule);
    }
  }
  return rules;
}

function displayPath(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.startsWith('..') ? path : fromHere;
}

/** A rule as the YAML file gave it, with the lines that error messages need. */
interface RuleEntry {
  line: number;
  /** The mapping as plain data; undefined when the entry is not a mapping. */
  definition?: Record<string, unknown>;
  keyLines: Record<string, number>;
  exampleLines: number[];
}

/**
 * YAML → entries with their line numbers. Parsing 200 KB of YAML is most of the
 * start-up time, so `loadRuleDirectory` caches the entries of each file under
 * the hash of its content: an edited file is parsed (and checked) again.
 */
function readRuleEntries(source: string, file: string): RuleEntry[] {
  // The YAML parser loads only when a file is not in the cache (it takes 30 ms to import).
  const { isMap, isSeq, LineCounter, parseDocument } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, prettyErrors: false });
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  if (document.errors.length > 0) {
    const error = document.errors[0];
    throw new RuleDefinitionError(file, lineCounter.linePos(error.pos[0]).line, undefined, `YAML syntax: ${error.message.split('\n')[0]}`);
  }
  const root = document.contents;
  if (!isSeq(root)) throw new RuleDefinitionError(file, lineOf(root), undefined, 'a rule file is a YAML list of rules');
  return root.items.map((item): RuleEntry => {
    const line = lineOf(item as Node);
    if (!isMap(item)) return { line, keyLines: {}, exampleLines: [] };
    const keyLines: Record<string, number> = {};
    for (const pair of item.items) {
      const key = (pair.key as { value?: unknown })?.value;
      if (typeof key === 'string') keyLines[key] = lineOf(pair.key as Node);
    }
    const examplesNode = item.get('examples', true);
    const exampleLines = isSeq(examplesNode) ? examplesNode.items.map((node) => lineOf(node as Node)) : [];
    return { line, definition: item.toJSON() as Record<string, unknown>, keyLines, exampleLines };
  });
}

interface CachedRules {
  entries: RuleEntry[];
  searchFacts: Map<string, SearchFacts>;
  trusted: boolean;
  file: string;
}

function cachedRuleEntries(source: string, file: string): CachedRules {
  // Node's version is part of the key: what its regular expressions accept may change.
  const hash = createHash('sha256').update(source).update(process.version).digest('hex').slice(0, 20);
  const cacheFile = join(cacheDirectory(), `rules-${RULES_CACHE_FORMAT}-${hash}.json`);
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as { entries: RuleEntry[]; searchFacts: Array<[string, SearchFacts]> };
    return { entries: cached.entries, searchFacts: new Map(cached.searchFacts), trusted: true, file: cacheFile };
  } catch {
    return { entries: readRuleEntries(source, file), searchFacts: new Map(), trusted: false, file: cacheFile };
  }
}

/** Written once the file's rules loaded without error, so that a cached file is a valid file. */
function saveRuleEntries(cacheFile: string, entries: RuleEntry[], searchFacts: Map<string, SearchFacts>): void {
  // A read-only install still works, only slower to start.
  writeCacheFile(cacheFile, JSON.stringify({ entries, searchFacts: [...searchFacts] }));
}

/** Parses one rule file; every problem names the file and the line. */
export function loadRuleFile(source: string, file: string, types: Record<string, RuleType<any>> = RULE_TYPES, entries = readRuleEntries(source, file), options: ParseOptions = {}): Rule[] {
  return entries.map((entry) => {
    const { line } = entry;
    if (!entry.definition) throw new RuleDefinitionError(file, line, undefined, 'each rule is a mapping (id, type, category, …)');
    const definition = entry.definition;
    const id = typeof definition.id === 'string' ? definition.id : undefined;
    const fail = (reason: string, at = line): never => {
      throw new RuleDefinitionError(file, at, id, reason);
    };
    const lineOfKey = (key: string) => entry.keyLines[key] ?? line;

    if (!id) fail("'id' is missing");
    if (!ID.test(id!)) fail(`id '${id}' should be lower-case words joined by '-', grouped with '/'`);
    const type = types[definition.type as string];
    if (!type) fail(`unknown type '${String(definition.type)}' (known: ${Object.keys(types).join(', ')})`);
    if (!CATEGORIES.includes(definition.category as Category)) {
      fail(`unknown category '${String(definition.category)}' (known: ${CATEGORIES.join(', ')})`, lineOfKey('category'));
    }
    if (!SEVERITIES.includes(definition.severity as Severity)) {
      fail(`severity must be one of ${SEVERITIES.join(', ')}`, lineOfKey('severity'));
    }
    if (typeof definition.message !== 'string' || definition.message.trim() === '') fail("'message' is missing");
    if (definition.default !== undefined && definition.default !== 'on' && definition.default !== 'off') {
      fail("'default' must be on or off", lineOfKey('default'));
    }
    for (const key of Object.keys(definition)) {
      if (!COMMON_KEYS.includes(key) && !type.keys.includes(key)) fail(`unknown key '${key}' for type '${type.name}'`, lineOfKey(key));
    }

    let params: unknown;
    try {
      params = type.parse(definition, options);
    } catch (error) {
      fail((error as Error).message);
    }

    const examples = readExamples(definition.examples, (index) => entry.exampleLines[index] ?? line, fail);
    if (type.needsSource) {
      const without = examples.find((example) => example.source === undefined);
      if (without) fail(`type '${type.name}' compares the target with its source: this example needs a 'source'`, without.line);
    }
    const aliases = definition.aliases ?? [];
    if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || !/^[a-z0-9][a-z0-9/-]*$/.test(a))) fail("'aliases' must be a list of old rule ids", lineOfKey('aliases'));
    return {
      id: id!,
      type: type.name,
      category: definition.category as Category,
      severity: definition.severity as Severity,
      message: definition.message as string,
      description: typeof definition.description === 'string' ? definition.description : undefined,
      enabledByDefault: definition.default !== 'off',
      aliases: aliases as string[],
      params,
      examples,
      file,
      line,
    };
  });
}

/**
 * Examples are part of a rule: `bad` texts mark the expected span with [[…]] and
 * give the expected first suggestion as `fix` (null: none); `good` texts must
 * raise nothing. A rule without both kinds does not load.
 */
function readExamples(value: unknown, lineAt: (index: number) => number, fail: (reason: string, at?: number) => never): RuleExample[] {
  if (!Array.isArray(value) || value.length === 0) fail("'examples' is missing: give at least one bad and one good example");
  const examples = (value as unknown[]).map((raw, index): RuleExample => {
    const line = lineAt(index);
    if (typeof raw !== 'object' || raw === null) fail('an example is a mapping with bad/fix or good', line);
    const example = raw as Record<string, unknown>;
    const corrections = readExampleCorrections(example.corrections, line, fail);
    const extra = Object.keys(example).filter((key) => !['bad', 'fix', 'good', 'corrections', 'source'].includes(key));
    if (extra.length > 0) fail(`unknown key '${extra[0]}' in an example`, line);
    // Source-aware rules take the source the example's text translates.
    if (example.source !== undefined && typeof example.source !== 'string') fail("'source' must be a string: the text the example translates", line);
    const source = example.source as string | undefined;
    if (typeof example.bad === 'string') {
      if (!/\[\[.+?\]\]/s.test(example.bad)) fail('a bad example marks the flagged text with [[…]]', line);
      if (!('fix' in example)) fail("a bad example gives the expected 'fix' (null when there is none)", line);
      if (example.fix !== null && typeof example.fix !== 'string') fail("'fix' must be a string or null", line);
      return { kind: 'bad', text: example.bad, fix: example.fix as string | null, corrections, ...(source !== undefined ? { source } : {}), line };
    }
    if (typeof example.good === 'string') return { kind: 'good', text: example.good, corrections, ...(source !== undefined ? { source } : {}), line };
    return fail("an example has either 'bad' (with 'fix') or 'good'", line);
  });
  if (!examples.some((e) => e.kind === 'bad')) fail('no bad example: add one that the rule must flag');
  if (!examples.some((e) => e.kind === 'good')) fail('no good example: add one that the rule must leave alone');
  return examples;
}

function readExampleCorrections(value: unknown, line: number, fail: (reason: string, at?: number) => never) {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) fail("'corrections' is a list of “wrong → right” strings", line);
  return (value as unknown[]).map((entry) => {
    const parts = typeof entry === 'string' ? entry.split('→').map((s) => s.trim()) : [];
    if (parts.length !== 2 || !parts[0] || !parts[1]) fail(`correction '${String(entry)}' should read “wrong → right”`, line);
    return { from: parts[0], to: parts[1] };
  });
}
