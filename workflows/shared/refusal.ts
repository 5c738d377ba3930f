import { ApplicationFailure } from '@temporalio/workflow';
import { TypeEchec } from '../../domain/erreurs';

/** The failure type of a staff or participant action refused in the current step (API: 409). */
export const ACTION_REFUSEE = TypeEchec.ActionRefusee;

/** Refuses an action with a reason the person can act on (thrown from an Update validator). */
export function refuse(reason: string): never {
  throw ApplicationFailure.create({ type: ACTION_REFUSEE, message: reason, nonRetryable: true });
}
