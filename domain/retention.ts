// How long personal data is kept (issue #15, README "Données personnelles"): a closed, declined, out-of-scope, lapsed
// or abandoned dossier's personal data 24 months after it ended; a refused application to the pool 6 months after
// the decision. Both configurable (RETENTION_DOSSIERS_MOIS, RETENTION_CANDIDATURES_MOIS). Aggregate figures stay.

export const RETENTION_DOSSIERS_MOIS = 24;
export const RETENTION_CANDIDATURES_MOIS = 6;

/**
 * The instant `mois` calendar months before `iso` (UTC), the day clamped to the month's last (31 August - 6 months
 * is 28 or 29 February): what ended before it is purged.
 */
export function moisAvant(iso: string, mois: number): string {
  if (!Number.isInteger(mois) || mois < 0) throw new RangeError(`moisAvant: ${mois} months is not a whole number of months`);
  return decaler(iso, -mois);
}

/** The instant `mois` calendar months after `iso`, the same way (when an ended dossier's data is purged). */
export function moisApres(iso: string, mois: number): string {
  if (!Number.isInteger(mois) || mois < 0) throw new RangeError(`moisApres: ${mois} months is not a whole number of months`);
  return decaler(iso, mois);
}

function decaler(iso: string, mois: number): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new RangeError(`${JSON.stringify(iso)} is not a date`);
  const annee = d.getUTCFullYear();
  const m = d.getUTCMonth() + mois;
  const cible = new Date(Date.UTC(annee, m, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
  const dernierJour = new Date(Date.UTC(cible.getUTCFullYear(), cible.getUTCMonth() + 1, 0)).getUTCDate();
  cible.setUTCDate(Math.min(d.getUTCDate(), dernierJour));
  return cible.toISOString();
}

/** The limits of one purge run at `maintenant`: what ended (dossiers) or was refused (applications) before them goes. */
export function limitesPurge(
  maintenant: string,
  retention: { dossiersMois: number; candidaturesMois: number },
): { dossiersTerminesAvant: string; candidaturesRefuseesAvant: string } {
  return { dossiersTerminesAvant: moisAvant(maintenant, retention.dossiersMois), candidaturesRefuseesAvant: moisAvant(maintenant, retention.candidaturesMois) };
}

/** What one purge run removed: counts only, never the data (the workflow's result and its log line). */
export interface BilanPurge {
  /** Dossiers whose personal data went (files, Temporal history, free-text answers); their figures stay. */
  dossiers: number;
  /** Deliverable and document files deleted. */
  fichiers: number;
  /** Temporal executions deleted (closed ones the namespace retention had not removed yet). */
  historiques: number;
  /** Free-text questionnaire answers deleted (numeric ones stay for the figures). */
  reponsesLibres: number;
  /** Refused applications to the pool deleted, with their history lines. */
  candidatures: number;
  /** Emails deleted from the development SMTP sink (DATA_DIR/mail). */
  courriels: number;
}

export const BILAN_VIDE: BilanPurge = { dossiers: 0, fichiers: 0, historiques: 0, reponsesLibres: 0, candidatures: 0, courriels: 0 };

export function ajouterBilans(a: BilanPurge, b: Partial<BilanPurge>): BilanPurge {
  return {
    dossiers: a.dossiers + (b.dossiers ?? 0),
    fichiers: a.fichiers + (b.fichiers ?? 0),
    historiques: a.historiques + (b.historiques ?? 0),
    reponsesLibres: a.reponsesLibres + (b.reponsesLibres ?? 0),
    candidatures: a.candidatures + (b.candidatures ?? 0),
    courriels: a.courriels + (b.courriels ?? 0),
  };
}
