// A regional campaign (seed 004's démarche de progrès; seed 002's survey): the parent workflow's input and state, one
// child per Mission Locale (its état des lieux, then its projet de structure and its dialogues de gestion), and the
// yearly dialogue de gestion a Temporal Schedule starts. Identifiers and codes in ids and search attributes only.
import type { Recipient } from '../../activities/email/kinds';
import type { EtatDesLieuxMl, Financeur, Periode, Phase, QuestionEnquete, ReponsesEnquete, StatutEtatDesLieux, Territoire } from '../../domain/campagne';
import type { RegleFinancement, ValeursMl } from '../../domain/financement';
import type { RegionCode } from '../../domain/regions';
import type { Agenda } from '../shared/agenda';
import type { CourrielEnvoye, TimelineEntry } from '../shared/state';

export type { EtatDesLieuxMl, Phase, StatutEtatDesLieux };

/** A campaign's reference: CAM- and 10 uppercase hex chars. Its MLs' children: `<campagneId>-<code ML>`. */
export const CAMPAGNE_ID_PATTERN = /^CAM-[0-9A-F]{10}$/;
export const idMlCampagne = (campagneId: string, ml: string): string => `${campagneId}-${ml}`;
/** The dialogue de gestion's Schedule of one ML (its runs: `<id ML>-DG-<time>`, the Schedule's own suffix). */
export const idPlanificationDialogue = (campagneId: string, ml: string): string => `${idMlCampagne(campagneId, ml)}-dialogue-gestion`;
/** A dialogue de gestion started by hand (or by a test) for one year. */
export const idDialogue = (campagneId: string, ml: string, annee: number): string => `${idMlCampagne(campagneId, ml)}-DG-${annee}`;

/** A Mission Locale taking part: its code and name (reference data), its director and president (a deputy in large structures). */
export interface MlParticipante {
  code: string;
  nom: string;
  direction: Recipient;
  presidence: Recipient;
  adjoint?: Recipient;
}

/** The neutral consultant, a cabinet consultant of the pool. */
export interface ConsultantCampagne extends Recipient {
  id: string;
  cabinet?: string;
}

export interface DelaisCampagne {
  /** An état des lieux sent to its director without an answer: the director is reminded after this (ms). */
  relanceValidation: number;
  /** Still no answer this long after it was sent: the consultant and UNML are told (ms). */
  escaladeValidation: number;
  /** A projet de structure is flagged this long before it expires (seed 004: 3 months). */
  alerteExpirationProjet: number;
  /** How often the dialogue de gestion comes back (a year; shortened by configuration for the dev server's tests). */
  intervalleDialogue: number;
  /** A dialogue de gestion prepared but not recorded: UNML is reminded after this (ms). */
  relanceDialogue: number;
  /** Reminders before each meeting (ms before its start). */
  rappels?: number[];
}

export const TYPES_REUNION = ['groupe_de_travail', 'presentation_presidents', 'presentation_directeurs', 'restitution'] as const;
export type TypeReunion = (typeof TYPES_REUNION)[number];

/** A meeting of the campaign: invitations (iCalendar) to its people, then who attended. */
export interface ReunionCampagne {
  type: TypeReunion;
  /** A restitution is held per territory (its name). */
  territoire?: string;
  titre: string;
  debut: string;
  dureeMinutes: number;
  lieu?: string;
  lien?: string;
  invites: Recipient[];
  tenue?: { le: string; presents: string[]; compteRendu?: string };
  annulee?: boolean;
}

export interface FichierRef {
  type: string;
  tailleOctets: number;
  sha256: string;
}

export interface EntretienContextuel {
  date: string;
  /** Who was met (a funder, the ARML, a president…): names and roles as said. */
  avec: string;
  par?: string;
  notes?: string;
}

export interface MlDansCampagne extends MlParticipante {
  territoire: string;
  retrait?: { motif: string; le: string };
}

export type PhaseCampagne = Phase | 'suivi' | 'cloturee' | 'annulee';

export interface CampagneInput {
  campagneId: string;
  /** "Démarche de progrès des Missions Locales d’Alsace 2027". */
  nom: string;
  region: RegionCode;
  mls: MlParticipante[];
  territoires: Territoire[];
  financeurs: Financeur[];
  consultant: ConsultantCampagne;
  calendrier: Record<Phase, Periode>;
  /** UNML's staff leading the campaign (told of every blocking point and escalation). */
  contactUnml: Recipient;
  financement: RegleFinancement;
  /** Seed 002's survey of the directors (e.g. on pooling), answered from personal links. */
  enquete?: { questions: QuestionEnquete[] };
  delais: DelaisCampagne;
}

export interface CampagneState {
  campagneId: string;
  nom: string;
  region: RegionCode;
  phase: PhaseCampagne;
  mls: MlDansCampagne[];
  territoires: Territoire[];
  financeurs: Financeur[];
  consultant: ConsultantCampagne;
  calendrier: Record<Phase, Periode>;
  contactUnml: Recipient;
  entretiensContextuels: EntretienContextuel[];
  /** Meetings by key: groupe_de_travail-1, presentation_presidents, presentation_directeurs, restitution-<n>. */
  reunions: Record<string, ReunionCampagne>;
  /** The support presenting the démarche and its commitments, which each ML acknowledges. */
  support?: { nom: string; url?: string; fichier?: FichierRef; diffuseLe: string; accuses: { ml: string; le: string; par?: string }[] };
  /** Each ML's état des lieux as its child last said (phase 2 on). */
  etatsDesLieux: EtatDesLieuxMl[];
  /** UNML closed phase 2 with some états des lieux missing (named). */
  clotureEtatDesLieux?: { le: string; motif: string; manquantes: string[] };
  analyse?: { bonnesPratiques: string[]; difficultesStructurelles: string[]; obstaclesExternes: string[]; preconisations: string[]; le: string };
  enquete?: { questions: QuestionEnquete[]; lanceeLe?: string; reponses: { ml: string; reponses: ReponsesEnquete; le: string }[] };
  financement: RegleFinancement;
  /** Axes 1–2 values per funding year (the activity of year n-1), by API or CSV. */
  indicateurs: { annee: number; mls: ValeursMl[]; le: string }[];
  /** Axe 3 as settled in each dialogue de gestion, with its argued reason (seed 004). */
  axe3: { annee: number; ml: string; valeurs: Record<string, number>; motif: string; le: string }[];
  issue?: { motif: string; le: string };
  prochaineEcheance?: { quoi: string; le: string };
  agenda: Agenda;
  timeline: TimelineEntry[];
  courriels?: CourrielEnvoye[];
}

export const CATEGORIES_DOCUMENT = ['projet', 'bilan_activite', 'diagnostic_territorial', 'evaluation', 'autre'] as const;
export type CategorieDocument = (typeof CATEGORIES_DOCUMENT)[number];

/** A document the ML provides for the documentary study: a file (stored like deliverables) or a link. */
export interface DocumentEtude {
  numero: number;
  categorie: CategorieDocument;
  nom: string;
  url?: string;
  fichier?: FichierRef;
  deposeLe: string;
  par?: string;
}

export interface ProjetDeStructure {
  /** The needs of the young people of the territory. */
  besoinsJeunes: string;
  /** The offre de service and its means. */
  offreDeService: string;
  moyens: string;
  planAction: { action: string; echeance?: string }[];
  besoinsNonCouverts: string;
  /** Its validity (YYYY-MM-DD): 3 years. */
  valideDu: string;
  valideAu: string;
  enregistreLe: string;
  /** Flagged (3 months before it expires) on this date. */
  alerteLe?: string;
  expireLe?: string;
}

export interface DialogueTenu {
  annee: number;
  le: string;
  revuePlanAction: string;
  axe3: { valeurs: Record<string, number>; motif: string };
}

export interface MlCampagneInput {
  campagneId: string;
  nomCampagne: string;
  region: RegionCode;
  ml: MlParticipante;
  territoire: string;
  consultant: ConsultantCampagne;
  contactUnml: Recipient;
  /** The funders' contacts (the dialogue de gestion is held with the State and the Région). */
  financeurs: Recipient[];
  delais: DelaisCampagne;
  /** The end of the état des lieux phase (YYYY-MM-DD), said to the ML. */
  finEtatDesLieux?: string;
}

export interface MlCampagneState {
  campagneId: string;
  /** This child's id: `<campagneId>-<code ML>`. */
  dossierId: string;
  nomCampagne: string;
  region: RegionCode;
  ml: MlParticipante;
  territoire: string;
  consultant: ConsultantCampagne;
  statut: StatutEtatDesLieux;
  documents: DocumentEtude[];
  entretiens: { avec: 'president' | 'directeur' | 'adjoint'; date: string; compteRendu?: string; par?: string }[];
  /** The état des lieux deliverable, as last sent for review (its version counts the sends). */
  livrable?: { version: number; nom: string; url?: string; fichier?: FichierRef; synthese: string; deposeLe: string };
  revues: { version: number; decision: 'valide' | 'a_reprendre'; commentaires?: string; le: string; par?: string }[];
  pointBloquant?: { point: string; le: string };
  relance?: 'relancee' | 'escaladee';
  retrait?: { motif: string; le: string };
  projetDeStructure?: ProjetDeStructure;
  projetsPrecedents: ProjetDeStructure[];
  dialogues: DialogueTenu[];
  /** The campaign ended (closed or cancelled): nothing more is asked. */
  fin?: { motif: string; le: string };
  prochaineEcheance?: { quoi: string; le: string };
  timeline: TimelineEntry[];
  courriels?: CourrielEnvoye[];
}

/** What a dialogue de gestion needs, read from its campaign when it starts (activities/campagne.ts). */
export interface ContexteDialogue {
  nomCampagne: string;
  region: RegionCode;
  ml: MlParticipante;
  financeurs: Recipient[];
  contactUnml: Recipient;
  /** The ML's figures of year n-1 (axes 1–2), when known. */
  chiffres?: { annee: number; valeurs: Record<string, number> };
  /** The French names of the indicators (code → libellé), for the figures' lines. */
  libelles?: Record<string, string>;
  /** The indicators of the variable axes, to settle. */
  indicateursAxe3: { code: string; libelle: string }[];
  planAction: { action: string; echeance?: string }[];
  /** Why no dialogue is held (the campaign ended, the ML left, no projet de structure). */
  sansObjet?: string;
}

export interface DialogueGestionInput {
  campagneId: string;
  ml: string;
  /** The funding year it settles; absent (a Schedule's run): the year of its start. */
  annee?: number;
  relanceDialogue?: number;
}

/** `non_tenu`: neither recorded after its reminder and the same delay twice again (the next year's run is not blocked). */
export type StatutDialogue = 'a_preparer' | 'planifie' | 'tenu' | 'sans_objet' | 'non_tenu';

export interface DialogueGestionState {
  campagneId: string;
  ml: string;
  annee: number;
  statut: StatutDialogue;
  contexte?: ContexteDialogue;
  reunion?: { debut: string; dureeMinutes: number; lieu?: string; lien?: string };
  tenu?: DialogueTenu;
  sansObjet?: string;
  agenda: Agenda;
  timeline: TimelineEntry[];
  courriels?: CourrielEnvoye[];
}
