import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { dossierIdParamsSchema, errorResponses } from '../common';
import { documentSuiviQuerySchema } from './schemas';

export function registerDocumentSuiviOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers/{id}/document-suivi',
    tags: ['document de suivi'],
    summary: 'Le document de suivi du dossier (JSON)',
    description:
      'Appui Conseil : rapport de diagnostic, fiche de cadrage, fiche de suivi intermédiaire (plan d’action, rétroplanning, ' +
      'journées d’intervention et totaux, déplacements, appels), fiche bilan, et livrables. Compagnonnage : fiche de cadrage, ' +
      'fiche de suivi (séances), fiche bilan. Diagnostic : binôme, rapport de diagnostic (rapport croisé, retours de la Mission Locale, ' +
      'modifications), revue finale et conclusions, rendez-vous (mise en commun, journée sur site, revue finale), analyses individuelles, ' +
      'programme des rencontres, débriefing, rapports normés, précisions demandées à la Mission Locale. Chaque liste est dans l’ordre des dates.',
    operationId: 'documentSuivi',
    request: { params: dossierIdParamsSchema },
    responses: {
      200: {
        description: 'Le document, partie par partie',
        content: {
          'application/json': {
            schema: z.object({ titre: z.string(), dossierId: z.string(), dispositif: z.string(), parties: z.record(z.string(), z.unknown()) }).passthrough(),
          },
        },
      },
      ...errorResponses(400, 404, 500),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers/{id}/document-suivi.html',
    tags: ['document de suivi'],
    summary: 'Le document de suivi du dossier, en une page HTML imprimable (français)',
    operationId: 'documentSuiviHtml',
    request: { params: dossierIdParamsSchema, query: documentSuiviQuerySchema },
    responses: {
      200: { description: 'Le document HTML (avec ?download=1 : en pièce jointe document-suivi-<id>.html)', content: { 'text/html': { schema: z.string() } } },
      ...errorResponses(400, 404, 500),
    },
  });
}
