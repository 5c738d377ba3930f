// Compagnonnage messages: imported by the workflow and by the API (which validates inputs with the
// zod schemas of api/dossiers before sending them). Refusable staff and participant actions are Updates.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Contact, Intervenant, StaffMember } from '../../domain/schemas';
import type { Rythme } from '../../domain/compagnonnage';
import type { DemandeCompagnonnage } from '../../domain/compagnonnage';
import type { ChoixIntervenant } from '../shared/designation';
import type { Par } from '../shared/state';
import type { CompagnonnageState, DeposantDocument, VisioBilanKind, VisioKey } from './state';

import type { AssignInterlocutriceInput } from '../shared/messages';
export type { AssignInterlocutriceInput };
export type { Par };

/** `priorite`: the dossier's place in the pool's waiting list if nobody is free (1 = highest; default 3, or the waiting-list priority). */
export type AcceptDemandeInput = Par & { interlocutrice?: StaffMember; priorite?: number };
export type DeclineDemandeInput = Par & { motif: string };
export type WaitlistDemandeInput = Par & { priorite: number; motif?: string };
export type RequestComplementsInput = Par & { aCompleter: string };
export type CompleteDemandeInput = Par & {
  description?: string;
  direction?: Contact;
  presidence?: Contact;
  sujets?: DemandeCompagnonnage['sujets'];
  casMobilisation?: DemandeCompagnonnage['casMobilisation'];
};
/** `choix`: the ranking's proposal (with its rank) or a manual override (with its reason), recorded as such. */
export type DesignateIntervenantInput = Par & { intervenant: Intervenant; choix?: ChoixIntervenant };
/**
 * The designated intervenant accepts or declines (with a reason) the intervention. `intervenantId`, when given
 * (the link pages give it), must be the designated intervenant's.
 */
export type RespondDesignationInput = Par & { accepte: boolean; motif?: string; intervenantId?: string };
/** A participant confirms a visio's slot or proposes another one (ISO date-time), for UNML to reschedule. */
export type RespondVisioInput = Par & { visio: VisioKey; role: 'ml' | 'intervenant'; confirme: boolean; proposition?: string; commentaire?: string };
export type SignActeEngagementInput = Par & { signataire: string };
export type SubmitFicheCadrageInput = Par & { besoin: string; objectifs: string[]; rythme?: Rythme };
export type ScheduleVisioInput = Par & { debut: string; lien?: string };
export type RecordVisioLancementInput = Par & { compteRendu?: string };
/** With `remplace` (the key of a planned session, e.g. "seance-2"), moves that session: same invitation, updated. */
export type PlanSessionInput = Par & { debut: string; dureeMinutes: number; remplace?: string };
export type CancelPlannedSessionInput = Par & { seance: string; motif?: string };
/** `role`: which side logs it (default: the intervenant); the other side confirms it with confirmSession. */
export type LogSessionInput = Par & { date: string; dureeMinutes: number; resume: string; role?: 'ml' | 'intervenant' };
/**
 * The other side confirms (or contests, with a comment) a logged session. `role`: the side that answers (the API
 * says it, the link knows it); the side that logged the session is refused.
 */
export type ConfirmSessionInput = Par & { numero: number; confirme: boolean; commentaire?: string; role: 'ml' | 'intervenant' };
/** UNML settles a contested session: retained (counts toward the package) or not, with its reason. */
export type SettleSessionInput = Par & { numero: number; retenue: boolean; motif: string };
export type ChangeRythmeInput = Par & { rythme: Rythme; motif?: string };
export type ExtendForfaitInput = Par & { heuresSupplementaires: number; motif: string };
export type EndAccompagnementInput = Par & { motif?: string };
export type ScheduleVisioBilanInput = Par & { visio: VisioBilanKind; debut: string; lien?: string };
export type SubmitFicheBilanInput = Par & {
  objectifs: { objectif: string; atteint: boolean; commentaire?: string }[];
  recommandations: string;
  pointsDeVigilance: string;
};
export type SubmitEvaluationInput = Par & { repondant: 'ml' | 'intervenant'; reponses: Record<string, string> };
export type RecordPostBilanInput = Par & { impact: string; suites?: string };
export type AbandonDossierInput = Par & { motif: string };
/**
 * A tool or document shared by one direction with the other (seed 003), its file already stored by the API (type, size,
 * SHA-256 only). `role`: the side it is shared by (default: UNML; a link's holder shares as their own side only).
 */
export type DeposerDocumentInput = Par & {
  titre: string;
  note?: string;
  role?: DeposantDocument;
  fichier: { nom: string; type: string; tailleOctets: number; sha256: string };
};

export const acceptDemande = defineUpdate<CompagnonnageState, [AcceptDemandeInput]>('acceptDemande');
export const declineDemande = defineUpdate<CompagnonnageState, [DeclineDemandeInput]>('declineDemande');
export const waitlistDemande = defineUpdate<CompagnonnageState, [WaitlistDemandeInput]>('waitlistDemande');
export const requestComplements = defineUpdate<CompagnonnageState, [RequestComplementsInput]>('requestComplements');
export const completeDemande = defineUpdate<CompagnonnageState, [CompleteDemandeInput]>('completeDemande');
export const designateIntervenant = defineUpdate<CompagnonnageState, [DesignateIntervenantInput]>('designateIntervenant');
export const respondDesignation = defineUpdate<CompagnonnageState, [RespondDesignationInput]>('respondDesignation');
export const respondVisio = defineUpdate<CompagnonnageState, [RespondVisioInput]>('respondVisio');
export const signActeEngagement = defineUpdate<CompagnonnageState, [SignActeEngagementInput]>('signActeEngagement');
export const submitFicheCadrage = defineUpdate<CompagnonnageState, [SubmitFicheCadrageInput]>('submitFicheCadrage');
export const scheduleVisioLancement = defineUpdate<CompagnonnageState, [ScheduleVisioInput]>('scheduleVisioLancement');
export const recordVisioLancement = defineUpdate<CompagnonnageState, [RecordVisioLancementInput]>('recordVisioLancement');
export const planSession = defineUpdate<CompagnonnageState, [PlanSessionInput]>('planSession');
export const cancelPlannedSession = defineUpdate<CompagnonnageState, [CancelPlannedSessionInput]>('cancelPlannedSession');
export const logSession = defineUpdate<CompagnonnageState, [LogSessionInput]>('logSession');
export const confirmSession = defineUpdate<CompagnonnageState, [ConfirmSessionInput]>('confirmSession');
export const settleSession = defineUpdate<CompagnonnageState, [SettleSessionInput]>('settleSession');
export const changeRythme = defineUpdate<CompagnonnageState, [ChangeRythmeInput]>('changeRythme');
export const extendForfait = defineUpdate<CompagnonnageState, [ExtendForfaitInput]>('extendForfait');
export const endAccompagnement = defineUpdate<CompagnonnageState, [EndAccompagnementInput]>('endAccompagnement');
export const scheduleVisioBilan = defineUpdate<CompagnonnageState, [ScheduleVisioBilanInput]>('scheduleVisioBilan');
export const submitFicheBilan = defineUpdate<CompagnonnageState, [SubmitFicheBilanInput]>('submitFicheBilan');
export const submitEvaluation = defineUpdate<CompagnonnageState, [SubmitEvaluationInput]>('submitEvaluation');
export const recordPostBilan = defineUpdate<CompagnonnageState, [RecordPostBilanInput]>('recordPostBilan');
export const abandonDossier = defineUpdate<CompagnonnageState, [AbandonDossierInput]>('abandonDossier');
export const deposerDocument = defineUpdate<CompagnonnageState, [DeposerDocumentInput]>('deposerDocument');
/** UNML sends each direction its personal link to the documents page, so that either may share first. */
export type InviterDocumentsInput = Par;
export const inviterDocuments = defineUpdate<CompagnonnageState, [InviterDocumentsInput]>('inviterDocuments');

/** The intervenant's preparation time (issue #14): minutes, on a day of the dossier; not counted against the package. */
export type LogPreparationInput = Par & { date: string; dureeMinutes: number };
export const logPreparation = defineUpdate<CompagnonnageState, [LogPreparationInput]>('logPreparation');

export const getDossier = defineQuery<CompagnonnageState>('getDossier');

/** The hand-over, registered by the kit for every dispositif (workflows/shared/messages.ts): typed here with this state. */
export const assignInterlocutrice = defineUpdate<CompagnonnageState, [AssignInterlocutriceInput]>('assignInterlocutrice');
