import type { RuleType } from '../../engine/rule-type.ts';

/**
 * Guillemets that do not pair, or point the wrong way. MT turns a closing quote
 * into « (l'emporter« Il a souligné): a « that comes while a quotation is open,
 * glued to the word before it, closes that quotation. Paragraphs are checked on
 * their own, except that a quotation may run on into the next paragraph when that
 * one opens with a guillemet, as novels and long interviews do.
 */
export const quotesRule: RuleType<null> = {
  name: 'quotes',
  keys: [],
  parse: () => null,
  check({ text, segmented }, _params, report) {
    let carried = false;
    for (const paragraph of segmented.paragraphs) {
      const line = text.slice(paragraph.start, paragraph.end);
      const open: number[] = [];
      const startsWithGuillemet = /^\s*[«»]/u.test(line);
      if (carried && startsWithGuillemet) open.push(-1);
      for (let i = 0; i < line.length; i++) {
        const char = line[i];
        if (char !== '«' && char !== '»') continue;
        const at = paragraph.start + i;
        if (char === '«') {
          const before = line[i - 1] ?? ' ';
          const after = line[i + 1] ?? ' ';
          if (open.length > 0 && /[\p{L}\p{N}.!?…,]/u.test(before) && /[\s\u00A0\u202F]|$/u.test(after)) {
            report({ start: at, end: at + 1, suggestions: [' »'], values: { what: 'wrong-way' }, message: '« sert ici à fermer la citation : en français elle se ferme par », précédé d’une espace.' });
            open.pop();
          } else if (i === 0 && carried && open.length > 0) {
            // The « that re-opens a quotation carried over from the paragraph before.
          } else {
            open.push(at);
          }
        } else if (open.length > 0) {
          open.pop();
        } else if (!(i === 0 && carried)) {
          report({ start: at, end: at + 1, suggestions: [], message: '» ferme une citation qui n’a pas été ouverte : guillemet en trop, ou « manquant plus haut.' });
        }
      }
      const next = segmented.paragraphs[paragraph.index + 1];
      const nextOpens = next !== undefined && /^\s*[«»]/u.test(text.slice(next.start, next.end));
      const stillOpen = open.filter((position) => position >= 0);
      if (stillOpen.length > 0 && !nextOpens) {
        for (const position of stillOpen) {
          report({ start: position, end: position + 1, suggestions: [], message: 'Ce « n’est jamais refermé par ».' });
        }
      }
      carried = open.length > 0 && nextOpens;
    }
  },
};
