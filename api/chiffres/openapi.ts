// OpenAPI of the network's figures (router.ts), from the schemas the routes validate with.
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { INDICATEURS_DOSSIERS } from '../../domain/chiffres';
import { REGION_CODES } from '../../domain/regions';
import { DISPOSITIFS } from '../../domain/schemas';
import { TYPES_INTERVENANT } from '../../domain/vivier';
import { errorResponseSchema, errorResponses } from '../common';
import { chiffresQuerySchema } from './schemas';

const entier = z.number().int();
const joursSchema = z.object({
  demiJournees: entier.describe('Demi-journées saisies (journées d’intervention, de diagnostic)'),
  minutes: entier.describe('Minutes saisies (séances, préparation, mise en commun)'),
  jours: z.number().describe('Jours : demi-journées / 2 + minutes / (60 × heuresParJour), à une décimale'),
});
const delaiSchema = z.object({
  nombre: entier.describe('Dossiers mesurés'),
  mediane: entier.optional().describe('Médiane en jours (rang le plus proche : la valeur du milieu inférieure pour un nombre pair)'),
  p90: entier.optional().describe('90e centile en jours (rang le plus proche : la valeur de rang ⌈0,9·n⌉)'),
});
const blocSchema = z.object({
  dossiers: z.object(Object.fromEntries(Object.keys(INDICATEURS_DOSSIERS).map((k) => [k, entier])) as Record<keyof typeof INDICATEURS_DOSSIERS, typeof entier>),
  jours: z.object({
    consultants: joursSchema.describe('consultant_cabinet'),
    expertiseInterne: joursSchema.describe('directeur_ml et expert_reseau'),
    parType: z.object(
      Object.fromEntries(Object.keys(TYPES_INTERVENANT).map((k) => [k, joursSchema])) as Record<keyof typeof TYPES_INTERVENANT, typeof joursSchema>,
    ),
  }),
  membresReseau: entier.describe('Membres du réseau distincts : travail saisi dans la période, ou désignés sur un dossier en cours dans la période'),
  consultants: entier.describe('Consultant·es de cabinet distinct·es, même règle'),
  delais: z.object({ demandeLancement: delaiSchema, demandeCloture: delaiSchema }),
});

export const chiffresSchema = z
  .object({
    periode: z.object({ du: z.string(), au: z.string(), annee: entier.optional() }),
    region: z.enum(REGION_CODES).optional(),
    dispositif: z.enum(DISPOSITIFS).optional(),
    heuresParJour: z.number().describe('REPORTING_HEURES_PAR_JOUR : les heures qui font une journée'),
    dispositifs: z.array(z.enum(DISPOSITIFS)),
    parDispositif: z.record(z.enum(DISPOSITIFS), blocSchema),
    total: blocSchema.describe('Tous les dispositifs affichés (membres distincts : pas la somme des colonnes)'),
    demandesParMois: z.array(z.object({ mois: z.string().describe('AAAA-MM'), nombre: entier })),
    questionnaires: z.array(
      z.object({
        dispositif: z.enum(DISPOSITIFS),
        questions: z.array(
          z.object({
            question: z.string(),
            nombre: entier,
            moyenne: z.number().optional().describe('Moyenne des réponses numériques, à une décimale'),
            numeriques: entier,
            textes: z.array(z.string()).describe('Les réponses en texte libre'),
          }),
        ),
      }),
    ),
    chargeVivier: z.array(
      z.object({
        type: z.enum(Object.keys(TYPES_INTERVENANT) as [keyof typeof TYPES_INTERVENANT]),
        intervenants: entier,
        capaciteDossiers: entier,
        reservations: entier,
        tauxPourcent: entier.optional(),
        capaciteHeuresMois: entier,
        heuresMoisReservees: entier,
      }),
    ),
  })
  .openapi('ChiffresReseau');

export function registerChiffresOpenApi(registry: OpenAPIRegistry): void {
  const description =
    'Calculés depuis les dossiers eux-mêmes (modèle de lecture du reporting), jamais saisis : dossiers demandés, acceptés, déclinés, ' +
    'hors champ, en liste d’attente, en cours, clôturés, abandonnés, caducs ; jours de cabinets de conseil et d’expertise interne du ' +
    'réseau ; membres du réseau distincts ; délais médian et 90e centile ; résultats des questionnaires ; charge actuelle du vivier. ' +
    'Une année civile (annee) ou une période (du, au, jours de Paris inclus) ; sans l’une ni l’autre, l’année en cours.';
  registry.registerPath({
    method: 'get',
    path: '/api/chiffres',
    tags: ['chiffres'],
    summary: 'Les chiffres du réseau sur une année ou une période',
    description,
    operationId: 'chiffresReseau',
    request: { query: chiffresQuerySchema },
    responses: {
      200: { description: 'Les chiffres', content: { 'application/json': { schema: chiffresSchema } } },
      400: {
        description: 'Requête invalide : chaque champ en erreur dans details, en français',
        content: { 'application/json': { schema: errorResponseSchema } },
      },
      ...errorResponses(500),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/chiffres.csv',
    tags: ['chiffres'],
    summary: 'Les chiffres du réseau en CSV (« ; », virgule décimale, UTF-8 avec BOM)',
    description: `${description} Une ligne par indicateur, une colonne par dispositif et le total.`,
    operationId: 'chiffresReseauCsv',
    request: { query: chiffresQuerySchema },
    responses: {
      200: { description: 'En pièce jointe chiffres-<période>.csv', content: { 'text/csv': { schema: z.string() } } },
      400: {
        description: 'Requête invalide : chaque champ en erreur dans details, en français',
        content: { 'application/json': { schema: errorResponseSchema } },
      },
      ...errorResponses(500),
    },
  });
}
