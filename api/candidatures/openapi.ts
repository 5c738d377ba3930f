import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { vivierErrorResponses } from '../intervenants/schemas';
import {
  candidatureBodySchema,
  candidatureDeposeeSchema,
  candidatureDetailSchema,
  candidatureParamsSchema,
  candidatureSchema,
  candidatureValideeSchema,
  listCandidaturesQuerySchema,
  refusCandidatureSchema,
  validationSchema,
} from './schemas';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export function registerCandidaturesOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'post',
    path: '/api/candidatures',
    tags: ['vivier'],
    summary: "Candidater au vivier d'experts (public, comme la page /candidater)",
    description:
      'La réponse ne donne que la référence. Une seconde candidature en attente avec la même adresse électronique ne crée rien : ' +
      'elle répond 200 avec la même référence et doublon: true.',
    request: { body: { required: true, ...json(candidatureBodySchema) } },
    responses: {
      201: { description: 'Candidature enregistrée', ...json(candidatureDeposeeSchema) },
      200: { description: 'Déjà reçue : la candidature en attente de cette adresse', ...json(candidatureDeposeeSchema) },
      ...vivierErrorResponses({ 400: 'Champs invalides ou code de Mission Locale inconnu (details[].path)', 500: undefined }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/candidatures',
    tags: ['vivier'],
    summary: 'Les candidatures, éventuellement d’un statut',
    request: { query: listCandidaturesQuerySchema },
    responses: {
      200: { description: 'Les candidatures', ...json(z.array(candidatureSchema)) },
      ...vivierErrorResponses({ 400: 'Statut inconnu', 500: undefined }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/candidatures/{id}',
    tags: ['vivier'],
    summary: 'Une candidature et son historique',
    request: { params: candidatureParamsSchema },
    responses: {
      200: { description: 'La candidature', ...json(candidatureDetailSchema) },
      ...vivierErrorResponses({ 400: undefined, 404: 'Candidature inconnue', 500: undefined }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/candidatures/{id}/validation',
    tags: ['vivier'],
    summary: "Valider une candidature en attente : l'intervenant entre dans le vivier",
    request: { params: candidatureParamsSchema, body: { required: true, ...json(validationSchema) } },
    responses: {
      201: { description: "La candidature validée et l'intervenant créé", ...json(candidatureValideeSchema) },
      ...vivierErrorResponses({
        400: undefined,
        404: 'Candidature inconnue',
        409: 'La candidature n’est plus en attente (déjà validée ou refusée)',
        500: undefined,
      }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/candidatures/{id}/refus',
    tags: ['vivier'],
    summary: 'Refuser une candidature en attente, avec le motif',
    request: { params: candidatureParamsSchema, body: { required: true, ...json(refusCandidatureSchema) } },
    responses: {
      200: { description: 'La candidature refusée', ...json(candidatureSchema) },
      ...vivierErrorResponses({
        400: undefined,
        404: 'Candidature inconnue',
        409: 'La candidature n’est plus en attente (déjà validée ou refusée)',
        500: undefined,
      }),
    },
  });
}
