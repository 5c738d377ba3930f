import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { errorResponses } from '../common';
import { createDemandeBodySchema, demandeCreatedSchema, demandeNonRecevableSchema, idempotencyHeadersSchema } from './schemas';

export function registerDemandesOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/demandes',
    tags: ['demandes'],
    summary: 'Déposer une demande (démarre un dossier)',
    description:
      "Démarre le dossier du dispositif demandé. Avec un requestId (ou l'en-tête Idempotency-Key), la même valeur " +
      'renvoie le même dossier (200) au lieu d’en créer un second, y compris pour des envois simultanés : un seul reçoit 201, ' +
      'les autres 200 avec le même dossierId (seule une empreinte SHA-256 de la clé entre dans l’identifiant du dossier). ' +
      'Une demande hors du champ du dispositif est refusée ' +
      'aussitôt (422), avec ses motifs et le dispositif à demander à la place ; rien n’est enregistré.',
    request: {
      headers: idempotencyHeadersSchema,
      body: { required: true, content: { 'application/json': { schema: createDemandeBodySchema } } },
    },
    responses: {
      201: { description: 'Dossier créé', content: { 'application/json': { schema: demandeCreatedSchema } } },
      200: {
        description: 'Demande déjà reçue avec ce requestId ou cette Idempotency-Key (même simultanément) : le dossier existant, même dossierId',
        content: { 'application/json': { schema: demandeCreatedSchema } },
      },
      422: {
        description: 'Demande hors du champ du dispositif : rien n’est enregistré (motifs, et le dispositif à demander à la place)',
        content: { 'application/json': { schema: demandeNonRecevableSchema } },
      },
      ...errorResponses(400, 500),
    },
  });
}
