/**
 * Language tags as files write them (`FR`, `fr-FR`, `en_US`, `EN-GB`): compared
 * case-insensitively, and by primary subtag when the exact tag is not there, so
 * that `--source-lang en` finds a TMX's `EN-US`.
 */
export function normaliseTag(tag: string): string {
  return tag.trim().replace(/_/g, '-').toLowerCase();
}

// memoQ writes ISO 639-2 codes (`eng`, `fre`); they name the same languages.
const THREE_LETTER: Record<string, string> = {
  eng: 'en', fre: 'fr', fra: 'fr', spa: 'es', ger: 'de', deu: 'de', ita: 'it', por: 'pt', dut: 'nl', nld: 'nl', cat: 'ca', rus: 'ru', chi: 'zh', zho: 'zh', jpn: 'ja', ara: 'ar', pol: 'pl',
};

export function primarySubtag(tag: string): string {
  const primary = normaliseTag(tag).split('-')[0];
  return THREE_LETTER[primary] ?? primary;
}

export function sameLanguage(a: string, b: string): boolean {
  return normaliseTag(a) === normaliseTag(b) || primarySubtag(a) === primarySubtag(b);
}

/** The tag of `available` that `wanted` names: exact first, then by primary subtag. */
export function findLanguage(wanted: string, available: readonly string[]): string | undefined {
  return available.find((tag) => normaliseTag(tag) === normaliseTag(wanted)) ?? available.find((tag) => primarySubtag(tag) === primarySubtag(wanted));
}

/** The language Relecture's rules are written for. */
export const REVIEWED_LANGUAGE = 'fr';
