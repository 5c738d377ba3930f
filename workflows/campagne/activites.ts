// The activities a campaign's workflows call besides emails: the dialogue de gestion's Schedule of each ML, and what a
// dialogue de gestion reads of its campaign when it starts (activities/campagne.ts implements them with the client).
import { proxyActivities } from '@temporalio/workflow';
import { activitiesAbandoningOnCancel } from '../shared/abandon-on-cancel';
import type { CampagneActivities } from '../../activities/campagne';

export type { CampagneActivities };

const OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
} as const;

/** In a cancellable scope: an activity in flight when the campaign ends is not waited for (abandon-on-cancel). */
export const activitesCampagne = activitiesAbandoningOnCancel<CampagneActivities>(OPTIONS, 'campagne-abandon-on-cancel');

/** Out of any cancellation (the clean-up after the campaign ended). */
export const activitesCampagneFin = proxyActivities<CampagneActivities>(OPTIONS);
