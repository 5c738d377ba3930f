import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { dossierIdParamsSchema, errorResponseSchema, errorResponses } from '../common';
import { DISPOSITIFS_API } from './dispositifs';
import { LOT_MAX, lotReponseSchema, lotRequeteSchema } from './lot';
import { etatDeBase, listDossiersQuerySchema, listDossiersResponseSchema, noteInterneSchema } from './schemas';

/** The state of a dossier of any dispositif, told apart by `dispositif`. */
const etats = DISPOSITIFS_API.map((d) => d.stateSchema) as [z.ZodObject, z.ZodObject, ...z.ZodObject[]];
export const anyDossierStateSchema = z.discriminatedUnion('dispositif', etats).openapi('Dossier');

/** The refusals of an action naming an interlocutrice by her account (api/comptes/interlocutrice.ts). */
const INTERLOCUTRICE_ERREURS = {
  400: {
    description:
      'Requête invalide, ou interlocutrice inconnue : aucun compte UNML de cet identifiant (error interlocutrice_inconnue, details[].path interlocutrice.id)',
    content: { 'application/json': { schema: errorResponseSchema } },
  },
  409: {
    description:
      "Action refusée à l'étape courante, ou interlocutrice refusée : compte désactivé (interlocutrice_inactive) ou sans le rôle charge_mission " +
      '(interlocutrice_sans_role) ; message : quoi faire',
    content: { 'application/json': { schema: errorResponseSchema } },
  },
};

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function registerDossiersOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers',
    tags: ['dossiers'],
    summary: 'Lister les dossiers (filtres combinables, une page à la fois)',
    description: 'Par prochaine échéance quand le stockage de visibilité sait trier, sinon les plus récents en premier (`tri` le dit).',
    request: { query: listDossiersQuerySchema },
    responses: {
      200: { description: 'Les dossiers', content: { 'application/json': { schema: listDossiersResponseSchema } } },
      ...errorResponses(400, 500),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers/{id}',
    tags: ['dossiers'],
    summary: `L'état d'un dossier (${DISPOSITIFS_API.map((d) => d.libelle).join(', ')}, selon le préfixe de son identifiant)`,
    request: { params: dossierIdParamsSchema },
    responses: {
      200: { description: 'Le dossier', content: { 'application/json': { schema: anyDossierStateSchema } } },
      ...errorResponses(400, 404, 500),
    },
  });

  registry.registerPath({
    method: 'post',
    path: '/api/dossiers/{id}/notes',
    tags: ['dossiers'],
    summary: 'Ajouter une note interne (personnel UNML seulement : jamais montrée aux participants ni envoyée par courriel)',
    description: 'Tout dispositif. L’auteur est le compte authentifié (jeton ou session), enregistré avec la note.',
    request: { params: dossierIdParamsSchema, body: { required: true, content: { 'application/json': { schema: noteInterneSchema } } } },
    responses: {
      201: {
        description: 'Les notes internes du dossier, la nouvelle en dernier',
        content: { 'application/json': { schema: z.object({ notesInternes: etatDeBase(['_'] as const).notesInternes.unwrap() }) } },
      },
      ...errorResponses(400, 404, 409, 500),
    },
  });

  // One operation per dispositif and action. The URL is /api/dossiers/{id}/<action> for every dispositif;
  // the documented path spells the id's prefix out (CMP-{ref}, APC-{ref}, DGN-{ref}) so that an action several dispositifs
  // have (e.g. decliner) is documented once per dispositif, with its own body, under its own operationId.
  for (const api of DISPOSITIFS_API) {
    const params = z.object({
      ref: z
        .string()
        .regex(/^[0-9A-F]{10}$/)
        .openapi({ param: { name: 'ref', in: 'path' }, example: '3F9A0C1B2D' })
        .describe(`Les 10 caractères hexadécimaux qui suivent « ${api.prefix}- » dans l'identifiant du dossier`),
    });
    for (const action of api.actions) {
      registry.registerPath({
        method: 'post',
        path: `/api/dossiers/${api.prefix}-{ref}/${action.path}`,
        tags: [api.tag],
        summary: action.summary,
        description:
          `Dossiers ${api.libelle} (${api.prefix}-…). Update Temporal « ${action.updateName} ».` +
          (action.interlocutrice
            ? ' L’interlocutrice est désignée par l’identifiant de son compte UNML (actif, rôle charge_mission) : son nom et son e-mail ' +
              'sont repris du compte. 400 si le compte est inconnu, 409 s’il est désactivé ou en lecture seule.'
            : ''),
        operationId: `${api.operationPrefix}${upperFirst(action.updateName)}`,
        request: {
          params,
          body: { required: true, content: { 'application/json': { schema: action.schema } } },
        },
        responses: {
          200: { description: "L'état du dossier après l'action", content: { 'application/json': { schema: api.stateSchema } } },
          ...errorResponses(400, 404, 409, ...(action.bodyLimit ? ([413] as const) : []), 500),
          ...(action.interlocutrice ? INTERLOCUTRICE_ERREURS : {}),
        },
      });
    }
  }

  // Several dossiers at once (issue #12, api/dossiers/lot.ts).
  registry.registerPath({
    method: 'post',
    path: '/api/dossiers/lot',
    tags: ['dossiers'],
    summary: 'Agir sur plusieurs dossiers à la fois : passation à une autre interlocutrice, ou relance en attente renvoyée',
    description:
      `Jusqu’à ${LOT_MAX} dossiers, chacun par sa propre action (« interlocutrice » ou « relance »), quelques-uns à la fois. ` +
      'La réponse donne un résultat par dossier : « fait », ou la raison du refus en français ; un dossier refusé n’arrête pas les autres (200). ' +
      'Pour une passation, le compte de la nouvelle interlocutrice est vérifié d’abord : inconnu, 400 ; désactivé ou sans le rôle charge_mission, 409, ' +
      'et aucun dossier n’est touché.',
    operationId: 'dossiersLot',
    request: { body: { required: true, content: { 'application/json': { schema: lotRequeteSchema } } } },
    responses: {
      200: { description: 'Un résultat par dossier', content: { 'application/json': { schema: lotReponseSchema } } },
      ...errorResponses(400, 409, 500),
      ...INTERLOCUTRICE_ERREURS,
    },
  });
}
