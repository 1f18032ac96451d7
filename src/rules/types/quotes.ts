import type { RuleType } from '../../engine/rule-type.ts';
import type { Paragraph } from '../../types.ts';

/**
 * Guillemets that do not pair, or point the wrong way. MT turns a closing quote
 * into « (l'emporter« Il a souligné): a « that comes while a quotation is open,
 * glued to the word before it and followed by a space, closes that quotation.
 *
 * A quotation may run on over several paragraphs, as in novels and long
 * interviews: it stays open while the next paragraph goes on with it (its first
 * guillemet is a », or it opens with a continuation « or a dialogue dash); a
 * guillemet that starts such a paragraph only marks the continuation.
 */
const WRONG_WAY = '« sert ici à fermer la citation : en français elle se ferme par », précédé d’une espace.';
const STRAY = '» ferme une citation qui n’a pas été ouverte : guillemet en trop, ou « manquant plus haut.';
const UNCLOSED = 'Ce « n’est jamais refermé par ».';

export const quotesRule: RuleType<null> = {
  name: 'quotes',
  // State carried across paragraphs (a quotation that runs on).
  documentWide: true,
  keys: [],
  parse: () => null,
  check({ text, segmented }, _params, report) {
    let open: number[] = [];
    const paragraphs = segmented.paragraphs.filter((p) => text.slice(p.start, p.end).trim() !== '');
    paragraphs.forEach((paragraph, n) => {
      const line = text.slice(paragraph.start, paragraph.end);
      const carried = open.length > 0;
      const lead = /^[\s\u00A0\u202F]*/u.exec(line)![0].length;
      for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (char !== '«' && char !== '»') continue;
        const at = paragraph.start + i;
        if (carried && i === lead) continue; // continuation mark
        if (char === '«') {
          const before = line[i - 1] ?? ' ';
          const after = line[i + 1] ?? ' ';
          // Followed by a space, or by the comma of a reported-speech fix taken
          // first (« gagner«, a déclaré Rutte »: issue #13, defect 5), never by a word.
          const glued = /[\p{L}\p{N}.!?…,]/u.test(before) && /[\s\u00A0\u202F,;]/u.test(after);
          // Glued to the word before, followed by a space and by no » in the rest of
          // the paragraph, it closes a quotation even when we do not see its opening
          // (one sentence re-checked on its own in the review app).
          if (glued && (open.length > 0 || !line.includes('»', i))) {
            report({ start: at, end: at + 1, suggestions: [' »'], message: WRONG_WAY });
            open.pop();
          } else {
            open.push(at);
          }
        } else if (open.length > 0) {
          open.pop();
        } else {
          report({ start: at, end: at + 1, suggestions: [], message: STRAY });
        }
      }
      if (open.length > 0 && !continues(text, paragraphs[n + 1])) {
        // Minor: an unclosed quotation is often a quotation that goes on in a way we
        // do not recognise, where a wrong-way or stray guillemet is certain.
        for (const position of open) report({ start: position, end: position + 1, suggestions: [], message: UNCLOSED, severity: 'minor' });
        open = [];
      }
    });
  },
};

function continues(text: string, next: Paragraph | undefined): boolean {
  return next !== undefined && continuesQuotation(text.slice(next.start, next.end));
}

/**
 * Whether a paragraph goes on with a quotation left open before it. The review
 * app re-checks a paragraph together with those it is linked to so (review-service.ts).
 */
export function continuesQuotation(line: string): boolean {
  if (/^[\s\u00A0\u202F]*[«»—–-]/u.test(line)) return true;
  const first = /[«»]/u.exec(line);
  return first?.[0] === '»';
}
