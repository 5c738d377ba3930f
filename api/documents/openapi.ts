import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { dossierIdParamsSchema, errorResponses } from '../common';
import { documentParamsSchema } from './schemas';

export function registerDocumentsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers/{id}/documents/{numero}',
    tags: ['documents'],
    summary: 'Télécharger un outil ou document échangé entre les directions (Compagnonnage)',
    operationId: 'compagnonnageTelechargerDocument',
    request: { params: dossierIdParamsSchema.extend(documentParamsSchema.shape) },
    responses: {
      200: {
        description: 'Le fichier (Content-Disposition: attachment)',
        content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
      },
      ...errorResponses(400, 404, 500),
    },
  });
}
