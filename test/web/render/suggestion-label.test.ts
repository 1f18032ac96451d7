import { describe, expect, it } from 'vitest';
import { suggestionLabel } from '../../../src/web/render/suggestion-label.ts';

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('suggestion buttons (issue #13, defect 6)', () => {
  it('draws the spaces a fix adds, and tells the kinds apart', () => {
    expect(text(suggestionLabel(':', ' :'))).toBe('·:');
    expect(suggestionLabel(':', '\u202F:')).toContain('sp-narrow');
    expect(suggestionLabel(':', '\u00A0:')).toContain('sp-nbsp');
    expect(text(suggestionLabel('«', ' »'))).toBe('·»');
  });

  it('shows a whitespace-only fix and a deletion', () => {
    expect(text(suggestionLabel('  ', ' '))).toBe('·');
    expect(suggestionLabel(' ', '')).toMatch(/^<del class="c">/);
  });

  it('leaves the spaces between changed words as they read, and escapes', () => {
    expect(suggestionLabel('Il a souligné', ', a-t-il souligné')).toBe(', a-t-il souligné');
    expect(suggestionLabel('x', '<b>')).toBe('&lt;b&gt;');
  });
});
