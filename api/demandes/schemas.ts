// Schemas of POST /api/demandes: one body per dispositif, told apart by `dispositif`.
import { z } from 'zod';
import '../openapi';
import { demandeAppuiConseilSchema } from '../../domain/appui-conseil';
import { demandeCompagnonnageSchema } from '../../domain/compagnonnage';
import { demandeDiagnosticSchema } from '../../domain/diagnostic';
import { ETAPES_TOUS_DISPOSITIFS } from '../dossiers/schemas';

/**
 * The idempotency key (body `requestId` or header `Idempotency-Key`, issue #15): only its SHA-256 enters the dossier id
 * (dossierIdFor). The charset (letters, digits, `.` `_` `:` `~` `-`, as a UUID or a ULID) keeps control characters, spaces
 * and email addresses out of it; 200 characters at most.
 */
export const requestIdSchema = z
  .string()
  .trim()
  .min(1, 'La clé d’idempotence est vide.')
  .max(200, 'La clé d’idempotence fait au plus 200 caractères (un UUID convient).')
  .regex(/^[A-Za-z0-9._:~-]+$/, 'La clé d’idempotence ne contient que des lettres sans accent, des chiffres et . _ : ~ - (un UUID convient).')
  .describe(
    'Identifiant de la requête choisi par le client (1 à 200 caractères : lettres sans accent, chiffres, . _ : ~ -, par exemple un UUID) : ' +
      'la même valeur renvoie le même dossier (idempotence), même pour des envois simultanés. Ne mettez pas de donnée personnelle.',
  );

export const demandeCompagnonnageBodySchema = demandeCompagnonnageSchema
  .extend({
    dispositif: z.literal('compagnonnage'),
    requestId: requestIdSchema.optional(),
  })
  .openapi('NouvelleDemandeCompagnonnage');

export const demandeAppuiConseilBodySchema = demandeAppuiConseilSchema
  .extend({
    dispositif: z.literal('appui_conseil'),
    requestId: requestIdSchema.optional(),
  })
  .openapi('NouvelleDemandeAppuiConseil');

export const demandeDiagnosticBodySchema = demandeDiagnosticSchema
  .extend({
    dispositif: z.literal('diagnostic'),
    requestId: requestIdSchema.optional(),
  })
  .openapi('NouvelleDemandeDiagnostic');

/** Other dispositifs join this union when their workflows exist. */
export const createDemandeBodySchema = z
  .discriminatedUnion('dispositif', [demandeCompagnonnageBodySchema, demandeAppuiConseilBodySchema, demandeDiagnosticBodySchema])
  .openapi('NouvelleDemande');
export type CreateDemandeBody = z.infer<typeof createDemandeBodySchema>;

export const idempotencyHeadersSchema = z.object({
  'Idempotency-Key': requestIdSchema.optional(),
});

export const demandeCreatedSchema = z
  .object({
    dossierId: z.string().openapi({ example: 'CMP-3F9A0C1B2D' }).describe('CMP-… (Compagnonnage), APC-… (Appui Conseil) ou DGN-… (Diagnostic)'),
    etape: z.enum(ETAPES_TOUS_DISPOSITIFS).describe("L'étape du dossier, selon son dispositif"),
    links: z.object({
      self: z.string().openapi({ example: '/api/dossiers/CMP-3F9A0C1B2D' }),
      temporalUi: z.string().openapi({ example: 'http://localhost:8233/namespaces/default/workflows/CMP-3F9A0C1B2D' }),
    }),
  })
  .openapi('DemandeEnregistree');
export type DemandeCreated = z.infer<typeof demandeCreatedSchema>;

/** 422: the demand is out of its dispositif's scope (nothing recorded), with the reasons and the dispositif to ask instead. */
export const demandeNonRecevableSchema = z
  .object({
    error: z.literal('demande_non_recevable'),
    message: z.string().describe('La raison, en français, et le dispositif à demander à la place'),
    details: z.object({
      motifs: z.array(z.string()),
      redirection: z
        .object({
          dispositif: z.enum(['compagnonnage', 'appui_conseil', 'diagnostic']),
          libelle: z.string().openapi({ example: 'Appui Conseil' }),
          formulaire: z.string().openapi({ example: '/demande/appui-conseil' }),
        })
        .optional()
        .describe('Le dispositif vers lequel se tourner, et son formulaire public'),
    }),
  })
  .openapi('DemandeNonRecevable');
export type DemandeNonRecevable = z.infer<typeof demandeNonRecevableSchema>;
