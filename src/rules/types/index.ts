import type { RuleType } from '../../engine/rule-type.ts';
import { capitalizationRule } from './capitalization.ts';
import { correctionRule } from './correction.ts';
import { foreignWordRule } from './foreign-word.ts';
import { garbledSentenceRule } from './garbled-sentence.ts';
import { nameVariantsRule } from './name-variants.ts';
import { numberUnitRule } from './number-unit.ts';
import { patternRule } from './pattern.ts';
import { quotesRule } from './quotes.ts';
import { repetitionRule } from './repetition.ts';
import { spellingRule } from './spelling.ts';
import { substitutionRule } from './substitution.ts';

/** The few rule types in code; rules themselves are data in rules/fr/*.yaml. */
export const RULE_TYPES: Record<string, RuleType<any>> = Object.fromEntries(
  [patternRule, substitutionRule, correctionRule, spellingRule, foreignWordRule, nameVariantsRule, repetitionRule, capitalizationRule, quotesRule, numberUnitRule, garbledSentenceRule].map((type) => [type.name, type]),
);
