import { normalise } from '../text/normalise.ts';
import { LineIndex, indexAtOrBefore } from '../text/position.ts';
import { compareFindings } from '../pipeline/merge-findings.ts';
import type { Category, Finding, RuleFailure, Severity } from '../types.ts';

/**
 * From Grammalecte's answer to Relecture findings. Pure functions, so that the
 * mapping is tested on recorded answers (test/grammalecte/fixtures) without Python.
 *
 * Grammalecte checks one paragraph at a time and reports `nStart`/`nEnd` as
 * Python str indices, that is code points into the paragraph. Relecture's offsets
 * are UTF-16 code units into the whole text as the user gave it: an emoji before
 * an error moves it by one unit, a CRLF line end by one more per line.
 */

/** Every Grammalecte finding's rule id starts with this: `grammalecte:<its rule id>` (the CLI's output shows it). */
export const GRAMMALECTE_RULE_PREFIX = 'grammalecte:';

/** The `source` of Grammalecte's findings: what the store and the app go by, never the rule id. */
export const GRAMMALECTE_SOURCE = 'grammalecte';

/** One error as Grammalecte's `parse()` (and `grammalecte-cli -j`) reports it. */
export interface GrammalecteGrammarError {
  nStart: number;
  nEnd: number;
  sLineId: string;
  sRuleId: string;
  /** The option the rule belongs to (`conj`, `ppas`, `apos`…), or `notype`. */
  sType: string;
  sMessage: string;
  aSuggestions: string[];
  URL?: string;
}

/** A word the spell checker does not know (only when spelling is asked for). */
export interface GrammalecteSpellingError {
  nStart: number;
  nEnd: number;
  sValue: string;
  aSuggestions?: string[];
}

export interface GrammalecteParagraphResult {
  /** 0-based index of the line in the text (the driver's numbering). */
  iParagraph: number;
  lGrammarErrors?: GrammalecteGrammarError[];
  lSpellingErrors?: GrammalecteSpellingError[];
  /** Set when Grammalecte threw on this paragraph. */
  error?: string;
}

/** A paragraph as sent to Grammalecte: a non-blank line of the NFC working text. */
export interface GrammalecteParagraph {
  iParagraph: number;
  /** UTF-16 offset of the line in the working text. */
  start: number;
  sText: string;
}

/**
 * Lines, cut exactly as `segment()` cuts paragraphs (`\r?\n`), so that the CR of a
 * CRLF never reaches Grammalecte and line numbers agree with the built-in rules.
 */
export function grammalecteParagraphs(workingText: string): GrammalecteParagraph[] {
  const paragraphs: GrammalecteParagraph[] = [];
  const lineBreak = /\r?\n/g;
  let start = 0;
  let index = 0;
  for (;;) {
    const match = lineBreak.exec(workingText);
    const end = match ? match.index : workingText.length;
    const line = workingText.slice(start, end);
    if (line.trim() !== '') paragraphs.push({ iParagraph: index, start, sText: line });
    if (!match) break;
    start = match.index + match[0].length;
    index++;
  }
  return paragraphs;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Code point index → UTF-16 index in `text`. A lone surrogate counts as one code
 * point on both sides (JSON carries it as `\udXXX`, Python keeps it as one char).
 */
export function codePointToUtf16(text: string): (codePoint: number) => number {
  if (!SURROGATE.test(text)) return (codePoint) => Math.min(codePoint, text.length);
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    units.push(i);
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  units.push(text.length);
  return (codePoint) => units[Math.max(0, Math.min(codePoint, units.length - 1))];
}

interface Classification {
  category: Category;
  severity: Severity;
}

/**
 * Grammalecte's options (its `sType`) → MQM category and severity. Agreement and
 * conjugation errors change what a sentence says or make it plainly wrong: major.
 * Style remarks are minor or info, so they never outweigh the MT-specific rules.
 */
const BY_TYPE: Record<string, Classification> = {
  // Grammar proper.
  gn: { category: 'fluency/grammar', severity: 'major' },
  conj: { category: 'fluency/grammar', severity: 'major' },
  ppas: { category: 'fluency/grammar', severity: 'major' },
  infi: { category: 'fluency/grammar', severity: 'major' },
  imp: { category: 'fluency/grammar', severity: 'major' },
  inte: { category: 'fluency/grammar', severity: 'minor' },
  vmode: { category: 'fluency/grammar', severity: 'major' },
  // Homophones (a/à, ce/se, faîte/faite): wrong words, but rarely a wrong meaning.
  conf: { category: 'fluency/grammar', severity: 'major' },
  loc: { category: 'fluency/grammar', severity: 'minor' },
  eleu: { category: 'fluency/grammar', severity: 'minor' },
  neg: { category: 'fluency/grammar', severity: 'minor' },
  // Style.
  bs: { category: 'style', severity: 'minor' },
  pleo: { category: 'style', severity: 'info' },
  redon1: { category: 'fluency/repetition', severity: 'info' },
  redon2: { category: 'fluency/repetition', severity: 'info' },
  // Words and capitals.
  tu: { category: 'fluency/spelling', severity: 'minor' },
  mc: { category: 'fluency/spelling', severity: 'minor' },
  maj: { category: 'fluency/spelling', severity: 'minor' },
  minis: { category: 'fluency/spelling', severity: 'minor' },
  ocr: { category: 'fluency/spelling', severity: 'minor' },
  // A date that does not exist (31 February, Monday the 3rd that is a Tuesday).
  date: { category: 'accuracy/mistranslation', severity: 'major' },
  // Punctuation.
  virg: { category: 'fluency/punctuation', severity: 'minor' },
  poncfin: { category: 'fluency/punctuation', severity: 'minor' },
  typo: { category: 'fluency/punctuation', severity: 'minor' },
  // House typography: off by default (see HOUSE_STYLE_OPTIONS).
  apos: { category: 'locale-convention', severity: 'info' },
  nbsp: { category: 'locale-convention', severity: 'minor' },
  esp: { category: 'locale-convention', severity: 'minor' },
  tab: { category: 'locale-convention', severity: 'info' },
  unit: { category: 'locale-convention', severity: 'minor' },
  num: { category: 'locale-convention', severity: 'minor' },
  nf: { category: 'locale-convention', severity: 'minor' },
  liga: { category: 'locale-convention', severity: 'info' },
  eepi: { category: 'locale-convention', severity: 'info' },
  chim: { category: 'locale-convention', severity: 'minor' },
};

const DEFAULT_CLASSIFICATION: Classification = { category: 'fluency/grammar', severity: 'minor' };

/** Rules without an option of their own (sType `notype`), recognised by id. */
const BY_RULE_PREFIX: Array<[string, Classification]> = [
  ['doublon', { category: 'fluency/repetition', severity: 'major' }],
  ['num_', BY_TYPE.num],
  ['eepi_', BY_TYPE.eepi],
  ['typo_', BY_TYPE.typo],
];

/**
 * Grammalecte options that are house typography, not grammar: typographic
 * apostrophes, (non-breaking) spaces, glyphs, big-number spacing. Relecture's own
 * typography rules speak for these; they are switched off unless asked for.
 */
export const HOUSE_STYLE_OPTIONS = ['apos', 'nbsp', 'esp', 'tab', 'unit', 'typo', 'num', 'liga', 'eepi'] as const;

/** Rules that report house typography but run whatever the options say. */
const HOUSE_STYLE_RULE_PREFIXES = ['num_grand_nombre', 'eepi_', 'typo_'];

export function isHouseStyle(error: Pick<GrammalecteGrammarError, 'sType' | 'sRuleId'>): boolean {
  return (HOUSE_STYLE_OPTIONS as readonly string[]).includes(error.sType) || HOUSE_STYLE_RULE_PREFIXES.some((prefix) => error.sRuleId.startsWith(prefix));
}

export function classify(error: Pick<GrammalecteGrammarError, 'sType' | 'sRuleId'>): Classification {
  if (error.sType === 'notype' || !(error.sType in BY_TYPE)) {
    for (const [prefix, classification] of BY_RULE_PREFIX) if (error.sRuleId.startsWith(prefix)) return classification;
  }
  return BY_TYPE[error.sType] ?? DEFAULT_CLASSIFICATION;
}

export interface MapOptions {
  /** Keep house-typography findings (off by default). */
  houseStyle?: boolean;
  /**
   * Offsets in the NFC working text where sentences start (`segment()` of the
   * working text, as `RunResult.segmented` has them); without them every finding
   * is in sentence 0.
   */
  sentenceStarts?: number[];
}

export interface MappedResult {
  findings: Finding[];
  failures: RuleFailure[];
}

/** Maps Grammalecte's per-paragraph answer for `original` to findings. */
export function mapGrammalecteResults(original: string, results: GrammalecteParagraphResult[], options: MapOptions = {}): MappedResult {
  const working = normalise(original);
  const paragraphs = new Map(grammalecteParagraphs(working.text).map((p) => [p.iParagraph, p]));
  const lines = new LineIndex(original);
  const starts = options.sentenceStarts ?? [0];
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const seen = new Set<string>();

  for (const result of results) {
    const paragraph = paragraphs.get(result.iParagraph);
    if (!paragraph) {
      failures.push({ ruleId: 'grammalecte', source: GRAMMALECTE_SOURCE, message: `answer for line ${result.iParagraph + 1}, which was not sent` });
      continue;
    }
    if (result.error) {
      failures.push({ ruleId: 'grammalecte', source: GRAMMALECTE_SOURCE, message: `line ${result.iParagraph + 1}: ${result.error}` });
      continue;
    }
    const toUtf16 = codePointToUtf16(paragraph.sText);
    const add = (ruleId: string, classification: Classification, message: string, nStart: number, nEnd: number, suggestions: string[]) => {
      const workingStart = paragraph.start + toUtf16(nStart);
      const workingEnd = paragraph.start + toUtf16(nEnd);
      if (workingEnd <= workingStart) return;
      const offset = working.toOriginal(workingStart);
      const end = working.toOriginal(workingEnd);
      const key = `${ruleId}\u0000${offset}\u0000${end}`;
      if (seen.has(key)) return;
      seen.add(key);
      const text = original.slice(offset, end);
      const { line, column } = lines.position(offset);
      findings.push({
        ruleId,
        category: classification.category,
        severity: classification.severity,
        message,
        line,
        column,
        offset,
        length: end - offset,
        text,
        suggestions: [...new Set(suggestions)].filter((s) => s !== '' && s !== text && s !== working.text.slice(workingStart, workingEnd)),
        sentence: indexAtOrBefore(starts, workingStart),
        source: GRAMMALECTE_SOURCE,
      });
    };
    for (const error of result.lGrammarErrors ?? []) {
      if (!options.houseStyle && isHouseStyle(error)) continue;
      add(`${GRAMMALECTE_RULE_PREFIX}${error.sRuleId}`, classify(error), error.sMessage, error.nStart, error.nEnd, error.aSuggestions ?? []);
    }
    for (const error of result.lSpellingErrors ?? []) {
      add('grammalecte:spelling', { category: 'fluency/spelling', severity: 'info' }, `« ${error.sValue} » est inconnu du dictionnaire de Grammalecte.`, error.nStart, error.nEnd, error.aSuggestions ?? []);
    }
  }
  findings.sort(compareFindings);
  return { findings, failures };
}

