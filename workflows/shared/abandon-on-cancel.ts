// Activity proxies that, once a dossier is cancelled or abandoned, stop waiting for an activity in flight without
// asking the server to cancel it. Requesting the cancellation of an activity that has just completed is a race the
// time-skipping test server mishandles (ACTIVITY_UNKNOWN, then a stuck server), and the activities given here are
// short and idempotent: letting them finish loses nothing.
import { ActivityCancellationType, patched, proxyActivities, type ActivityInterfaceFor, type ActivityOptions } from '@temporalio/workflow';

/**
 * Runs whose history started before `patchId` keep the default cancellation (TRY_CANCEL): their histories may hold
 * the cancel requests it recorded. The choice is made at each call, so replays of either kind stay deterministic.
 */
export function proxyActivitiesAbandoningOnCancel<A extends object>(options: ActivityOptions, patchId: string): ActivityInterfaceFor<A> {
  const tryCancel = proxyActivities<A>(options);
  const abandon = proxyActivities<A>({ ...options, cancellationType: ActivityCancellationType.ABANDON });
  // Resolved at each call, inside the workflow (patched() needs its context): never destructure the result at load.
  return new Proxy({} as ActivityInterfaceFor<A>, {
    get: (_target, name) => (patched(patchId) ? abandon : tryCancel)[name as keyof ActivityInterfaceFor<A>],
  });
}
