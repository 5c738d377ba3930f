// The one table of dossier actions: French kebab-case path → (update, input schema, documentation).
// The router and the OpenAPI registration both iterate over it; there is one generic handler.
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import * as M from '../../workflows/compagnonnage/messages';
import type { DossierState } from '../../workflows/compagnonnage/state';
import { actionSchemas as S, type SameShape } from './schemas';

export interface DossierAction {
  /** Path under /api/dossiers/:id/ */
  path: string;
  updateName: string;
  summary: string;
  schema: z.ZodType;
  /** Validates the body with the schema, then sends the update; resolves with the new state. */
  execute(handle: WorkflowHandle, body: unknown): Promise<DossierState>;
}

/**
 * Compiles only when the schema's output type and the update's input type are mutually assignable:
 * a field added, removed or retyped on either side is a type error here.
 */
type MatchesInput<S extends z.ZodType, I> = SameShape<z.output<S>, I> extends true ? S : { error: 'the zod schema does not match the update input type'; schema: z.output<S>; input: I };

function action<I, S extends z.ZodType<NoInfer<I>>>(path: string, update: UpdateDefinition<DossierState, [I]>, schema: S & MatchesInput<S, I>, summary: string): DossierAction {
  return {
    path,
    updateName: update.name,
    summary,
    schema,
    execute: async (handle, body) => handle.executeUpdate(update, { args: [schema.parse(body ?? {}) as I] }),
  };
}

export const DOSSIER_ACTIONS: readonly DossierAction[] = [
  action('accepter', M.acceptDemande, S.accepter, 'Accepter la demande (avec son interlocutrice UNML)'),
  action('decliner', M.declineDemande, S.decliner, 'Décliner la demande, avec le motif communiqué à la Mission Locale'),
  action('liste-attente', M.waitlistDemande, S.listeAttente, "Mettre la demande en liste d'attente, avec une priorité"),
  action('demander-complements', M.requestComplements, S.demanderComplements, 'Renvoyer la demande à la Mission Locale pour compléments'),
  action('completer', M.completeDemande, S.completer, 'Compléter la demande (Mission Locale)'),
  action('interlocutrice', M.assignInterlocutrice, S.interlocutrice, "Désigner ou changer l'interlocutrice UNML"),
  action('intervenant', M.designateIntervenant, S.intervenant, "Désigner l'intervenant (directeur ou directrice de ML d'une autre région)"),
  action('signer-acte-engagement', M.signActeEngagement, S.signerActeEngagement, "Signer l'acte d'engagement"),
  action('fiche-cadrage', M.submitFicheCadrage, S.ficheCadrage, 'Déposer la fiche de cadrage (besoin, objectifs, rythme)'),
  action('visio-lancement', M.scheduleVisioLancement, S.visioLancement, 'Planifier la visio de lancement'),
  action('visio-lancement/compte-rendu', M.recordVisioLancement, S.compteRenduVisioLancement, 'Enregistrer la tenue de la visio de lancement'),
  action('seances/planifier', M.planSession, S.planifierSeance, 'Planifier une séance'),
  action('seances', M.logSession, S.seance, 'Enregistrer une séance tenue (fiche de suivi, décompte du forfait)'),
  action('rythme', M.changeRythme, S.rythme, "Changer le rythme d'accompagnement"),
  action('forfait/extension', M.extendForfait, S.extensionForfait, 'Étendre le forfait (UNML)'),
  action('fin-accompagnement', M.endAccompagnement, S.finAccompagnement, "Terminer l'accompagnement et passer au bilan"),
  action('visios-bilan', M.scheduleVisioBilan, S.visioBilan, 'Planifier une visio bilan (ML, intervenant ou collective)'),
  action('fiche-bilan', M.submitFicheBilan, S.ficheBilan, 'Déposer la fiche bilan'),
  action('evaluations', M.submitEvaluation, S.evaluation, "Répondre au questionnaire d'évaluation"),
  action('post-bilan', M.recordPostBilan, S.postBilan, 'Enregistrer le bilan post-accompagnement (clôture le dossier)'),
  action('abandon', M.abandonDossier, S.abandon, 'Abandonner le dossier, avec le motif'),
];
