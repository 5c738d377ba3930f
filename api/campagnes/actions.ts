// The action tables of a regional campaign (issue #13), as the dossiers have theirs (api/dossiers/<dispositif>/actions.ts):
// French kebab-case path → (Update, input schema checked against its input type, documentation). Three tables: the
// campaign (POST /api/campagnes/:id/<path>), one of its Missions Locales (…/mls/:ml/<path>) and a dialogue de gestion
// (…/mls/:ml/dialogues/:annee/<path>). The router and the OpenAPI registration iterate over them; the route table
// (api/acces/routes.ts) reads their paths, so this file must not import the access middleware.
import type { z } from 'zod';
import * as M from '../../workflows/campagne/messages';
import type { CampagneVue } from '../../workflows/campagne/messages';
import type { DialogueGestionState, FichierRef, MlCampagneState } from '../../workflows/campagne/state';
import { documentBodyLimit, enregistrerBase64 } from '../documents/fichiers';
import { action, preparedAction, type ActionContext, type DossierAction } from '../dossiers/actions';
import type { LivrableFichier } from '../livrables/schemas';
import {
  campagneActionSchemas as C,
  dialogueActionSchemas as D,
  documentEtudeRequeteSchema,
  etatDesLieuxRequeteSchema,
  mlActionSchemas as ML,
  supportRequeteSchema,
} from './schemas';

/** A file of the request, checked and stored like deliverables (<DATA_DIR>/livrables/<workflow id>/<sha256>): the update carries its reference only. */
async function fichierRef(fichier: LivrableFichier | undefined, { dossierId, config }: ActionContext): Promise<{ fichier?: FichierRef }> {
  if (!fichier) return {};
  const { type, tailleOctets, sha256 } = await enregistrerBase64(config, dossierId, fichier);
  return { fichier: { type, tailleOctets, sha256 } };
}

/** The request without its file, and the stored file's reference. */
async function avecFichier<B extends { fichier?: LivrableFichier | undefined }>(
  body: B,
  context: ActionContext,
): Promise<Omit<B, 'fichier'> & { fichier?: FichierRef }> {
  const { fichier, ...reste } = body;
  return { ...reste, ...(await fichierRef(fichier, context)) };
}

const prepareSupport = async (body: z.output<typeof supportRequeteSchema>, context: ActionContext): Promise<M.DiffuserSupportInput> =>
  avecFichier(body, context);
const prepareDocument = async (body: z.output<typeof documentEtudeRequeteSchema>, context: ActionContext): Promise<M.DocumentEtudeInput> =>
  avecFichier(body, context);
const prepareEtatDesLieux = async (body: z.output<typeof etatDesLieuxRequeteSchema>, context: ActionContext): Promise<M.EtatDesLieuxInput> =>
  avecFichier(body, context);

export const CAMPAGNE_ACTIONS: readonly DossierAction<CampagneVue>[] = [
  action(
    'entretien-contextuel',
    M.enregistrerEntretienContextuel,
    C.entretienContextuel,
    'Enregistrer un entretien contextuel du cadrage (financeurs, ARML, présidences…), avec sa date et qui a été rencontré',
  ),
  action(
    'reunion',
    M.planifierReunion,
    C.reunion,
    'Planifier une réunion (groupe de travail des directions, présentations aux présidences et aux directions, restitution par territoire), ' +
      'ou la déplacer (même clé) : invitation iCalendar aux invités',
  ),
  action('annulation-reunion', M.annulerReunion, C.annulationReunion, 'Annuler une réunion planifiée : annulation iCalendar aux invités'),
  action('presence', M.enregistrerPresence, C.presence, 'Enregistrer la tenue d’une réunion : les présents (parmi les invités) et son compte rendu'),
  preparedAction(
    'support',
    M.diffuserSupport,
    supportRequeteSchema,
    prepareSupport,
    'Diffuser le support qui présente la démarche et ses engagements (un fichier ou un lien), que chaque Mission Locale accuse reçu',
    { bodyLimit: documentBodyLimit },
  ),
  action('accuse-support', M.accuserSupport, C.accuseSupport, 'Enregistrer qu’une Mission Locale accuse réception du support (pour elle, par l’UNML)'),
  action(
    'phase',
    M.passerPhase,
    C.phase,
    'Passer à la phase suivante : état des lieux, analyse transversale (d’elle-même quand tous les états des lieux sont validés ; ' +
      'à la main, elle clôt l’état des lieux avec des manquantes et demande un motif), puis suivi',
  ),
  action('retrait-ml', M.retirerMl, C.retraitMl, 'Retirer une Mission Locale de la campagne, avec le motif'),
  action(
    'analyse',
    M.enregistrerAnalyse,
    C.analyse,
    'Enregistrer l’analyse transversale : bonnes pratiques, difficultés structurelles, obstacles externes, préconisations',
  ),
  action('enquete', M.lancerEnquete, C.enquete, 'Lancer l’enquête auprès des directions (liens personnels), avec une date limite de réponse'),
  action('enquete/reponse', M.repondreEnquete, C.reponseEnquete, 'Enregistrer les réponses d’une direction à l’enquête (pour elle, par l’UNML)'),
  action('cloture', M.cloturerCampagne, C.cloture, 'Clore la campagne'),
  action('annulation', M.annulerCampagne, C.annulation, 'Annuler la campagne, avec le motif : ses Missions Locales sont arrêtées, chacun est prévenu'),
];

export const ML_ACTIONS: readonly DossierAction<MlCampagneState>[] = [
  preparedAction(
    'document',
    M.deposerDocumentEtude,
    documentEtudeRequeteSchema,
    prepareDocument,
    'Déposer un document de l’étude documentaire (projet, bilan d’activité, diagnostic territorial, évaluation…) : un fichier ou un lien',
    { bodyLimit: documentBodyLimit },
  ),
  action('entretien', M.enregistrerEntretien, ML.entretien, 'Enregistrer un entretien avec la présidence, la direction ou l’adjoint'),
  preparedAction(
    'etat-des-lieux',
    M.deposerEtatDesLieux,
    etatDesLieuxRequeteSchema,
    prepareEtatDesLieux,
    'Envoyer l’état des lieux à la direction pour validation (un fichier ou un lien, et sa synthèse) ; après un retour, une nouvelle version',
    { bodyLimit: documentBodyLimit },
  ),
  action(
    'revue',
    M.reviserEtatDesLieux,
    ML.revue,
    'La revue de l’état des lieux par la direction (par l’UNML pour elle) : le valider, ou le retourner avec ses commentaires',
  ),
  action('point-bloquant', M.signalerPointBloquant, ML.pointBloquant, 'Signaler un point bloquant (montré à l’UNML, qui est prévenue)'),
  action('levee-point-bloquant', M.leverPointBloquant, ML.leveePointBloquant, 'Lever le point bloquant'),
  action(
    'projet-de-structure',
    M.enregistrerProjetDeStructure,
    ML.projetDeStructure,
    'Enregistrer le projet de structure (3 ans) : besoins des jeunes, offre de service et moyens, plan d’action, besoins non couverts',
  ),
];

export const DIALOGUE_ACTIONS: readonly DossierAction<DialogueGestionState>[] = [
  action('planification', M.planifierDialogue, D.planification, 'Planifier le dialogue de gestion (État, Région, Mission Locale) : invitation iCalendar'),
  action(
    'compte-rendu',
    M.enregistrerDialogue,
    D.compteRendu,
    'Enregistrer le dialogue de gestion tenu : la revue du plan d’action et l’axe 3 arrêté, avec son motif argumenté',
  ),
];

/** The routes of every action (express syntax), for the router, the body limits and the route table. */
export const CHEMIN_CAMPAGNE = '/api/campagnes/:id';
export const CHEMIN_ML = `${CHEMIN_CAMPAGNE}/mls/:ml`;
export const CHEMIN_DIALOGUE = `${CHEMIN_ML}/dialogues/:annee`;
export const CHEMINS_ACTIONS_CAMPAGNES: readonly string[] = [
  ...CAMPAGNE_ACTIONS.map((a) => `${CHEMIN_CAMPAGNE}/${a.path}`),
  ...ML_ACTIONS.map((a) => `${CHEMIN_ML}/${a.path}`),
  ...DIALOGUE_ACTIONS.map((a) => `${CHEMIN_DIALOGUE}/${a.path}`),
];
