// The Compagnonnage action table (seed 003). The designation goes through the pool (api/candidats: ranking,
// confirmation, refus), not by hand here.
import * as M from '../../../workflows/compagnonnage/messages';
import { ETAPES_DOCUMENTS, type CompagnonnageState, type Etape } from '../../../workflows/compagnonnage/state';
import type { z } from 'zod';
import { documentBodyLimit, enregistrerBase64 } from '../../documents/fichiers';
import { documentEnregistreSchema, documentRequeteSchema } from '../../documents/schemas';
import { action, actionRelance, preparedAction, type ActionContext, type DossierAction } from '../actions';
import { compagnonnageActionSchemas as S } from './schemas';

/** A shared document's file is checked and stored BEFORE the update, which only carries its name, type, size and SHA-256. */
async function prepareDocument(body: z.output<typeof documentRequeteSchema>, { dossierId, config }: ActionContext): Promise<M.DeposerDocumentInput> {
  const { fichier, ...reste } = body;
  return documentEnregistreSchema.parse({ ...reste, fichier: await enregistrerBase64(config, dossierId, fichier) });
}

export const COMPAGNONNAGE_ACTIONS: readonly DossierAction<CompagnonnageState>[] = [
  action('accepter', M.acceptDemande, S.accepter, 'Accepter la demande (avec son interlocutrice UNML)'),
  action('decliner', M.declineDemande, S.decliner, 'Décliner la demande, avec le motif communiqué à la Mission Locale'),
  action('liste-attente', M.waitlistDemande, S.listeAttente, "Mettre la demande en liste d'attente, avec une priorité"),
  action('demander-complements', M.requestComplements, S.demanderComplements, 'Renvoyer la demande à la Mission Locale pour compléments'),
  action('completer', M.completeDemande, S.completer, 'Compléter la demande (Mission Locale)'),
  action('interlocutrice', M.assignInterlocutrice, S.interlocutrice, "Désigner ou changer l'interlocutrice UNML"),
  // The designation goes through the pool: POST /api/dossiers/:id/candidats/:intervenantId/confirmation (api/candidats).
  action(
    'intervenant/reponse',
    M.respondDesignation,
    S.repondreDesignation,
    "Réponse de l'intervenant désigné : accepter l'intervention, ou la décliner avec le motif (retour à la désignation)",
  ),
  action('signer-acte-engagement', M.signActeEngagement, S.signerActeEngagement, "Signer l'acte d'engagement"),
  action('fiche-cadrage', M.submitFicheCadrage, S.ficheCadrage, 'Déposer la fiche de cadrage (besoin, objectifs, rythme)'),
  action('visio-lancement', M.scheduleVisioLancement, S.visioLancement, 'Planifier la visio de lancement'),
  action('visio-lancement/compte-rendu', M.recordVisioLancement, S.compteRenduVisioLancement, 'Enregistrer la tenue de la visio de lancement'),
  action('seances/planifier', M.planSession, S.planifierSeance, 'Planifier une séance, ou en déplacer une (remplace) : invitation iCalendar aux participants'),
  action('seances/annuler', M.cancelPlannedSession, S.annulerSeance, 'Annuler une séance planifiée : annulation iCalendar aux participants'),
  action('seances', M.logSession, S.seance, 'Enregistrer une séance tenue (fiche de suivi, décompte du forfait)'),
  action(
    'seances/confirmer',
    M.confirmSession,
    S.confirmerSeance,
    "Confirmer (ou contester) une séance enregistrée par l'autre partie ; une séance contestée va à l'UNML et n'est pas décomptée",
  ),
  action('seances/trancher', M.settleSession, S.trancherSeance, 'Trancher une séance contestée (UNML) : retenue (décomptée) ou écartée, avec le motif'),
  action(
    'preparations',
    M.logPreparation,
    S.preparation,
    "Enregistrer un temps de préparation de l'intervenant (en minutes, non décompté du forfait : il alimente les chiffres du réseau)",
  ),
  action('rythme', M.changeRythme, S.rythme, "Changer le rythme d'accompagnement"),
  action('forfait/extension', M.extendForfait, S.extensionForfait, 'Étendre le forfait (UNML)'),
  action('fin-accompagnement', M.endAccompagnement, S.finAccompagnement, "Terminer l'accompagnement et passer au bilan"),
  action('visios-bilan', M.scheduleVisioBilan, S.visioBilan, 'Planifier une visio bilan (ML, intervenant ou collective)'),
  action(
    'visios/reponse',
    M.respondVisio,
    S.repondreVisio,
    "Réponse d'un participant à l'invitation d'une visio : confirmer le créneau, ou en proposer un autre (l'UNML est prévenue)",
  ),
  action('fiche-bilan', M.submitFicheBilan, S.ficheBilan, 'Déposer la fiche bilan'),
  action('evaluations', M.submitEvaluation, S.evaluation, "Répondre au questionnaire d'évaluation"),
  action('post-bilan', M.recordPostBilan, S.postBilan, 'Enregistrer le bilan post-accompagnement (clôture le dossier)'),
  actionRelance(),
  action('abandon', M.abandonDossier, S.abandon, 'Abandonner le dossier, avec le motif'),
  // seed 003: the tools and documents the two directions exchange (from the acte d'engagement signed until the end).
  preparedAction(
    'documents',
    M.deposerDocument,
    documentRequeteSchema,
    prepareDocument,
    'Partager un outil ou document entre les directions (fichier PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG) : l’autre direction et l’UNML sont prévenues',
    { bodyLimit: documentBodyLimit },
  ),
  action(
    'documents/inviter',
    M.inviterDocuments,
    S.inviterDocuments,
    'Envoyer à la Mission Locale et à l’intervenant leur lien personnel vers les documents, pour partager leurs outils',
  ),
];

/**
 * The steps at which each action is possible (the `requireEtape` lists of workflows/compagnonnage/dossier.ts and
 * seances.ts); `interlocutrice` and `abandon` are possible at any step until the dossier ends.
 */
export const ETAPES_ACTIONS_COMPAGNONNAGE: Readonly<Record<string, readonly Etape[]>> = {
  accepter: ['qualification', 'liste_attente'],
  decliner: ['qualification', 'liste_attente', 'complements_attendus'],
  'liste-attente': ['qualification', 'liste_attente'],
  'demander-complements': ['qualification', 'liste_attente'],
  completer: ['complements_attendus'],
  'intervenant/reponse': ['acceptation_intervenant'],
  'signer-acte-engagement': ['acte_engagement'],
  'fiche-cadrage': ['cadrage'],
  'visio-lancement': ['cadrage', 'lancement'],
  'visio-lancement/compte-rendu': ['lancement'],
  'seances/planifier': ['lancement', 'accompagnement'],
  'seances/annuler': ['lancement', 'accompagnement'],
  seances: ['accompagnement'],
  'seances/confirmer': ['accompagnement', 'bilan', 'post_bilan'],
  'seances/trancher': ['accompagnement', 'bilan', 'post_bilan'],
  preparations: ['cadrage', 'lancement', 'accompagnement', 'bilan'],
  rythme: ['lancement', 'accompagnement'],
  'forfait/extension': ['lancement', 'accompagnement'],
  'fin-accompagnement': ['accompagnement'],
  'visios-bilan': ['bilan'],
  'visios/reponse': ['cadrage', 'lancement', 'bilan', 'post_bilan'],
  'fiche-bilan': ['bilan'],
  evaluations: ['post_bilan'],
  'post-bilan': ['post_bilan'],
  // The steps whose wait has a reminder (awaitWithReminder with the kit's `relance`).
  relance: ['complements_attendus', 'acte_engagement'],
  documents: ETAPES_DOCUMENTS,
  'documents/inviter': ETAPES_DOCUMENTS,
};
