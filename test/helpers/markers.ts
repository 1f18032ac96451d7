/** "Il a [[rencontré avec]] eux" → the text without markers and the marked spans. */
export function parseMarkers(marked: string): { text: string; spans: Array<{ offset: number; length: number }> } {
  const spans: Array<{ offset: number; length: number }> = [];
  let text = '';
  let rest = marked;
  for (;;) {
    const open = rest.indexOf('[[');
    if (open === -1) break;
    const close = rest.indexOf(']]', open + 2);
    if (close === -1) throw new Error(`unclosed [[ in ${marked}`);
    text += rest.slice(0, open);
    const inner = rest.slice(open + 2, close);
    spans.push({ offset: text.length, length: inner.length });
    text += inner;
    rest = rest.slice(close + 2);
  }
  return { text: text + rest, spans };
}
