import { translator, type Translate } from '../i18n.ts';
import { CATEGORIES, SEVERITIES } from '../../types.ts';
import { escapeHtml } from './escape-html.ts';

const SEVERITY_COLOURS: Record<string, string> = { critical: '#b42318', major: '#c4540c', minor: '#b08800', info: '#5b6b7f' };

/**
 * Open findings by category (bars) and by severity (one stacked bar), as an
 * inline SVG drawn on the server: no script, no external file, and readable as
 * text by a screen reader through its <title> and the table beside it.
 */
export function findingsChart(byCategory: Map<string, number>, bySeverity: Map<string, number>, t: Translate = translator('en')): string {
  const rows = CATEGORIES.map((category) => ({ label: t(category), count: byCategory.get(category) ?? 0 })).filter((row) => row.count > 0);
  const max = Math.max(1, ...rows.map((r) => r.count));
  const labelWidth = 190;
  const barWidth = 220;
  const rowHeight = 20;
  const severityTotal = SEVERITIES.reduce((sum, s) => sum + (bySeverity.get(s) ?? 0), 0);
  const top = 34;
  const height = top + Math.max(1, rows.length) * rowHeight + 4;
  const width = labelWidth + barWidth + 50;
  let svg = `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`;
  svg += `<title>${escapeHtml(t('Open findings: {n} ({detail})', { n: severityTotal, detail: SEVERITIES.map((s) => `${t(s)} ${bySeverity.get(s) ?? 0}`).join(', ') }))}</title>`;
  // The severity strip: one bar, split in proportion.
  let x = labelWidth;
  svg += `<text x="0" y="14" class="chart-label">${escapeHtml(t('by severity'))}</text>`;
  for (const severity of SEVERITIES) {
    const count = bySeverity.get(severity) ?? 0;
    if (count === 0 || severityTotal === 0) continue;
    const w = (count / severityTotal) * barWidth;
    svg += `<rect x="${x.toFixed(1)}" y="4" width="${w.toFixed(1)}" height="14" fill="${SEVERITY_COLOURS[severity]}"><title>${escapeHtml(t(severity))}: ${count}</title></rect>`;
    x += w;
  }
  if (severityTotal === 0) svg += `<rect x="${labelWidth}" y="4" width="${barWidth}" height="14" fill="#e6e8eb"/>`;
  svg += `<text x="${labelWidth + barWidth + 6}" y="15" class="chart-count">${severityTotal}</text>`;
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const w = Math.max(2, (row.count / max) * barWidth);
    svg += `<text x="0" y="${y + 11}" class="chart-label">${escapeHtml(row.label)}</text>`;
    svg += `<rect x="${labelWidth}" y="${y + 1}" width="${w.toFixed(1)}" height="12" rx="2" fill="#3f6f9f"><title>${escapeHtml(row.label)}: ${row.count}</title></rect>`;
    svg += `<text x="${labelWidth + w + 6}" y="${y + 11}" class="chart-count">${row.count}</text>`;
  });
  if (rows.length === 0) svg += `<text x="0" y="${top + 11}" class="chart-label">${escapeHtml(t('no open finding'))}</text>`;
  return `${svg}</svg>`;
}
