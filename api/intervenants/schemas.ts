// Schemas of the pool's routes (/api/intervenants, /api/candidatures and the "Je candidate" page): one profile
// shape for an intervenant and an application, its cross-field rules, and the check of ML codes against the
// store's reference data (async, so outside zod: see verifierReferentiel).
import { z } from 'zod';
import '../openapi';
import type { IntervenantFiche, MissionLocaleRef, VivierStore } from '../../db/store';
import { REGIONS } from '../../domain/regions';
import { missionLocaleSchema, opaqueId, regionSchema } from '../../domain/schemas';
import {
  CAPACITE_DOSSIERS_MAX,
  CAPACITE_DOSSIERS_MIN,
  CAPACITE_HEURES_MAX,
  CAPACITE_HEURES_MIN,
  EXPERTISE_CODES,
  TYPES_INTERVENANT,
  type TypeIntervenant,
} from '../../domain/vivier';
import { errorResponseSchema } from '../common';

export type Issue = z.core.$ZodIssueCustom;

export const TYPE_CODES = Object.keys(TYPES_INTERVENANT) as [TypeIntervenant, ...TypeIntervenant[]];
/** The product's limits (domain/vivier.ts), for the "Je candidate" page's fields. */
export { CAPACITE_DOSSIERS_MAX, CAPACITE_HEURES_MAX };

export const typeIntervenantSchema = z.enum(TYPE_CODES).describe(
  Object.entries(TYPES_INTERVENANT)
    .map(([k, v]) => `${k} : ${v}`)
    .join(' ; '),
);
export const expertiseSchema = z.enum(EXPERTISE_CODES);
export const codeMissionLocaleSchema = missionLocaleSchema.shape.code.describe('Code de la Mission Locale (GET /api/referentiel/missions-locales)');

/** The staff member acting, recorded in the pool's history (an opaque id until authentication exists). */
export const parStaff = opaqueId.describe("Identifiant de la personne de l'UNML qui agit (opaque : pas de nom ni d'adresse), pour l'historique");
const motif = z.string().trim().min(1, 'ne peut pas être vide').max(2000);

const dateCivile = z.iso.date('date attendue au format AAAA-MM-JJ').openapi({ example: '2026-07-01' });
const periodeForme = { debut: dateCivile, fin: dateCivile };
const finApresDebut = (p: { debut: string; fin: string }, ctx: z.RefinementCtx) => {
  // Same format (YYYY-MM-DD): the string order is the date order.
  if (p.fin < p.debut) {
    ctx.addIssue({ code: 'custom', path: ['fin'], message: 'la date de fin doit être le même jour ou après la date de début', input: p.fin });
  }
};
export const indisponibiliteSchema = z
  .object({ ...periodeForme, motif: z.string().trim().max(500).optional() })
  .superRefine(finApresDebut)
  .describe('Période d’indisponibilité, bornes incluses (dates civiles, Europe/Paris)')
  .openapi('Indisponibilite');

export const connaissanceSchema = z
  .object({
    missionLocaleCode: codeMissionLocaleSchema,
    personne: z.string().trim().max(200).optional().describe('Qui, dans cette Mission Locale : « Président·e », « Directeur·rice » ou un nom'),
  })
  .describe("Une Mission Locale dont l'intervenant connaît la présidence ou la direction (règle d'impartialité : il n'y intervient pas)")
  .openapi('Connaissance');

const capaciteDossiers = z
  .number()
  .int('un nombre entier de dossiers')
  .min(CAPACITE_DOSSIERS_MIN, `au moins ${CAPACITE_DOSSIERS_MIN} dossier`)
  .max(CAPACITE_DOSSIERS_MAX, `au plus ${CAPACITE_DOSSIERS_MAX} dossiers à la fois`)
  .describe(`Nombre de dossiers suivis en même temps (${CAPACITE_DOSSIERS_MIN} à ${CAPACITE_DOSSIERS_MAX})`);
const capaciteHeuresMois = z
  .number()
  .int("un nombre entier d'heures")
  .min(CAPACITE_HEURES_MIN, `au moins ${CAPACITE_HEURES_MIN} heure par mois`)
  .max(CAPACITE_HEURES_MAX, `au plus ${CAPACITE_HEURES_MAX} heures par mois`)
  .describe(`Heures disponibles par mois (${CAPACITE_HEURES_MIN} à ${CAPACITE_HEURES_MAX} ; un Compagnonnage en demande environ 8)`);

/** The fields an intervenant and an application share (without cross-field rules, so they can be extended). */
export const profilForme = {
  type: typeIntervenantSchema,
  nom: z.string().trim().min(1, 'ne peut pas être vide').max(200),
  email: z.email('adresse électronique invalide').max(320),
  telephone: z
    .string()
    .trim()
    .max(40)
    .regex(/^[0-9 +().-]*$/, 'chiffres, espaces et + ( ) . - seulement')
    .optional(),
  region: regionSchema.describe('Région de rattachement : jamais d’intervention dans sa propre région'),
  missionLocaleCode: codeMissionLocaleSchema
    .optional()
    .describe('Mission Locale de rattachement (obligatoire pour un·e directeur·rice de ML), dans la région indiquée'),
  cabinet: z.string().trim().min(1).max(200).optional().describe('Le cabinet (obligatoire pour un·e consultant·e de cabinet)'),
  expertises: z
    .array(expertiseSchema)
    .min(1, 'au moins une expertise')
    .max(EXPERTISE_CODES.length)
    .refine((l) => new Set(l).size === l.length, 'une expertise ne peut figurer qu’une fois'),
  capaciteDossiers,
  capaciteHeuresMois,
  connaissances: z.array(connaissanceSchema).max(50).default([]),
};

/** Kind-dependent rules: an ML director has a home ML, a cabinet consultant a firm. */
export function problemesDuType(p: { type?: TypeIntervenant | undefined; missionLocaleCode?: string | undefined; cabinet?: string | undefined }): Issue[] {
  const issues: Issue[] = [];
  if (p.type === 'directeur_ml' && !p.missionLocaleCode) {
    const message = 'obligatoire pour un·e directeur·rice de Mission Locale : sa Mission Locale';
    issues.push({ code: 'custom', path: ['missionLocaleCode'], message, input: p.missionLocaleCode });
  }
  if (p.type === 'consultant_cabinet' && !p.cabinet) {
    issues.push({ code: 'custom', path: ['cabinet'], message: 'obligatoire pour un·e consultant·e : le nom de son cabinet', input: p.cabinet });
  }
  return issues;
}
export function reglesDuType(p: Parameters<typeof problemesDuType>[0], ctx: z.RefinementCtx): void {
  for (const issue of problemesDuType(p)) ctx.addIssue({ ...issue });
}
/** Runs the kind rules even when other fields failed, so every error is reported at once (a form shows them all). */
export const memeSiAutresErreurs = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

/**
 * A path id of the pool (INT-…, CAND-…), as domain/schemas.ts's opaqueId. Built here rather than by calling .openapi()
 * on opaqueId: zod copies .openapi onto a schema when it is created, and domain/schemas.ts may be loaded before
 * api/openapi.ts extends zod (it is, through the worker's imports, in the end-to-end tests).
 */
export function idParam(example: string) {
  return z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'lettres, chiffres, point, tiret et tiret bas seulement')
    .openapi({ param: { name: 'id', in: 'path' }, example });
}

export const intervenantParamsSchema = z.object({ id: idParam('INT-7K2M9Q') });

export const creerIntervenantSchema = z
  .object({
    ...profilForme,
    actif: z.boolean().default(true),
    indisponibilites: z.array(indisponibiliteSchema).max(100).default([]),
    par: parStaff,
  })
  .superRefine(reglesDuType, memeSiAutresErreurs)
  .openapi('NouvelIntervenant');
export type CreerIntervenantBody = z.output<typeof creerIntervenantSchema>;

/** In a modification, null removes an optional field from the card; an absent field is unchanged. */
const effacable = <T extends z.ZodType>(schema: T, description: string) =>
  schema.nullable().optional().describe(`${description}. null : retiré de la fiche ; absent : inchangé`);

export const modifierIntervenantSchema = z
  .object({
    type: typeIntervenantSchema
      .optional()
      .describe(
        `Nouveau type (${typeIntervenantSchema.description ?? TYPE_CODES.join(', ')}). ` +
          'Refusé (409) tant que l’intervenant a des réservations actives : libérez-les d’abord. ' +
          'Les règles du type valent sur la fiche modifiée : un·e directeur·rice de ML a une Mission Locale de rattachement, ' +
          'un·e consultant·e un cabinet (à envoyer avec le changement si la fiche ne les a pas).',
      ),
    nom: profilForme.nom.optional(),
    email: profilForme.email.optional(),
    telephone: effacable(profilForme.telephone.unwrap(), 'Téléphone'),
    region: profilForme.region.optional(),
    missionLocaleCode: effacable(
      codeMissionLocaleSchema,
      'Mission Locale de rattachement, dans la région de l’intervenant (obligatoire pour un·e directeur·rice de ML : ne peut pas lui être retirée)',
    ),
    cabinet: effacable(profilForme.cabinet.unwrap(), 'Le cabinet (obligatoire pour un·e consultant·e de cabinet : ne peut pas lui être retiré)'),
    expertises: profilForme.expertises.optional(),
    capaciteDossiers: capaciteDossiers.optional(),
    capaciteHeuresMois: capaciteHeuresMois.optional(),
    actif: z.boolean().optional().describe('false : ne plus être proposé pour un temps (sans quitter le vivier)'),
    indisponibilites: z.array(indisponibiliteSchema).max(100).optional().describe('Remplace la liste entière (envoyer la liste sans une période la supprime)'),
    connaissances: z.array(connaissanceSchema).max(50).optional().describe('Remplace la liste entière'),
    par: parStaff,
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'par'), { message: 'indiquez au moins un champ à modifier', path: [] })
  .openapi('ModificationIntervenant');
export type ModifierIntervenantBody = z.output<typeof modifierIntervenantSchema>;

export const retraitSchema = z.object({ par: parStaff, motif: motif.describe('Pourquoi il quitte le vivier (historique)') }).openapi('RetraitIntervenant');

const booleen = z.enum(['true', 'false']).transform((v) => v === 'true');
export const listIntervenantsQuerySchema = z.object({
  type: typeIntervenantSchema.optional(),
  region: regionSchema.optional(),
  actif: booleen.optional().describe('true ou false'),
  statut: z.enum(['valide', 'retire']).optional(),
});

// --- Responses --------------------------------------------------------------------------------------------
export const intervenantFicheSchema = z
  .object({
    id: z.string().openapi({ example: 'INT-7K2M9Q' }),
    type: typeIntervenantSchema,
    nom: z.string(),
    email: z.string(),
    telephone: z.string().optional(),
    region: regionSchema,
    missionLocaleCode: z.string().optional(),
    cabinet: z.string().optional(),
    expertises: z.array(expertiseSchema),
    capaciteDossiers: z.number().int(),
    capaciteHeuresMois: z.number().int(),
    actif: z.boolean(),
    indisponibilites: z.array(z.object({ debut: z.string(), fin: z.string(), motif: z.string().optional() })),
    connaissances: z.array(z.object({ missionLocaleCode: z.string(), personne: z.string().optional() })),
    statut: z.enum(['valide', 'retire']),
    creeLe: z.string(),
    modifieLe: z.string(),
    candidatureId: z.string().optional(),
  })
  .openapi('Intervenant');

export const reservationSchema = z
  .object({
    id: z.string(),
    dossierId: z.string(),
    role: z.string(),
    intervenantId: z.string(),
    heuresMois: z.number(),
    manuelle: z.boolean().describe('Choisi hors classement par l’UNML'),
    reserveeLe: z.string(),
    par: z.string(),
    libereeLe: z.string().optional(),
    motifLiberation: z.string().optional(),
  })
  .openapi('Reservation');

export const evenementSchema = z
  .object({ entite: z.string(), entiteId: z.string(), action: z.string(), par: z.string(), le: z.string(), details: z.unknown().optional() })
  .openapi('EvenementVivier');

export const intervenantDetailSchema = z
  .object({
    intervenant: intervenantFicheSchema,
    reservations: z.array(reservationSchema).describe('Ses réservations actives (dossiers en cours)'),
    historique: z.array(evenementSchema).describe('Qui a fait quoi et quand sur sa fiche'),
  })
  .openapi('IntervenantDetail');

/** OpenAPI error entries with the pool's own wording. */
type ReponseErreur = { description: string; content: { 'application/json': { schema: typeof errorResponseSchema } } };
export function vivierErrorResponses(descriptions: Partial<Record<400 | 404 | 409 | 500, string>>): Record<string, ReponseErreur> {
  const defaut: Record<400 | 404 | 409 | 500, string> = {
    400: 'Requête invalide (champs invalides : voir details[].path)',
    404: 'Inconnu du vivier',
    409: 'Refusé par le vivier (message : la raison)',
    500: 'Erreur interne',
  };
  return Object.fromEntries(
    (Object.keys(descriptions) as unknown as (400 | 404 | 409 | 500)[]).map((c): [string, ReponseErreur] => [
      String(c),
      { description: descriptions[c] ?? defaut[c], content: { 'application/json': { schema: errorResponseSchema } } },
    ]),
  );
}

// --- Reference data checks --------------------------------------------------------------------------------

/**
 * The ML codes of a profile checked against the store's reference data: each must exist, and the home ML must be in
 * the declared région (the région drives the "never in their own région" rule). Returns zod issues, at their field
 * paths; the routes throw them as a ZodError (400), the page shows them next to the fields.
 */
export async function verifierReferentiel(
  vivier: VivierStore,
  p: { region?: keyof typeof REGIONS | undefined; missionLocaleCode?: string | undefined; connaissances?: { missionLocaleCode: string }[] | undefined },
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const cache = new Map<string, MissionLocaleRef | undefined>();
  const ml = async (code: string) => {
    if (!cache.has(code)) cache.set(code, await vivier.missionLocale(code));
    return cache.get(code);
  };
  if (p.missionLocaleCode !== undefined) {
    const ref = await ml(p.missionLocaleCode);
    if (!ref) {
      const message = `Mission Locale inconnue : ${p.missionLocaleCode} (voir GET /api/referentiel/missions-locales)`;
      issues.push({ code: 'custom', path: ['missionLocaleCode'], message, input: p.missionLocaleCode });
    } else if (p.region !== undefined && ref.region !== p.region) {
      issues.push({
        code: 'custom',
        path: ['missionLocaleCode'],
        message: `${ref.nom} est en région ${REGIONS[ref.region]}, pas en région ${REGIONS[p.region]} : indiquez la région de votre Mission Locale`,
        input: p.missionLocaleCode,
      });
    }
  }
  for (const [i, c] of (p.connaissances ?? []).entries()) {
    if (!(await ml(c.missionLocaleCode))) {
      const message = `Mission Locale inconnue : ${c.missionLocaleCode}`;
      issues.push({ code: 'custom', path: ['connaissances', i, 'missionLocaleCode'], message, input: c.missionLocaleCode });
    }
  }
  return issues;
}

/** Throws the issues as a validation error (400 with field paths), if any. */
export function rejeterSi(issues: Issue[]): void {
  if (issues.length > 0) throw new z.ZodError(issues);
}

/**
 * What an intervenant looks like once a patch is applied: the kind rules and references are checked on it. A field
 * the patch clears (null) is absent from the result, as the store will read it back.
 */
export function apresModification(avant: IntervenantFiche, patch: ModifierIntervenantBody): IntervenantFiche {
  const apres: Record<string, unknown> = { ...avant };
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'par' || v === undefined) continue;
    if (v === null) delete apres[k];
    else apres[k] = v;
  }
  return apres as unknown as IntervenantFiche;
}
