import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { errorResponses } from '../common';
import { createDemandeBodySchema, demandeCreatedSchema, idempotencyHeadersSchema } from './schemas';

export function registerDemandesOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/demandes',
    tags: ['demandes'],
    summary: 'Déposer une demande (démarre un dossier)',
    description:
      "Démarre le dossier du dispositif demandé. Avec un requestId (ou l'en-tête Idempotency-Key), la même valeur " +
      'renvoie le même dossier (200) au lieu d’en créer un second.',
    request: {
      headers: idempotencyHeadersSchema,
      body: { required: true, content: { 'application/json': { schema: createDemandeBodySchema } } },
    },
    responses: {
      201: { description: 'Dossier créé', content: { 'application/json': { schema: demandeCreatedSchema } } },
      200: { description: 'Demande déjà reçue avec ce requestId : le dossier existant', content: { 'application/json': { schema: demandeCreatedSchema } } },
      ...errorResponses(400, 500),
    },
  });
}
