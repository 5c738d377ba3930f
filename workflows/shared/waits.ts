// Waiting on people: a reminder after a delay, and the dossier lapses if the answer never comes.
import { condition, sleep } from '@temporalio/workflow';
import { addJoursOuvres } from '../../domain/calendar';

export type WaitOutcome = 'done' | 'lapsed';

/** A wait's reminder, as staff may send it again. */
export interface RelanceAttente {
  remind: () => Promise<void>;
  done: () => boolean;
  quoi: string;
}

/**
 * The reminder of the wait in progress, while a wait that has one runs: staff may send it again (the kit's `relancer`
 * Update). Only workflow state: registering or clearing it adds no command to the history.
 */
export class RelanceEnCours {
  private attente?: RelanceAttente;

  /** The reminder to send again now, if the dossier waits for something that has one. */
  actuelle(): RelanceAttente | undefined {
    return this.attente && !this.attente.done() ? this.attente : undefined;
  }

  debut(attente: RelanceAttente): void {
    this.attente = attente;
  }

  fin(attente: RelanceAttente): void {
    if (this.attente === attente) this.attente = undefined;
  }
}

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
  /** Where the reminder is registered while the wait runs, so that staff may send it again (none: it cannot be). */
  relance?: RelanceEnCours;
}): Promise<WaitOutcome> {
  // Registered and cleared in this same function (no extra await): the wait's commands and their timing are unchanged.
  opts.relance?.debut(opts);
  try {
    const lapseAt = Date.now() + opts.lapseAfter;
    if (opts.remindAfter < opts.lapseAfter) {
      if (await condition(opts.done, opts.remindAfter, { summary: `Relance : ${opts.quoi}` })) return 'done';
      await opts.remind();
    }
    // Measured from the start, so the time the reminder took to send does not push the lapse back or forth.
    const remaining = Math.max(lapseAt - Date.now(), 1);
    return (await condition(opts.done, remaining, { summary: `Caducité : ${opts.quoi}` })) ? 'done' : 'lapsed';
  } finally {
    opts.relance?.fin(opts);
  }
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
