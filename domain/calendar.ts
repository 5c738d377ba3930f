// Calendar rules in Europe/Paris, pure and deterministic (used inside workflows: no Node built-ins).
// French public holidays come from @socialgouv/jours-feries (computed, Easter included), never a typed list.
import getJoursFeries from '@socialgouv/jours-feries';

export const TIME_ZONE = 'Europe/Paris';

const parisFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A wall-clock time in Paris. Month is 1–12. */
export interface ParisTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The Paris wall-clock time of an instant (ms since the epoch). */
export function parisTime(ms: number): ParisTime {
  const parts = Object.fromEntries(parisFormat.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: +parts.year!, month: +parts.month!, day: +parts.day!, hour: +parts.hour! % 24, minute: +parts.minute!, second: +parts.second! };
}

/** The instant of a Paris wall-clock time (the later one in the autumn repeated hour, shifted forward in the spring gap). */
export function fromParisTime(t: ParisTime): number {
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  const offsetAt = (ms: number) => {
    const p = parisTime(ms);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
  };
  const first = asUtc - offsetAt(asUtc);
  const second = asUtc - offsetAt(first);
  return second;
}

const jourFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

/** The Paris calendar day of an instant, in French: "lundi 7 décembre 2026" (for messages shown to people). */
export function jourParis(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : jourFormat.format(new Date(ms));
}

const isoDay = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The Paris calendar day of an instant as YYYY-MM-DD (periods, unavailabilities). */
export function dateParis(iso: string): string {
  const t = parisTime(Date.parse(iso));
  return isoDay(t.year, t.month, t.day);
}

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
  for (let left = n; left > 0; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (estJourOuvre(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate())) left--;
  }
  const millis = ((ms % 1000) + 1000) % 1000; // parisTime has whole seconds
  return new Date(fromParisTime({ ...start, year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate() }) + millis).toISOString();
}
