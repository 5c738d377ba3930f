// The shapes of the domain, as zod schemas: the API validates with them, OpenAPI is generated from them,
// and workflows import only their inferred types (`import type`), so no zod code runs in a workflow.
import { z } from 'zod';
import { REGION_CODES } from './regions';

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time, e.g. 2026-12-01T10:00:00+01:00');

export const contactSchema = z.object({
  nom: z.string().trim().min(1).max(200),
  email: z.email(),
  telephone: z.string().trim().max(40).optional(),
});
export type Contact = z.infer<typeof contactSchema>;

export const regionSchema = z.enum(REGION_CODES);

export const missionLocaleSchema = z.object({
  code: z
    .string()
    .regex(/^[A-Za-z0-9-]{2,40}$/, 'lettres, chiffres et tirets seulement, de 2 à 40 (un code, par exemple ML-LILLE)')
    .describe('Identifier of the Mission Locale (no personal data: used in search attributes)'),
  nom: z.string().trim().min(1).max(200),
  region: regionSchema,
});
export type MissionLocale = z.infer<typeof missionLocaleSchema>;

/** Staff identifiers appear in search attributes: an opaque id, never an email or a name. */
export const opaqueId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'lettres, chiffres, point, tiret et tiret bas seulement, 64 au plus (un identifiant, par exemple int-0042)');

export const staffSchema = z.object({ id: opaqueId, nom: z.string().trim().min(1).max(200), email: z.email() });
export type StaffMember = z.infer<typeof staffSchema>;

export const INTERVENANT_TYPES = ['directeur_ml', 'consultant_cabinet', 'expert_reseau'] as const;
export const intervenantSchema = z.object({
  id: opaqueId,
  nom: z.string().trim().min(1).max(200),
  email: z.email(),
  type: z.enum(INTERVENANT_TYPES),
  /** The intervenant's home région: seed 003, never in their own région. */
  region: regionSchema,
  missionLocale: z.string().trim().max(200).optional().describe("Name of the intervenant's own Mission Locale"),
});
export type Intervenant = z.infer<typeof intervenantSchema>;

export const DISPOSITIFS = ['compagnonnage', 'appui_conseil', 'diagnostic'] as const;
export type Dispositif = (typeof DISPOSITIFS)[number];

/**
 * A dispositif's name as French sentences need it (issue #17): "Demande d’Appui Conseil", "ne relève pas de l’Appui
 * Conseil", "Ce que l’Appui Conseil ne couvre pas"; "de Compagnonnage", "du Compagnonnage", "le Compagnonnage".
 */
export const NOMS_DISPOSITIFS: Record<Dispositif, { nom: string; de: string; du: string; le: string; slug: string }> = {
  compagnonnage: { nom: 'Compagnonnage', de: 'de Compagnonnage', du: 'du Compagnonnage', le: 'le Compagnonnage', slug: 'compagnonnage' },
  appui_conseil: { nom: 'Appui Conseil', de: 'd’Appui Conseil', du: 'de l’Appui Conseil', le: 'l’Appui Conseil', slug: 'appui-conseil' },
  diagnostic: { nom: 'Diagnostic', de: 'de Diagnostic', du: 'du Diagnostic', le: 'le Diagnostic', slug: 'diagnostic' },
};

/** The dispositif's name with its article or preposition: dispositifFr('appui_conseil', 'du') → "de l’Appui Conseil". */
export function dispositifFr(d: Dispositif, forme: 'nom' | 'de' | 'du' | 'le' = 'nom'): string {
  return NOMS_DISPOSITIFS[d][forme];
}

/** "Mission Locale de Rouen" → "la Mission Locale de Rouen" (after "de": "la direction de la Mission Locale de Rouen"). */
export function laMissionLocale(nom: string): string {
  const n = nom.trim();
  if (/^la\s/i.test(n)) return `la ${n.slice(3).trim()}`;
  if (/^(mission locale|ML)\b/i.test(n)) return `la ${n}`;
  return `la Mission Locale ${n}`;
}
