import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorResponses } from '../common';

export function registerHealthOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    tags: ['santé'],
    summary: 'Le processus répond',
    responses: { 200: { description: 'OK', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    tags: ['santé'],
    summary: 'Temporal est joignable',
    responses: {
      200: { description: 'Prêt', content: { 'application/json': { schema: z.object({ status: z.literal('ready'), temporal: z.literal('ok') }) } } },
      ...errorResponses(503),
    },
  });
}
