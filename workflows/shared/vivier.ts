// A dossier's side of the pool: rank, reserve, release, wait in line. Every call is an activity with a timeout
// and a retry policy; a refused reservation (capacity reached, conflict) becomes the action's refusal.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { VivierActivities } from '../../activities/vivier';
import { REFUS_VIVIER } from '../../domain/erreurs';
import { activitiesAbandoningOnCancel } from './abandon-on-cancel';
import { refuse } from './refusal';

const REFUS: readonly string[] = REFUS_VIVIER;

/**
 * An abandoned dossier stops waiting for a ranking or a waiting-list entry in flight; what was written is cleaned
 * up (the drain drops entries of dossiers that need nobody).
 */
const activites = activitiesAbandoningOnCancel<VivierActivities>(
  {
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: [...REFUS] },
  },
  'vivier-abandon-on-cancel',
);
/** The pool's activities; each call says what it does in the Temporal UI ("Vivier : …", codes only). */
export const vivier = new Proxy({} as ReturnType<typeof activites>, {
  get: (_target, name: string) => activites(`Vivier : ${name}`)[name as keyof ReturnType<typeof activites>],
});

/** Reserves, or refuses the current action with the pool's reason (e.g. "capacité atteinte : 2 dossiers sur 2"). */
export async function reserverOuRefuser(input: Parameters<VivierActivities['reserverIntervenant']>[0]): Promise<void> {
  try {
    await vivier.reserverIntervenant(input);
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type && REFUS.includes(cause.type)) refuse(cause.message);
    throw err;
  }
}
