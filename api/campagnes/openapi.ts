// OpenAPI of /api/campagnes (issue #13), from the schemas the routes validate with and the action tables.
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { errorResponseSchema, errorResponses } from '../common';
import type { DossierAction } from '../dossiers/actions';
import { CAMPAGNE_ACTIONS, DIALOGUE_ACTIONS, ML_ACTIONS } from './actions';
import {
  campagneCreeeSchema,
  campagneParamsSchema,
  campagneVueSchema,
  creerCampagneSchema,
  demarrerDialogueSchema,
  dialogueDemarreSchema,
  dialogueGestionSchema,
  dialogueParamsSchema,
  documentParamsSchema,
  listeCampagnesQuerySchema,
  listeCampagnesSchema,
  mlCampagneSchema,
  mlParamsSchema,
} from './schemas';

const TAG = 'campagnes régionales';
const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const json = (schema: z.ZodType) => ({ 'application/json': { schema } });
const erreur = (description: string) => ({ description, content: json(errorResponseSchema) });

export function registerCampagnesOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/campagnes',
    tags: [TAG],
    summary: 'Créer une campagne régionale (démarche de progrès) : ses Missions Locales, territoires, financeurs, consultant et calendrier',
    description:
      'Les noms des Missions Locales viennent du référentiel ; chaque Mission Locale est de la région de la campagne et dans un seul territoire ; ' +
      'l’État et la Région sont parmi les financeurs ; le consultant est un consultant de cabinet du vivier ; les phases se suivent. ' +
      'Toute erreur répond 400 avec chaque champ en cause (details[].path). Le responsable UNML de la campagne est le compte qui la crée. ' +
      'Avec un en-tête Idempotency-Key, la même clé redonne la même campagne (200).',
    operationId: 'campagneCreer',
    request: { body: { required: true, content: json(creerCampagneSchema) } },
    responses: {
      201: { description: 'La campagne est lancée (phase cadrage)', content: json(campagneCreeeSchema) },
      200: { description: 'Déjà créée avec cette Idempotency-Key', content: json(campagneCreeeSchema) },
      ...errorResponses(400, 500),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campagnes',
    tags: [TAG],
    summary: 'Lister les campagnes (filtres : région, phase), les plus récentes d’abord',
    operationId: 'campagnesLister',
    request: { query: listeCampagnesQuerySchema },
    responses: { 200: { description: 'Les campagnes', content: json(listeCampagnesSchema) }, ...errorResponses(400, 500) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campagnes/{id}',
    tags: [TAG],
    summary: 'Une campagne : sa phase, ses Missions Locales, ses réunions, et la progression des états des lieux (« 7 sur 11 états des lieux validés »)',
    operationId: 'campagneLire',
    request: { params: campagneParamsSchema },
    responses: { 200: { description: 'La campagne', content: json(campagneVueSchema) }, ...errorResponses(400, 404, 500) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campagnes/{id}/mls/{ml}',
    tags: [TAG],
    summary: 'Une Mission Locale dans la campagne : son étude documentaire, ses entretiens, son état des lieux et ses revues, son projet de structure',
    operationId: 'campagneMlLire',
    request: { params: mlParamsSchema },
    responses: {
      200: { description: 'La Mission Locale dans la campagne', content: json(mlCampagneSchema) },
      ...errorResponses(400, 500),
      404: erreur('Campagne inconnue, Mission Locale hors de la campagne, ou son état des lieux pas encore commencé'),
    },
  });
  const fichier = {
    200: {
      description: 'Le fichier (en pièce jointe, avec son type)',
      content: { 'application/octet-stream': { schema: { type: 'string' as const, format: 'binary' } } },
    },
    302: { description: 'Un lien : redirection vers son adresse' },
  };
  registry.registerPath({
    method: 'get',
    path: '/api/campagnes/{id}/support',
    tags: [TAG],
    summary: 'Télécharger le support de la démarche (ou être redirigé vers son lien)',
    operationId: 'campagneSupportTelecharger',
    request: { params: campagneParamsSchema },
    responses: { ...fichier, ...errorResponses(400, 404, 500) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campagnes/{id}/mls/{ml}/documents/{numero}',
    tags: [TAG],
    summary: 'Télécharger un document de l’étude documentaire d’une Mission Locale (ou être redirigé vers son lien)',
    operationId: 'campagneDocumentTelecharger',
    request: { params: documentParamsSchema },
    responses: { ...fichier, ...errorResponses(400, 404, 500) },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campagnes/{id}/mls/{ml}/etat-des-lieux',
    tags: [TAG],
    summary: 'Télécharger l’état des lieux d’une Mission Locale, dans la version envoyée en dernier (ou être redirigé vers son lien)',
    operationId: 'campagneEtatDesLieuxTelecharger',
    request: { params: mlParamsSchema },
    responses: { ...fichier, ...errorResponses(400, 404, 500) },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/campagnes/{id}/mls/{ml}/dialogues',
    tags: [TAG],
    summary: 'Démarrer à la main le dialogue de gestion d’une année (la planification annuelle les démarre d’elle-même)',
    operationId: 'campagneDialogueDemarrer',
    request: { params: mlParamsSchema, body: { required: true, content: json(demarrerDialogueSchema) } },
    responses: {
      201: { description: 'Le dialogue de gestion est démarré', content: json(dialogueDemarreSchema) },
      ...errorResponses(400, 404, 500),
      409: erreur('Un dialogue de gestion de cette année existe déjà pour cette Mission Locale'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campagnes/{id}/mls/{ml}/dialogues/{annee}',
    tags: [TAG],
    summary: 'Un dialogue de gestion : son contexte (chiffres n-1, plan d’action, indicateurs de l’axe 3), sa réunion, ce qui a été arrêté',
    operationId: 'campagneDialogueLire',
    request: { params: dialogueParamsSchema },
    responses: { 200: { description: 'Le dialogue de gestion', content: json(dialogueGestionSchema) }, ...errorResponses(400, 404, 500) },
  });

  const actions = (table: readonly DossierAction[], prefixe: string, params: z.ZodObject, etat: z.ZodType, quoi: string, operation: string) => {
    for (const a of table) {
      registry.registerPath({
        method: 'post',
        path: `${prefixe}/${a.path}`,
        tags: [TAG],
        summary: a.summary,
        description: `Update Temporal « ${a.updateName} » ${quoi}. Une action refusée à ce moment répond 409 avec la raison.`,
        operationId: `${operation}${upperFirst(a.updateName)}`,
        request: { params, body: { required: true, content: json(a.schema) } },
        responses: {
          200: { description: 'L’état après l’action', content: json(etat) },
          ...errorResponses(400, 404, 409, ...(a.bodyLimit ? ([413] as const) : []), 500),
        },
      });
    }
  };
  actions(CAMPAGNE_ACTIONS, '/api/campagnes/{id}', campagneParamsSchema, campagneVueSchema, 'de la campagne', 'campagne');
  actions(ML_ACTIONS, '/api/campagnes/{id}/mls/{ml}', mlParamsSchema, mlCampagneSchema, 'de la Mission Locale dans la campagne', 'campagneMl');
  actions(
    DIALOGUE_ACTIONS,
    '/api/campagnes/{id}/mls/{ml}/dialogues/{annee}',
    dialogueParamsSchema,
    dialogueGestionSchema,
    'du dialogue de gestion',
    'campagneDialogue',
  );
}
