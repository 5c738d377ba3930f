// Waiting on people: a reminder after a delay, and the dossier lapses if the answer never comes.
import { condition, sleep } from '@temporalio/workflow';
import { addJoursOuvres } from '../../domain/calendar';

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
  /** What is awaited, for the timers' summaries in the Temporal UI ("Relance : …", "Caducité : …"). */
  quoi: string;
}): Promise<WaitOutcome> {
  const lapseAt = Date.now() + opts.lapseAfter;
  if (opts.remindAfter < opts.lapseAfter) {
    if (await condition(opts.done, opts.remindAfter, { summary: `Relance : ${opts.quoi}` })) return 'done';
    await opts.remind();
  }
  // Measured from the start, so the time the reminder took to send does not push the lapse back or forth.
  const remaining = Math.max(lapseAt - Date.now(), 1);
  return (await condition(opts.done, remaining, { summary: `Caducité : ${opts.quoi}` })) ? 'done' : 'lapsed';
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** A deadline after `at`: `joursOuvres` working days (Europe/Paris, French public holidays) when set, else `ms`. */
export function echeance(at: string, ms: number, joursOuvres?: number): string {
  return joursOuvres ? addJoursOuvres(at, joursOuvres) : addMs(at, ms);
}

/** Milliseconds from now until an ISO instant (0 when past). */
export function msUntil(iso: string): number {
  return Math.max(Date.parse(iso) - Date.now(), 0);
}

/**
 * A wake-up time for a follow-up loop. Asking again for the same time reuses the running timer, and a timer
 * is never cancelled when the loop wakes early for another reason: a loop that re-plans on every action
 * then adds no timer churn to the history (cancel + restart) for times that did not change.
 */
export class Alarm {
  private at?: number;
  private ringing?: Promise<void>;

  until(at: number, summary?: string): Promise<void> {
    if (this.at !== at || !this.ringing) {
      this.at = at;
      this.ringing = sleep(Math.max(at - Date.now(), 1), summary ? { summary } : undefined);
    }
    return this.ringing;
  }
}

/** Resolves when `wake()` holds or, if given, at `at` (ms since the epoch), whichever comes first. */
export async function wakeOn(wake: () => boolean, alarm: Alarm, at: number | undefined, summary?: string): Promise<void> {
  if (at === undefined) return condition(wake);
  await Promise.race([condition(wake), alarm.until(at, summary)]);
}
