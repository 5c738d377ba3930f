// Schemas and helpers shared by the API resources.
import { z } from 'zod';
import './openapi'; // extends zod with .openapi() before any schema below uses it
import { DISPOSITIFS_API, dispositifApiOf, type DispositifServi } from './dossiers/dispositifs';

/** The dispositifs served by the API today (api/dossiers/dispositifs.ts), with the prefix of their dossier ids and their French names. */
export type { DispositifServi };
export const DOSSIER_PREFIXES = Object.fromEntries(DISPOSITIFS_API.map((d) => [d.dispositif, d.prefix])) as Record<DispositifServi, string>;
export const LIBELLES_DISPOSITIFS = Object.fromEntries(DISPOSITIFS_API.map((d) => [d.dispositif, d.libelle])) as Record<DispositifServi, string>;

/**
 * A dossier id: its dispositif's prefix and 10 uppercase hex chars from a SHA-256, e.g. CMP-3F9A0C1B2D
 * (Compagnonnage), APC-3F9A0C1B2D (Appui Conseil) or DGN-3F9A0C1B2D (Diagnostic). No personal data, safe in URLs, logs and the Temporal UI.
 */
export const DOSSIER_ID_PATTERN = new RegExp(`^(${DISPOSITIFS_API.map((d) => d.prefix).join('|')})-[0-9A-F]{10}$`);
const formats = DISPOSITIFS_API.map((d) => `${d.prefix}-XXXXXXXXXX (${d.libelle})`);
export const dossierIdSchema = z
  .string()
  .regex(
    DOSSIER_ID_PATTERN,
    `identifiant de dossier attendu au format ${formats.slice(0, -1).join(', ')} ou ${formats.at(-1)}, X étant 10 caractères hexadécimaux majuscules`,
  )
  .openapi({ example: 'APC-3F9A0C1B2D' });

/** The dispositif of a dossier, from its id's prefix (the id must match DOSSIER_ID_PATTERN). */
export const dispositifOfDossier = (dossierId: string): DispositifServi => dispositifApiOf(dossierId).dispositif as DispositifServi;

export const dossierIdParamsSchema = z.object({ id: dossierIdSchema.openapi({ param: { name: 'id', in: 'path' } }) });

export const errorResponseSchema = z
  .object({
    error: z.string().openapi({ example: 'validation' }),
    message: z.string(),
    details: z
      .union([z.array(z.object({ path: z.string(), message: z.string() })), z.record(z.string(), z.unknown())])
      .optional()
      .describe('400 : les champs en erreur (path, message) ; 409 du vivier : le contexte du refus'),
  })
  .openapi('Error');

/** OpenAPI response entries for the errors every route may answer. */
export function errorResponses(
  ...codes: (400 | 404 | 409 | 413 | 500 | 503)[]
): Record<string, { description: string; content: { 'application/json': { schema: typeof errorResponseSchema } } }> {
  const descriptions: Record<number, string> = {
    400: 'Requête invalide (JSON malformé ou champs invalides : voir details[].path)',
    404: 'Dossier inconnu',
    409: "Action refusée à l'étape courante du dossier (message : la raison)",
    413: 'Fichier ou corps de requête trop volumineux',
    500: 'Erreur interne',
    503: 'Temporal injoignable',
  };
  return Object.fromEntries(codes.map((c) => [String(c), { description: descriptions[c]!, content: { 'application/json': { schema: errorResponseSchema } } }]));
}

export function temporalUiLink(baseUrl: string, namespace: string, workflowId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
