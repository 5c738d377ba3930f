import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  creerIntervenantSchema,
  intervenantDetailSchema,
  intervenantFicheSchema,
  intervenantParamsSchema,
  listIntervenantsQuerySchema,
  modifierIntervenantSchema,
  retraitSchema,
  vivierErrorResponses,
} from './schemas';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });

export function registerIntervenantsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/intervenants',
    tags: ['vivier'],
    summary: "Les intervenants du vivier d'experts, filtrés par type, région, activité ou statut",
    request: { query: listIntervenantsQuerySchema },
    responses: {
      200: { description: 'Les intervenants', ...json(z.array(intervenantFicheSchema)) },
      ...vivierErrorResponses({ 400: 'Filtre invalide', 500: undefined }),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/intervenants/{id}',
    tags: ['vivier'],
    summary: "Un intervenant, avec ses réservations actives et l'historique de sa fiche",
    request: { params: intervenantParamsSchema },
    responses: {
      200: { description: "L'intervenant", ...json(intervenantDetailSchema) },
      ...vivierErrorResponses({ 400: undefined, 404: 'Intervenant inconnu', 500: undefined }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/intervenants',
    tags: ['vivier'],
    summary: "Ajouter un intervenant au vivier (saisi par l'UNML, sans candidature)",
    description:
      'Les codes de Mission Locale sont vérifiés dans le référentiel (GET /api/referentiel/missions-locales) ; la Mission Locale de ' +
      'rattachement doit être dans la région indiquée. Un·e directeur·rice de ML indique sa Mission Locale, un·e consultant·e son cabinet.',
    request: { body: { required: true, ...json(creerIntervenantSchema) } },
    responses: {
      201: { description: 'Intervenant créé', ...json(intervenantFicheSchema) },
      ...vivierErrorResponses({ 400: 'Champs invalides ou code de Mission Locale inconnu (details[].path)', 500: undefined }),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/intervenants/{id}',
    tags: ['vivier'],
    summary: 'Modifier un intervenant : type, coordonnées, capacité, expertises, indisponibilités, connaissances, activité…',
    description:
      'Seuls les champs envoyés changent ; les listes (indisponibilités, connaissances, expertises) sont remplacées entières. ' +
      'telephone, missionLocaleCode et cabinet à null sont retirés de la fiche. ' +
      'Les règles du type valent sur la fiche modifiée : un·e directeur·rice de ML garde une Mission Locale, un·e consultant·e un cabinet (400 sinon). ' +
      'Une capacité inférieure à sa charge actuelle, ou un changement de type tant que l’intervenant a des réservations actives, est refusé (409). ' +
      'Chaque modification est inscrite à l’historique (avant, après, qui, quand).',
    request: { params: intervenantParamsSchema, body: { required: true, ...json(modifierIntervenantSchema) } },
    responses: {
      200: { description: "L'intervenant modifié", ...json(intervenantFicheSchema) },
      ...vivierErrorResponses({
        400: undefined,
        404: 'Intervenant inconnu',
        409: 'Refusé : capacité inférieure à la charge actuelle, ou changement de type avec des réservations actives (message : les dossiers à libérer)',
        500: undefined,
      }),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/intervenants/{id}/retrait',
    tags: ['vivier'],
    summary: 'Retirer un intervenant du vivier (avec le motif) ; refusé tant qu’il a des réservations actives',
    request: { params: intervenantParamsSchema, body: { required: true, ...json(retraitSchema) } },
    responses: {
      200: { description: "L'intervenant, statut « retire »", ...json(intervenantFicheSchema) },
      ...vivierErrorResponses({ 400: undefined, 404: 'Intervenant inconnu', 409: 'Refusé : réservations actives', 500: undefined }),
    },
  });
}
