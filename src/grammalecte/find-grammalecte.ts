import { accessSync, constants, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Where Grammalecte's Python package can be imported from. Debian installs it in
 * /usr/lib/python3/dist-packages, which only the system Python sees: a `python3`
 * found first on PATH (pyenv, a virtualenv) usually cannot import it. So the
 * interpreter is read from the shebang of `grammalecte-cli`, the program the
 * package ships, before `/usr/bin/python3` and `python3` are tried.
 */
export interface GrammalecteInstallation {
  python: string;
  version: string;
}

/** The command to install it, for messages. */
export const INSTALL_HINT = 'apt-get install grammalecte-cli';

/** Set to a Python interpreter to use that one only (or to a missing path to turn the engine off). */
export const PYTHON_ENV = 'RELECTURE_GRAMMALECTE_PYTHON';

const cache = new Map<string, GrammalecteInstallation | null>();

function onPath(program: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function shebangInterpreter(file: string): string | undefined {
  try {
    const first = readFileSync(file, 'utf8').slice(0, 200).split('\n')[0];
    const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first);
    if (!match) return undefined;
    // `#!/usr/bin/env python3` names the program in the second word.
    return match[1].endsWith('/env') ? match[2] : match[1];
  } catch {
    return undefined;
  }
}

function probe(python: string): GrammalecteInstallation | null {
  if (cache.has(python)) return cache.get(python)!;
  // node:child_process loaded here, not at the start of every check without Grammalecte (2 ms).
  const result = process.getBuiltinModule('node:child_process').spawnSync(python, ['-c', 'from grammalecte.fr import gc_engine; print(gc_engine.version)'], { encoding: 'utf8', timeout: 20_000 });
  const version = result.status === 0 ? result.stdout.trim() : '';
  const found = version ? { python, version } : null;
  cache.set(python, found);
  return found;
}

/** The first interpreter that imports Grammalecte, or undefined when it is not installed. */
export function findGrammalecte(env: NodeJS.ProcessEnv = process.env): GrammalecteInstallation | undefined {
  const forced = env[PYTHON_ENV];
  if (forced) return probe(forced) ?? undefined;
  const cli = onPath('grammalecte-cli', env.PATH);
  const candidates = [cli && shebangInterpreter(cli), '/usr/bin/python3', 'python3'].filter((c): c is string => Boolean(c));
  for (const python of new Set(candidates)) {
    const found = probe(python);
    if (found) return found;
  }
  return undefined;
}

/** Can Grammalecte run here? Cached: the first call costs one Python start-up. */
export function isGrammalecteAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return findGrammalecte(env) !== undefined;
}
