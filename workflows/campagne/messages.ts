// A campaign's messages, imported by its workflows, the activities and the API. Refusable actions are Updates (a
// refusal is an ActionRefusee with its French reason); what one workflow tells another is a signal.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { EtatDesLieuxMl, Progression, ReponsesEnquete } from '../../domain/campagne';
import type { Par } from '../shared/state';
import type {
  CampagneState,
  CategorieDocument,
  DialogueGestionState,
  DialogueTenu,
  FichierRef,
  MlCampagneState,
  ProjetDeStructure,
  TypeReunion,
} from './state';

export type { Par };

// --- The campaign (parent) ----------------------------------------------------------------------------------
export type EntretienContextuelInput = Par & { date: string; avec: string; notes?: string };
/**
 * A meeting planned (or moved: same `cle`, same invitation UID, a higher sequence). A restitution names its territory;
 * a working group may name the directors it gathers (`mls`, codes; all directors otherwise).
 */
export type PlanifierReunionInput = Par & {
  cle?: string;
  type: TypeReunion;
  territoire?: string;
  mls?: string[];
  debut: string;
  dureeMinutes?: number;
  lieu?: string;
  lien?: string;
};
export type AnnulerReunionInput = Par & { cle: string; motif?: string };
/** The meeting was held: who attended (their emails, among those invited), and its minutes. */
export type PresenceReunionInput = Par & { cle: string; presents: string[]; compteRendu?: string };
export type DiffuserSupportInput = Par & { nom: string; url?: string; fichier?: FichierRef };
/** An ML acknowledges the support (from its director's or president's link). */
export type AccuserSupportInput = Par & { ml: string };
/** The next phase; closing the état des lieux with some still missing needs a reason (they are named). */
export type PasserPhaseInput = Par & { phase: 'etat_des_lieux' | 'analyse_transversale' | 'suivi'; motif?: string };
export type RetirerMlInput = Par & { ml: string; motif: string };
export type AnalyseInput = Par & { bonnesPratiques: string[]; difficultesStructurelles: string[]; obstaclesExternes: string[]; preconisations: string[] };
export type LancerEnqueteInput = Par & { reponsesAvant?: string };
export type RepondreEnqueteInput = Par & { ml: string; reponses: ReponsesEnquete };
/** Axes 1–2 values of a funding year (the activity of year n-1), one entry per ML; replaces the year's values. */
export type IndicateursInput = Par & { annee: number; mls: { code: string; valeurs: Record<string, number> }[] };
export type CloturerCampagneInput = Par & { motif?: string };
export type AnnulerCampagneInput = Par & { motif: string };

/** The campaign as read: its state and the états des lieux's progress ("7 sur 11 états des lieux validés"). */
export type CampagneVue = CampagneState & { progression: Progression };

type UC<I> = ReturnType<typeof defineUpdate<CampagneVue, [I]>>;
const updateCampagne = <I>(name: string): UC<I> => defineUpdate<CampagneVue, [I]>(name);

export const enregistrerEntretienContextuel = updateCampagne<EntretienContextuelInput>('enregistrerEntretienContextuel');
export const planifierReunion = updateCampagne<PlanifierReunionInput>('planifierReunion');
export const annulerReunion = updateCampagne<AnnulerReunionInput>('annulerReunion');
export const enregistrerPresence = updateCampagne<PresenceReunionInput>('enregistrerPresence');
export const diffuserSupport = updateCampagne<DiffuserSupportInput>('diffuserSupport');
export const accuserSupport = updateCampagne<AccuserSupportInput>('accuserSupport');
export const passerPhase = updateCampagne<PasserPhaseInput>('passerPhase');
export const retirerMl = updateCampagne<RetirerMlInput>('retirerMl');
export const enregistrerAnalyse = updateCampagne<AnalyseInput>('enregistrerAnalyse');
export const lancerEnquete = updateCampagne<LancerEnqueteInput>('lancerEnquete');
export const repondreEnquete = updateCampagne<RepondreEnqueteInput>('repondreEnquete');
export const enregistrerIndicateurs = updateCampagne<IndicateursInput>('enregistrerIndicateurs');
export const cloturerCampagne = updateCampagne<CloturerCampagneInput>('cloturerCampagne');
export const annulerCampagne = updateCampagne<AnnulerCampagneInput>('annulerCampagne');

export const getCampagne = defineQuery<CampagneVue>('getCampagne');

/** From an ML's child: where its état des lieux stands now. */
export const etatDesLieuxModifie = defineSignal<[EtatDesLieuxMl]>('etatDesLieuxModifie');
/** From a dialogue de gestion: axe 3 settled for this ML and year, with its argued reason. */
export interface Axe3ArreteInput {
  annee: number;
  ml: string;
  valeurs: Record<string, number>;
  motif: string;
}
export const axe3Arrete = defineSignal<[Axe3ArreteInput]>('axe3Arrete');

// --- One Mission Locale in the campaign (child) --------------------------------------------------------------
export type DocumentEtudeInput = Par & { categorie: CategorieDocument; nom: string; url?: string; fichier?: FichierRef };
export type EntretienMlInput = Par & { avec: 'president' | 'directeur' | 'adjoint'; date: string; compteRendu?: string };
/** The consultant sends the état des lieux for its director's review (again after a return: a new version). */
export type EtatDesLieuxInput = Par & { nom: string; url?: string; fichier?: FichierRef; synthese: string };
/** The director validates it, or returns it with comments (required). */
export type RevueEtatDesLieuxInput = Par & { decision: 'valider' | 'retourner'; commentaires?: string };
export type PointBloquantInput = Par & { point: string };
export type LeverPointBloquantInput = Par & { commentaire?: string };
/** Valid 3 years from `valideDu` unless `valideAu` says otherwise. */
export type ProjetDeStructureInput = Par &
  Omit<ProjetDeStructure, 'enregistreLe' | 'alerteLe' | 'expireLe' | 'valideAu'> & {
    valideAu?: string;
  };

type UM<I> = ReturnType<typeof defineUpdate<MlCampagneState, [I]>>;
const updateMl = <I>(name: string): UM<I> => defineUpdate<MlCampagneState, [I]>(name);

export const deposerDocumentEtude = updateMl<DocumentEtudeInput>('deposerDocumentEtude');
export const enregistrerEntretien = updateMl<EntretienMlInput>('enregistrerEntretien');
export const deposerEtatDesLieux = updateMl<EtatDesLieuxInput>('deposerEtatDesLieux');
export const reviserEtatDesLieux = updateMl<RevueEtatDesLieuxInput>('reviserEtatDesLieux');
export const signalerPointBloquant = updateMl<PointBloquantInput>('signalerPointBloquant');
export const leverPointBloquant = updateMl<LeverPointBloquantInput>('leverPointBloquant');
export const enregistrerProjetDeStructure = updateMl<ProjetDeStructureInput>('enregistrerProjetDeStructure');

export const getMlCampagne = defineQuery<MlCampagneState>('getMlCampagne');

/** From the campaign: the ML leaves it (with the reason). */
export const retirerDeLaCampagne = defineSignal<[{ motif: string }]>('retirerDeLaCampagne');
/** From the campaign: it is closed or cancelled; the child ends (its Schedule deleted). */
export const finDeCampagne = defineSignal<[{ motif: string }]>('finDeCampagne');
/** From a dialogue de gestion: held, its review and axe 3. */
export const dialogueTenu = defineSignal<[DialogueTenu]>('dialogueTenu');

// --- The yearly dialogue de gestion ----------------------------------------------------------------------------
export type PlanifierDialogueInput = Par & { debut: string; dureeMinutes?: number; lieu?: string; lien?: string };
/** Held: the plan d'action reviewed, axe 3 settled with its argued reason (seed 004: "le choix final de la Région sera argumenté"). */
export type EnregistrerDialogueInput = Par & { revuePlanAction: string; axe3: { valeurs: Record<string, number>; motif: string } };

type UD<I> = ReturnType<typeof defineUpdate<DialogueGestionState, [I]>>;
const updateDialogue = <I>(name: string): UD<I> => defineUpdate<DialogueGestionState, [I]>(name);

export const planifierDialogue = updateDialogue<PlanifierDialogueInput>('planifierDialogue');
export const enregistrerDialogue = updateDialogue<EnregistrerDialogueInput>('enregistrerDialogue');
export const getDialogue = defineQuery<DialogueGestionState>('getDialogue');

// --- What the campaign's activities read (activities/campagne.ts imports from workflows/ only this file) ------------
export { idMlCampagne, idPlanificationDialogue } from './state';
export type { ContexteDialogue, DialogueGestionInput, MlCampagneState } from './state';
export { CAMPAGNE, DISPOSITIF, MISSION_LOCALE } from '../shared/search-attributes';
