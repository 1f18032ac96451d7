import type { Severity } from '../../types.ts';

/** MQM-style weights: an `info` finding is a hint, not an error, and costs nothing. */
export const MQM_WEIGHTS: Record<Severity, number> = { critical: 25, major: 5, minor: 1, info: 0 };

/** Penalty points per 1000 words from the confirmed (accepted) findings, by severity. */
export function mqmPenaltyPer1000(confirmed: Map<string, number>, words: number): number {
  let points = 0;
  for (const [severity, count] of confirmed) points += (MQM_WEIGHTS[severity as Severity] ?? 0) * count;
  return words === 0 ? 0 : (points * 1000) / words;
}

/**
 * The MQM quality score, as MQM-DQF scorecards give it: 100 minus the penalty
 * points per 100 words (so 0 errors is 100; it can go below 0 for a text with
 * more penalty points than words), from the confirmed errors.
 */
export function mqmScore(confirmed: Map<string, number>, words: number): number {
  return 100 - mqmPenaltyPer1000(confirmed, words) / 10;
}
