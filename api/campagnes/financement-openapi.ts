// OpenAPI of a campaign's indicators, funding and survey (financement-router.ts), from the schemas the routes validate with.
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorResponseSchema, errorResponses } from '../common';
import { campagneAnneeParamsSchema, campagneParamsSchema, financementQuerySchema, indicateursBodySchema } from './financement';

const centimes = z.number().int().describe('Montant en centimes d’euro (entier)');

const partSchema = z.object({ indicateur: z.string(), montant: centimes, explication: z.string() });

export const financementSchema = z
  .object({
    enveloppe: centimes,
    axes: z.array(z.object({ axe: z.string(), libelle: z.string(), montant: centimes, provisoire: z.boolean(), explication: z.string() })),
    avanceTotale: centimes.describe('L’avance versée à la signature (part de l’enveloppe, arrondie au centime inférieur)'),
    mls: z.array(
      z.object({
        code: z.string(),
        nom: z.string(),
        axes: z.array(z.object({ axe: z.string(), montant: centimes, provisoire: z.boolean(), parts: z.array(partSchema) })),
        total: centimes,
        avance: centimes,
        solde: centimes.optional().describe('Après le dialogue de gestion (négatif : un trop-perçu à reverser) ; absent tant que le calcul est provisoire'),
        explication: z.array(z.string()),
      }),
    ),
    provisoire: z.boolean().describe('Vrai tant qu’un axe variable (axe 3) n’est pas réglé par les dialogues de gestion'),
    arrondis: z.string().describe('Comment les centimes des arrondis sont placés (la somme des parts est exactement l’enveloppe)'),
  })
  .openapi('FinancementCampagne');

const erreurValeurSchema = z.object({
  ligne: z.number().int().optional().describe('CSV : la ligne du fichier (1 = la ligne des colonnes)'),
  colonne: z.string().optional(),
  chemin: z.string().optional().describe('JSON : où dans le corps (mls.0.valeurs.i8)'),
  message: z.string(),
});

const enqueteSchema = z
  .object({
    campagneId: z.string(),
    lanceeLe: z.string().optional(),
    interroges: z.number().int().describe('Les directions interrogées : les Missions Locales encore dans la campagne'),
    repondants: z.number().int(),
    questions: z.array(
      z.object({
        code: z.string(),
        libelle: z.string(),
        pour: z.number().int(),
        contre: z.number().int(),
        sansReponse: z.number().int(),
        partPour: z.number().int().optional().describe('La part des réponses favorables, en pour cent entiers (arrondie à l’inférieur)'),
        texte: z.string(),
      }),
    ),
  })
  .openapi('ResultatsEnqueteCampagne');

export function registerFinancementCampagneOpenApi(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'put',
    path: '/api/campagnes/{id}/indicateurs/{annee}',
    tags: ['campagnes'],
    summary: 'Enregistrer les indicateurs des axes 1–2 d’une année de financement (JSON ou CSV)',
    description:
      'Les valeurs de l’année n-1 de chaque Mission Locale, qui remplacent celles de l’année. En JSON, ou en CSV (Content-Type: text/csv, ' +
      'UTF-8 ou le charset indiqué) : une ligne d’en-tête `code_ml;nom_ml;i1;…;i7` (séparateur « ; » ou « , » comme l’en-tête, `nom_ml` facultatif), ' +
      'une ligne par Mission Locale, des nombres entiers (espaces de milliers admis), une cellule vide pour une valeur inconnue. Toutes les erreurs ' +
      'sont dites à la fois (ligne et colonne en CSV, chemin en JSON) et rien n’est enregistré : Mission Locale hors de la campagne ou retirée, ' +
      'indicateur inconnu, indicateur de l’axe 3 (réglé dans le dialogue de gestion), valeur qui n’est pas un entier positif.',
    operationId: 'campagneEnregistrerIndicateurs',
    request: {
      params: campagneAnneeParamsSchema,
      body: {
        required: true,
        content: {
          'application/json': { schema: indicateursBodySchema },
          'text/csv': {
            schema: z.string().openapi({ example: 'code_ml;nom_ml;i1;i2;i3;i4;i5;i6;i7\nML-COLMAR;Mission Locale de Colmar;1250;480;1630;610;140;75;22\n' }),
          },
        },
      },
      query: z.object({ par: z.string().optional().describe('CSV : qui envoie le fichier (par défaut : le compte de la requête)') }),
    },
    responses: {
      200: {
        description: 'Enregistré : les Missions Locales de l’année, et si le financement est calculable (sinon, ce qui manque)',
        content: {
          'application/json': {
            schema: z.object({
              campagneId: z.string(),
              annee: z.number().int(),
              enregistreLe: z.string().optional(),
              mls: z.array(z.string()),
              financement: z.object({ calculable: z.boolean(), lien: z.string(), raisons: z.array(z.string()).optional() }),
            }),
          },
        },
      },
      400: {
        description: 'Valeurs refusées : chaque erreur dans `erreurs` (CSV : ligne et colonne ; JSON : chemin) et dans `details`',
        content: { 'application/json': { schema: errorResponseSchema.extend({ erreurs: z.array(erreurValeurSchema).optional() }) } },
      },
      ...errorResponses(404, 409, 413, 500),
      415: { description: 'Ni JSON ni CSV', content: { 'application/json': { schema: errorResponseSchema } } },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campagnes/{id}/financement/{annee}',
    tags: ['campagnes'],
    summary: 'Le financement d’une année par indicateurs : enveloppe, axes, allocation de chaque Mission Locale, avance, solde, explications',
    description:
      'Sur les Missions Locales encore dans la campagne, les indicateurs des axes 1–2 de l’année et l’axe 3 réglé par chaque dialogue de gestion. ' +
      'Montants en centimes d’euro ; la somme des allocations est l’enveloppe au centime près. En CSV avec ?format=csv ou Accept: text/csv ' +
      '(`code_ml;nom_ml;axe1_euros;…;total_euros;avance_euros;solde_euros`, virgule décimale, une ligne TOTAL). La page imprimable : ' +
      'GET /campagnes/{id}/financement/{annee} (et /{ml} pour une Mission Locale).',
    operationId: 'campagneFinancement',
    request: { params: campagneAnneeParamsSchema, query: financementQuerySchema },
    responses: {
      200: {
        description: 'Le calcul (CSV : en pièce jointe financement-<id>-<annee>.csv)',
        content: { 'application/json': { schema: financementSchema }, 'text/csv': { schema: z.string() } },
      },
      ...errorResponses(400),
      404: {
        description: 'Campagne inconnue, ou aucun indicateur pour cette année (financement_inconnu)',
        content: { 'application/json': { schema: errorResponseSchema } },
      },
      409: {
        description:
          'Pas encore calculable (financement_incomplet) : une valeur manque, ou l’axe 3 n’est réglé que pour certaines Missions Locales ; ' +
          'chaque raison dans details',
        content: { 'application/json': { schema: errorResponseSchema } },
      },
      ...errorResponses(500),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/campagnes/{id}/enquete',
    tags: ['campagnes'],
    summary: 'Les résultats de l’enquête auprès des directions : par question, la part des réponses favorables',
    description: 'Parmi les Missions Locales encore dans la campagne (la réponse d’une Mission Locale retirée ne compte plus ; sa dernière réponse sinon).',
    operationId: 'campagneResultatsEnquete',
    request: { params: campagneParamsSchema },
    responses: {
      200: { description: 'Les résultats', content: { 'application/json': { schema: enqueteSchema } } },
      ...errorResponses(400),
      404: { description: 'Campagne inconnue, ou sans enquête', content: { 'application/json': { schema: errorResponseSchema } } },
      ...errorResponses(500),
    },
  });
}
