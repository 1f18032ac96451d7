import { describe, expect, it } from 'vitest';
import { sentenceDiff } from '../../../src/web/render/sentence-diff.ts';
import { highlightFindings } from '../../../src/web/render/highlight-findings.ts';
import { wordSubstitutions } from '../../../src/web/review/word-changes.ts';
import type { FindingRecord } from '../../../src/web/store/review-store.ts';

describe('sentenceDiff', () => {
  it("keeps qu'il and l'OTAN whole and marks the changed characters inside a word", () => {
    const diff = sentenceDiff("Routte a dit qu'il viendra à l'OTAN.", "Rutte a dit qu'elle viendra à l'OTAN.");
    expect(diff.before).toBe('<del class="w">R<b class="c">o</b>utte</del> a dit <del class="w">qu&#39;<b class="c">i</b>l</del> viendra à l&#39;OTAN.');
    expect(diff.after).toBe('<ins class="w">Rutte</ins> a dit <ins class="w">qu&#39;<b class="c">e</b>l<b class="c">le</b></ins> viendra à l&#39;OTAN.');
  });

  it('shows a change of spacing, which diffWords would hide', () => {
    const diff = sentenceDiff('un message: oui', 'un message : oui');
    expect(diff.after).toContain('<ins class="w"><span class="sp" title="espace">·</span></ins>');
  });

  it('escapes the text', () => {
    expect(sentenceDiff('<b>a</b> & b', '<b>a</b> & c').before).toContain('&lt;b&gt;a&lt;/b&gt; &amp; ');
  });
});

describe('highlightFindings', () => {
  const finding = (id: number, start: number, length: number, message: string, extra: Partial<FindingRecord> = {}): FindingRecord => ({
    id, documentId: 1, sentenceId: 1, ruleId: 'r', source: 'relecture', category: 'style', severity: 'minor', message, start, length, text: '', suggestions: ['<fix>'], active: true, retired: null, createdAt: '', rejected: false, ...extra,
  });

  it('cuts overlapping findings into flat marks that name every finding over them', () => {
    const html = highlightFindings('abc def', [finding(1, 0, 7, 'whole'), finding(2, 4, 3, 'end', { severity: 'major' })], 0);
    expect(html.match(/<mark /g)).toHaveLength(2);
    expect(html).toContain('data-findings="1 2"');
    expect(html).toContain('class="hl sev-major"');
  });

  it('escapes the text, the messages and the suggestions', () => {
    const html = highlightFindings('<script>x</script>', [finding(1, 0, 8, '<img onerror=1>')], 0);
    expect(html).not.toMatch(/<script|<img|<fix>/);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('wordSubstitutions', () => {
  it('finds replaced words, not case changes or punctuation', () => {
    expect(wordSubstitutions('Routte a parlé à La presse.', 'Rutte a parlé à la presse.')).toEqual([{ from: 'Routte', to: 'Rutte' }]);
    expect(wordSubstitutions('un message: oui', 'un message : oui')).toEqual([]);
  });
});
