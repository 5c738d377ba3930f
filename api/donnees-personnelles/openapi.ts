import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { errorResponses } from '../common';
import { effacementBodySchema, effacementSchema, inventaireSchema, personneQuerySchema } from './schemas';

export function registerDonneesPersonnellesOpenApi(registry: OpenAPIRegistry): void {
  const tags = ['données personnelles'];
  registry.registerPath({
    method: 'get',
    path: '/api/donnees-personnelles',
    tags,
    summary: "Droit d'accès : tout ce que le produit conserve d'une personne, par son adresse email",
    description:
      'Vivier (fiche, candidatures), compte du personnel, dossiers et campagnes encore sur le serveur Temporal ' +
      '(le worker doit tourner), courriels du puits de développement.',
    request: { query: personneQuerySchema },
    responses: {
      200: { description: "L'inventaire", content: { 'application/json': { schema: inventaireSchema } } },
      ...errorResponses(400, 500, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/donnees-personnelles/export',
    tags,
    summary: "Droit d'accès : le même inventaire, en fichier JSON à remettre à la personne",
    request: { query: personneQuerySchema },
    responses: {
      200: { description: 'Le fichier JSON', content: { 'application/json': { schema: inventaireSchema } } },
      ...errorResponses(400, 500, 503),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/donnees-personnelles/effacement',
    tags,
    summary: "Droit à l'effacement : efface ce qu'aucune obligation ne garde, dit ce qui reste et pourquoi",
    description:
      'Efface la fiche du vivier (sauf interventions en cours), les candidatures, les courriels du puits de développement. ' +
      'Les dossiers (en cours, ou terminés jusqu’à leur purge) et le compte du personnel sont conservés, chacun avec sa raison.',
    request: { body: { content: { 'application/json': { schema: effacementBodySchema } } } },
    responses: {
      200: { description: 'Ce qui a été effacé, ce qui reste', content: { 'application/json': { schema: effacementSchema } } },
      ...errorResponses(400, 500, 503),
    },
  });
}
