// What every dispositif's reporting mapper shares (issue #14, domain/reporting.ts): the dossier row's common part, a
// day from a date, a timeline entry's date, the questionnaires' answers. Pure functions of the state, no
// @temporalio API: the workflows (kit.ts, at each change) and `npm run reporting:rebuild` (from the getDossier query)
// map a dossier with the very same code, so both write the same rows.
import { dateParis } from '../../domain/format';
import { ISSUES_DOSSIER, type InstantaneReporting, type IssueDossier, type LigneDossier, type ReponseQuestionnaire } from '../../domain/reporting';
import type { Dispositif, MissionLocale } from '../../domain/schemas';
import type { TimelineEntry } from './state';

/** A dossier's snapshot as a mapper gives it: the sequence is the writer's (the kit's counter, or the rebuild's). */
export type InstantaneDossier = Omit<InstantaneReporting, 'sequence'>;

/** What every dossier's state has that the dossier row reads. */
export interface EtatReportable {
  dossierId: string;
  etape: string;
  creeLe: string;
  demande: { missionLocale: MissionLocale };
  issue?: { etape: string; motif: string; le: string };
  interlocutrice?: { id: string };
  timeline: TimelineEntry[];
  issuDe?: string;
}

/** The day (YYYY-MM-DD, Paris) of a date given as a day or an instant. */
export function jour(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : dateParis(date);
}

/** When the first timeline entry named `evenement` (or starting with it, `prefixe`) happened, if any. */
export function entree(timeline: readonly TimelineEntry[], evenement: string, prefixe = false): string | undefined {
  return timeline.find((e) => (prefixe ? e.evenement.startsWith(evenement) : e.evenement === evenement))?.at;
}

/** The dossier row's fields every dispositif fills the same way: ids and codes only, never a name. */
export function ligneCommune(
  s: EtatReportable,
  dispositif: Dispositif,
  dates: Pick<LigneDossier, 'accepteLe' | 'listeAttenteLe' | 'lanceLe' | 'finLe'>,
  intervenants: LigneDossier['intervenants'],
  aConduitA?: string,
): LigneDossier {
  const issue = (ISSUES_DOSSIER as readonly string[]).includes(s.etape) ? (s.etape as IssueDossier) : undefined;
  return {
    dossierId: s.dossierId,
    dispositif,
    missionLocale: s.demande.missionLocale.code,
    region: s.demande.missionLocale.region,
    etape: s.etape,
    ...(issue ? { issue } : {}),
    demandeLe: s.creeLe,
    ...(dates.accepteLe ? { accepteLe: dates.accepteLe } : {}),
    ...(dates.listeAttenteLe ? { listeAttenteLe: dates.listeAttenteLe } : {}),
    ...(dates.lanceLe ? { lanceLe: dates.lanceLe } : {}),
    ...(dates.finLe ? { finLe: dates.finLe } : {}),
    // The outcome's date (state.issue, set by DossierBase.end for every final step).
    ...(issue && s.issue?.le ? { termineLe: s.issue.le } : {}),
    ...(s.interlocutrice?.id ? { interlocutrice: s.interlocutrice.id } : {}),
    intervenants,
    ...(s.issuDe ? { issuDe: s.issuDe } : {}),
    ...(aConduitA ? { aConduitA: [aConduitA] } : {}),
  };
}

/** The answers of the questionnaires, one row per question, in the order they were given (no respondent's name). */
export function reponsesDe(
  dossierId: string,
  evaluations: readonly { repondant: 'ml' | 'intervenant'; reponses: Record<string, string>; le: string }[],
): ReponseQuestionnaire[] {
  return evaluations.flatMap((e) =>
    Object.entries(e.reponses).map(([question, reponse]) => ({ dossierId, repondant: e.repondant, question, reponse, le: e.le })),
  );
}

/** Intervenants once each (by id), in order. */
export function uniques(intervenants: LigneDossier['intervenants']): LigneDossier['intervenants'] {
  return intervenants.filter((x, k) => intervenants.findIndex((y) => y.id === x.id) === k);
}
