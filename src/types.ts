/**
 * The shapes every part of Relecture agrees on. The CLI's JSON output, the web
 * review and users' scripts are built on `Finding`; change it only with care.
 */

/** MQM-style dimension/type of an error. */
export type Category =
  | 'accuracy/untranslated'
  | 'accuracy/mistranslation'
  | 'fluency/spelling'
  | 'fluency/grammar'
  | 'fluency/punctuation'
  | 'fluency/repetition'
  | 'fluency/unintelligible'
  | 'terminology'
  | 'style'
  | 'locale-convention';

export const CATEGORIES: readonly Category[] = [
  'accuracy/untranslated',
  'accuracy/mistranslation',
  'fluency/spelling',
  'fluency/grammar',
  'fluency/punctuation',
  'fluency/repetition',
  'fluency/unintelligible',
  'terminology',
  'style',
  'locale-convention',
];

export type Severity = 'critical' | 'major' | 'minor' | 'info';

/** Most severe first; the index is used for sorting and thresholds. */
export const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor', 'info'];

/**
 * What the machine saw. Offsets are UTF-16 code units into the text as given
 * (after BOM removal), half-open: `text === input.slice(offset, offset + length)`.
 * A finding never says what the editor decided: that is a `Decision`, kept apart.
 */
export interface Finding {
  ruleId: string;
  category: Category;
  severity: Severity;
  /** Written for editors, in French. */
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units from the start of the line. */
  column: number;
  offset: number;
  length: number;
  /** The flagged text, exactly as in the input. */
  text: string;
  /** Replacements for `text`, best first; may be empty. */
  suggestions: string[];
  /** 0-based index of the sentence in the document. */
  sentence: number;
  /**
   * Who sent it (vfile's `source`): `relecture` for the built-in rules,
   * `grammalecte`, later `source-check`… Every engine sets it (src/pipeline/);
   * consumers filter on it rather than parse rule ids.
   */
  source?: string;
  /**
   * Bilingual documents: the source text of the segment (or aligned sentence
   * pair) the finding is in. Not called `source`, which says who sent a finding.
   */
  sourceSentence?: string;
}

/** A rule that threw while checking: reported, never silently dropped. */
export interface RuleFailure {
  ruleId: string;
  message: string;
  /** The engine the rule belongs to (`relecture`, `grammalecte`…). */
  source?: string;
}

/** One entry of the editor's list of known fixes. */
export interface Correction {
  from: string;
  to: string;
  note?: string;
  /** Where the entry was read, for error messages and the review UI. */
  source?: { file: string; line: number };
}

/** A `[start, end)` span of the original text. */
export interface Span {
  start: number;
  end: number;
}

export interface Token extends Span {
  /** The token as in the NFC-normalised working text. */
  text: string;
  /** Word-like (letters or digits), as opposed to spaces and punctuation. */
  isWord: boolean;
}

export interface Sentence extends Span {
  index: number;
  paragraph: number;
  /** Word tokens only, in order. */
  words: Token[];
}

export interface Paragraph extends Span {
  index: number;
  /** 1-based line number of the paragraph in the input. */
  line: number;
}
