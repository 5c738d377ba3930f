// Time and order (issue #17 §1): nothing recorded before it could have happened. Pure rules, shared by every
// dossier: a meeting is held only once started, an entry is dated within the dossier's life, one person is not
// in two of the dossier's meetings at once. Each returns the refusal (French, with what to do) or undefined.
import { dateCivileFr, dateHeureFr, dateParis, dureeFr } from './format';

/** "La visio de lancement" is held from its start: recording it earlier is refused. */
export function refusAvantDebut(quoi: string, debut: string, now: string): string | undefined {
  if (Date.parse(now) >= Date.parse(debut)) return undefined;
  return `${quoi} commence le ${dateHeureFr(debut)} : enregistrez-la comme tenue à partir de cette heure, ou déplacez-la si elle a eu lieu plus tôt.`;
}

/** A meeting has taken place once its end is past (its start plus its duration). */
export function aEuLieu(e: { debut: string; dureeMinutes: number }, now: string): boolean {
  return Date.parse(e.debut) + e.dureeMinutes * 60_000 <= Date.parse(now);
}

/** A step that follows meetings waits for them to have taken place: the refusal names the first one still to come. */
export function refusReunionsAVenir(action: string, reunions: { quoi: string; debut: string; dureeMinutes: number }[], now: string): string | undefined {
  const aVenir = reunions.filter((r) => !aEuLieu(r, now)).sort((a, b) => Date.parse(a.debut) - Date.parse(b.debut));
  if (aVenir.length === 0) return undefined;
  const liste = aVenir.map((r) => `${r.quoi} (${dateHeureFr(r.debut)}, ${dureeFr(r.dureeMinutes)})`).join(', ');
  return `${action} n'est possible qu'une fois les réunions prévues tenues ; encore à venir : ${liste}.`;
}

/**
 * What was done (a session, an intervention day, a trip, a call) is dated between the dossier's creation and now.
 * `date`: a day (YYYY-MM-DD, compared as Paris days) or an instant (ISO date-time).
 */
export function refusDateHorsDossier(quoi: string, date: string, creeLe: string, now: string): string | undefined {
  const jour = /^\d{4}-\d{2}-\d{2}$/.test(date);
  const t = jour ? date : Date.parse(date);
  // Forms give minutes: the creation's own minute counts as within the dossier.
  const debut = jour ? dateParis(creeLe) : Math.floor(Date.parse(creeLe) / 60_000) * 60_000;
  const fin = jour ? dateParis(now) : Date.parse(now);
  const ecrit = jour ? dateCivileFr(date) : dateHeureFr(date);
  if (t < debut) {
    const cree = jour ? dateCivileFr(dateParis(creeLe)) : dateHeureFr(creeLe);
    return `${quoi} : la date du ${ecrit} précède la création du dossier (le ${cree}) ; indiquez la date réelle.`;
  }
  if (t > fin) return `${quoi} : la date du ${ecrit} est dans le futur ; n'enregistrez que ce qui a eu lieu.`;
  return undefined;
}

export interface Creneau {
  /** The meeting's key in the dossier's agenda ("lancement", "seance-3"…). */
  cle: string;
  titre: string;
  debut: string;
  dureeMinutes: number;
  /** The invited people's emails. */
  participants: string[];
}

/** The meetings of `existants` that overlap `nouveau` for at least one of its participants (its own key excepted). */
export function chevauchements(existants: Creneau[], nouveau: Creneau): Creneau[] {
  const debut = Date.parse(nouveau.debut);
  const fin = debut + nouveau.dureeMinutes * 60_000;
  const qui = new Set(nouveau.participants.map((p) => p.toLowerCase()));
  return existants.filter((e) => {
    if (e.cle === nouveau.cle) return false;
    const d = Date.parse(e.debut);
    const f = d + e.dureeMinutes * 60_000;
    return d < fin && debut < f && e.participants.some((p) => qui.has(p.toLowerCase()));
  });
}

/** Refuses a slot that overlaps another meeting of the dossier for the same person, naming it. */
export function refusChevauchement(nouveau: Creneau, existants: Creneau[]): string | undefined {
  const conflit = chevauchements(existants, nouveau)[0];
  if (!conflit) return undefined;
  return (
    `Ce créneau (${dateHeureFr(nouveau.debut)}, ${dureeFr(nouveau.dureeMinutes)}) chevauche « ${conflit.titre} » ` +
    `du ${dateHeureFr(conflit.debut)} (${dureeFr(conflit.dureeMinutes)}), qui réunit les mêmes personnes : choisissez un autre créneau.`
  );
}

/** Lists in the suivi document are in date order (a stable sort: entries of one day keep their order). */
export function parDate<T>(items: readonly T[], date: (t: T) => string): T[] {
  const cle = (t: T) => {
    const d = date(t);
    return /^\d{4}-\d{2}-\d{2}$/.test(d) ? Date.parse(`${d}T00:00:00Z`) : Date.parse(d);
  };
  return [...items].sort((a, b) => cle(a) - cle(b));
}
