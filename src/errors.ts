import { fillTemplate } from './formats/reader-warning.ts';
/**
 * Bad input from a user: a file that is not UTF-8, an empty text, a malformed
 * corrections line. The message names the file and, when there is one, the line,
 * so that `String(error)` is the one line the CLI prints and the web app shows.
 */
export class InputError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  /** The bare reason, without the place. */
  readonly reason: string;
  /**
   * The reason as an English template (`{name}` for each of `values`), which the
   * web app says in the editor's language (src/web/i18n.ts); the CLI prints `reason`.
   */
  readonly template: string;
  readonly values: Record<string, string | number>;

  constructor(file: string, reason: string, line?: number, values: Record<string, string | number> = {}) {
    const filled = fillTemplate(reason, values);
    super(line === undefined ? `${file}: ${filled}` : `${file}:${line}: ${filled}`);
    this.name = 'InputError';
    this.file = file;
    this.line = line;
    this.reason = filled;
    this.template = reason;
    this.values = values;
  }
}

/** A rule file that cannot be loaded: named with its file and line, at load time. */
export class RuleDefinitionError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly ruleId: string | undefined,
    reason: string,
  ) {
    super(`${file}:${line}: ${ruleId ? `rule '${ruleId}': ` : ''}${reason}`);
    this.name = 'RuleDefinitionError';
  }
}
