// Activity proxies that, once a dossier is cancelled or abandoned, stop waiting for an activity in flight without
// asking the server to cancel it. Requesting the cancellation of an activity that has just completed is a race the
// time-skipping test server mishandles (ACTIVITY_UNKNOWN, then a stuck server), and the activities given here are
// short and idempotent: letting them finish loses nothing.
import { ActivityCancellationType, patched, proxyActivities, type ActivityInterfaceFor, type ActivityOptions } from '@temporalio/workflow';

/**
 * Runs whose history started before `patchId` keep the default cancellation (TRY_CANCEL): their histories may hold
 * the cancel requests it recorded. The choice is made at each call, so replays of either kind stay deterministic.
 * Each call may carry a summary (codes and roles only), shown by the Temporal UI on the activity.
 */
export function activitiesAbandoningOnCancel<A extends object>(options: ActivityOptions, patchId: string): (summary?: string) => ActivityInterfaceFor<A> {
  // Resolved at each call, inside the workflow (patched() needs its context): never call it at module load.
  return (summary) =>
    proxyActivities<A>({
      ...options,
      ...(summary ? { summary } : {}),
      ...(patched(patchId) ? { cancellationType: ActivityCancellationType.ABANDON } : {}),
    });
}
