import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { dossierIdParamsSchema, errorResponses } from '../common';
import { livrableParamsSchema } from './schemas';

export function registerLivrablesOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers/{id}/livrables/{numero}',
    tags: ['livrables'],
    summary: 'Télécharger un livrable (Appui Conseil) : le fichier déposé, ou une redirection vers son lien',
    operationId: 'appuiConseilTelechargerLivrable',
    request: { params: dossierIdParamsSchema.extend(livrableParamsSchema.shape) },
    responses: {
      200: {
        description: 'Le fichier (Content-Disposition: attachment)',
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      302: { description: 'Le livrable est un lien : redirection vers son adresse' },
      ...errorResponses(400, 404, 500),
    },
  });
}
