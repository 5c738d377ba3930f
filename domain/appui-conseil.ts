// Appui Conseil rules (seed 001, current formula), pure and deterministic: imported by the workflow and the API.
import { z } from 'zod';
import { joursFr } from './format';
import { contactSchema, isoDateTime, missionLocaleSchema, type Intervenant } from './schemas';
import { regionExclusion } from './rules';

type Keys<T> = [keyof T & string, ...(keyof T & string)[]];
const keys = <T extends object>(o: T) => Object.keys(o) as Keys<T>;

/** seed 001 §2: a dysfunction that strongly impacts the structure. */
export const CAS_MOBILISATION_APPUI = {
  situation_financiere: 'Situation financière épineuse',
  probleme_organisationnel: 'Problématique organisationnelle (restructuration, PSE…)',
} as const;

/** seed 001 §3: what Appui Conseil does not cover, with a short label and the reason given to the ML. */
export const HORS_CHAMP_APPUI = {
  amelioration_continue: {
    libelle: 'Amélioration continue',
    motif: "L'Appui Conseil ne comprend pas d'interventions dans le cadre de l'amélioration continue : le Compagnonnage peut répondre à ce besoin.",
  },
  deploiement_offre_de_service: {
    libelle: "Déploiement de l'offre de service ou thématiques d'accompagnement",
    motif: "L'Appui Conseil ne comprend pas d'interventions pour le déploiement de l'offre de service ou sur les thématiques d'accompagnement.",
  },
  optimisation_moyens: {
    libelle: 'Optimisation des moyens (processus d’achat par exemple)',
    motif: "L'Appui Conseil ne comprend pas d'interventions sur l'optimisation des moyens (processus d'achat par exemple).",
  },
} as const;

/** Topics a demand may name: the mobilisation cases themselves plus what is out of scope (so the form can say why). */
export const SUJETS_APPUI = {
  finances: 'Finances, trésorerie, équilibre budgétaire',
  restructuration: 'Restructuration, fusion, réorganisation',
  pse: 'Plan de sauvegarde de l’emploi (PSE)',
  gouvernance: 'Gouvernance, relations avec les financeurs',
  organisation_rh: 'Organisation, ressources humaines',
} as const;

export const demandeAppuiConseilSchema = z.object({
  missionLocale: missionLocaleSchema,
  direction: contactSchema,
  presidence: contactSchema,
  casMobilisation: z.enum(keys(CAS_MOBILISATION_APPUI)),
  sujets: z
    .array(z.enum([...keys(SUJETS_APPUI), ...keys(HORS_CHAMP_APPUI)]))
    .min(1)
    .max(8),
  description: z.string().trim().min(1).max(5000),
});
export type DemandeAppuiConseil = z.infer<typeof demandeAppuiConseilSchema>;

export type RecevabiliteAppui = { recevable: true } | { recevable: false; motifs: string[]; redirection?: 'compagnonnage' };

/** seed 001 §3: an out-of-scope topic makes the demand not receivable; continuous improvement points to Compagnonnage. */
export function appuiConseilRecevabilite(demande: Pick<DemandeAppuiConseil, 'sujets'>): RecevabiliteAppui {
  const horsChamp = [...new Set(demande.sujets.filter((s): s is keyof typeof HORS_CHAMP_APPUI => s in HORS_CHAMP_APPUI))];
  if (horsChamp.length === 0) return { recevable: true };
  return {
    recevable: false,
    motifs: horsChamp.map((s) => HORS_CHAMP_APPUI[s].motif),
    ...(horsChamp.includes('amelioration_continue') ? { redirection: 'compagnonnage' as const } : {}),
  };
}

/** A cabinet mobilised by UNML: the firm and its named consultants. */
export const cabinetSchema = z.object({
  nom: z.string().trim().min(1).max(200),
  contact: contactSchema,
  consultants: z.array(contactSchema).min(1).max(10),
});
export type Cabinet = z.infer<typeof cabinetSchema>;

/** seed 001 §4: a network member never intervenes in their own région. Returns the refusal, or null. */
export function refusMembreReseau(membre: Pick<Intervenant, 'region'>, regionMl: Intervenant['region']): string | null {
  return regionExclusion(membre.region, regionMl);
}

/** seed 001 §4: 15 to 20 days of intervention. Counted in half-days to stay exact. */
export const BUDGET_JOURS = { minimum: 15, maximum: 20 } as const;
export const DEMI_JOURNEES_PAR_JOUR = 2;

export type JourneeDecision = { allowed: true; totalDemiJournees: number; atteintMinimum: boolean } | { allowed: false; reason: string };

/** Half-days as days, with the one rule of joursFr (plural from 2): 1 → "0,5 jour", 3 → "1,5 jour", 4 → "2 jours". */
export function formatJours(demiJournees: number): string {
  return joursFr(demiJournees / DEMI_JOURNEES_PAR_JOUR);
}

/**
 * seed 001 §4: a day beyond the budget (20 days + explicit UNML extensions) is refused;
 * `atteintMinimum` is true for the entry that reaches the 15th day (UNML is warned).
 */
export function decideJournee(usedHalfDays: number, extensionHalfDays: number, halfDays: 1 | 2): JourneeDecision {
  const budget = BUDGET_JOURS.maximum * DEMI_JOURNEES_PAR_JOUR + extensionHalfDays;
  const after = usedHalfDays + halfDays;
  if (after > budget) {
    return {
      allowed: false,
      reason:
        `Cette journée dépasse le budget d'intervention : ${formatJours(usedHalfDays)} déjà réalisés sur ${formatJours(budget)}. ` +
        `Seule l'UNML peut étendre le budget, explicitement et avec un motif.`,
    };
  }
  const seuil = BUDGET_JOURS.minimum * DEMI_JOURNEES_PAR_JOUR;
  return { allowed: true, totalDemiJournees: after, atteintMinimum: usedHalfDays < seuil && after >= seuil };
}

export const deplacementSchema = z.object({
  qui: z.string().trim().min(1).max(200),
  ou: z.string().trim().min(1).max(200),
  quand: isoDateTime,
  pourquoi: z.string().trim().min(1).max(2000),
  coutEstimeEuros: z.number().nonnegative().max(100_000),
});
export type DemandeDeplacement = z.infer<typeof deplacementSchema>;
