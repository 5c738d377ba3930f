// The Appui Conseil action table (seed 001): same factories and generic handler as Compagnonnage's.
// A network member is mobilised through the pool (api/candidats: ranking, confirmation, refus), not by hand here.
import * as M from '../../../workflows/appui-conseil/messages';
import type { AppuiConseilState, EtapeAppui } from '../../../workflows/appui-conseil/state';
import { tailleFr } from '../../errors';
import { decodeFichier, limiteCorpsBase64, storeFichier } from '../../livrables/fichiers';
import { action, actionRelance, preparedAction, type ActionContext, type DossierAction } from '../actions';
import { passationSchema } from '../schemas';
import { appuiConseilActionSchemas as S, livrableEnregistreSchema, livrableRequeteSchema } from './schemas';
import type { z } from 'zod';

/** Room for the base64 inflation (4/3) of the largest accepted file, plus the JSON around it. */
export function livrableBodyLimit(config: ActionContext['config']): { octets: number; message: string } {
  return limiteCorpsBase64(
    config.LIVRABLES_MAX_BYTES,
    `Requête trop volumineuse : un livrable ne peut dépasser ${tailleFr(config.LIVRABLES_MAX_BYTES)} (LIVRABLES_MAX_BYTES). Déposez plutôt un lien (url).`,
  );
}

/** A file is checked and stored BEFORE the update, which only carries its type, size and SHA-256. */
async function prepareLivrable(body: z.output<typeof livrableRequeteSchema>, { dossierId, config }: ActionContext): Promise<M.AddLivrableInput> {
  const { par, nom, url, fichier } = body;
  if (!fichier) return livrableEnregistreSchema.parse({ par, nom, url });
  const contenu = decodeFichier(fichier, config.LIVRABLES_MAX_BYTES);
  const sha256 = await storeFichier(config.DATA_DIR, dossierId, contenu);
  return livrableEnregistreSchema.parse({ par, nom, fichier: { type: fichier.type, tailleOctets: contenu.length, sha256 } });
}

export const APPUI_CONSEIL_ACTIONS: readonly DossierAction<AppuiConseilState>[] = [
  action(
    'prise-de-contact',
    M.recordPriseDeContact,
    S.priseDeContact,
    'Enregistrer la prise de contact avec la Mission Locale (besoin précisé, interlocutrice UNML)',
  ),
  action('decliner', M.declineDemande, S.decliner, 'Décliner la demande, avec le motif communiqué à la Mission Locale'),
  action('cabinet', M.mobiliseCabinet, S.cabinet, 'Mobiliser le cabinet de consultants'),
  action(
    'membres-reseau/reponse',
    M.respondDesignation,
    S.repondreMobilisation,
    'Réponse du membre du réseau mobilisé : accepter, ou décliner avec le motif (il est alors retiré du dossier)',
  ),
  action('signer-acte-engagement', M.signActeEngagement, S.signerActeEngagement, "Signer l'acte d'engagement (participation active jusqu'à la fin)"),
  action('visio-lancement', M.scheduleVisioLancement, S.visioLancement, 'Planifier la visio de lancement (1 h : ML, cabinet et/ou intervenant réseau, UNML)'),
  action('visio-lancement/compte-rendu', M.recordVisioLancement, S.compteRenduVisioLancement, 'Enregistrer la tenue de la visio de lancement'),
  action('rapport-diagnostic', M.submitRapportDiagnostic, S.rapportDiagnostic, 'Déposer le rapport de diagnostic flash (constats, conclusions)'),
  action('rapport-diagnostic/commentaire', M.commentRapportDiagnostic, S.commentaireRapport, 'Commenter le rapport de diagnostic (Mission Locale)'),
  action('fiche-cadrage', M.submitFicheCadrage, S.ficheCadrage, 'Déposer la fiche de cadrage (besoin, objectifs)'),
  action('plan-action', M.submitPlanAction, S.planAction, "Déposer le plan d'action (responsables, rétroplanning indicatif)"),
  action('jalons/atteint', M.markJalonAtteint, S.jalonAtteint, "Signaler un jalon du plan d'action comme atteint"),
  action('journees', M.logJournee, S.journee, "Enregistrer une journée (ou demi-journée) d'intervention (budget : 15 à 20 jours)"),
  action('budget/extension', M.extendBudget, S.extensionBudget, "Étendre le budget de jours d'intervention (UNML, avec un motif)"),
  action('deplacements', M.requestDeplacement, S.deplacement, "Demander l'approbation d'un déplacement (exceptionnel)"),
  action('deplacements/decision', M.decideDeplacement, S.decisionDeplacement, 'Approuver ou refuser un déplacement (UNML)'),
  action('deplacements/realise', M.logDeplacement, S.deplacementRealise, 'Enregistrer un déplacement approuvé comme réalisé'),
  action('cadence-appels', M.setCadenceAppels, S.cadenceAppels, 'Fixer la fréquence des appels de suivi intermédiaire'),
  action('appels', M.logAppel, S.appel, 'Enregistrer un appel de suivi intermédiaire (avec la ML ou les intervenants)'),
  action('fin-mise-en-oeuvre', M.endMiseEnOeuvre, S.finMiseEnOeuvre, 'Terminer la mise en œuvre et passer au bilan'),
  action('visios-bilan', M.scheduleVisioBilan, S.visioBilan, 'Planifier une visio bilan (avec la ML, ou avec les intervenants)'),
  action(
    'visios/reponse',
    M.respondVisio,
    S.repondreVisio,
    "Réponse d'une personne invitée à une visio : confirmer le créneau, ou en proposer un autre (l'UNML est prévenue)",
  ),
  action('fiche-bilan', M.submitFicheBilan, S.ficheBilan, 'Déposer la fiche bilan (objectifs, recommandations, points de vigilance)'),
  preparedAction(
    'livrables',
    M.addLivrable,
    livrableRequeteSchema,
    prepareLivrable,
    'Ajouter un livrable du cabinet (lien, ou fichier PDF, DOCX, XLSX, PPTX, ODT, PNG, JPEG)',
    {
      bodyLimit: livrableBodyLimit,
    },
  ),
  action('evaluations', M.submitEvaluation, S.evaluation, "Répondre au questionnaire d'évaluation (ML ou intervenant)"),
  action('cloturer', M.cloturer, S.cloturer, 'Clôturer le dossier'),
  actionRelance(),
  action('interlocutrice', M.assignInterlocutrice, passationSchema, 'Confier le dossier à une autre interlocutrice UNML'),
  action('abandon', M.abandonDossier, S.abandon, 'Abandonner le dossier, avec le motif'),
];

/** Until the mise en œuvre ends (workflows/appui-conseil/mise-en-oeuvre.ts AVANT_MISE_EN_OEUVRE_FINIE). */
const AVANT_FIN_MISE_EN_OEUVRE: EtapeAppui[] = ['mobilisation', 'acte_engagement', 'lancement', 'diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre'];

/**
 * The steps at which each action is possible (the `requireEtape` lists of workflows/appui-conseil/dossier.ts and
 * mise-en-oeuvre.ts); those absent (a designation's answer, a decision on a trip, abandon) at any step until the end.
 */
export const ETAPES_ACTIONS_APPUI_CONSEIL: Readonly<Record<string, readonly EtapeAppui[]>> = {
  'prise-de-contact': ['prise_de_contact'],
  decliner: ['prise_de_contact', 'mobilisation'],
  cabinet: ['mobilisation'],
  'signer-acte-engagement': ['acte_engagement'],
  'visio-lancement': ['lancement'],
  'visio-lancement/compte-rendu': ['lancement'],
  'rapport-diagnostic': ['diagnostic'],
  'rapport-diagnostic/commentaire': ['cadrage', 'plan_action', 'mise_en_oeuvre', 'bilan'],
  'fiche-cadrage': ['cadrage'],
  'plan-action': ['plan_action', 'mise_en_oeuvre'],
  'jalons/atteint': ['mise_en_oeuvre', 'bilan'],
  journees: ['mise_en_oeuvre'],
  'budget/extension': ['mise_en_oeuvre'],
  deplacements: AVANT_FIN_MISE_EN_OEUVRE.filter((e) => e !== 'mobilisation'),
  'deplacements/realise': ['lancement', 'diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre'],
  'cadence-appels': AVANT_FIN_MISE_EN_OEUVRE,
  appels: ['lancement', 'diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre', 'bilan'],
  'fin-mise-en-oeuvre': ['mise_en_oeuvre'],
  'visios-bilan': ['bilan'],
  'visios/reponse': ['lancement', 'bilan', 'evaluation'],
  'fiche-bilan': ['bilan'],
  livrables: ['diagnostic', 'cadrage', 'plan_action', 'mise_en_oeuvre', 'bilan', 'evaluation'],
  evaluations: ['evaluation'],
  cloturer: ['evaluation'],
  // The steps whose wait has a reminder (awaitWithReminder with the kit's `relance`).
  relance: ['acte_engagement'],
};
