import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { dossierIdParamsSchema, errorResponses } from '../common';
import { DOSSIER_ACTIONS } from './actions';
import { dossierStateSchema, listDossiersQuerySchema, listDossiersResponseSchema } from './schemas';

export function registerDossiersOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers',
    tags: ['dossiers'],
    summary: 'Lister les dossiers (filtres combinables), les plus récents en premier',
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
    summary: "L'état d'un dossier",
    request: { params: dossierIdParamsSchema },
    responses: {
      200: { description: 'Le dossier', content: { 'application/json': { schema: dossierStateSchema } } },
      ...errorResponses(400, 404, 500),
    },
  });
  for (const action of DOSSIER_ACTIONS) {
    registry.registerPath({
      method: 'post',
      path: `/api/dossiers/{id}/${action.path}`,
      tags: ['actions'],
      summary: action.summary,
      operationId: action.updateName,
      request: {
        params: dossierIdParamsSchema,
        body: { required: true, content: { 'application/json': { schema: action.schema } } },
      },
      responses: {
        200: { description: "L'état du dossier après l'action", content: { 'application/json': { schema: dossierStateSchema } } },
        ...errorResponses(400, 404, 409, 500),
      },
    });
  }
}
