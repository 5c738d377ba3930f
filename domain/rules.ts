// Rules shared by every dispositif, pure and deterministic.
import { REGIONS, type RegionCode } from './regions';

/** seeds 001 and 003: a network intervenant never intervenes in their own région. Returns the refusal, or null. */
export function regionExclusion(regionIntervenant: RegionCode, regionMl: RegionCode): string | null {
  return regionIntervenant === regionMl ? `Un intervenant du réseau n'intervient jamais dans sa propre région (${REGIONS[regionMl]}).` : null;
}

export const BUDGET_WARNING_RATIO = 0.8;

export type BudgetDecision =
  { allowed: true; used: number; budget: number; crossedWarning: boolean } | { allowed: false; used: number; budget: number; reason: string };

/**
 * An hour (or day) budget: an entry that would exceed it is refused (only UNML may extend it);
 * `crossedWarning` is true for the entry that first reaches the warning ratio (80 %).
 * Amounts are integers in the budget's unit (minutes, half-days) to stay exact.
 */
export function decideBudget(used: number, budget: number, amount: number, describe: (n: number) => string): BudgetDecision {
  const after = used + amount;
  if (after > budget) {
    return {
      allowed: false,
      used,
      budget,
      reason:
        `Ce volume dépasse le forfait : ${describe(used)} déjà consommées sur ${describe(budget)}, ${describe(amount)} demandées. ` +
        `Seule l'UNML peut étendre le forfait.`,
    };
  }
  const threshold = budget * BUDGET_WARNING_RATIO;
  return { allowed: true, used: after, budget, crossedWarning: used < threshold && after >= threshold };
}

/** An hour package and its use, hours always shown: "24 h", "19 h 30", "0 h 45" (domain/format.ts). */
export { heuresFr as formatMinutes } from './format';
