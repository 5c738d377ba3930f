// Diagnostic rules (seed 000, the 2022 formula), pure and deterministic: imported by the workflow and the API.
import { z } from 'zod';
import { regionExclusion } from './rules';
import { contactSchema, missionLocaleSchema, type Intervenant } from './schemas';
import { EXPERTISE_CODES, EXPERTISES, ROLES, type Role } from './vivier';

/** seed 000: "c'est la présidence ou la direction d'une Mission Locale qui fait cette demande". */
export const DEMANDEURS_DIAGNOSTIC = {
  presidence: 'La présidence de la Mission Locale',
  direction: 'La direction de la Mission Locale',
} as const;
export type DemandeurDiagnostic = keyof typeof DEMANDEURS_DIAGNOSTIC;

/**
 * seed 000: when a Mission Locale asks for a diagnostic, as the demand form shows it. Not a field of the demand
 * (which names who asks and the themes): every Mission Locale may ask, with or without a difficulty identified.
 */
export const CAS_MOBILISATION_DIAGNOSTIC = {
  regard_exterieur: 'La présidence ou la direction souhaite un regard extérieur sur une ou plusieurs thématiques de la Mission Locale',
  prendre_du_recul:
    'Prendre du recul sur son fonctionnement et ses pratiques, qu’il y ait des manquements ou non : certaines Missions Locales le demandent pour se conforter',
} as const;

/**
 * seed 000: what the diagnostic itself does not do, as the demand form shows it. No recevabilité rule follows
 * from it: the demand names themes only.
 */
export const HORS_CHAMP_DIAGNOSTIC = {
  accompagnement:
    'L’accompagnement lui-même : selon les préconisations du rapport, un Compagnonnage ou un Appui Conseil peut être proposé lors de la revue ' +
    'finale avec l’UNML, sans que ce soit systématique',
} as const;

/** The themes a Mission Locale may want an outside view on: the pool's expertise tags, so the binôme is matched on them. */
export const THEMES_DIAGNOSTIC = EXPERTISES;

export const demandeDiagnosticSchema = z.object({
  missionLocale: missionLocaleSchema,
  demandeur: z.enum(['presidence', 'direction']).describe('Qui fait la demande (seed 000 : la présidence ou la direction)'),
  direction: contactSchema,
  presidence: contactSchema,
  sujets: z
    .array(z.enum(EXPERTISE_CODES))
    .min(1)
    .max(EXPERTISE_CODES.length)
    .describe("Les thématiques sur lesquelles la Mission Locale souhaite un regard extérieur (au moins une), codes d'expertise du vivier"),
  description: z.string().trim().min(1).max(5000),
});
export type DemandeDiagnostic = z.infer<typeof demandeDiagnosticSchema>;

/**
 * seed 000 names no eligibility rule beyond the demand's shape (présidence or direction, at least one theme),
 * which the schema enforces: every well-formed demand is receivable. Kept as a function so the workflow reads
 * like the other dispositifs and a future rule has its place.
 */
export function diagnosticRecevabilite(_demande: Pick<DemandeDiagnostic, 'sujets'>): { recevable: true } {
  return { recevable: true };
}

/** The two roles of the binôme (seed 000): an external consultant (method, formalisation) and an ML director (core business). */
export const ROLES_DIAGNOSTIC = ['diagnostiqueur_consultant', 'diagnostiqueur_directeur'] as const satisfies readonly Role[];
export type RoleDiagnostic = (typeof ROLES_DIAGNOSTIC)[number];

/** The role an intervenant can hold in a binôme, from their kind (null when neither). */
export function roleDiagnosticDe(type: Intervenant['type']): RoleDiagnostic | null {
  return ROLES_DIAGNOSTIC.find((r) => (ROLES[r].types as readonly string[]).includes(type)) ?? null;
}

/**
 * seed 000's impartiality rule, as the designation checks it: the intervenant's kind fits the role, and a
 * diagnostiqueur never visits an ML of their own région. (Declared acquaintances are excluded by the ranking,
 * which reads them from the pool.) Returns the refusal, or null.
 */
export function refusDiagnostiqueur(intervenant: Pick<Intervenant, 'type' | 'region'>, role: RoleDiagnostic, regionMl: Intervenant['region']): string | null {
  if (!(ROLES[role].types as readonly string[]).includes(intervenant.type)) {
    return role === 'diagnostiqueur_consultant'
      ? 'Le ou la diagnostiqueur·se consultant·e du binôme est un·e consultant·e de cabinet externe.'
      : 'Le ou la second·e diagnostiqueur·se du binôme est un·e directeur·rice de Mission Locale.';
  }
  const region = regionExclusion(intervenant.region, regionMl);
  return region ? `Impartialité du diagnostic : un·e diagnostiqueur·se ne visite jamais une Mission Locale de sa propre région. ${region}` : null;
}

/** seed 000: the pooling of the two analyses lasts "from very quick to three hours". */
export const MISE_EN_COMMUN_MAX_MINUTES = 180;
/** seed 000: one day on site. */
export const JOURNEE_SUR_SITE_MINUTES = 7 * 60;

/** The accompaniments a final review may propose (not systematic, seed 000). */
export const ACCOMPAGNEMENTS_PROPOSABLES = { compagnonnage: 'Compagnonnage', appui_conseil: 'Appui Conseil' } as const;
export type AccompagnementPropose = keyof typeof ACCOMPAGNEMENTS_PROPOSABLES;

/** The load a diagnostic puts on each diagnostiqueur, for the pool's capacity: about 20 h (analysis, pooling, a day on site, report) over 2 months. */
export const DIAGNOSTIC_HEURES_MOIS = 10;
/** How long a diagnostic runs, from the designation, for the pool's availability checks. */
export const DIAGNOSTIC_SEMAINES = 12;
