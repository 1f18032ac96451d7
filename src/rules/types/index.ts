import type { RuleType } from '../../engine/rule-type.ts';
import { capitalizationRule } from './capitalization.ts';
import { correctionRule } from './correction.ts';
import { determinerNumberRule } from './determiner-number.ts';
import { foreignWordRule } from './foreign-word.ts';
import { garbledSentenceRule } from './garbled-sentence.ts';
import { nameVariantsRule } from './name-variants.ts';
import { numberUnitRule } from './number-unit.ts';
import { patternRule } from './pattern.ts';
import { quotesRule } from './quotes.ts';
import { repetitionRule } from './repetition.ts';
import { sourceLengthRule } from './source-length.ts';
import { sourceNamesRule } from './source-names.ts';
import { sourceNumbersRule } from './source-numbers.ts';
import { sourceParityRule } from './source-parity.ts';
import { sourcePresenceRule } from './source-presence.ts';
import { sourcePunctuationRule } from './source-punctuation.ts';
import { sourceTermbaseRule } from './source-termbase.ts';
import { sourceUntranslatedRule } from './source-untranslated.ts';
import { sourceVerbatimRule } from './source-verbatim.ts';
import { spellingRule } from './spelling.ts';
import { substitutionRule } from './substitution.ts';

/** The few rule types in code; rules themselves are data in rules/fr/*.yaml. */
export const RULE_TYPES: Record<string, RuleType<any>> = Object.fromEntries(
  [patternRule, substitutionRule, correctionRule, spellingRule, foreignWordRule, nameVariantsRule, repetitionRule, capitalizationRule, quotesRule, numberUnitRule, garbledSentenceRule, determinerNumberRule,
    // Source-aware: silent unless the document has a source (bilingual files).
    sourceNumbersRule, sourceNamesRule, sourceUntranslatedRule, sourceLengthRule, sourceParityRule, sourceVerbatimRule, sourcePunctuationRule, sourceTermbaseRule, sourcePresenceRule].map((type) => [type.name, type]),
);
