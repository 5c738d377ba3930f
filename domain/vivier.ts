// The intervenant pool ("vivier d'experts") as the domain sees it: who can intervene, with what expertise,
// how much capacity, when unavailable and whom they know. Plain types, constants and the field rules (no I/O):
// the database (db/), the ranking (domain/matching.ts), the API and the workflows share them.
import { REGIONS, type RegionCode } from './regions';
import type { Dispositif } from './schemas';

/** Kinds of intervenant (DOMAIN.md "Who is who"). */
export const TYPES_INTERVENANT = {
  consultant_cabinet: 'Consultant·e de cabinet',
  directeur_ml: 'Directeur·rice de Mission Locale',
  expert_reseau: 'Expert·e du réseau',
} as const;
export type TypeIntervenant = keyof typeof TYPES_INTERVENANT;

/** Expertise tags, over the topics of DOMAIN.md (seeds 000, 001, 003). */
export const EXPERTISES = {
  finances: 'Finances, trésorerie, équilibre budgétaire',
  financements: 'Recherche et diversification des financements',
  organisation_rh: 'Organisation, ressources humaines',
  management: 'Management, pratiques managériales',
  offre_de_service: 'Offre de service',
  partenariats: 'Partenariats, relations avec les acteurs du territoire',
  gouvernance: 'Gouvernance, relations avec les élus et les financeurs',
  amelioration_continue: 'Amélioration continue, démarche qualité',
  restructuration: 'Restructuration, fusion, plan de sauvegarde de l’emploi',
  communication: 'Communication interne et externe',
  systemes_information: 'Systèmes d’information, données, indicateurs',
} as const;
export type Expertise = keyof typeof EXPERTISES;
export const EXPERTISE_CODES = Object.keys(EXPERTISES) as [Expertise, ...Expertise[]];

/** A period, as calendar dates (YYYY-MM-DD, Europe/Paris), both ends included. */
export interface Periode {
  debut: string;
  fin: string;
}

/** A declared acquaintance: an ML (and optionally the person there) the intervenant knows (seed 000: impartiality). */
export interface Connaissance {
  missionLocaleCode: string;
  /** e.g. "Président·e", "Directeur·rice", or a name. */
  personne?: string;
}

export interface Indisponibilite extends Periode {
  motif?: string;
}

/** One intervenant of the pool, as the ranking reads it. Only `statut: 'valide'` and `actif` ones can be matched. */
export interface IntervenantVivier {
  id: string;
  type: TypeIntervenant;
  nom: string;
  email: string;
  telephone?: string;
  region: RegionCode;
  /** Home Mission Locale (ML directors, network experts). */
  missionLocaleCode?: string;
  /** The firm, for a cabinet consultant. */
  cabinet?: string;
  expertises: Expertise[];
  /** Dossiers at once. */
  capaciteDossiers: number;
  /** Hours per month. */
  capaciteHeuresMois: number;
  actif: boolean;
  indisponibilites: Indisponibilite[];
  connaissances: Connaissance[];
}

/** The profile an intervenant and an application share (an application adds its motivation, an intervenant its state). */
export type ProfilIntervenant = Pick<
  IntervenantVivier,
  'type' | 'nom' | 'email' | 'telephone' | 'region' | 'missionLocaleCode' | 'cabinet' | 'expertises' | 'capaciteDossiers' | 'capaciteHeuresMois'
>;

/**
 * The product's capacity limits, for an intervenant and an application alike: the API's schemas, the "Je candidate"
 * page and the store all read these. (The database only requires them to be non-negative: a looser net behind.)
 */
export const CAPACITE_DOSSIERS_MIN = 1;
export const CAPACITE_DOSSIERS_MAX = 10;
export const CAPACITE_HEURES_MIN = 1;
export const CAPACITE_HEURES_MAX = 80;

/** The fields the rules below check (phone, home ML and firm are free text to them, and may be cleared by a modification). */
export type ChampsVerifies = Partial<
  Pick<IntervenantVivier, 'type' | 'nom' | 'email' | 'region' | 'expertises' | 'capaciteDossiers' | 'capaciteHeuresMois' | 'indisponibilites' | 'connaissances'>
>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function entierEntre(n: number, min: number, max: number): boolean {
  return Number.isInteger(n) && n >= min && n <= max;
}

/** Problems with an intervenant's or an application's fields (those given), in French; empty when all is well. */
export function problemesProfil(input: ChampsVerifies): string[] {
  const out: string[] = [];
  if (input.type !== undefined && !(input.type in TYPES_INTERVENANT)) {
    out.push(`type inconnu « ${input.type} » (consultant_cabinet, directeur_ml ou expert_reseau)`);
  }
  if (input.nom !== undefined && !input.nom.trim()) out.push('le nom est vide');
  if (input.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(input.email.trim())) out.push(`adresse e-mail invalide « ${input.email} »`);
  if (input.region !== undefined && !(input.region in REGIONS)) out.push(`région inconnue « ${input.region} »`);
  for (const e of input.expertises ?? []) if (!(e in EXPERTISES)) out.push(`expertise inconnue « ${e} »`);
  if (input.capaciteDossiers !== undefined && !entierEntre(input.capaciteDossiers, CAPACITE_DOSSIERS_MIN, CAPACITE_DOSSIERS_MAX)) {
    out.push(`capacité en dossiers invalide (${input.capaciteDossiers}) : un nombre entier de ${CAPACITE_DOSSIERS_MIN} à ${CAPACITE_DOSSIERS_MAX}`);
  }
  if (input.capaciteHeuresMois !== undefined && !entierEntre(input.capaciteHeuresMois, CAPACITE_HEURES_MIN, CAPACITE_HEURES_MAX)) {
    const attendu = `un nombre entier d’heures de ${CAPACITE_HEURES_MIN} à ${CAPACITE_HEURES_MAX}`;
    out.push(`capacité horaire mensuelle invalide (${input.capaciteHeuresMois}) : ${attendu}`);
  }
  for (const p of input.indisponibilites ?? []) {
    if (!DATE.test(p.debut) || !DATE.test(p.fin)) out.push(`période d’indisponibilité invalide (${p.debut} – ${p.fin}) : dates AAAA-MM-JJ attendues`);
    else if (p.debut > p.fin) out.push(`période d’indisponibilité du ${p.debut} au ${p.fin} : la fin précède le début`);
  }
  for (const c of input.connaissances ?? []) if (!c.missionLocaleCode?.trim()) out.push('une connaissance déclarée n’indique pas de Mission Locale');
  return out;
}

/** An intervenant's current load, from the reservations table. */
export interface Charge {
  dossiersEnCours: number;
  heuresMoisReservees: number;
  /** Last time they were reserved for a dossier (ISO date-time), for fair rotation. */
  derniereAffectationLe?: string;
  /** Reservations over the last 12 months (released or not), for fair rotation. */
  affectations12Mois: number;
}

export interface CandidatVivier extends IntervenantVivier {
  charge: Charge;
}

/**
 * The role to fill in a dossier. Compagnonnage: an ML director (seed 003). Appui Conseil: a cabinet consultant,
 * and optionally a network member (seed 001). Diagnostic: a binôme, a consultant + an ML director (seed 000).
 */
export const ROLES = {
  compagnon: { dispositif: 'compagnonnage', types: ['directeur_ml'], libelle: 'Intervenant·e de Compagnonnage' },
  consultant_appui: { dispositif: 'appui_conseil', types: ['consultant_cabinet'], libelle: 'Consultant·e du cabinet' },
  membre_reseau: { dispositif: 'appui_conseil', types: ['directeur_ml', 'expert_reseau'], libelle: 'Membre du réseau' },
  diagnostiqueur_consultant: { dispositif: 'diagnostic', types: ['consultant_cabinet'], libelle: 'Diagnostiqueur·se consultant·e' },
  diagnostiqueur_directeur: { dispositif: 'diagnostic', types: ['directeur_ml'], libelle: 'Diagnostiqueur·se directeur·rice de ML' },
  /** A regional campaign's neutral consultant (seed 004), reserved for the campaign (its id CAM-…) like any designation. */
  consultant_campagne: { dispositif: 'campagne', types: ['consultant_cabinet'], libelle: 'Consultant·e neutre de la campagne régionale' },
} as const satisfies Record<string, { dispositif: Dispositif | 'campagne'; types: readonly TypeIntervenant[]; libelle: string }>;
export type Role = keyof typeof ROLES;

/** What a dossier needs, as the ranking reads it. No I/O: the API or an activity builds it from the dossier. */
export interface BesoinDossier {
  dossierId: string;
  dispositif: Dispositif;
  role: Role;
  missionLocale: { code: string; nom: string; region: RegionCode };
  /** Expertise wanted (the dossier's topics mapped to expertise tags). */
  sujets: Expertise[];
  /** When the intervention takes place. */
  periode: Periode;
  /** Expected load on the intervenant (Compagnonnage: 24 h over 3 months = 8 h/month). */
  heuresMois: number;
  /** Intervenants who already declined this dossier, or were set aside by staff: excluded with that reason. */
  dejaSollicites?: { intervenantId: string; motif: string }[];
}

/** One candidate's place in the ranking, with its reasons in French (shown to staff as is). */
export interface Classement {
  intervenantId: string;
  nom: string;
  type: TypeIntervenant;
  region: RegionCode;
  eligible: boolean;
  /** 0..100 for eligible candidates; 0 for excluded ones. */
  score: number;
  /** 1-based rank among eligible candidates; absent for excluded ones. */
  rang?: number;
  /** Why excluded (hard rules), in French. Empty when eligible. */
  exclusions: string[];
  /** What made the score, in French ("Expertise : 2 sujets sur 3 couverts (finances, gouvernance)"). */
  raisons: string[];
}

/** Maps a dossier's topics (each dispositif's own codes) to expertise tags. */
export const SUJET_VERS_EXPERTISES: Record<string, Expertise[]> = {
  // Compagnonnage (domain/compagnonnage.ts SUJETS_TRAITES)
  organisation_management: ['organisation_rh', 'management'],
  financements: ['financements'],
  offre_de_service: ['offre_de_service'],
  amelioration_continue: ['amelioration_continue'],
  // Appui Conseil (domain/appui-conseil.ts SUJETS_APPUI)
  finances: ['finances'],
  restructuration: ['restructuration'],
  pse: ['restructuration', 'organisation_rh'],
  gouvernance: ['gouvernance'],
  organisation_rh: ['organisation_rh'],
};

export function expertisesDesSujets(sujets: readonly string[]): Expertise[] {
  const out = new Set<Expertise>();
  for (const s of sujets) {
    if (s in EXPERTISES) out.add(s as Expertise);
    for (const e of SUJET_VERS_EXPERTISES[s] ?? []) out.add(e);
  }
  return [...out];
}
