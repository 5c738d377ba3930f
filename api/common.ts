// Schemas and helpers shared by the API resources.
import { z } from 'zod';
import './openapi'; // extends zod with .openapi() before any schema below uses it

/**
 * A dossier id: a dispositif prefix and 10 uppercase hex chars from a SHA-256, e.g. CMP-3F9A0C1B2D.
 * No personal data, safe in URLs, logs and the Temporal UI.
 */
export const DOSSIER_ID_PATTERN = /^[A-Z]{3}-[0-9A-F]{10}$/;
export const dossierIdSchema = z
  .string()
  .regex(DOSSIER_ID_PATTERN, 'identifiant de dossier attendu au format CMP-XXXXXXXXXX (10 caractères hexadécimaux majuscules)')
  .openapi({ example: 'CMP-3F9A0C1B2D' });

export const dossierIdParamsSchema = z.object({ id: dossierIdSchema.openapi({ param: { name: 'id', in: 'path' } }) });

export const errorResponseSchema = z
  .object({
    error: z.string().openapi({ example: 'validation' }),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Error');

/** OpenAPI response entries for the errors every route may answer. */
export function errorResponses(...codes: (400 | 404 | 409 | 500 | 503)[]): Record<string, { description: string; content: { 'application/json': { schema: typeof errorResponseSchema } } }> {
  const descriptions: Record<number, string> = {
    400: 'Requête invalide (JSON malformé ou champs invalides : voir details[].path)',
    404: 'Dossier inconnu',
    409: "Action refusée à l'étape courante du dossier (message : la raison)",
    500: 'Erreur interne',
    503: 'Temporal injoignable',
  };
  return Object.fromEntries(codes.map((c) => [String(c), { description: descriptions[c]!, content: { 'application/json': { schema: errorResponseSchema } } }]));
}

export function temporalUiLink(baseUrl: string, namespace: string, workflowId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
