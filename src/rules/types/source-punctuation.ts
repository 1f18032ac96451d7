import { pairsOf } from '../../bilingual/pair-text.ts';
import type { RuleType } from '../../engine/rule-type.ts';

/**
 * End punctuation and the spaces around a segment, as the source has them
 * (`check: end`, `check: whitespace`). A question stays a question, an
 * exclamation an exclamation, a line ending in a colon (a list follows) keeps
 * it, a sentence keeps its full stop; closing quotes and brackets are looked
 * through (« … ». and « … . » end alike). Leading and trailing spaces matter in
 * XLIFF units, where they join the unit to the text around it.
 */
interface SourcePunctuationParams {
  check: 'end' | 'whitespace';
}

const CLOSERS = /[\s»”"’')\]}\u00A0\u202F]+$/u;
const CLASSES: Record<string, string> = { '?': '?', '!': '!', ':': ':', '.': '.', '…': '.', ';': ';' };
const FRENCH: Record<string, string> = { '?': ' ?', '!': ' !', ':': ' :', '.': '.', ';': ' ;' };

export const sourcePunctuationRule: RuleType<SourcePunctuationParams> = {
  name: 'source-punctuation',
  keys: ['check'],
  needsSource: true,
  parse(definition) {
    const check = definition.check;
    if (check !== 'end' && check !== 'whitespace') throw new Error(`'check' is end or whitespace, not '${String(check)}'`);
    return { check };
  },
  check(context, params, report) {
    for (const pair of pairsOf(context)) {
      if (params.check === 'whitespace') {
        const sourceLead = /^\s*/u.exec(pair.source)![0];
        const targetLead = /^\s*/u.exec(pair.target)![0];
        const sourceTrail = /\s*$/u.exec(pair.source)![0];
        const targetTrail = /\s*$/u.exec(pair.target)![0];
        if (pair.target.trim() === '') continue;
        if (targetLead !== '' && sourceLead === '') report({ start: pair.start, end: pair.start + targetLead.length, suggestions: [''], values: { where: 'au début' } });
        if (targetLead === '' && sourceLead !== '') report({ start: pair.start, end: pair.start + 1, suggestions: [sourceLead + pair.target[0]], values: { where: 'au début' } });
        if (targetTrail !== '' && sourceTrail === '') report({ start: pair.end - targetTrail.length, end: pair.end, suggestions: [''], values: { where: 'à la fin' } });
        if (targetTrail === '' && sourceTrail !== '') report({ start: pair.end - 1, end: pair.end, suggestions: [pair.target[pair.target.length - 1] + sourceTrail], values: { where: 'à la fin' } });
        continue;
      }
      const source = pair.source.replace(CLOSERS, '');
      const target = pair.target.replace(CLOSERS, '');
      if (!source || !target) continue;
      const sourceClass = CLASSES[source[source.length - 1]];
      const targetLast = target[target.length - 1];
      const targetClass = CLASSES[targetLast];
      if (!sourceClass || sourceClass === targetClass) continue;
      // A stop, colon or semicolon for another is the translator's choice; a question
      // or exclamation that is no longer one, or a sentence that stops short, is not.
      if ((sourceClass === '.' || sourceClass === ':' || sourceClass === ';') && targetClass) continue;
      if (sourceClass === ':' || sourceClass === ';') continue;
      const end = pair.start + target.length;
      if (targetClass) {
        // Replace the mark, with the space French puts before ? ! : ;
        const start = /[\s\u00A0\u202F]$/u.test(target.slice(0, -1)) ? end - 2 : end - 1;
        report({ start, end, suggestions: [FRENCH[sourceClass]], values: { mark: source[source.length - 1] } });
      } else {
        const word = /[\p{L}\p{N}]+$/u.exec(target);
        const start = word ? end - word[0].length : end - 1;
        report({ start, end, suggestions: [context.text.slice(start, end) + FRENCH[sourceClass]], values: { mark: source[source.length - 1] } });
      }
    }
  },
};
