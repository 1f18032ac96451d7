/**
 * What a reader took in but left out of the review, or kept once: not an error
 * (the file is read and imported), but the editor must hear of it, with its place.
 * Like `InputError`, the reason is an English template (`{name}` for each of
 * `values`): the CLI prints it filled, the web app stores it with the document
 * and says it in the editor's language (src/web/i18n.ts).
 */
export interface ReaderWarning {
  file: string;
  /** 1-based line in `file`, when the warning has one. */
  line?: number;
  template: string;
  values: Record<string, string | number>;
}

export function readerWarning(file: string, template: string, values: Record<string, string | number> = {}, line?: number): ReaderWarning {
  return line === undefined ? { file, template, values } : { file, line, template, values };
}

/** `{name}` replaced by its value (a name without one is left as written). */
export function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** `file:line: reason`, as a compiler or an `InputError` says it. */
export function warningText(warning: ReaderWarning): string {
  const place = warning.line === undefined ? warning.file : `${warning.file}:${warning.line}`;
  return `${place}: ${fillTemplate(warning.template, warning.values)}`;
}
