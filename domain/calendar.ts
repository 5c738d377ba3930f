// Calendar rules in Europe/Paris, pure and deterministic (used inside workflows: no Node built-ins).
// French public holidays come from @socialgouv/jours-feries (computed, Easter included), never a typed list.
import getJoursFeries from '@socialgouv/jours-feries';
import { fromParisTime, isoDay, parisTime } from './format';

// The Paris zone and its French dates live in domain/format.ts; re-exported for the workflows that import them from here.
export { dateParis, jourParis } from './format';

const holidaysByYear = new Map<number, Set<string>>();
/** The French public holidays (metropolitan list) of a year, as YYYY-MM-DD. */
export function joursFeries(year: number): Set<string> {
  let set = holidaysByYear.get(year);
  if (!set) {
    // The library builds local-midnight Dates: read them back with local getters, whatever the host's zone.
    set = new Set(Object.values(getJoursFeries(year)).map((d) => isoDay(d.getFullYear(), d.getMonth() + 1, d.getDate())));
    holidaysByYear.set(year, set);
  }
  return set;
}

/** True for a Monday–Friday that is not a French public holiday (y-m-d of the Paris calendar). */
export function estJourOuvre(year: number, month: number, day: number): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !joursFeries(year).has(isoDay(year, month, day));
}

/**
 * `n` working days (jours ouvrés: Monday to Friday, French public holidays excluded) after `iso`, at the same
 * Paris wall-clock time, as an ISO instant (daylight-saving changes in between are accounted for).
 */
export function addJoursOuvres(iso: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addJoursOuvres: a whole number of days ≥ 0 expected, got ${n}`);
  const ms = Date.parse(iso);
  const start = parisTime(ms);
  const day = new Date(Date.UTC(start.year, start.month - 1, start.day));
  for (let left = n; left > 0;) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (estJourOuvre(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate())) left--;
  }
  const millis = ((ms % 1000) + 1000) % 1000; // parisTime has whole seconds
  return new Date(fromParisTime({ ...start, year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }) + millis).toISOString();
}
