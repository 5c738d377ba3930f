// Sends a fresh action link to the holder of an expired one, through a short workflow (workflows/shared/renvoi-lien.ts).
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { ActionLinkClaims } from '../../../activities/action-links';
import type { Recipient } from '../../../activities/email/kinds';
import { REGIONS } from '../../../domain/regions';
import type { RenvoiLienInput } from '../../../workflows/shared/renvoi-lien';
import { queryDossier, type AnyDossierState } from '../../dossiers/router';

/** Titles of the actions, for the fresh link's email. */
export const LIBELLES_ACTIONS_LIEN: Record<ActionLinkClaims['action'], string> = {
  'signer-acte-engagement': 'Signer l’acte d’engagement',
  seance: 'Enregistrer une séance tenue',
  evaluation: 'Répondre au questionnaire d’évaluation',
  completer: 'Compléter la demande',
  'rapport-diagnostic': 'Déposer le rapport de diagnostic flash',
  'repondre-designation': 'Accepter ou décliner l’intervention',
  'confirmer-seance': 'Confirmer ou contester une séance',
  'repondre-visio': 'Confirmer le créneau d’une visio ou d’un rendez-vous, ou en proposer un autre',
  'commenter-rapport': 'Commenter le rapport de diagnostic',
  analyse: 'Déposer votre analyse individuelle du dossier',
  'valider-programme': 'Répondre au programme des rencontres',
  'rapport-individuel': 'Déposer votre rapport normé',
  'repondre-precisions': 'Répondre à une question du binôme de diagnostiqueurs',
  documents: 'Voir et partager les documents de l’accompagnement',
  // Regional campaigns (issue #13).
  'support-demarche': 'Accuser réception du support de la démarche de progrès et de ses engagements',
  'valider-etat-des-lieux': 'Valider l’état des lieux de votre structure, ou le retourner avec vos commentaires',
  enquete: 'Répondre à l’enquête auprès des directions',
  // Diagnostic (issue #14).
  'suite-diagnostic': 'Accepter ou décliner l’accompagnement proposé à l’issue du diagnostic',
};

/** False when the link's holder is no longer in the dossier. A second request for the same expired link sends nothing more. */
export async function demanderNouveauLien(
  client: Client,
  taskQueue: string,
  claims: ActionLinkClaims,
  personne: (state: AnyDossierState) => Recipient | undefined,
): Promise<boolean> {
  const state = await queryDossier(client, claims.dossierId);
  const destinataire = personne(state);
  if (!destinataire) return false;
  const ml = state.demande.missionLocale;
  const input: RenvoiLienInput = {
    dossier: { dossierId: state.dossierId, dispositif: state.dispositif, mlNom: ml.nom, regionNom: REGIONS[ml.region] },
    destinataire,
    action: claims.action,
    actionLibelle: LIBELLES_ACTIONS_LIEN[claims.action],
    role: claims.role,
    ...(claims.objet !== undefined ? { objet: claims.objet } : {}),
    jtiExpire: claims.jti,
  };
  try {
    await client.workflow.start('renvoyerLienAction', { taskQueue, workflowId: `lien-${claims.jti}`, args: [input] });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
  return true;
}
