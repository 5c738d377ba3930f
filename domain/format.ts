// French formatting of what people read (emails, pages, the suivi document, refusals and the timeline) and the
// Europe/Paris zone they live in: dates, durations, numbers, euros, sizes. Pure and deterministic (Intl only, no
// Node built-ins, no clock), so workflows may use it (through domain/calendar and domain/rules). Every output here
// is shown as is: a change here changes texts people read, and the tests that compare them.

export const TIME_ZONE = 'Europe/Paris';

// --- Paris wall-clock time ------------------------------------------------------------------------------------

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

// --- Form fields: <input type="datetime-local"> in Paris wall-clock time ---------------------------------------

/** "2026-12-01T10:00" (Paris wall clock, from <input type="datetime-local">) → ISO with Paris's offset then. */
export function parisLocalToIso(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // The Paris offset at that instant (twice, to settle around DST changes).
  let offset = parisOffsetMinutes(new Date(asUtc));
  offset = parisOffsetMinutes(new Date(asUtc - offset * 60_000));
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${local.trim()}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function parisOffsetMinutes(at: Date): number {
  const parts = parisFormat.formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/** The Paris wall clock of an instant, for a datetime-local value. */
export function isoToParisLocal(at: Date): string {
  const parts = parisFormat.formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** A calendar date as YYYY-MM-DD (month 1–12). */
export const isoDay = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The Paris calendar day of an instant as YYYY-MM-DD (periods, unavailabilities). */
export function dateParis(iso: string): string {
  const t = parisTime(Date.parse(iso));
  return isoDay(t.year, t.month, t.day);
}

// --- Dates in French ------------------------------------------------------------------------------------------

const jourFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const heureFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateLongueFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: TIME_ZONE, dateStyle: 'long' });
/** A calendar date is a day, not an instant: read in UTC so that no zone moves it. */
const dateCivileFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

function parseDate(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The 1st of the month written "1er", as French does. */
function avecPremier(format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .map((p) => (p.type === 'day' && p.value === '1' ? '1er' : p.value))
    .join('');
}

/** "lundi 7 décembre 2026", "mardi 1er décembre 2026" (Europe/Paris); the raw string if it is not a date. */
export function dateFr(iso: string): string {
  const date = parseDate(iso);
  return date ? avecPremier(jourFormat, date) : iso;
}

/** "lundi 7 décembre 2026 à 14 h 30" (Europe/Paris); the raw string if it is not a date. */
export function dateHeureFr(iso: string): string {
  const date = parseDate(iso);
  if (!date) return iso;
  const parts = heureFormat.formatToParts(date);
  const hour = parts.find((p) => p.type === 'hour')?.value ?? '';
  const minute = parts.find((p) => p.type === 'minute')?.value ?? '';
  return `${dateFr(iso)} à ${hour} h ${minute}`;
}

/** The Paris calendar day of an instant, in French, as dateFr writes it: "lundi 7 décembre 2026", "mardi 1er décembre 2026". */
export function jourParis(iso: string): string {
  return dateFr(iso);
}

/** "7 décembre 2026", "1er décembre 2026" (Europe/Paris, no weekday); the raw string if it is not a date. */
export function dateLongueFr(iso: string): string {
  const date = parseDate(iso);
  return date ? avecPremier(dateLongueFormat, date) : iso;
}

/**
 * A calendar date in French, no weekday: "1er mars 2025". `date`: YYYY-MM-DD (or the date part of an ISO date-time),
 * or a day number (days since 1970-01-01); the raw value if unreadable.
 */
export function dateCivileFr(date: string | number): string {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null;
  const jour = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : new Date(typeof date === 'number' ? date * 86_400_000 : Number.NaN);
  return Number.isNaN(jour.getTime()) ? String(date) : avecPremier(dateCivileFormat, jour);
}

// The one French date-and-time style of the product, everywhere (emails, pages, refusals, the staff view): the
// names below are kept for their callers and write exactly dateHeureFr.

/** When an email was received (the dev mailbox), as dateHeureFr writes it. */
export const horodatageFr = (d: Date): string => dateHeureFr(d.toISOString());

/** A dossier's dates in the staff view, as dateHeureFr writes them. */
export const dateHeureCourteFr = (iso: string): string => dateHeureFr(iso);

/** A meeting or session on the link pages, as dateHeureFr writes it. */
export const dateHeureLongueFr = (iso: string): string => dateHeureFr(iso);

// --- Durations ------------------------------------------------------------------------------------------------

const heuresMinutes = (h: number, m: number): string => (m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`);

/** 60 → "1 h", 90 → "1 h 30", 45 → "45 min". */
export function dureeFr(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return h === 0 ? `${m} min` : heuresMinutes(h, m);
}

/**
 * An hour package and its use, with the one rule of dureeFr (under an hour in minutes): 1440 → "24 h", 90 → "1 h 30",
 * 45 → "45 min"; nothing used yet → "0 h".
 */
export function heuresFr(minutes: number): string {
  return minutes === 0 ? '0 h' : dureeFr(minutes);
}

/**
 * A configured delay in French, as texts say it: 90 days → "3 mois", 14 days → "2 semaines", 5 days → "5 jours",
 * 2 hours → "2 heures", 3 minutes → "3 minutes" (shortened demo settings read true too).
 */
export function delaiFr(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const pluriel = (n: number, mot: string) => `${n} ${mot}${n >= 2 && !mot.endsWith('s') ? 's' : ''}`;
  if (minutes < 60) return pluriel(Math.max(minutes, 1), 'minute');
  if (minutes % 1440 !== 0) return minutes % 60 === 0 ? pluriel(minutes / 60, 'heure') : pluriel(minutes, 'minute');
  const jours = minutes / 1440;
  if (jours % 30 === 0) return pluriel(jours / 30, 'mois');
  if (jours % 7 === 0) return pluriel(jours / 7, 'semaine');
  return pluriel(jours, 'jour');
}

// --- Numbers --------------------------------------------------------------------------------------------------

const nombreFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** At most one decimal, French separators: 8 → "8", 7.5 → "7,5", 6.67 → "6,7", 1500 → "1 500". */
export function nombreFr(n: number): string {
  return nombreFormat.format(n);
}

/** 1 → "1 jour", 0.5 → "0,5 jour", 1.5 → "1,5 jour", 2.5 → "2,5 jours" (plural from 2). */
export function joursFr(jours: number): string {
  return `${nombreFr(jours)} jour${jours >= 2 ? 's' : ''}`;
}

/** 1250 → "1 250,00 €" (French separators). */
export function eurosFr(montant: number): string {
  return euroFormat.format(montant);
}

/** 1048576 → "1 Mo", 102400 → "100 ko" (French units, binary multiples as body-parser counts them). */
export function tailleFr(octets: number): string {
  if (octets >= 1024 * 1024) return `${nombreFr(octets / (1024 * 1024))} Mo`;
  if (octets >= 1024) return `${nombreFr(octets / 1024)} ko`;
  return `${octets} octets`;
}
