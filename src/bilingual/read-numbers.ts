/**
 * Numbers as each language writes them, read to their value: Spanish 36.000 and
 * 1,28, English 9,000 and 1.5, French 36 000 and 1,5; with the scale word that
 * follows (50.000 millones = 5·10¹⁰, 3.5 billion = 3,5·10⁹, 3 milliards = 3·10⁹,
 * and the false friend: the French « billion » is 10¹²).
 */
export type NumberLanguage = 'fr' | 'es' | 'en';

export interface ReadNumber {
  start: number;
  /** End of the figure itself, and of the figure with its scale word and percent sign. */
  figureEnd: number;
  end: number;
  /** The figure as written (`36.000`). */
  figure: string;
  /** Its value with the scale word applied. */
  value: number;
  /** The figure's value, without the scale word. */
  figureValue: number;
  scale?: { word: string; factor: number };
  percent: boolean;
  /** The figure reads differently in other conventions (1.500, 9,000): French readers would misread it. */
  separators: string[];
}

export type ScaleTable = Record<string, number>;

// ASCII digits only: superscripts and subscripts (ppmv², CO₂) are notes and formulas, not figures.
const FIGURE = /(?<![\p{L}\d.,])\d+(?:(?:[.,]|[ \u00A0\u202F](?=\d{3}(?!\d)))\d+)*(?!\d)/gu;

function figureValue(figure: string, language: NumberLanguage): number | undefined {
  const groups = figure.split(/[.,\u00A0\u202F ]/);
  const separators = figure.match(/[.,\u00A0\u202F ]/g) ?? [];
  if (separators.length === 0) return Number(figure);
  const decimal = language === 'en' ? '.' : ',';
  const last = separators[separators.length - 1];
  let integerGroups = groups;
  let fraction = '';
  if (last === decimal) {
    fraction = groups[groups.length - 1];
    integerGroups = groups.slice(0, -1);
  }
  const integerSeparators = last === decimal ? separators.slice(0, -1) : separators;
  // Thousands groups are three digits, and one kind of separator throughout.
  if (integerSeparators.some((s) => s === decimal)) return undefined;
  if (integerGroups.slice(1).some((g) => g.length !== 3)) return undefined;
  if (integerGroups.length > 1 && integerGroups[0].length > 3) return undefined;
  if (new Set(integerSeparators.map((s) => (/\s|\u00A0|\u202F/.test(s) ? ' ' : s))).size > 1) return undefined;
  return Number(`${integerGroups.join('')}${fraction ? `.${fraction}` : ''}`);
}

const PERCENT = /^[ \u00A0\u202F]?(?:%|por ?ciento|per ?cent|pour ?cent)/iu;

/** Every figure of `text` with its value in `language`'s convention; figures it cannot read are left out. */
export function readNumbers(text: string, language: NumberLanguage, scales: ScaleTable = {}, fallback?: NumberLanguage): ReadNumber[] {
  const out: ReadNumber[] = [];
  const scaleWords = Object.keys(scales).sort((a, b) => b.length - a.length);
  const scalePattern = scaleWords.length > 0 ? new RegExp(`^[ \\u00A0\\u202F](?:de )?(${scaleWords.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '[ \\u00A0]')).join('|')})(?![\\p{L}])`, 'iu') : undefined;
  for (const match of text.matchAll(FIGURE)) {
    const figure = match[0];
    const start = match.index!;
    // A target may keep the source's convention (1.5 in French): read it so, to compare.
    let value = figureValue(figure, language) ?? (fallback ? figureValue(figure, fallback) : undefined);
    if (value === undefined || Number.isNaN(value)) continue;
    const figureEnd = start + figure.length;
    let end = figureEnd;
    let scale: ReadNumber['scale'];
    const after = text.slice(figureEnd, figureEnd + 40);
    const scaleMatch = scalePattern?.exec(after);
    if (scaleMatch) {
      const word = scaleMatch[1].toLowerCase().replace(/\u00A0/g, ' ');
      const factor = scales[word] ?? scales[Object.keys(scales).find((k) => k.toLowerCase() === word)!];
      if (factor) {
        scale = { word: scaleMatch[1], factor };
        end += scaleMatch[0].length;
      }
    }
    const percentMatch = PERCENT.exec(text.slice(end, end + 12));
    if (percentMatch) end += percentMatch[0].length;
    const figureOnly = value;
    if (scale) value *= scale.factor;
    out.push({ start, figureEnd, end, figure, value, figureValue: figureOnly, scale, percent: Boolean(percentMatch), separators: figure.match(/[.,]/g) ?? [] });
  }
  return out;
}

/** Equal up to rounding (a figure read as 3.5 and one computed as 3.5e9 / 1e9). */
export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
}

/** A value the French way: 36 000, 1,5, 3,5 milliards (with the scale words of `scales`, largest first). */
export const FRENCH_SCALES: Array<[string, number]> = [['milliard', 1e9], ['million', 1e6]];

/**
 * A value the French way: 36 000, 1,5; with scale words (3,5 milliards) when
 * asked. Four-digit figures stay whole (2024, 9000) unless `groupFour`: a figure
 * the source wrote with a thousands separator is not a year.
 */
export function formatFrench(value: number, scaleWords: Array<[string, number]> = [], groupFour = false): string {
  for (const [word, factor] of scaleWords) {
    const figure = value / factor;
    if (figure >= 1 && figure < 1000 && Math.abs(Math.round(figure * 1000) / 1000 - figure) < 1e-9) return `${formatFrench(figure)} ${figure >= 2 ? plural(word) : word}`;
  }
  const [integer, fraction] = String(value).split('.');
  const grouped = integer.length > 4 || (groupFour && integer.length === 4) ? integer.replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : integer;
  return fraction ? `${grouped},${fraction}` : grouped;
}

function plural(word: string): string {
  return word.endsWith('s') ? word : `${word}s`;
}
