// The state of an Appui Conseil dossier (seed 001), as the getDossier query returns it. Types only.
import type { Cabinet, DemandeAppuiConseil, DemandeDeplacement } from '../../domain/appui-conseil';
import type { Contact, Intervenant, StaffMember } from '../../domain/schemas';
import { ETAPES_FINALES_COMMUNES, type BaseState, type DossierInputCommun, type ReponseVisio, type TimelineEntry, type Visio } from '../shared/state';
import type { EtatVivier } from '../shared/designation';

export type { ReponseVisio, TimelineEntry, Visio };

/** The steps of seed 001, in order; the last five are terminal. */
export const ETAPES_APPUI = [
  'prise_de_contact', // UNML contacts the ML and clarifies the need
  'mobilisation', // UNML mobilises a cabinet (and optionally network members)
  'acte_engagement',
  'lancement', // visio de lancement (1 h)
  'diagnostic', // diagnostic flash by the cabinet -> rapport de diagnostic
  'cadrage', // fiche de cadrage (need, objectives)
  'plan_action', // plan d'action -> fiche de suivi intermédiaire
  'mise_en_oeuvre', // intervention days (15 to 20), travel, intermediate calls
  'bilan', // visios bilan, fiche bilan, deliverables
  'evaluation', // questionnaire to the ML and the intervenants
  ...ETAPES_FINALES_COMMUNES,
] as const;
export type EtapeAppui = (typeof ETAPES_APPUI)[number];
export const ETAPES_FINALES_APPUI: readonly EtapeAppui[] = ETAPES_FINALES_COMMUNES;

export type VisioBilanAppui = 'bilan_ml' | 'bilan_intervenant';
export const VISIOS_BILAN_APPUI: readonly VisioBilanAppui[] = ['bilan_ml', 'bilan_intervenant'];
export type VisioAppui = 'lancement' | VisioBilanAppui;
export const VISIOS_APPUI: readonly VisioAppui[] = ['lancement', ...VISIOS_BILAN_APPUI];

/** Who an invited participant is on the dossier: the ML, the cabinet (contact or consultant), a network member. */
export type RoleInviteAppui = 'ml' | 'cabinet' | 'intervenant';
export const ROLES_INVITES_APPUI: readonly RoleInviteAppui[] = ['ml', 'cabinet', 'intervenant'];

/** One invited person's answer to a visio invitation (several people per side, each answers for themself). */
export interface ReponseVisioAppui extends ReponseVisio {
  role: RoleInviteAppui;
  nom: string;
}

export interface Jalon {
  libelle: string;
  date: string;
  atteint?: { le: string; par?: string };
  /** Set once the owner has been reminded / UNML told it was missed. */
  rappelEnvoye?: boolean;
  manqueSignale?: boolean;
  /** Its date is past and it was not reached (kept current from the workflow's time; removed once reached). */
  manque?: boolean;
}

export interface ActionPlan {
  numero: number;
  intitule: string;
  responsable: Contact;
  jalons: Jalon[];
}

export interface JourneeIntervention {
  numero: number;
  intervenant: string;
  /** The network member's pool id when a member logged it (issue #14: the reporting's kind); absent for a consultant. */
  intervenantId?: string;
  date: string;
  demiJournees: 1 | 2;
  objet: string;
}

export interface Deplacement extends DemandeDeplacement {
  numero: number;
  statut: 'en_attente' | 'approuve' | 'refuse' | 'realise';
  demandeLe: string;
  decision?: { le: string; motif?: string; par?: string };
  realiseLe?: string;
}

export interface Appel {
  avec: 'ml' | 'intervenants';
  date: string;
  resume: string;
  par?: string;
}

export interface Livrable {
  numero: number;
  nom: string;
  /** Either a link or a stored file (kept outside the workflow; only its metadata is here). */
  url?: string;
  fichier?: { type: string; tailleOctets: number; sha256: string };
  ajouteLe: string;
  par?: string;
}

export interface AppuiConseilState extends BaseState<EtapeAppui> {
  dossierId: string;
  dispositif: 'appui_conseil';
  creeLe: string;
  demande: DemandeAppuiConseil;
  recevabilite?: { recevable: boolean; motifs: string[]; redirection?: 'compagnonnage' };
  interlocutrice?: StaffMember;
  besoin?: string;
  cabinet?: Cabinet;
  membresReseau: Intervenant[];
  /** Ids of the network members who accepted their mobilisation; one listed above but not here awaits their answer. */
  membresAcceptes: string[];
  /**
   * The network member's designation through the pool (role membre_reseau, issue #4): who declined, how the
   * member was chosen. Absent from dossiers started before it (hand designation) and until the first member.
   */
  vivier?: EtatVivier;
  acteEngagement?: { signataire: string; signeLe: string };
  visioLancement?: Visio;
  /** The suivi document (seed 001 §5): four parts, plus the cabinet's deliverables. */
  rapportDiagnostic?: { constats: string; conclusions: string; deposeLe: string; commentaires?: { commentaire: string; par?: string; le: string }[] };
  ficheCadrage?: { besoin: string; objectifs: string[] };
  ficheSuiviIntermediaire: { planAction: ActionPlan[]; journees: JourneeIntervention[]; deplacements: Deplacement[]; appels: Appel[] };
  /**
   * The days budget (seed 001: 15 to 20 days, extended by UNML only), in half-days and in days: the cap is the 20 days
   * plus the extensions; what is done; what remains. Kept current by every intervention day and extension.
   */
  budget: {
    demiJourneesRealisees: number;
    extensions: { demiJournees: number; motif: string; le: string; par?: string }[];
    alerte15Envoyee: boolean;
    minimumJours: number;
    maximumJours: number;
    extensionsDemiJournees: number;
    plafondDemiJournees: number;
    restantDemiJournees: number;
    realisesJours: number;
    plafondJours: number;
    restantJours: number;
  };
  cadenceAppelsJours?: number;
  visiosBilan: Partial<Record<VisioBilanAppui, Visio>>;
  /**
   * Each invited person's answer to each visio invitation, keyed by their email (lowercased); reset when the
   * visio is rescheduled. Absent from dossiers started before the answers existed, until the first one.
   */
  reponsesVisio?: Partial<Record<VisioAppui, Record<string, ReponseVisioAppui>>>;
  ficheBilan?: { objectifs: { objectif: string; atteint: boolean; commentaire?: string }[]; recommandations: string; pointsDeVigilance: string };
  livrables: Livrable[];
  evaluations: { repondant: 'ml' | 'intervenant'; nom: string; reponses: Record<string, string>; le: string }[];
  /** The evaluation questionnaires sent with the fiche bilan: when, and to whom (the ML and each intervenant). */
  questionnaires?: {
    envoyesLe: string;
    /** Until when answers are received (absent from dossiers whose fiche bilan came before it: sent + the delay). */
    reponsesAttenduesAvant?: string;
    destinataires: { repondant: 'ml' | 'intervenant'; nom: string; email: string }[];
  };
}

export interface DelaisAppui {
  acteRelance: number;
  acteCaducite: number;
  /** When set, the acte d'engagement deadline is this many working days instead of acteCaducite. */
  acteCaduciteJoursOuvres?: number;
  /** Reminder offsets before each visio, in ms (none when absent). */
  rappels?: number[];
  /** How long before a milestone its owner is reminded. */
  rappelJalonAvant: number;
  /** How long the evaluation questionnaires stay open before the dossier may close without their answers (15 days when absent). */
  questionnaireReponse?: number;
}

export interface AppuiConseilInput extends DossierInputCommun {
  demande: DemandeAppuiConseil;
  delais: DelaisAppui;
}
