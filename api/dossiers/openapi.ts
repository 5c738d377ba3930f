import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { dossierIdParamsSchema, errorResponses } from '../common';
import { DISPOSITIFS_API } from './dispositifs';
import { listDossiersQuerySchema, listDossiersResponseSchema } from './schemas';

/** The state of a dossier of any dispositif, told apart by `dispositif`. */
const etats = DISPOSITIFS_API.map((d) => d.stateSchema) as [z.ZodObject, z.ZodObject, ...z.ZodObject[]];
export const anyDossierStateSchema = z.discriminatedUnion('dispositif', etats).openapi('Dossier');

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
        description: `Dossiers ${api.libelle} (${api.prefix}-…). Update Temporal « ${action.updateName} ».`,
        operationId: `${api.operationPrefix}${upperFirst(action.updateName)}`,
        request: {
          params,
          body: { required: true, content: { 'application/json': { schema: action.schema } } },
        },
        responses: {
          200: { description: "L'état du dossier après l'action", content: { 'application/json': { schema: api.stateSchema } } },
          ...errorResponses(400, 404, 409, ...(action.bodyLimit ? ([413] as const) : []), 500),
        },
      });
    }
  }
}
