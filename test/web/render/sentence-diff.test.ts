import { describe, expect, it } from 'vitest';
import { sentenceDiff } from '../../../src/web/render/sentence-diff.ts';
import { highlightFindings, TIP_LINES } from '../../../src/web/render/highlight-findings.ts';
import { frenchTokens, wordSubstitutions } from '../../../src/web/review/word-changes.ts';
import { boundedDiffArrays } from '../../../src/web/render/bounded-diff.ts';
import type { FindingRecord } from '../../../src/web/store/review-store.ts';
import { translator } from '../../../src/web/i18n.ts';

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

  it('says the tip in the interface language and draws the spaces a fix adds, as its button does (issue #13: « MINOR … → « : » » in the French page)', () => {
    const text = 'un message: oui';
    const html = highlightFindings(text, [finding(1, 10, 1, 'En français, « : » est précédé d’une espace.', { text: ':', suggestions: ['\u202F:'] })], 0, [], translator('fr'));
    expect(html).toContain('<b>mineure</b>');
    expect(html).toContain('→ « <span class="sp sp-narrow" title="espace fine insécable (U+202F)">⍽</span>: »');
    expect(highlightFindings(text, Array.from({ length: TIP_LINES + 2 }, (_, i) => finding(i + 1, 10, 1, `m${i}`, { text: ':' })), 0, [], translator('fr'))).toContain('et 2 de plus');
  });

  it('escapes the text, the messages and the suggestions', () => {
    const html = highlightFindings('<script>x</script>', [finding(1, 0, 8, '<img onerror=1>')], 0);
    expect(html).not.toMatch(/<script|<img|<fix>/);
    expect(html).toContain('&lt;script&gt;');
  });

  // Bug: every piece of the text scanned every finding: 10,000 findings on one
  // sentence took 0.41 s, 20,000 took 2.0 s (quadratic). Counted here in reads
  // of a finding's start, not in time.
  it('reads each finding a bounded number of times, however many there are (regression: quadratic)', () => {
    let reads = 0;
    const counted = (f: FindingRecord) =>
      new Proxy(f, {
        get(target, key, receiver) {
          if (key === 'start') reads++;
          return Reflect.get(target, key, receiver);
        },
      });
    const text = 'mot '.repeat(4000);
    const findings = Array.from({ length: 4000 }, (_, i) => counted(finding(i + 1, i * 4, 3, `m${i}`)));
    const html = highlightFindings(text, findings, 0);
    expect(html.match(/<mark /g)).toHaveLength(4000);
    expect(reads).toBeLessThan(40 * findings.length);
  });

  it('names at most TIP_LINES messages in a tip, and counts the others', () => {
    const html = highlightFindings('abc', Array.from({ length: 300 }, (_, i) => finding(i + 1, 0, 3, `message ${i}`)), 0);
    expect(html.match(/class="tip-line"/g)).toHaveLength(TIP_LINES + 1);
    expect(html).toContain(`and ${300 - TIP_LINES} more`);
  });
});

describe('wordSubstitutions', () => {
  it('finds replaced words, not case changes or punctuation', () => {
    expect(wordSubstitutions('Routte a parlé à La presse.', 'Rutte a parlé à la presse.')).toEqual([{ from: 'Routte', to: 'Rutte' }]);
    expect(wordSubstitutions('un message: oui', 'un message : oui')).toEqual([]);
  });
});

describe('bounded diffs of long sentences (regression: an edit of a 1 MB sentence never finished)', () => {
  const long = 'Le ministre a dit que la réunion était utile, '.repeat(3000);

  it('cuts a long text into the same words as the segmenter does in one piece', () => {
    const segmenter = new Intl.Segmenter('fr', { granularity: 'word' });
    const sample = long.slice(0, 5000) + "qu'il l'OTAN  vice-président 😀 ";
    expect(frenchTokens(sample)).toEqual(Array.from(segmenter.segment(sample), (part) => part.segment));
    expect(frenchTokens(long).join('')).toBe(long);
    expect(frenchTokens('a'.repeat(5000)).join('')).toBe('a'.repeat(5000));
  });

  it('diffs only the changed middle of a long sentence, word by word', () => {
    const after = long.replace('utile', 'utiles');
    const diff = sentenceDiff(long, after);
    expect(diff.after).toContain('<ins class="w">utile<b class="c">s</b></ins>');
    expect(diff.after.replace(/<[^>]+>/g, '')).toBe(after);
    expect(wordSubstitutions(long, after)).toEqual([{ from: 'utile', to: 'utiles' }]);
  });

  it('shows a long run of many edits as one removed and one added run', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
    const changes = boundedDiffArrays(before.split(' '), after.split(' '));
    expect(changes.map((c) => [c.added, c.removed, c.count])).toEqual([
      [false, true, 3000],
      [true, false, 3000],
    ]);
  });
});
