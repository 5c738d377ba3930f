// Compagnonnage rules (seed 003), pure and deterministic: imported by the workflow and the API alike.
import { z } from 'zod';
import { contactSchema, missionLocaleSchema, type Intervenant } from './schemas';
import { regionExclusion } from './rules';

/** seed 003 §2: when the dispositif can be mobilised. */
export const CAS_MOBILISATION = {
  prise_de_poste_contexte_difficile:
    "Direction récemment arrivée dans un contexte difficile (départ impromptu de la précédente direction, affaires médiatiques, démission d'élus, " +
    'tensions managériales…)',
  meconnaissance_reseau: 'Direction récemment arrivée, méconnaissance du réseau',
  difficultes_durables: 'Une ou plusieurs difficultés conséquentes et durables qui entravent le fonctionnement de la structure',
} as const;

/** seed 003 §2: topics it can treat. */
export const SUJETS_TRAITES = {
  organisation_management: 'Organisation, structuration, pratiques managériales',
  financements: 'Recherche et élargissement des financements',
  offre_de_service: 'Offre de service',
  amelioration_continue: 'Amélioration continue',
} as const;

/** seed 003 §3: what it cannot treat, as topic labels (forms, ARML notice)... */
export const SUJETS_EXCLUS_LIBELLES = {
  problematique_financiere: 'Problématique financière',
  situation_interpersonnelle: 'Situation interpersonnelle',
  reglementaire_juridique: 'Problématique réglementaire ou légale',
  remplacement_direction: 'Remplacement ponctuel ou permanent de la direction',
} as const;

/** ...and with the reason given to the ML when its demand is not receivable. */
export const SUJETS_EXCLUS = {
  problematique_financiere: 'Les problématiques financières ne relèvent pas du compagnonnage : la Mission Locale peut faire appel à l’Appui Conseil.',
  situation_interpersonnelle: 'Les difficultés relatives à des situations interpersonnelles ne relèvent pas du compagnonnage.',
  reglementaire_juridique: 'Les problématiques réglementaires ou légales (commande publique par exemple) ne relèvent pas du compagnonnage.',
  remplacement_direction: 'Le compagnonnage ne peut pas faire office de remplacement ponctuel ou permanent de la direction.',
} as const;

type Keys<T> = [keyof T & string, ...(keyof T & string)[]];
const keys = <T extends object>(o: T) => Object.keys(o) as Keys<T>;

export const demandeCompagnonnageSchema = z.object({
  missionLocale: missionLocaleSchema,
  direction: contactSchema.describe('The ML direction: the beneficiary of the compagnonnage'),
  presidence: contactSchema,
  casMobilisation: z.enum(keys(CAS_MOBILISATION)),
  sujets: z
    .array(z.enum([...keys(SUJETS_TRAITES), ...keys(SUJETS_EXCLUS)]))
    .min(1)
    .max(8),
  description: z.string().trim().min(1).max(5000),
});
export type DemandeCompagnonnage = z.infer<typeof demandeCompagnonnageSchema>;

export type Recevabilite = { recevable: true } | { recevable: false; motifs: string[]; redirection?: 'appui_conseil' };

/** seed 003 §3: a demand touching an excluded topic is not receivable; a financial one goes to Appui Conseil. */
export function compagnonnageRecevabilite(demande: Pick<DemandeCompagnonnage, 'sujets'>): Recevabilite {
  const exclus = demande.sujets.filter((s): s is keyof typeof SUJETS_EXCLUS => s in SUJETS_EXCLUS);
  if (exclus.length === 0) return { recevable: true };
  return {
    recevable: false,
    motifs: [...new Set(exclus)].map((s) => SUJETS_EXCLUS[s]),
    ...(exclus.includes('problematique_financiere') ? { redirection: 'appui_conseil' as const } : {}),
  };
}

/** seed 003: intervenants are exclusively ML directors, never from the ML's own région. Returns the refusal, or null. */
export function refusIntervenantCompagnonnage(intervenant: Pick<Intervenant, 'type' | 'region'>, regionMl: Intervenant['region']): string | null {
  if (intervenant.type !== 'directeur_ml') {
    return 'Les intervenants du compagnonnage sont exclusivement des directeurs ou directrices de Mission Locale.';
  }
  return regionExclusion(intervenant.region, regionMl);
}

/** seed 003 §4: 24 h = 2 h/week over 3 months, adjustable. */
export const RYTHME_PAR_DEFAUT = { heuresParSemaine: 2, semaines: 12 } as const;
export const rythmeSchema = z.object({
  heuresParSemaine: z.number().positive().max(20),
  semaines: z.number().int().positive().max(52),
});
export type Rythme = z.infer<typeof rythmeSchema>;

export function forfaitMinutes(rythme: Rythme): number {
  return Math.round(rythme.heuresParSemaine * rythme.semaines * 60);
}
