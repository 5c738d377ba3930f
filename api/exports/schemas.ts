// The exports' schemas (issue #14): the filters (like the back office list's), the columns chosen, the export
// templates and the scheduled exports. French messages per field (the API's zod locale, domain/erreurs-fr.ts).
import { z } from 'zod';
import '../openapi';
import { DISPOSITIFS, regionSchema } from '../../domain/schemas';
import type { FiltreReporting, FiltreUnites } from '../../domain/reporting';
import { toutesEtapesFr } from '../dossiers/dispositifs';
import { CATALOGUE, clesDe, FORMATS_EXPORT, OBJETS_EXPORT, type ObjetExport } from './catalogue';

const jour = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date invalide (attendu : AAAA-MM-JJ)')
  .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'date inexistante');

const ETAPES = toutesEtapesFr().map(([code]) => code);

/** The filters of an export: those of « Tous les dossiers »; the period is the demand's (dossiers) or the unit's day (units). */
const filtreObjet = z.object({
  dispositif: z.enum(DISPOSITIFS).optional(),
  region: regionSchema.optional(),
  missionLocale: z.string().trim().min(1).max(60).optional().describe('Le code de la Mission Locale (ex. ML-ROUEN)'),
  etape: z
    .string()
    .refine((e) => ETAPES.includes(e), { message: `étape inconnue : choisissez parmi ${ETAPES.join(', ')}` })
    .optional(),
  interlocutrice: z.string().trim().min(1).max(60).optional().describe('L’identifiant du compte de l’interlocutrice (CPT-…)'),
  du: jour.optional().describe('Début de la période, inclus (dossiers : date de la demande ; unités : date du travail)'),
  au: jour.optional().describe('Fin de la période, incluse'),
});
export const filtreExportSchema = filtreObjet.strict().superRefine((f, ctx) => {
  if (f.du && f.au && f.du > f.au) ctx.addIssue({ code: 'custom', path: ['au'], message: `la fin de la période (${f.au}) précède son début (${f.du})` });
});
export type FiltreExport = z.infer<typeof filtreExportSchema>;

/** The store's filter of an object from an export's filter. */
export function filtreDuStore(objet: 'dossiers', f: FiltreExport): FiltreReporting;
export function filtreDuStore(objet: 'unites', f: FiltreExport): FiltreUnites;
export function filtreDuStore(objet: ObjetExport, f: FiltreExport): FiltreReporting | FiltreUnites {
  const { du, au, ...commun } = f;
  const base = Object.fromEntries(Object.entries(commun).filter(([, v]) => v !== undefined));
  if (objet === 'dossiers') return { ...base, ...(du ? { demandeDu: du } : {}), ...(au ? { demandeAu: au } : {}) };
  return { ...base, ...(du ? { du } : {}), ...(au ? { au } : {}) };
}

/** The columns of an object, checked one by one (unknown, twice): each error says which and what exists. */
export function colonnesSchema(objet: ObjetExport) {
  const cles = clesDe(objet);
  return z
    .array(z.string(), { message: 'indiquez la liste des colonnes' })
    .min(1, 'choisissez au moins une colonne')
    .max(cles.length)
    .superRefine((liste, ctx) => {
      const vues = new Set<string>();
      for (const [i, c] of liste.entries()) {
        if (!cles.includes(c)) ctx.addIssue({ code: 'custom', path: [i], message: `colonne inconnue « ${c} » : choisissez parmi ${cles.join(', ')}` });
        else if (vues.has(c)) ctx.addIssue({ code: 'custom', path: [i], message: `la colonne « ${c} » est demandée deux fois` });
        vues.add(c);
      }
    });
}

/** `colonnes=reference,dispositif,…` of a query string (absent: every column, in the catalogue's order). */
export function colonnesDeRequete(objet: ObjetExport, brut: unknown): string[] {
  if (brut === undefined || brut === '') return clesDe(objet);
  const liste = typeof brut === 'string' ? brut.split(',').map((c) => c.trim()) : brut;
  return z.object({ colonnes: colonnesSchema(objet) }).parse({ colonnes: liste }).colonnes;
}

/** The query string of an export: `colonnes` and the filters. */
export const exportQuerySchema = filtreObjet.extend({
  colonnes: z
    .string()
    .optional()
    .describe('Les colonnes, dans l’ordre, séparées par des virgules (absent : toutes) ; voir GET /api/exports/colonnes')
    .openapi({ example: 'reference,dispositif,ml_nom,etape' }),
});

export const objetParamsSchema = z.object({ objet: z.enum(OBJETS_EXPORT) });
export const formatSchema = z.enum(FORMATS_EXPORT);

const nomModele = z.string().trim().min(1, 'donnez un nom au modèle').max(120);

/** A template as created: its object, columns (in order) and filter, under a unique name. */
export const modeleExportBodySchema = z
  .object({
    nom: nomModele.openapi({ example: 'Suivi régional Grand Est' }),
    objet: z.enum(OBJETS_EXPORT),
    colonnes: z.array(z.string()).openapi({ example: ['reference', 'dispositif', 'ml_nom', 'etape'] }),
    filtre: filtreExportSchema.default({}),
  })
  .strict()
  .superRefine((m, ctx) => {
    const r = colonnesSchema(m.objet).safeParse(m.colonnes);
    if (!r.success)
      for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', path: ['colonnes', ...issue.path] as (string | number)[], message: issue.message });
  })
  .openapi('NouveauModeleExport');
export type ModeleExportBody = z.infer<typeof modeleExportBodySchema>;

/** A template's change: any of its fields (the columns checked against its object, new or kept). */
export const modeleExportPatchSchema = z
  .object({
    nom: nomModele.optional(),
    objet: z.enum(OBJETS_EXPORT).optional(),
    colonnes: z.array(z.string()).optional(),
    filtre: filtreExportSchema.optional(),
  })
  .strict()
  .openapi('ModificationModeleExport');

export const MODELE_ID = /^MEX-[0-9A-F]{10}$/;
export const modeleIdParamsSchema = z.object({
  id: z
    .string()
    .regex(MODELE_ID, 'identifiant de modèle attendu au format MEX-XXXXXXXXXX (10 caractères hexadécimaux majuscules)')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'MEX-0123456789' }),
});

export const modeleExportSchema = z
  .object({
    id: z.string().openapi({ example: 'MEX-0123456789' }),
    nom: z.string(),
    objet: z.enum(OBJETS_EXPORT),
    colonnes: z.array(z.string()),
    filtre: filtreExportSchema,
    creePar: z.string().describe('Le compte qui l’a créé'),
    creeLe: z.string(),
    modifieLe: z.string(),
  })
  .openapi('ModeleExport');

export const colonnesCatalogueSchema = z
  .object(
    Object.fromEntries(OBJETS_EXPORT.map((o) => [o, z.array(z.object({ cle: z.string(), entete: z.string() }))])) as Record<
      ObjetExport,
      z.ZodArray<z.ZodObject<{ cle: z.ZodString; entete: z.ZodString }>>
    >,
  )
  .openapi('ColonnesExport');

export const catalogueReponse = () => Object.fromEntries(OBJETS_EXPORT.map((o) => [o, CATALOGUE[o].map((c) => ({ cle: c.cle, entete: c.entete }))]));

// --- Scheduled exports --------------------------------------------------------------------------------

export const FREQUENCES = ['mensuelle', 'trimestrielle'] as const;
export type Frequence = (typeof FREQUENCES)[number];
export const LIBELLES_FREQUENCES: Record<Frequence, string> = { mensuelle: 'Chaque mois', trimestrielle: 'Chaque trimestre' };

export const destinataireSchema = z.object({
  nom: z.string().trim().min(1).max(200).optional(),
  email: z.string().trim().email(),
});

export const exportProgrammeBodySchema = z
  .object({
    modeleId: modeleIdParamsSchema.shape.id,
    destinataires: z.array(destinataireSchema).min(1, 'indiquez au moins un destinataire').max(50),
    frequence: z.enum(FREQUENCES),
    format: formatSchema.default('xlsx'),
  })
  .strict()
  .openapi('NouvelExportProgramme');
export type ExportProgrammeBody = z.infer<typeof exportProgrammeBodySchema>;

export const EXPORT_PROGRAMME_ID = /^EXP-[0-9A-F]{10}$/;
export const exportProgrammeIdParamsSchema = z.object({
  id: z
    .string()
    .regex(EXPORT_PROGRAMME_ID, 'identifiant attendu au format EXP-XXXXXXXXXX (10 caractères hexadécimaux majuscules)')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'EXP-0123456789' }),
});

export const exportProgrammeSchema = z
  .object({
    id: z.string(),
    modeleId: z.string(),
    destinataires: z.array(destinataireSchema),
    frequence: z.enum(FREQUENCES),
    format: formatSchema,
    scheduleId: z.string().describe('La planification Temporal (Schedule) qui le lance'),
    creePar: z.string(),
    creeLe: z.string(),
  })
  .openapi('ExportProgramme');
