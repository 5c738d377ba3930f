// Schemas and helpers shared by the API resources.
import { z } from 'zod';
import './openapi'; // extends zod with .openapi() before any schema below uses it

/** The dispositifs served by the API today, with the prefix of their dossier ids. */
export const DOSSIER_PREFIXES = { compagnonnage: 'CMP', appui_conseil: 'APC', diagnostic: 'DGN' } as const;
export type DispositifServi = keyof typeof DOSSIER_PREFIXES;
export type DossierPrefix = (typeof DOSSIER_PREFIXES)[DispositifServi];
export const LIBELLES_DISPOSITIFS: Record<DispositifServi, string> = { compagnonnage: 'Compagnonnage', appui_conseil: 'Appui Conseil', diagnostic: 'Diagnostic' };

/**
 * A dossier id: its dispositif's prefix and 10 uppercase hex chars from a SHA-256, e.g. CMP-3F9A0C1B2D
 * (Compagnonnage), APC-3F9A0C1B2D (Appui Conseil) or DGN-3F9A0C1B2D (Diagnostic). No personal data, safe in URLs, logs and the Temporal UI.
 */
export const DOSSIER_ID_PATTERN = new RegExp(`^(${Object.values(DOSSIER_PREFIXES).join('|')})-[0-9A-F]{10}$`);
export const dossierIdSchema = z
  .string()
  .regex(
    DOSSIER_ID_PATTERN,
    'identifiant de dossier attendu au format CMP-XXXXXXXXXX (Compagnonnage), APC-XXXXXXXXXX (Appui Conseil) ou DGN-XXXXXXXXXX (Diagnostic), X étant 10 caractères hexadécimaux majuscules',
  )
  .openapi({ example: 'APC-3F9A0C1B2D' });

/** The dispositif of a dossier, from its id's prefix (the id must match DOSSIER_ID_PATTERN). */
export function dispositifOfDossier(dossierId: string): DispositifServi {
  const prefix = dossierId.slice(0, 3);
  const found = (Object.keys(DOSSIER_PREFIXES) as DispositifServi[]).find((d) => DOSSIER_PREFIXES[d] === prefix);
  if (!found) throw new Error(`no dispositif for the dossier id prefix ${prefix}`);
  return found;
}

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
export function errorResponses(...codes: (400 | 404 | 409 | 413 | 500 | 503)[]): Record<string, { description: string; content: { 'application/json': { schema: typeof errorResponseSchema } } }> {
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
