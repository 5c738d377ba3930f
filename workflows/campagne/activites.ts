// The activities a campaign's workflows call besides emails: the dialogue de gestion's Schedule of each ML, and what a
// dialogue de gestion reads of its campaign when it starts (activities/campagne.ts implements them with the client).
import { proxyActivities } from '@temporalio/workflow';
import { activitiesAbandoningOnCancel } from '../shared/abandon-on-cancel';
import type { ContexteDialogue } from './state';

export interface CampagneActivities {
  /** Creates, or updates and unpauses, the ML's Schedule: a dialogue de gestion every `intervalleMs` from `premier` until `fin` (ISO). */
  planifierDialoguesGestion(i: { campagneId: string; ml: string; premier: string; fin: string; intervalleMs: number }): Promise<void>;
  /** Pauses it (the projet de structure expired without a new one). */
  suspendreDialoguesGestion(i: { campagneId: string; ml: string; motif: string }): Promise<void>;
  /** Deletes it (the campaign ended, the ML left); none: nothing. */
  supprimerDialoguesGestion(i: { campagneId: string; ml: string }): Promise<void>;
  contexteDialogue(i: { campagneId: string; ml: string; annee: number }): Promise<ContexteDialogue>;
}

const OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} as const;

/** In a cancellable scope: an activity in flight when the campaign ends is not waited for (abandon-on-cancel). */
export const activitesCampagne = activitiesAbandoningOnCancel<CampagneActivities>(OPTIONS, 'campagne-abandon-on-cancel');

/** Out of any cancellation (the clean-up after the campaign ended). */
export const activitesCampagneFin = proxyActivities<CampagneActivities>(OPTIONS);
