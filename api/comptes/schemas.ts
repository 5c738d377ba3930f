// The staff accounts' and API tokens' JSON (issue #12): what admins send to manage accounts, what everyone sends
// to manage their own tokens, and what the API answers. French messages (domain/erreurs-fr.ts for the rest).
import { z } from 'zod';
import { ROLES_COMPTE } from '../../db/comptes-store';

export const roleCompteSchema = z.enum(ROLES_COMPTE).describe('admin : tout, comptes compris ; charge_mission : lit et agit ; lecture : lit');

export const compteSchema = z
  .object({
    id: z.string().openapi({ example: 'CPT-7K2M9QXR4T' }),
    email: z.string(),
    nom: z.string(),
    roles: z.array(roleCompteSchema),
    actif: z.boolean(),
    creeLe: z.string(),
    creePar: z.string(),
    modifieLe: z.string(),
    modifiePar: z.string(),
  })
  .openapi('Compte');

/** A staff account's id, e.g. CPT-7K2M9QXR4T. */
export const compteIdSchema = z
  .string()
  .trim()
  .regex(/^CPT-[0-9A-Z]{6,20}$/, 'Identifiant de compte invalide (ex. CPT-7K2M9QXR4T).');

export const compteParamsSchema = z.object({ id: compteIdSchema.openapi({ param: { name: 'id', in: 'path' } }) });

const nom = z.string().trim().min(1, 'Le nom est obligatoire.').max(200, 'Le nom fait au plus 200 caractères.');
const roles = z.array(roleCompteSchema).min(1, 'Au moins un rôle : admin, charge_mission ou lecture.');

export const nouveauCompteSchema = z
  .object({ email: z.string().trim().email('Adresse e-mail invalide.').max(254), nom, roles })
  .strict()
  .openapi('NouveauCompte');

export const modificationCompteSchema = z
  .object({
    nom: nom.optional(),
    roles: roles.optional(),
    actif: z.boolean().optional().describe('false : ses sessions se terminent aussitôt, ses jetons ne servent plus'),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Envoyez au moins un champ à modifier : nom, roles ou actif.')
  .openapi('ModificationCompte');

export const jetonSchema = z
  .object({
    id: z.string().openapi({ example: 'JET-4M8Q2ZK7RT' }),
    compteId: z.string(),
    nom: z.string(),
    role: roleCompteSchema,
    creeLe: z.string(),
    expireLe: z.string(),
    dernierUsageLe: z.string().optional(),
    revoqueLe: z.string().optional(),
  })
  .openapi('JetonApi');

export const JETON_DUREE_MAX_JOURS = 365;

export const nouveauJetonSchema = z
  .object({
    nom: z.string().trim().min(1, 'Donnez un nom au jeton (à quoi il sert).').max(100, 'Le nom fait au plus 100 caractères.'),
    role: roleCompteSchema.optional().describe('Par défaut le rôle le plus élevé du compte ; jamais au-dessus'),
    dureeJours: z
      .number()
      .int('Un nombre entier de jours.')
      .min(1, 'Au moins 1 jour.')
      .max(JETON_DUREE_MAX_JOURS, `Au plus ${JETON_DUREE_MAX_JOURS} jours.`)
      .default(90)
      .describe('Durée de validité en jours (90 par défaut, 365 au plus)'),
  })
  .strict()
  .openapi('NouveauJeton');

export const jetonCreeSchema = jetonSchema
  .extend({ jeton: z.string().describe('Le secret, montré cette seule fois : Authorization: Bearer dsp_…').openapi({ example: 'dsp_…' }) })
  .openapi('JetonCree');

export const jetonParamsSchema = z.object({
  id: z
    .string()
    .regex(/^JET-[0-9A-Z]{6,20}$/, 'Identifiant de jeton invalide (ex. JET-4M8Q2ZK7RT).')
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const moiSchema = z
  .object({ compte: compteSchema, role: roleCompteSchema.describe('Le rôle de cette requête'), via: z.enum(['session', 'jeton']), csrf: z.string().optional() })
  .openapi('Moi');
