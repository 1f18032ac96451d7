import type { Rule } from '../engine/rule-type.ts';

/**
 * Old rule id → current id, from the rules' `aliases` (the rule pack moved to one
 * scheme: calque/es/…, calque/en/…, false-friend/es/…, usage/…). A database
 * written before keeps findings and decisions under the old ids: comparing ids
 * through `canonicalRuleId` lets a re-check recognise them as the same finding.
 */
const current = new Map<string, string>();

export function recordRuleAliases(rules: Rule[]): void {
  for (const rule of rules) for (const alias of rule.aliases ?? []) current.set(alias, rule.id);
}

export function canonicalRuleId(id: string): string {
  return current.get(id) ?? id;
}
