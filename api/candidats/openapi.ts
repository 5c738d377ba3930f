import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { dossierIdParamsSchema, errorResponses } from '../common';
import { anyDossierStateSchema } from '../dossiers/openapi';
import { classementAppuiConseilSchema } from './appui-conseil';
import { classementDiagnosticSchema, confirmationDiagnosticSchema } from './diagnostic';
import { candidatParamsSchema, classementDossierSchema, refusSchema } from './schemas';

export function registerCandidatsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/dossiers/{id}/candidats',
    tags: ['vivier'],
    summary: "Les candidats du vivier pour le dossier, classés, avec les raisons de leur rang ou de leur exclusion (à l'étape de désignation)",
    request: { params: dossierIdParamsSchema },
    responses: {
      200: {
        description:
          'Le besoin du dossier et le classement ; pour un Diagnostic, chaque rôle du binôme à pourvoir et les meilleurs binômes avec leurs raisons ; ' +
          'pour un Appui Conseil, le membre du réseau (et, pour information, les consultant·es de cabinet)',
        content: { 'application/json': { schema: z.union([classementDossierSchema, classementDiagnosticSchema, classementAppuiConseilSchema]) } },
      },
      ...errorResponses(400, 404, 409, 500),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/dossiers/{id}/candidats/{intervenantId}/confirmation',
    tags: ['vivier'],
    summary:
      "Confirmer un candidat : réservation atomique dans le vivier (jamais au-delà de sa capacité), puis l'intervenant est invité à accepter. " +
      'Hors classement : motif obligatoire (désignation manuelle).',
    request: {
      params: dossierIdParamsSchema.extend(candidatParamsSchema.shape),
      body: { content: { 'application/json': { schema: confirmationDiagnosticSchema } } },
    },
    responses: {
      200: {
        description: 'Le dossier, intervenant (diagnostiqueur·se, ou membre du réseau pour un Appui Conseil) désigné',
        content: { 'application/json': { schema: anyDossierStateSchema } },
      },
      ...errorResponses(400, 404, 409, 500),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/dossiers/{id}/candidats/{intervenantId}/refus',
    tags: ['vivier'],
    summary: "L'intervenant désigné décline (avec le motif) : sa réservation est libérée et le dossier revient au classement, sans lui",
    request: { params: dossierIdParamsSchema.extend(candidatParamsSchema.shape), body: { content: { 'application/json': { schema: refusSchema } } } },
    responses: {
      200: {
        description: 'Le dossier, de retour à la désignation (Appui Conseil : le membre du réseau est retiré du dossier)',
        content: { 'application/json': { schema: anyDossierStateSchema } },
      },
      ...errorResponses(400, 404, 409, 500),
    },
  });
}
