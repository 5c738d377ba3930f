// Schemas of /api/candidatures: the public application ("Je candidate", also the page /candidater) and staff's
// decision on it.
import { z } from 'zod';
import '../openapi';
import { evenementSchema, idParam, intervenantFicheSchema, memeSiAutresErreurs, parStaff, profilForme, reglesDuType } from '../intervenants/schemas';

export const STATUTS_CANDIDATURE = ['en_attente', 'validee', 'refusee'] as const;

export const candidatureBodySchema = z
  .object({
    ...profilForme,
    motivation: z
      .string()
      .trim()
      .min(1, 'ne peut pas être vide')
      .max(4000, 'au plus 4 000 caractères')
      .describe('Pourquoi vous souhaitez intervenir, votre expérience'),
    consentement: z
      .literal(true, 'le consentement est nécessaire pour étudier la candidature')
      .describe("La personne accepte que l'UNML conserve ces informations pour étudier sa candidature et, si elle est retenue, la solliciter"),
  })
  .superRefine(reglesDuType, memeSiAutresErreurs)
  .openapi('NouvelleCandidature');
export type CandidatureBody = z.output<typeof candidatureBodySchema>;

export const candidatureParamsSchema = z.object({ id: idParam('CAND-4T8W2P') });
export const listCandidaturesQuerySchema = z.object({ statut: z.enum(STATUTS_CANDIDATURE).optional() });
export const validationSchema = z.object({ par: parStaff }).openapi('ValidationCandidature');
export const refusCandidatureSchema = z
  .object({ par: parStaff, motif: z.string().trim().min(1, 'ne peut pas être vide').max(2000).describe('Pourquoi la candidature est refusée (historique)') })
  .openapi('RefusCandidature');

// --- Responses --------------------------------------------------------------------------------------------
/** What the public answer says: the reference only, never the stored application (it may be someone else's, by email). */
export const candidatureDeposeeSchema = z
  .object({
    reference: z.string().openapi({ example: 'CAND-4T8W2P' }),
    statut: z.enum(STATUTS_CANDIDATURE),
    deposeeLe: z.string(),
    doublon: z.boolean().describe('true : une candidature en attente existait déjà pour cette adresse ; c’est la même référence'),
    message: z.string(),
  })
  .openapi('CandidatureDeposee');

export const candidatureSchema = z
  .object({
    id: z.string(),
    statut: z.enum(STATUTS_CANDIDATURE),
    deposeeLe: z.string(),
    type: profilForme.type,
    nom: z.string(),
    email: z.string(),
    telephone: z.string().optional(),
    region: profilForme.region,
    missionLocaleCode: z.string().optional(),
    cabinet: z.string().optional(),
    expertises: z.array(z.string()),
    capaciteDossiers: z.number().int(),
    capaciteHeuresMois: z.number().int(),
    connaissances: z.array(z.object({ missionLocaleCode: z.string(), personne: z.string().optional() })),
    motivation: z.string(),
    decision: z.object({ par: z.string(), le: z.string(), motif: z.string().optional(), intervenantId: z.string().optional() }).optional(),
  })
  .openapi('Candidature');

export const candidatureDetailSchema = z.object({ candidature: candidatureSchema, historique: z.array(evenementSchema) }).openapi('CandidatureDetail');
export const candidatureValideeSchema = z.object({ candidature: candidatureSchema, intervenant: intervenantFicheSchema }).openapi('CandidatureValidee');
