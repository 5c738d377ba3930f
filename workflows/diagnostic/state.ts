// The state of a Diagnostic dossier (seed 000), as the getDossier query returns it. Types only.
import type { AccompagnementPropose, DemandeDiagnostic, RoleDiagnostic } from '../../domain/diagnostic';
import type { PropositionBinome } from '../../domain/matching';
import type { Intervenant, StaffMember } from '../../domain/schemas';
import { ETAPES_FINALES_COMMUNES, type BaseState, type DossierInputCommun, type ReponseVisio } from '../shared/state';
import type { ChoixIntervenant, EtatVivier } from '../shared/designation';

/** The steps of seed 000, in order; the last five are terminal. */
export const ETAPES_DIAGNOSTIC = [
  'qualification', // UNML accepts (naming the interlocutrice) or declines
  'designation_binome', // the pool proposes binômes; UNML designates each diagnostiqueur, who accepts or declines
  'analyses_individuelles', // each diagnostiqueur analyses the dossier alone
  'mise_en_commun', // they pool their analyses (a meeting, up to 3 h)
  'programme_rencontres', // whom to meet in the ML, agreed with the direction
  'journee_sur_site', // one day on site
  'debriefing', // consultant + UNML: first leads
  'rapports_individuels', // each fills the standardised report alone
  'rapport_croise', // they cross and reconcile their analyses
  'retour_ml', // the ML has its say; the report may be amended
  'revue_finale', // with UNML, with or without a proposed accompaniment
  ...ETAPES_FINALES_COMMUNES,
] as const;
export type EtapeDiagnostic = (typeof ETAPES_DIAGNOSTIC)[number];
export const ETAPES_FINALES_DIAGNOSTIC: readonly EtapeDiagnostic[] = ETAPES_FINALES_COMMUNES;

/** The scheduled events of a diagnostic (their agenda keys). */
export const EVENEMENTS_DIAGNOSTIC = ['mise_en_commun', 'journee_sur_site', 'revue_finale'] as const;
export type EvenementDiagnostic = (typeof EVENEMENTS_DIAGNOSTIC)[number];

export interface Diagnostiqueur {
  intervenant: Intervenant;
  /** How they were chosen: the pool's proposal or a manual override (with its reason). */
  choix: ChoixIntervenant;
  designeLe: string;
  accepteLe?: string;
}

/** An invited person's answer to a meeting's invitation (keyed by their email in the state). */
export interface ReponseRendezvous extends ReponseVisio {
  nom: string;
}

export interface Rendezvous {
  debut: string;
  dureeMinutes: number;
  lien?: string;
  tenu?: boolean;
  compteRendu?: string;
}

/** The standardised report each diagnostiqueur fills alone (seed 000: a "rapport normé"). */
export interface RapportIndividuel {
  forces: string;
  faiblesses: string;
  preconisations: string[];
  le: string;
  par?: string;
}

/** A question of the binôme to the ML, and its answer once given. */
export interface Precision {
  numero: number;
  question: string;
  le: string;
  par?: string;
  reponse?: { texte: string; le: string; par?: string };
}

/** What a diagnostiqueur's logged day was spent on (issue #14; domain/reporting.ts NATURES_TRAVAIL). */
export const NATURES_JOURNEE_DIAGNOSTIC = ['analyse_individuelle', 'mise_en_commun', 'journee_sur_site', 'rapport'] as const;
export type NatureJourneeDiagnostic = (typeof NATURES_JOURNEE_DIAGNOSTIC)[number];

/** A (half-)day a diagnostiqueur logged (issue #14): the time spent on the diagnostic, for the network's figures. */
export interface JourneeDiagnostiqueur {
  numero: number;
  role: RoleDiagnostic;
  intervenantId: string;
  nature: NatureJourneeDiagnostic;
  /** The day it was done (YYYY-MM-DD) or an instant. */
  date: string;
  demiJournees: 1 | 2;
  le: string;
  par?: string;
}

export interface DiagnosticState extends BaseState<EtapeDiagnostic> {
  dossierId: string;
  dispositif: 'diagnostic';
  creeLe: string;
  demande: DemandeDiagnostic;
  recevabilite?: { recevable: boolean; motifs: string[] };
  interlocutrice?: StaffMember;
  /** Priority in the pool's waiting list (1 = highest), set at acceptance. */
  priorite?: number;
  /** Designation through the pool, per role: proposals, waiting list, who declined, how each was chosen (issue #4). */
  vivier: Record<RoleDiagnostic, EtatVivier>;
  /** The best binômes the pool proposed, with their reasons (the last proposal). */
  binomesProposes: PropositionBinome[];
  /** The designated diagnostiqueurs, per role (accepted once accepteLe is set). */
  binome: Partial<Record<RoleDiagnostic, Diagnostiqueur>>;
  analyses: Partial<Record<RoleDiagnostic, { synthese: string; le: string; par?: string }>>;
  miseEnCommun?: Rendezvous;
  programme?: { rencontres: string[]; proposeLe: string; validation?: { accepte: boolean; commentaire?: string; le: string; par?: string } };
  journeeSurSite?: Rendezvous;
  debriefing?: { pistes: string[]; le: string; par?: string };
  rapports: Partial<Record<RoleDiagnostic, RapportIndividuel>>;
  /** Details the binôme asked the ML for while writing the reports (seed 000), with the ML's answers. */
  precisions: Precision[];
  rapportCroise?: {
    constats: string;
    preconisations: string[];
    divergences?: string;
    version: number;
    le: string;
    modifications: { motif: string; le: string; par?: string }[];
  };
  retoursMl: { commentaire: string; le: string; par?: string; version: number }[];
  revueFinale?: Rendezvous;
  /** Answers to each meeting's invitation, per invited person's email (a reschedule asks again). */
  reponsesRendezvous?: Partial<Record<EvenementDiagnostic, Record<string, ReponseRendezvous>>>;
  conclusion?: { conclusions: string; accompagnement?: AccompagnementPropose; motif?: string; le: string };
  /**
   * The accompaniment the final review proposed, put to the ML's direction through its personal link (issue #14): its
   * answer, and, accepted, why the demand it made was not receivable (`nonRecevable`) when it was not.
   */
  suite?: {
    dispositif: AccompagnementPropose;
    proposeeLe: string;
    /** Until when the direction may answer; past it, the proposal lapses (`expireeLe`). */
    jusquAu: string;
    reponse?: { accepte: boolean; motif?: string; le: string; par?: string };
    nonRecevable?: string[];
    expireeLe?: string;
  };
  /** The dossier the accepted proposal started (CMP-… or APC-…), issued from this diagnostic. */
  aConduitA?: string;
  /** The evaluation questionnaires sent at the closure (issue #14): until when they are answered, and the answers. */
  evaluationDateLimite?: string;
  evaluations?: { repondant: 'ml' | 'intervenant'; nom: string; reponses: Record<string, string>; le: string }[];
  /** The days each diagnostiqueur logged (issue #14; absent until the first one). */
  journees?: JourneeDiagnostiqueur[];
}

export interface DelaisDiagnostic {
  /** Reminder offsets before each scheduled event (e.g. J-1), in ms. */
  rappels: number[];
  /** How long the direction may answer the proposed accompaniment, in ms (SUITE_DELAI_DEFAUT_MS when absent). */
  reponseSuite?: number;
}

/** The evaluation questionnaires stay open 15 days after the closure, as Appui Conseil's. */
export const EVALUATION_DELAI_MS = 15 * 24 * 3600 * 1000;

/** The direction answers the proposed accompaniment within 60 days (dossiers whose input does not say). */
export const SUITE_DELAI_DEFAUT_MS = 60 * 24 * 3600 * 1000;

export interface DiagnosticInput extends DossierInputCommun {
  demande: DemandeDiagnostic;
  delais: DelaisDiagnostic;
}
