// Appui Conseil messages, imported by the workflow and the API. Refusable actions are Updates.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Cabinet, DemandeDeplacement } from '../../domain/appui-conseil';
import type { Contact, Intervenant, StaffMember } from '../../domain/schemas';
import type { AssignInterlocutriceInput } from '../shared/messages';
import type { Par } from '../shared/state';
import type { ChoixIntervenant } from '../shared/designation';
import type { AppuiConseilState, VisioAppui, VisioBilanAppui } from './state';

export type { Par };
export type PriseDeContactInput = Par & { besoin: string; interlocutrice?: StaffMember };
export type DeclineAppuiInput = Par & { motif: string };
export type MobiliseCabinetInput = Par & { cabinet: Cabinet };
/**
 * `choix` (pool dossiers): the ranking's proposal (with its rank) or a manual override (with its reason),
 * recorded as such; the member is reserved in the pool (role membre_reseau) before being asked.
 */
export type AddMembreReseauInput = Par & { membre: Intervenant; choix?: ChoixIntervenant };
/** A mobilised network member accepts or declines (with a reason: they are then removed, UNML told). */
export type RespondDesignationAppuiInput = Par & { intervenantId: string; accepte: boolean; motif?: string };
export type SignActeInput = Par & { signataire: string };
export type ScheduleVisioLancementInput = Par & { debut: string; lien?: string };
export type RecordVisioLancementInput = Par & { compteRendu?: string };
export type RapportDiagnosticInput = Par & { constats: string; conclusions: string };
export type CommentRapportInput = Par & { commentaire: string };
export type FicheCadrageInput = Par & { besoin: string; objectifs: string[] };
export type PlanActionInput = Par & { actions: { intitule: string; responsable: Contact; jalons: { libelle: string; date: string }[] }[] };
export type JalonAtteintInput = Par & { action: number; jalon: number };
export type LogJourneeInput = Par & { intervenant: string; date: string; demiJournees: 1 | 2; objet: string };
export type ExtendBudgetInput = Par & { jours: number; motif: string };
export type RequestDeplacementInput = Par & DemandeDeplacement;
export type DecideDeplacementInput = Par & { deplacement: number; approuve: boolean; motif?: string };
export type LogDeplacementInput = Par & { deplacement: number };
export type SetCadenceAppelsInput = Par & { joursEntreAppels: number };
export type LogAppelInput = Par & { avec: 'ml' | 'intervenants'; date: string; resume: string };
export type EndMiseEnOeuvreInput = Par & { motif?: string };
/**
 * An invited person (found by their email among the visio's participants) confirms its slot or proposes
 * another one (ISO date-time), for UNML to reschedule.
 */
export type RespondVisioAppuiInput = Par & { visio: VisioAppui; email: string; confirme: boolean; proposition?: string; commentaire?: string };
export type ScheduleVisioBilanInput = Par & { visio: VisioBilanAppui; debut: string; lien?: string };
export type FicheBilanInput = Par & {
  objectifs: { objectif: string; atteint: boolean; commentaire?: string }[];
  recommandations: string;
  pointsDeVigilance: string;
};
export type AddLivrableInput = Par & { nom: string; url?: string; fichier?: { type: string; tailleOctets: number; sha256: string } };
export type EvaluationInput = Par & { repondant: 'ml' | 'intervenant'; nom: string; reponses: Record<string, string> };
export type CloturerInput = Par & { motif?: string };
export type AbandonInput = Par & { motif: string };

type U<I> = ReturnType<typeof defineUpdate<AppuiConseilState, [I]>>;
const update = <I>(name: string): U<I> => defineUpdate<AppuiConseilState, [I]>(name);

export const recordPriseDeContact = update<PriseDeContactInput>('recordPriseDeContact');
export const declineDemande = update<DeclineAppuiInput>('declineDemande');
export const mobiliseCabinet = update<MobiliseCabinetInput>('mobiliseCabinet');
export const addMembreReseau = update<AddMembreReseauInput>('addMembreReseau');
export const respondDesignation = update<RespondDesignationAppuiInput>('respondDesignation');
export const signActeEngagement = update<SignActeInput>('signActeEngagement');
export const scheduleVisioLancement = update<ScheduleVisioLancementInput>('scheduleVisioLancement');
export const recordVisioLancement = update<RecordVisioLancementInput>('recordVisioLancement');
export const submitRapportDiagnostic = update<RapportDiagnosticInput>('submitRapportDiagnostic');
export const commentRapportDiagnostic = update<CommentRapportInput>('commentRapportDiagnostic');
export const submitFicheCadrage = update<FicheCadrageInput>('submitFicheCadrage');
export const submitPlanAction = update<PlanActionInput>('submitPlanAction');
export const markJalonAtteint = update<JalonAtteintInput>('markJalonAtteint');
export const logJournee = update<LogJourneeInput>('logJournee');
export const extendBudget = update<ExtendBudgetInput>('extendBudget');
export const requestDeplacement = update<RequestDeplacementInput>('requestDeplacement');
export const decideDeplacement = update<DecideDeplacementInput>('decideDeplacement');
export const logDeplacement = update<LogDeplacementInput>('logDeplacement');
export const setCadenceAppels = update<SetCadenceAppelsInput>('setCadenceAppels');
export const logAppel = update<LogAppelInput>('logAppel');
export const endMiseEnOeuvre = update<EndMiseEnOeuvreInput>('endMiseEnOeuvre');
export const scheduleVisioBilan = update<ScheduleVisioBilanInput>('scheduleVisioBilan');
export const respondVisio = update<RespondVisioAppuiInput>('respondVisio');
export const submitFicheBilan = update<FicheBilanInput>('submitFicheBilan');
export const addLivrable = update<AddLivrableInput>('addLivrable');
export const submitEvaluation = update<EvaluationInput>('submitEvaluation');
export const cloturer = update<CloturerInput>('cloturer');
export const abandonDossier = update<AbandonInput>('abandonDossier');

export const getDossier = defineQuery<AppuiConseilState>('getDossier');

/** The hand-over, registered by the kit for every dispositif (workflows/shared/messages.ts): typed here with this state. */
export type { AssignInterlocutriceInput };
export const assignInterlocutrice = update<AssignInterlocutriceInput>('assignInterlocutrice');
