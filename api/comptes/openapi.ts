// OpenAPI of the staff accounts, API tokens and /api/moi (issue #12).
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorResponseSchema } from '../common';
import {
  compteParamsSchema,
  compteSchema,
  jetonCreeSchema,
  jetonParamsSchema,
  jetonSchema,
  modificationCompteSchema,
  moiSchema,
  nouveauCompteSchema,
  nouveauJetonSchema,
} from './schemas';

const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } } });
const erreur = (description: string) => ({ description, ...json(errorResponseSchema) });

export function registerComptesOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/moi',
    tags: ['comptes'],
    summary: 'Le compte connecté, le rôle de la requête et, pour une session, son jeton CSRF (en-tête X-CSRF-Token des requêtes POST, PATCH, DELETE)',
    responses: { 200: { description: 'Le compte connecté', ...json(moiSchema) } },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/comptes',
    tags: ['comptes'],
    summary: 'Les comptes UNML (administration)',
    responses: { 200: { description: 'Les comptes', ...json(z.array(compteSchema)) } },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/comptes',
    tags: ['comptes'],
    summary: 'Créer un compte UNML (administration) : la personne se connecte ensuite par un lien reçu par e-mail (/connexion)',
    request: { body: { required: true, ...json(nouveauCompteSchema) } },
    responses: {
      201: { description: 'Compte créé', ...json(compteSchema) },
      400: erreur('Champs invalides (details[].path)'),
      409: erreur('Un compte existe déjà pour cette adresse'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/comptes/{id}',
    tags: ['comptes'],
    summary: 'Un compte UNML (administration)',
    request: { params: compteParamsSchema },
    responses: { 200: { description: 'Le compte', ...json(compteSchema) }, 400: erreur('Identifiant invalide'), 404: erreur('Compte inconnu') },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/comptes/{id}',
    tags: ['comptes'],
    summary: 'Modifier un compte (nom, rôles, actif) ; désactivé, ses sessions se terminent aussitôt et ses jetons ne servent plus',
    request: { params: compteParamsSchema, body: { required: true, ...json(modificationCompteSchema) } },
    responses: {
      200: { description: 'Le compte modifié', ...json(compteSchema) },
      400: erreur('Champs invalides'),
      404: erreur('Compte inconnu'),
      409: erreur('Ce serait retirer le dernier compte administrateur actif'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/jetons',
    tags: ['comptes'],
    summary: 'Mes jetons d’API (sans leur secret)',
    responses: { 200: { description: 'Les jetons du compte connecté', ...json(z.array(jetonSchema)) } },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/jetons',
    tags: ['comptes'],
    summary: 'Créer un jeton d’API personnel : son secret (dsp_…) n’est montré qu’une fois ; rôle au plus celui du compte',
    request: { body: { required: true, ...json(nouveauJetonSchema) } },
    responses: {
      201: { description: 'Jeton créé, avec son secret', ...json(jetonCreeSchema) },
      400: erreur('Champs invalides'),
      403: erreur('Rôle demandé au-dessus de celui du compte (ou du jeton qui appelle)'),
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/jetons/{id}',
    tags: ['comptes'],
    summary: 'Révoquer un de mes jetons : il ne sert plus, aussitôt',
    request: { params: jetonParamsSchema },
    responses: {
      200: { description: 'Le jeton révoqué', ...json(jetonSchema) },
      400: erreur('Identifiant invalide'),
      404: erreur('Aucun jeton de ce nom pour ce compte'),
    },
  });
}
