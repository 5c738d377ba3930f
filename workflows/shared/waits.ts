// Waiting on people: a reminder after a delay, and the dossier lapses if the answer never comes.
import { condition } from '@temporalio/workflow';

export type WaitOutcome = 'done' | 'lapsed';

/**
 * Waits until `done()` holds. After `remindAfter` ms without it, `remind()` runs once; after `lapseAfter` ms
 * in total, the wait ends as 'lapsed'. Used for the ML's complements and the acte d'engagement signature.
 */
export async function awaitWithReminder(opts: {
  done: () => boolean;
  remindAfter: number;
  lapseAfter: number;
  remind: () => Promise<void>;
}): Promise<WaitOutcome> {
  if (opts.remindAfter < opts.lapseAfter) {
    if (await condition(opts.done, opts.remindAfter)) return 'done';
    await opts.remind();
  }
  const remaining = Math.max(opts.lapseAfter - opts.remindAfter, 0);
  return (await condition(opts.done, opts.remindAfter < opts.lapseAfter ? remaining : opts.lapseAfter)) ? 'done' : 'lapsed';
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
