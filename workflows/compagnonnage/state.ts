// The state of a Compagnonnage dossier, as the getDossier query returns it. Types only.
import type { DemandeCompagnonnage, Rythme } from '../../domain/compagnonnage';
import type { Intervenant, StaffMember } from '../../domain/schemas';
import type { EtatVivier } from '../shared/designation';
import { ETAPES_FINALES_COMMUNES, type BaseState, type DossierInputCommun, type ReponseVisio, type TimelineEntry, type Visio } from '../shared/state';

/** The steps of seed 003, in order; the last four are terminal. */
export const ETAPES = [
  'qualification', // UNML qualifies the demand (accept, decline, waiting list, incomplete)
  'complements_attendus', // sent back to the ML as incomplete
  'liste_attente', // accepted in principle, waiting for resources (seed 003: limited interventions)
  'designation_intervenant',
  'acceptation_intervenant', // the designated intervenant accepts (then the acte is sent) or declines (back to designation)
  'acte_engagement',
  'cadrage',
  'lancement',
  'accompagnement',
  'bilan',
  'post_bilan',
  ...ETAPES_FINALES_COMMUNES,
] as const;
export type Etape = (typeof ETAPES)[number];
export const ETAPES_FINALES: readonly Etape[] = ETAPES_FINALES_COMMUNES;

export type VisioBilanKind = 'bilan_ml' | 'bilan_intervenant' | 'bilan_collectif';
export const VISIOS_BILAN: readonly VisioBilanKind[] = ['bilan_ml', 'bilan_intervenant', 'bilan_collectif'];

export type VisioKey = 'lancement' | VisioBilanKind;
export const VISIOS: readonly VisioKey[] = ['lancement', ...VISIOS_BILAN];

export type { ReponseVisio, TimelineEntry, Visio };

export interface SessionPlanifiee {
  /** Its key in the agenda (and in its invitation's UID), e.g. "seance-2". */
  cle: string;
  debut: string;
  dureeMinutes: number;
}

/**
 * A logged session awaits the other side's confirmation (`en_attente`, counted provisionally so the package
 * cap holds); `confirmee` counts; `contestee` does not count until UNML settles it: `retenue` counts again,
 * `ecartee` never does.
 */
export type StatutSeance = 'en_attente' | 'confirmee' | 'contestee' | 'retenue' | 'ecartee';
export const STATUTS_SEANCE: readonly StatutSeance[] = ['en_attente', 'confirmee', 'contestee', 'retenue', 'ecartee'];
/** The statuses that count toward the hour package. */
export const STATUTS_DECOMPTES: readonly StatutSeance[] = ['en_attente', 'confirmee', 'retenue'];

export interface Seance {
  numero: number;
  date: string;
  dureeMinutes: number;
  resume: string;
  par?: string;
  /** Which side logged it; the other side confirms. */
  enregistreePar: 'ml' | 'intervenant';
  statut: StatutSeance;
  confirmation?: { confirme: boolean; commentaire?: string; par?: string; le: string };
  arbitrage?: { retenue: boolean; motif: string; par?: string; le: string };
}

/**
 * The intervenant's preparation time (issue #14), logged by them: reported as units of work of nature 'preparation',
 * not counted against the hour package (which counts the sessions).
 */
export interface Preparation {
  numero: number;
  /** The day it was done (YYYY-MM-DD) or an instant. */
  date: string;
  dureeMinutes: number;
  le: string;
  par?: string;
}

/** Who shares a document (seed 003: the two directions exchange tools and documents; UNML may share too). */
export type DeposantDocument = 'ml' | 'intervenant' | 'unml';

/** A tool or document one direction shares with the other (seed 003); the file is stored by the API, never in the workflow. */
export interface DocumentEchange {
  numero: number;
  titre: string;
  note?: string;
  fichier: { nom: string; type: string; tailleOctets: number; sha256: string };
  /** The side it is shared by. */
  deposePar: DeposantDocument;
  deposeLe: string;
  /** Who, by name, when said. */
  par?: string;
  /** The staff account that shared it (an opaque id), when signed in. */
  compte?: string;
}

/** From the acte d'engagement signed (seed 003: before the launch) until the dossier ends. */
export const ETAPES_DOCUMENTS: readonly Etape[] = ['cadrage', 'lancement', 'accompagnement', 'bilan', 'post_bilan'];

export interface CompagnonnageState extends BaseState<Etape> {
  dossierId: string;
  dispositif: 'compagnonnage';
  creeLe: string;
  demande: DemandeCompagnonnage;
  recevabilite?: { recevable: boolean; motifs: string[]; redirection?: 'appui_conseil' };
  interlocutrice?: StaffMember;
  listeAttente?: { priorite: number; motif?: string };
  /** Priority in the pool's waiting list (1 = highest), set at acceptance. */
  priorite?: number;
  /** Designation through the pool: proposals, waiting list, who declined, how the intervenant was chosen (issue #4). */
  vivier?: EtatVivier;
  complements?: { aCompleter: string; dateLimite: string };
  intervenant?: Intervenant;
  acteEngagement?: { signataire: string; signeLe: string };
  ficheCadrage?: { besoin: string; objectifs: string[]; rythme: Rythme };
  visioLancement?: Visio;
  ficheSuivi: { seances: Seance[]; prochaines: SessionPlanifiee[] };
  /**
   * consommeesMinutes: sessions confirmed, retained by UNML or awaiting confirmation (the package cap and the 80 %
   * warning use it); enAttenteMinutes: the part awaiting confirmation; contesteesMinutes: contested, not counted.
   */
  heures: {
    forfaitMinutes: number;
    consommeesMinutes: number;
    enAttenteMinutes: number;
    contesteesMinutes: number;
    alerte80Envoyee: boolean;
    extensions: { minutes: number; motif: string; le: string }[];
  };
  visiosBilan: Partial<Record<VisioBilanKind, Visio>>;
  /** Each participant's answer to each visio invitation (reset when the visio is rescheduled). */
  reponsesVisio: Partial<Record<VisioKey, Partial<Record<'ml' | 'intervenant', ReponseVisio>>>>;
  ficheBilan?: { objectifs: { objectif: string; atteint: boolean; commentaire?: string }[]; recommandations: string; pointsDeVigilance: string };
  evaluations: Partial<Record<'ml' | 'intervenant', { reponses: Record<string, string>; le: string }>>;
  /** The evaluation questionnaires sent with the fiche bilan, and until when closing waits for their answers. */
  questionnaires?: { envoyesLe: string; reponsesAttenduesAvant: string };
  postBilan?: { prevuLe: string; impact?: string; suites?: string; le?: string };
  /** The tools and documents the two directions exchange (absent until the first one). */
  documents?: DocumentEchange[];
  /** The intervenant's preparation time logged (issue #14; absent until the first one). */
  preparations?: Preparation[];
}

/** Delays in milliseconds, fixed at the start of a dossier (config, shortened by tests and demos). */
export interface Delais {
  complementsRelance: number;
  complementsCaducite: number;
  acteRelance: number;
  acteCaducite: number;
  /** When set, the complements deadline is this many working days (jours ouvrés) instead of complementsCaducite. */
  complementsCaduciteJoursOuvres?: number;
  /** When set, the acte d'engagement deadline is this many working days instead of acteCaducite. */
  acteCaduciteJoursOuvres?: number;
  /** Reminder offsets before each planned session and visio (e.g. J-1 and H-1), in ms. */
  rappels: number[];
  alerteAbsenceSeance: number;
  postBilan: number;
  /**
   * How long the evaluation questionnaires stay open (EVALUATION_ANSWER_DELAY): closing waits for their answers until
   * then. Absent from dossiers started before it: 15 days.
   */
  questionnaireReponse?: number;
}

/** The evaluation questionnaires' delay when a dossier's input has none (started before it was set). */
export const QUESTIONNAIRE_REPONSE_PAR_DEFAUT = 15 * 86_400_000;

export interface CompagnonnageInput extends DossierInputCommun {
  demande: DemandeCompagnonnage;
  delais: Delais;
}
