import { translator, type Translate } from '../i18n.ts';
import { suggestionLabel } from './suggestion-label.ts';
import type { FindingRecord } from '../store/review-store.ts';
import { escapeHtml } from './escape-html.ts';

/** Messages shown in one mark's tip; the rest are counted ("and 3 more"). */
export const TIP_LINES = 5;

/**
 * The sentence as HTML with its findings marked. Findings may overlap (a name
 * flagged by two rules), so the text is cut at every finding's start and end and
 * each piece covered by a finding becomes one flat, focusable <mark> that names
 * the findings over it; its tip shows their messages and fixes on hover and
 * on keyboard focus. Everything from the text or the rules is escaped here.
 *
 * Bug: every piece scanned every finding, so 20,000 findings on one sentence took
 * 2 s and a page with more never answered. Now one sweep in text order keeps the
 * findings open at each point (sorted once), and a tip names at most TIP_LINES.
 */
export function highlightFindings(text: string, findings: FindingRecord[], sentenceIdx: number, hits: Array<{ start: number; end: number }> = [], t: Translate = translator('en')): string {
  const visible = findings.filter((f) => f.length > 0 && f.start < text.length).map((f) => ({ f, end: Math.min(text.length, f.start + f.length) }));
  const byStart = [...visible].sort((a, b) => a.f.start - b.f.start);
  const cutSet = new Set<number>([0, text.length]);
  for (const v of visible) {
    cutSet.add(v.f.start);
    cutSet.add(v.end);
  }
  // Search hits cut the text too; a piece inside one is marked as a hit.
  const sortedHits = hits.map((hit) => ({ start: Math.min(text.length, hit.start), end: Math.min(text.length, hit.end) })).sort((a, b) => a.start - b.start);
  for (const hit of sortedHits) {
    cutSet.add(hit.start);
    cutSet.add(hit.end);
  }
  const cuts = [...cutSet].sort((a, b) => a - b);
  let html = '';
  let next = 0;
  let nextHit = 0;
  let over: typeof visible = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    over = over.filter((v) => v.end > from);
    while (next < byStart.length && byStart[next].f.start <= from) {
      if (byStart[next].end > from) over.push(byStart[next]);
      next++;
    }
    while (nextHit < sortedHits.length && sortedHits[nextHit].end <= from) nextHit++;
    const inHit = nextHit < sortedHits.length && sortedHits[nextHit].start < to && sortedHits[nextHit].end > from;
    const piece = inHit ? `<mark class="hit">${escapeHtml(text.slice(from, to))}</mark>` : escapeHtml(text.slice(from, to));
    if (over.length === 0) {
      html += piece;
      continue;
    }
    const open = over.filter((v) => !v.f.rejected).map((v) => v.f);
    const shown = open.length > 0 ? open : over.map((v) => v.f);
    const severity = shown.map((f) => f.severity).sort(bySeverity)[0];
    const classes = ['hl', `sev-${severity}`, open.length === 0 ? 'is-rejected' : ''].filter(Boolean).join(' ');
    const tipId = `tip-${sentenceIdx}-${from}`;
    // In the interface language (the severity), and with a fix's spaces drawn as on its button: « : » read as the flagged text (issue #13).
    const tip =
      shown
        .slice(0, TIP_LINES)
        .map((f) => `<span class="tip-line"><b>${escapeHtml(t(f.severity))}</b> ${escapeHtml(f.message)}${f.suggestions.length ? ` → ${f.suggestions.map((s) => `« ${suggestionLabel(f.text, s)} »`).join(', ')}` : ''}</span>`)
        .join('') + (shown.length > TIP_LINES ? `<span class="tip-line">${escapeHtml(t('and {n} more', { n: shown.length - TIP_LINES }))}</span>` : '');
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
