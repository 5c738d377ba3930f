import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { vivierErrorResponses } from '../intervenants/schemas';
import { missionLocaleRefSchema, missionsLocalesQuerySchema, regionRefSchema } from './schemas';

export function registerReferentielOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/referentiel/regions',
    tags: ['référentiel'],
    summary: 'Les régions et leur ARML',
    responses: {
      200: { description: 'Les régions', content: { 'application/json': { schema: z.array(regionRefSchema) } } },
      ...vivierErrorResponses({ 500: undefined }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/referentiel/missions-locales',
    tags: ['référentiel'],
    summary: 'Les Missions Locales (codes utilisés par le vivier), éventuellement d’une région',
    request: { query: missionsLocalesQuerySchema },
    responses: {
      200: { description: 'Les Missions Locales', content: { 'application/json': { schema: z.array(missionLocaleRefSchema) } } },
      ...vivierErrorResponses({ 400: 'Région inconnue', 500: undefined }),
    },
  });
}
