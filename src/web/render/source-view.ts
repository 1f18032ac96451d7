import type { FindingRecord } from '../store/review-store.ts';
import { escapeHtml } from './escape-html.ts';

/**
 * The source of a sentence's segment, escaped, with the parts the findings are
 * about marked: what a source-aware finding quotes from the source (« 50.000
 * millones » in its message) or offers from it (the source spelling Rutte), so
 * that the editor sees both sides of the finding at once. Inline codes (private-
 * use placeholders) show as ⟨n⟩.
 */
export function highlightSource(source: string, findings: readonly FindingRecord[]): string {
  const wanted = new Set<string>();
  for (const finding of findings) {
    if (!finding.ruleId.startsWith('source/') && !finding.ruleId.startsWith('terminology/')) continue;
    for (const match of finding.message.matchAll(/«\s*([^«»]+?)\s*»/g)) wanted.add(match[1]);
    if (finding.suggestions[0]) wanted.add(finding.suggestions[0]);
  }
  const spans: Array<[number, number]> = [];
  for (const term of wanted) {
    if (term.trim().length < 2) continue;
    for (let at = source.indexOf(term); at !== -1; at = source.indexOf(term, at + term.length)) spans.push([at, at + term.length]);
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let position = 0;
  for (const [start, end] of spans) {
    if (start < position) continue;
    out += shown(source.slice(position, start)) + `<mark class="source-mark">${shown(source.slice(start, end))}</mark>`;
    position = end;
  }
  return out + shown(source.slice(position));
}

function shown(text: string): string {
  return escapeHtml(text).replace(/[\uE000-\uF8FF]/g, (c) => `⟨${c.charCodeAt(0) - 0xe000 + 1}⟩`);
}
