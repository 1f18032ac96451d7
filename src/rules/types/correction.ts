import type { RuleType } from '../../engine/rule-type.ts';

/** The editor's known corrections, at every occurrence, whole words only. */
export const correctionRule: RuleType<null> = {
  name: 'correction',
  keys: [],
  parse: () => null,
  check({ text, corrections }, _params, report) {
    for (const match of corrections.match(text)) {
      const note = match.correction.note ? ` (${match.correction.note})` : '';
      report({ start: match.start, end: match.end, suggestions: [match.replacement], values: { note } });
    }
  },
};
