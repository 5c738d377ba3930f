// The reporting read model (issue #14): what the figures and the exports read, one row per dossier and one per unit of
// work, written by the workflows through an activity and rebuilt from the histories (`npm run reporting:rebuild`).
// Identifiers and codes only (ML code, région, staff and intervenant ids): no name, email or free text of a demand,
// but the questionnaires' free-text answers, which the figures list per dispositif (seed 000's feedback).
import type { RegionCode } from './regions';
import type { Dispositif } from './schemas';
import type { TypeIntervenant } from './vivier';

/** The final steps every dispositif shares (workflows/shared/state.ts ETAPES_FINALES_COMMUNES). */
export const ISSUES_DOSSIER = ['cloture', 'non_recevable', 'declinee', 'caduque', 'abandonnee'] as const;
export type IssueDossier = (typeof ISSUES_DOSSIER)[number];

/** One dossier as the figures count it. Dates are ISO 8601 instants (UTC), absent until they happen. */
export interface LigneDossier {
  dossierId: string;
  dispositif: Dispositif;
  missionLocale: string;
  region: RegionCode;
  /** The current step (the workflow's code, e.g. "accompagnement", "cloture"). */
  etape: string;
  /** How it ended, once it did. */
  issue?: IssueDossier;
  /** The demand filed (the dossier's creation). */
  demandeLe: string;
  /** UNML took the demand on. */
  accepteLe?: string;
  /** Put on the waiting list (the first time). */
  listeAttenteLe?: string;
  /** The accompaniment or diagnostic started (launch visio held, or the first day on site for a Diagnostic). */
  lanceLe?: string;
  /** The work itself ended (last session, bilan…), before the closure. */
  finLe?: string;
  /** It ended (closed, declined, out of scope, lapsed, abandoned): the outcome's date. */
  termineLe?: string;
  /** The staff account in charge (an opaque id), if assigned. */
  interlocutrice?: string;
  /** The pool's intervenants on the dossier: ids and kinds, in designation order. */
  intervenants: { id: string; type: TypeIntervenant }[];
  /** The Diagnostic it follows from (DGN-…), and the dossiers a Diagnostic led to. */
  issuDe?: string;
  aConduitA?: string[];
}

/** Who did a unit of work, as seed 000 counts them: a cabinet's consultant, or a network member (ML director, expert). */
export type TypeContributeur = TypeIntervenant;

/** What a unit of work was. */
export const NATURES_TRAVAIL = {
  seance: 'Séance de compagnonnage',
  preparation: 'Préparation',
  journee_intervention: "Journée d'intervention",
  analyse_individuelle: 'Analyse individuelle',
  mise_en_commun: 'Mise en commun',
  journee_sur_site: 'Journée sur site',
  rapport: 'Rédaction des rapports',
} as const;
export type NatureTravail = keyof typeof NATURES_TRAVAIL;

/** One unit of work on a dossier: who (the pool's id, or none for a cabinet's consultant outside the pool), when, how long. */
export interface UniteTravail {
  /** Stable within the dossier (e.g. "seance-3", "journee-5"): the same work reported twice is one row. */
  cle: string;
  dossierId: string;
  intervenantId?: string;
  type: TypeContributeur;
  /** The day it was done (YYYY-MM-DD). */
  date: string;
  /** Its length: minutes (sessions, preparation) or half-days (intervention and diagnostic days), never both. */
  minutes?: number;
  demiJournees?: number;
  nature: NatureTravail;
}

/** One answer of an evaluation questionnaire. */
export interface ReponseQuestionnaire {
  dossierId: string;
  repondant: 'ml' | 'intervenant';
  question: string;
  reponse: string;
  le: string;
}

/**
 * What a workflow reports of its dossier, whole each time: the store keeps the one with the highest `sequence` (a
 * retried or replayed write of an older one changes nothing).
 */
export interface InstantaneReporting {
  sequence: number;
  dossier: LigneDossier;
  unites: UniteTravail[];
  reponses: ReponseQuestionnaire[];
}

/** The filters of the figures and exports, like the back office list's. Dates: YYYY-MM-DD, inclusive. */
export interface FiltreReporting {
  dispositif?: Dispositif;
  region?: RegionCode;
  missionLocale?: string;
  etape?: string;
  interlocutrice?: string;
  /** Dossiers whose demand was filed in the period. */
  demandeDu?: string;
  demandeAu?: string;
}

/** Units of work by the day they were done, and the dossier's filters. */
export interface FiltreUnites extends Omit<FiltreReporting, 'demandeDu' | 'demandeAu'> {
  du?: string;
  au?: string;
}
