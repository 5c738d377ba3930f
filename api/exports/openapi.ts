// OpenAPI of the exports (router.ts), from the schemas the routes validate with.
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorResponseSchema } from '../common';
import { FORMATS_EXPORT, LIBELLES_OBJETS, OBJETS_EXPORT } from './catalogue';
import { TYPES_MIME } from './ecriture';
import {
  colonnesCatalogueSchema,
  exportProgrammeBodySchema,
  exportProgrammeIdParamsSchema,
  exportProgrammeSchema,
  exportQuerySchema,
  modeleExportBodySchema,
  modeleExportPatchSchema,
  modeleExportSchema,
  modeleIdParamsSchema,
} from './schemas';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const erreur = (description: string) => ({ description, ...json(errorResponseSchema) });
const fichier = (format: (typeof FORMATS_EXPORT)[number]) => ({
  description:
    format === 'csv'
      ? 'Le fichier CSV (séparateur « ; », UTF-8 avec BOM, dates JJ/MM/AAAA, virgule décimale), une ligne d’en-têtes en français'
      : 'Le classeur XLSX (une feuille, en-têtes en français en gras, dates et nombres typés)',
  content: { [TYPES_MIME[format].split(';')[0]!]: { schema: z.string().openapi({ format: 'binary' }) } },
});
const E400 = erreur('Requête invalide : chaque champ en erreur dans details[] (path, message), en français');

export function registerExportsOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/exports/colonnes',
    tags: ['exports'],
    summary: 'Les colonnes exportables de chaque objet (dossiers, unités de travail), avec leur en-tête en français',
    responses: { 200: { description: 'Les colonnes, dans l’ordre par défaut', ...json(colonnesCatalogueSchema) } },
  });
  for (const objet of OBJETS_EXPORT)
    for (const format of FORMATS_EXPORT)
      registry.registerPath({
        method: 'get',
        path: `/api/exports/${objet}.${format}`,
        tags: ['exports'],
        summary: `Exporter les ${LIBELLES_OBJETS[objet].toLowerCase()} en ${format.toUpperCase()} (colonnes choisies, filtres de la liste des dossiers)`,
        description:
          'Le fichier est produit au fil de la lecture du modèle de reporting (par pages) : 10 000 lignes ne sont jamais en mémoire à la fois. ' +
          (objet === 'dossiers' ? 'La période (du, au) porte sur la date de la demande.' : 'La période (du, au) porte sur la date du travail.'),
        request: { query: exportQuerySchema },
        responses: { 200: fichier(format), 400: E400 },
      });

  registry.registerPath({
    method: 'get',
    path: '/api/exports/modeles',
    tags: ['exports'],
    summary: 'Les modèles d’export enregistrés, par nom',
    responses: { 200: { description: 'Les modèles', ...json(z.array(modeleExportSchema)) } },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/exports/modeles',
    tags: ['exports'],
    summary: 'Enregistrer un modèle d’export : un nom unique, un objet, des colonnes dans l’ordre, des filtres',
    request: { body: { required: true, ...json(modeleExportBodySchema) } },
    responses: { 201: { description: 'Le modèle créé', ...json(modeleExportSchema) }, 400: E400, 409: erreur('Un modèle porte déjà ce nom') },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/exports/modeles/{id}',
    tags: ['exports'],
    summary: 'Un modèle d’export',
    request: { params: modeleIdParamsSchema },
    responses: { 200: { description: 'Le modèle', ...json(modeleExportSchema) }, 400: E400, 404: erreur('Modèle inconnu') },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/exports/modeles/{id}',
    tags: ['exports'],
    summary: 'Modifier un modèle d’export (les champs donnés ; les colonnes vérifiées pour son objet)',
    request: { params: modeleIdParamsSchema, body: { required: true, ...json(modeleExportPatchSchema) } },
    responses: {
      200: { description: 'Le modèle modifié', ...json(modeleExportSchema) },
      400: E400,
      404: erreur('Modèle inconnu'),
      409: erreur('Un autre modèle porte déjà ce nom'),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/exports/modeles/{id}',
    tags: ['exports'],
    summary: 'Supprimer un modèle d’export',
    request: { params: modeleIdParamsSchema },
    responses: { 204: { description: 'Supprimé' }, 400: E400, 404: erreur('Modèle inconnu'), 409: erreur('Un export programmé l’utilise encore') },
  });
  for (const format of FORMATS_EXPORT)
    registry.registerPath({
      method: 'get',
      path: `/api/exports/modeles/{id}.${format}`,
      tags: ['exports'],
      summary: `Exécuter un modèle d’export en ${format.toUpperCase()}`,
      request: { params: modeleIdParamsSchema },
      responses: { 200: fichier(format), 400: E400, 404: erreur('Modèle inconnu') },
    });

  registry.registerPath({
    method: 'get',
    path: '/api/exports/programmes',
    tags: ['exports'],
    summary: 'Les exports programmés (un modèle envoyé chaque mois ou chaque trimestre à des destinataires)',
    responses: { 200: { description: 'Les exports programmés', ...json(z.array(exportProgrammeSchema)) } },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/exports/programmes',
    tags: ['exports'],
    summary: 'Programmer un export : une planification Temporal (Schedule) l’envoie, par un lien de téléchargement signé et limité dans le temps',
    description:
      'Chaque mois (le 1er à 6 h, heure de Paris) ou chaque trimestre (1er janvier, avril, juillet, octobre). Les adresses des destinataires ' +
      '(personnel UNML ou financeurs) restent dans la base : la planification et son workflow ne portent que l’identifiant de l’export.',
    request: { body: { required: true, ...json(exportProgrammeBodySchema) } },
    responses: { 201: { description: 'L’export programmé', ...json(exportProgrammeSchema) }, 400: E400, 404: erreur('Modèle inconnu') },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/exports/programmes/{id}',
    tags: ['exports'],
    summary: 'Arrêter un export programmé (sa planification est supprimée)',
    request: { params: exportProgrammeIdParamsSchema },
    responses: { 204: { description: 'Supprimé' }, 400: E400, 404: erreur('Export programmé inconnu') },
  });
}
