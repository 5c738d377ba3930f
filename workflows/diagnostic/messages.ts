// Diagnostic messages (seed 000), imported by the workflow and the API. Refusable actions are Updates.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { AccompagnementPropose, RoleDiagnostic } from '../../domain/diagnostic';
import type { Intervenant, StaffMember } from '../../domain/schemas';
import type { AssignInterlocutriceInput } from '../shared/messages';
import type { Par } from '../shared/state';
import type { ChoixIntervenant } from '../shared/designation';
import type { DiagnosticState, EvenementDiagnostic, NatureJourneeDiagnostic } from './state';

export type { Par };
/** `priorite`: the dossier's place in the pool's waiting list if nobody is free (1 = highest; default 3). */
export type AcceptDiagnosticInput = Par & { interlocutrice?: StaffMember; priorite?: number };
export type DeclineDiagnosticInput = Par & { motif: string };
/** `role`: inferred from the intervenant's kind when absent (a cabinet consultant or an ML director). */
export type DesignateDiagnostiqueurInput = Par & { intervenant: Intervenant; role?: RoleDiagnostic; choix?: ChoixIntervenant };
/** The designated diagnostiqueur accepts or declines (with a reason); `role` or `intervenantId` says who. */
export type RespondDiagnostiqueurInput = Par & { role?: RoleDiagnostic; intervenantId?: string; accepte: boolean; motif?: string };
export type SubmitAnalyseInput = Par & { role: RoleDiagnostic; synthese: string };
/** Schedules (or moves) a step's meeting: its iCalendar invitation goes to its participants. */
export type PlanEvenementInput = Par & { evenement: EvenementDiagnostic; debut: string; dureeMinutes?: number; lien?: string };
/** An invited person (by the email the invitation went to) confirms a meeting, or proposes another slot. */
export type RespondRendezvousInput = Par & { evenement: EvenementDiagnostic; email: string; confirme: boolean; proposition?: string; commentaire?: string };
export type RecordMiseEnCommunInput = Par & { compteRendu: string };
export type ProposeProgrammeInput = Par & { rencontres: string[] };
/** The ML's direction agrees the programme, or asks for changes (with a comment). */
export type RespondProgrammeInput = Par & { accepte: boolean; commentaire?: string };
export type RecordJourneeInput = Par & { compteRendu?: string };
export type RecordDebriefingInput = Par & { pistes: string[] };
export type SubmitRapportIndividuelInput = Par & { role: RoleDiagnostic; forces: string; faiblesses: string; preconisations: string[] };
/** seed 000: while crossing their reports, the binôme may ask the ML for details. */
export type AskPrecisionsInput = Par & { question: string };
/** The ML's answer to question `numero`. */
export type AnswerPrecisionsInput = Par & { numero: number; reponse: string };
export type SubmitRapportCroiseInput = Par & { constats: string; preconisations: string[]; divergences?: string };
export type CommentRapportInput = Par & { commentaire: string };
export type AmendRapportInput = Par & { constats?: string; preconisations?: string[]; motif: string };
/** The final review's outcome: an accompaniment proposed (not systematic), or none, with why. */
export type ConcludeDiagnosticInput = Par & { conclusions: string; accompagnement?: AccompagnementPropose; motif?: string };
export type AbandonDiagnosticInput = Par & { motif: string };
/**
 * The direction's answer to the proposed accompaniment (issue #14): declined (a reason, optional), or accepted with the
 * ML's situation and topics, which make the new dossier's demand with the diagnostic's findings (`complement`: its own words).
 */
export type RepondreSuiteInput = Par & { accepte: boolean; motif?: string; casMobilisation?: string; sujets?: string[]; complement?: string };

type U<I> = ReturnType<typeof defineUpdate<DiagnosticState, [I]>>;
const update = <I>(name: string): U<I> => defineUpdate<DiagnosticState, [I]>(name);

export const acceptDemande = update<AcceptDiagnosticInput>('acceptDemande');
export const declineDemande = update<DeclineDiagnosticInput>('declineDemande');
export const designateDiagnostiqueur = update<DesignateDiagnostiqueurInput>('designateDiagnostiqueur');
export const respondDiagnostiqueur = update<RespondDiagnostiqueurInput>('respondDiagnostiqueur');
export const submitAnalyse = update<SubmitAnalyseInput>('submitAnalyse');
export const planEvenement = update<PlanEvenementInput>('planEvenement');
export const respondRendezvous = update<RespondRendezvousInput>('respondRendezvous');
export const recordMiseEnCommun = update<RecordMiseEnCommunInput>('recordMiseEnCommun');
export const proposeProgramme = update<ProposeProgrammeInput>('proposeProgramme');
export const respondProgramme = update<RespondProgrammeInput>('respondProgramme');
export const recordJourneeSurSite = update<RecordJourneeInput>('recordJourneeSurSite');
export const recordDebriefing = update<RecordDebriefingInput>('recordDebriefing');
export const submitRapportIndividuel = update<SubmitRapportIndividuelInput>('submitRapportIndividuel');
export const askPrecisions = update<AskPrecisionsInput>('askPrecisions');
export const answerPrecisions = update<AnswerPrecisionsInput>('answerPrecisions');
export const submitRapportCroise = update<SubmitRapportCroiseInput>('submitRapportCroise');
export const commentRapport = update<CommentRapportInput>('commentRapport');
export const amendRapport = update<AmendRapportInput>('amendRapport');
export const concludeDiagnostic = update<ConcludeDiagnosticInput>('concludeDiagnostic');
export const abandonDossier = update<AbandonDiagnosticInput>('abandonDossier');
export const repondreSuite = update<RepondreSuiteInput>('repondreSuite');
/** The evaluation questionnaire after the closure (issue #14): the ML, or a diagnostiqueur (`nom`), answers once. */
export type EvaluationDiagnosticInput = Par & { repondant: 'ml' | 'intervenant'; nom: string; reponses: Record<string, string> };
export const submitEvaluation = update<EvaluationDiagnosticInput>('submitEvaluation');

/** A diagnostiqueur logs a (half-)day spent on the diagnostic (issue #14): what on, when, and how long. */
export type LogJourneeDiagnostiqueurInput = Par & { role: RoleDiagnostic; nature: NatureJourneeDiagnostic; date: string; demiJournees: 1 | 2 };
export const logJourneeDiagnostiqueur = update<LogJourneeDiagnostiqueurInput>('logJourneeDiagnostiqueur');

export const getDossier = defineQuery<DiagnosticState>('getDossier');

/** The hand-over, registered by the kit for every dispositif (workflows/shared/messages.ts): typed here with this state. */
export type { AssignInterlocutriceInput };
export const assignInterlocutrice = update<AssignInterlocutriceInput>('assignInterlocutrice');
