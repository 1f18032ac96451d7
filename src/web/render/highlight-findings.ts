import type { FindingRecord } from '../store/review-store.ts';
import { escapeHtml } from './escape-html.ts';

/**
 * The sentence as HTML with its findings marked. Findings may overlap (a name
 * flagged by two rules), so the text is cut at every finding's start and end and
 * each piece covered by a finding becomes one flat, focusable <mark> that names
 * all the findings over it; its tip shows their messages and fixes on hover and
 * on keyboard focus. Everything from the text or the rules is escaped here.
 */
export function highlightFindings(text: string, findings: FindingRecord[], sentenceIdx: number, hits: Array<{ start: number; end: number }> = []): string {
  const visible = findings.filter((f) => f.length > 0 && f.start < text.length);
  const cuts = new Set<number>([0, text.length]);
  for (const f of visible) {
    cuts.add(f.start);
    cuts.add(Math.min(text.length, f.start + f.length));
  }
  // Search hits cut the text too; a piece inside one is marked as a hit.
  for (const hit of hits) {
    cuts.add(Math.min(text.length, hit.start));
    cuts.add(Math.min(text.length, hit.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const inHit = hits.some((hit) => hit.start < to && hit.end > from);
    const piece = inHit ? `<mark class="hit">${escapeHtml(text.slice(from, to))}</mark>` : escapeHtml(text.slice(from, to));
    const over = visible.filter((f) => f.start < to && f.start + f.length > from);
    if (over.length === 0) {
      html += piece;
      continue;
    }
    const open = over.filter((f) => !f.rejected);
    const shown = open.length > 0 ? open : over;
    const severity = shown.map((f) => f.severity).sort(bySeverity)[0];
    const classes = ['hl', `sev-${severity}`, open.length === 0 ? 'is-rejected' : ''].filter(Boolean).join(' ');
    const tipId = `tip-${sentenceIdx}-${from}`;
    const tip = shown
      .map((f) => `<span class="tip-line"><b>${escapeHtml(f.severity)}</b> ${escapeHtml(f.message)}${f.suggestions.length ? ` → ${f.suggestions.map((s) => `« ${escapeHtml(s)} »`).join(', ')}` : ''}</span>`)
      .join('');
    html +=
      `<mark class="${classes}" tabindex="0" data-findings="${shown.map((f) => f.id).join(' ')}" aria-describedby="${tipId}">` +
      `${piece}<span class="tip" role="tooltip" id="${tipId}">${tip}</span></mark>`;
  }
  return html;
}

const ORDER = ['critical', 'major', 'minor', 'info'];
function bySeverity(a: string, b: string): number {
  return ORDER.indexOf(a) - ORDER.indexOf(b);
}
