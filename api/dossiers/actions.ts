// The tables of dossier actions, one per dispositif: French kebab-case path → (update, input schema,
// documentation). The router and the OpenAPI registration both iterate over them; there is one generic
// handler. This file holds the factories and the Compagnonnage table; appui-conseil/actions.ts the other.
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Config } from '../../config';
import * as M from '../../workflows/compagnonnage/messages';
import type { CompagnonnageState } from '../../workflows/compagnonnage/state';
import { actionSchemas as S, type SameShape } from './schemas';

/** What an action may need besides its body (e.g. where deliverables are stored). */
export interface ActionContext {
  dossierId: string;
  config: Pick<Config, 'DATA_DIR' | 'LIVRABLES_MAX_BYTES'>;
}

export interface DossierAction<State = unknown> {
  /** Path under /api/dossiers/:id/ */
  path: string;
  updateName: string;
  summary: string;
  /** The request body's schema (documented in OpenAPI). */
  schema: z.ZodType;
  /** A JSON body limit above the API's default, for this action only (e.g. files in base64), and the 413 message beyond it. */
  bodyLimit?(config: ActionContext['config']): { octets: number; message: string };
  /** Validates the body with the schema, then sends the update; resolves with the new state. */
  execute(handle: WorkflowHandle, body: unknown, context: ActionContext): Promise<State>;
}

/**
 * Compiles only when the schema's output type and the update's input type are mutually assignable:
 * a field added, removed or retyped on either side is a type error here.
 */
export type MatchesInput<S extends z.ZodType, I> = SameShape<z.output<S>, I> extends true ? S : { error: 'the zod schema does not match the update input type'; schema: z.output<S>; input: I };

/** An action whose validated body is the update's input as is. */
export function action<State, I, S extends z.ZodType<NoInfer<I>>>(path: string, update: UpdateDefinition<State, [I]>, schema: S & MatchesInput<S, I>, summary: string): DossierAction<State> {
  return {
    path,
    updateName: update.name,
    summary,
    schema,
    execute: async (handle, body) => handle.executeUpdate(update, { args: [schema.parse(body ?? {}) as I] }),
  };
}

/**
 * An action whose body needs work in the API before the update (e.g. storing a file): `prepare` turns the
 * validated body into the update's input (typed, so it cannot drift either).
 */
export function preparedAction<State, I, S extends z.ZodType>(
  path: string,
  update: UpdateDefinition<State, [I]>,
  schema: S,
  prepare: (body: z.output<S>, context: ActionContext) => Promise<I>,
  summary: string,
  options: Pick<DossierAction, 'bodyLimit'> = {},
): DossierAction<State> {
  return {
    path,
    updateName: update.name,
    summary,
    schema,
    ...options,
    execute: async (handle, body, context) => handle.executeUpdate(update, { args: [await prepare(schema.parse(body ?? {}), context)] }),
  };
}

export const COMPAGNONNAGE_ACTIONS: readonly DossierAction<CompagnonnageState>[] = [
  action('accepter', M.acceptDemande, S.accepter, 'Accepter la demande (avec son interlocutrice UNML)'),
  action('decliner', M.declineDemande, S.decliner, 'Décliner la demande, avec le motif communiqué à la Mission Locale'),
  action('liste-attente', M.waitlistDemande, S.listeAttente, "Mettre la demande en liste d'attente, avec une priorité"),
  action('demander-complements', M.requestComplements, S.demanderComplements, 'Renvoyer la demande à la Mission Locale pour compléments'),
  action('completer', M.completeDemande, S.completer, 'Compléter la demande (Mission Locale)'),
  action('interlocutrice', M.assignInterlocutrice, S.interlocutrice, "Désigner ou changer l'interlocutrice UNML"),
  // The designation goes through the pool: POST /api/dossiers/:id/candidats/:intervenantId/confirmation (api/candidats).
  action('intervenant/reponse', M.respondDesignation, S.repondreDesignation, "Réponse de l'intervenant désigné : accepter l'intervention, ou la décliner avec le motif (retour à la désignation)"),
  action('signer-acte-engagement', M.signActeEngagement, S.signerActeEngagement, "Signer l'acte d'engagement"),
  action('fiche-cadrage', M.submitFicheCadrage, S.ficheCadrage, 'Déposer la fiche de cadrage (besoin, objectifs, rythme)'),
  action('visio-lancement', M.scheduleVisioLancement, S.visioLancement, 'Planifier la visio de lancement'),
  action('visio-lancement/compte-rendu', M.recordVisioLancement, S.compteRenduVisioLancement, 'Enregistrer la tenue de la visio de lancement'),
  action('seances/planifier', M.planSession, S.planifierSeance, 'Planifier une séance, ou en déplacer une (remplace) : invitation iCalendar aux participants'),
  action('seances/annuler', M.cancelPlannedSession, S.annulerSeance, 'Annuler une séance planifiée : annulation iCalendar aux participants'),
  action('seances', M.logSession, S.seance, 'Enregistrer une séance tenue (fiche de suivi, décompte du forfait)'),
  action('seances/confirmer', M.confirmSession, S.confirmerSeance, "Confirmer (ou contester) une séance enregistrée par l'autre partie ; une séance contestée va à l'UNML et n'est pas décomptée"),
  action('seances/trancher', M.settleSession, S.trancherSeance, "Trancher une séance contestée (UNML) : retenue (décomptée) ou écartée, avec le motif"),
  action('rythme', M.changeRythme, S.rythme, "Changer le rythme d'accompagnement"),
  action('forfait/extension', M.extendForfait, S.extensionForfait, 'Étendre le forfait (UNML)'),
  action('fin-accompagnement', M.endAccompagnement, S.finAccompagnement, "Terminer l'accompagnement et passer au bilan"),
  action('visios-bilan', M.scheduleVisioBilan, S.visioBilan, 'Planifier une visio bilan (ML, intervenant ou collective)'),
  action('visios/reponse', M.respondVisio, S.repondreVisio, "Réponse d'un participant à l'invitation d'une visio : confirmer le créneau, ou en proposer un autre (l'UNML est prévenue)"),
  action('fiche-bilan', M.submitFicheBilan, S.ficheBilan, 'Déposer la fiche bilan'),
  action('evaluations', M.submitEvaluation, S.evaluation, "Répondre au questionnaire d'évaluation"),
  action('post-bilan', M.recordPostBilan, S.postBilan, 'Enregistrer le bilan post-accompagnement (clôture le dossier)'),
  action('abandon', M.abandonDossier, S.abandon, 'Abandonner le dossier, avec le motif'),
];
