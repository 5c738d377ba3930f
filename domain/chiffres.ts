// The network's figures (issue #14, seed 000: "plus de 270 jours de cabinets de conseil mobilisés, près de 200 jours
// de mobilisation d'expertise interne des membres du réseau, 31 membres du réseau qui s'investissent dans le
// dispositif"), computed from the reporting read model (domain/reporting.ts) alone: never typed in. Pure (no I/O, no
// clock), fed row by row so that the caller may stream the store's pages (api/chiffres/service.ts), unit-tested
// without Temporal (test/chiffres.test.ts).
//
// The rules, for a period [du, au] of Paris calendar days (both included), optionally one région and/or dispositif:
// - dossiers: asked (demand filed in the period), accepted, put on the waiting list (the first time, in the period),
//   declined, out of scope (non_recevable), closed, abandoned, lapsed (caduque) — each counted on the day of its event
//   (acceptance, waiting list, outcome) in the period; running: launched on or before the period's end and whose
//   work did not end (finLe, else termineLe) before its start. Per dispositif and in total.
// - days: units of work done in the period; half-days count 1/2 day, minutes count (minutes / 60) / heuresParJour
//   day. Sums are kept as integers (half-days, minutes) and the days rounded to one decimal (half up) only at the
//   end. Consultant days: consultant_cabinet; internal network expertise: directeur_ml + expert_reseau.
// - distinct network members: see MembresReseau below.
// - delays, in whole calendar days (Paris): demand → launch of the dossiers launched in the period, demand → closure
//   of those closed (issue `cloture`) in the period; median and 90th percentile by the nearest-rank method (the value
//   at rank ⌈p·n/100⌉ of the sorted values: the median of an even count is the lower middle value).
// - questionnaires: the answers given in the period, per dispositif and question: how many, the average of the
//   numeric ones (a decimal comma accepted), the others (free text) listed.
// - the pool's load (chargeDuVivier): today's active reservations against the capacity of the valid, active
//   intervenants, per kind — a snapshot of now, not of the period.
import { REGIONS, type RegionCode } from './regions';
import type { LigneDossier, ReponseQuestionnaire, UniteTravail } from './reporting';
import { DISPOSITIFS, type Dispositif } from './schemas';
import { TYPES_INTERVENANT, type TypeIntervenant } from './vivier';
import { dateCivileFr, dateParis } from './format';

// --- The request ------------------------------------------------------------------------------------------------

/** A period of Paris calendar days (YYYY-MM-DD), both ends included; `annee` when it is a calendar year. */
export interface PeriodeChiffres {
  du: string;
  au: string;
  annee?: number;
}

export interface DemandeChiffres {
  periode: PeriodeChiffres;
  region?: RegionCode;
  dispositif?: Dispositif;
  /** Hours of work that make a day, for the work logged in minutes (REPORTING_HEURES_PAR_JOUR, 7 by default). */
  heuresParJour: number;
}

/** The calendar year as a period. */
export function periodeAnnee(annee: number): PeriodeChiffres {
  return { du: `${annee}-01-01`, au: `${annee}-12-31`, annee };
}

// --- The result -------------------------------------------------------------------------------------------------

export const INDICATEURS_DOSSIERS = {
  demandes: 'Dossiers demandés',
  acceptes: 'Dossiers acceptés',
  declines: 'Demandes déclinées',
  nonRecevables: 'Demandes hors champ (non recevables)',
  listeAttente: 'Mis en liste d’attente',
  enCours: 'Dossiers en cours',
  clotures: 'Dossiers clôturés',
  abandonnes: 'Dossiers abandonnés',
  caducs: 'Dossiers caducs',
} as const;
export type IndicateurDossiers = keyof typeof INDICATEURS_DOSSIERS;
export type CompteDossiers = Record<IndicateurDossiers, number>;

/** Time spent: the integer sums, and the days they make (one decimal). */
export interface Jours {
  demiJournees: number;
  minutes: number;
  jours: number;
}

/** Demand → launch or closure, in whole days over `nombre` dossiers; absent values when there is none. */
export interface Delai {
  nombre: number;
  mediane?: number;
  p90?: number;
}

/** The figures of one dispositif, or of all of them together (`total`). */
export interface BlocChiffres {
  dossiers: CompteDossiers;
  jours: { consultants: Jours; expertiseInterne: Jours; parType: Record<TypeIntervenant, Jours> };
  /**
   * Distinct network members (directeur_ml, expert_reseau, by intervenant id) involved in the period: those who
   * logged work in it, and those designated on a dossier running in it. Seed 000 counts "membres du réseau qui
   * s'investissent dans le dispositif (diagnostic et accompagnement)": a member designated on a running
   * accompaniment or diagnostic invests in it even before logging a day, and one who logged a day in the period
   * (a Diagnostic's analysis before its day on site) counts even if the dossier is not "running" yet. Each counts
   * once, however many dossiers: the total is not the sum of the dispositifs.
   */
  membresReseau: number;
  /** Distinct cabinet consultants of the pool (by id) on the same rule, for comparison. */
  consultants: number;
  delais: { demandeLancement: Delai; demandeCloture: Delai };
}

export interface ResultatQuestion {
  question: string;
  nombre: number;
  /** The average of the numeric answers (one decimal), when there are some; `numeriques` says how many. */
  moyenne?: number;
  numeriques: number;
  /** The other answers (free text), in the store's order. */
  textes: string[];
}

export interface Chiffres {
  periode: PeriodeChiffres;
  region?: RegionCode;
  dispositif?: Dispositif;
  heuresParJour: number;
  /** The dispositifs shown: the one asked, or all three. */
  dispositifs: Dispositif[];
  parDispositif: Partial<Record<Dispositif, BlocChiffres>>;
  total: BlocChiffres;
  /** Demands filed per month of the period (YYYY-MM), every month present. */
  demandesParMois: { mois: string; nombre: number }[];
  questionnaires: { dispositif: Dispositif; questions: ResultatQuestion[] }[];
}

// --- Arithmetic -------------------------------------------------------------------------------------------------

/** num / den rounded half up to one decimal, with integers only until the last division (num ≥ 0, den > 0). */
export function dixiemes(num: number, den: number): number {
  return Math.floor((20 * num + den) / (2 * den)) / 10;
}

/** The minutes of work that make a day (7 h → 420); a whole number of minutes (config/index.ts checks it). */
export const minutesParJour = (heuresParJour: number): number => Math.round(heuresParJour * 60);

/** The days of some half-days and minutes: (demi · mpj / 2 + minutes) / mpj, counted in half-minutes to stay whole. */
export function joursDe(demiJournees: number, minutes: number, heuresParJour: number): Jours {
  const mpj = minutesParJour(heuresParJour);
  return { demiJournees, minutes, jours: dixiemes(demiJournees * mpj + 2 * minutes, 2 * mpj) };
}

/** The nearest-rank p-th percentile (0 < p ≤ 100) of values sorted ascending: the value at rank ⌈p·n/100⌉. */
export function centileRangLePlusProche(tries: readonly number[], p: number): number | undefined {
  if (tries.length === 0) return undefined;
  const rang = Math.max(1, Math.ceil((p * tries.length) / 100));
  return tries[rang - 1];
}

function delai(valeurs: number[]): Delai {
  const tries = [...valeurs].sort((a, b) => a - b);
  const mediane = centileRangLePlusProche(tries, 50);
  const p90 = centileRangLePlusProche(tries, 90);
  return { nombre: tries.length, ...(mediane !== undefined ? { mediane } : {}), ...(p90 !== undefined ? { p90 } : {}) };
}

const JOUR_MS = 86_400_000;
/** Whole calendar days from one YYYY-MM-DD day to another. */
export const joursEntre = (du: string, au: string): number => Math.round((Date.parse(`${au}T00:00:00Z`) - Date.parse(`${du}T00:00:00Z`)) / JOUR_MS);

const dansPeriode = (jour: string | undefined, p: PeriodeChiffres): boolean => jour !== undefined && jour >= p.du && jour <= p.au;
const jourDe = (iso: string | undefined): string | undefined => (iso ? dateParis(iso) : undefined);

/** "4", "3,5", " 2.0 " → a number; anything else (free text) → undefined. */
export function valeurNumerique(reponse: string): number | undefined {
  const t = reponse.trim().replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

/** The months (YYYY-MM) a period spans. */
export function moisDe(p: PeriodeChiffres): string[] {
  const out: string[] = [];
  let [a, m] = p.du.slice(0, 7).split('-').map(Number) as [number, number];
  const fin = p.au.slice(0, 7);
  for (let n = 0; n < 1200; n++) {
    const mois = `${a}-${String(m).padStart(2, '0')}`;
    out.push(mois);
    if (mois >= fin) break;
    m += 1;
    if (m > 12) [a, m] = [a + 1, 1];
  }
  return out;
}

// --- The computation --------------------------------------------------------------------------------------------

const TYPES = Object.keys(TYPES_INTERVENANT) as TypeIntervenant[];
const estReseau = (t: TypeIntervenant) => t === 'directeur_ml' || t === 'expert_reseau';

interface Accu {
  dossiers: CompteDossiers;
  temps: Record<TypeIntervenant, { demi: number; minutes: number }>;
  membres: Set<string>;
  consultants: Set<string>;
  lancement: number[];
  cloture: number[];
}

const nouvelAccu = (): Accu => ({
  dossiers: Object.fromEntries(Object.keys(INDICATEURS_DOSSIERS).map((k) => [k, 0])) as CompteDossiers,
  temps: Object.fromEntries(TYPES.map((t) => [t, { demi: 0, minutes: 0 }])) as Accu['temps'],
  membres: new Set(),
  consultants: new Set(),
  lancement: [],
  cloture: [],
});

/** What the issue counts an outcome as. */
const PAR_ISSUE = { declinee: 'declines', non_recevable: 'nonRecevables', cloture: 'clotures', abandonnee: 'abandonnes', caduque: 'caducs' } as const;

/**
 * The figures, fed row by row: every dossier that may matter (at least those whose demand was filed on or before the
 * period's end), the units of work and the questionnaire answers; rows outside the région or dispositif asked, or
 * outside the period, are skipped here too (the caller's store filters are only a first sieve).
 */
export class CalculChiffres {
  private readonly accus: Record<Dispositif, Accu> = { compagnonnage: nouvelAccu(), appui_conseil: nouvelAccu(), diagnostic: nouvelAccu() };
  private readonly mois = new Map<string, number>();
  /** Per dispositif and question: the count, the numeric answers' sum and count, the free-text answers. */
  private readonly reponses = new Map<Dispositif, Map<string, { nombre: number; somme: number; numeriques: number; textes: string[] }>>();

  constructor(readonly demande: DemandeChiffres) {
    if (!(demande.heuresParJour > 0)) throw new RangeError('heuresParJour must be positive');
    for (const m of moisDe(demande.periode)) this.mois.set(m, 0);
  }

  private retenu(dispositif: Dispositif, region: RegionCode): boolean {
    return (!this.demande.dispositif || dispositif === this.demande.dispositif) && (!this.demande.region || region === this.demande.region);
  }

  ajouterDossier(d: LigneDossier): void {
    if (!this.retenu(d.dispositif, d.region)) return;
    const p = this.demande.periode;
    const a = this.accus[d.dispositif];
    const demande = jourDe(d.demandeLe)!;
    if (dansPeriode(demande, p)) {
      a.dossiers.demandes++;
      const mois = demande.slice(0, 7);
      this.mois.set(mois, (this.mois.get(mois) ?? 0) + 1);
    }
    if (dansPeriode(jourDe(d.accepteLe), p)) a.dossiers.acceptes++;
    if (dansPeriode(jourDe(d.listeAttenteLe), p)) a.dossiers.listeAttente++;
    const termine = jourDe(d.termineLe);
    if (d.issue && dansPeriode(termine, p)) a.dossiers[PAR_ISSUE[d.issue]]++;
    const lance = jourDe(d.lanceLe);
    const finTravail = jourDe(d.finLe) ?? termine;
    const enCours = lance !== undefined && lance <= p.au && (finTravail === undefined || finTravail >= p.du);
    if (enCours) {
      a.dossiers.enCours++;
      for (const i of d.intervenants) {
        if (estReseau(i.type)) a.membres.add(i.id);
        else a.consultants.add(i.id);
      }
    }
    if (lance !== undefined && dansPeriode(lance, p)) a.lancement.push(joursEntre(demande, lance));
    if (d.issue === 'cloture' && termine !== undefined && dansPeriode(termine, p)) a.cloture.push(joursEntre(demande, termine));
  }

  ajouterUnite(u: UniteTravail & { dispositif: Dispositif; region: RegionCode }): void {
    if (!this.retenu(u.dispositif, u.region) || !dansPeriode(u.date, this.demande.periode)) return;
    const a = this.accus[u.dispositif];
    const t = a.temps[u.type];
    t.demi += u.demiJournees ?? 0;
    t.minutes += u.minutes ?? 0;
    if (u.intervenantId) (estReseau(u.type) ? a.membres : a.consultants).add(u.intervenantId);
  }

  ajouterReponse(r: ReponseQuestionnaire & { dispositif: Dispositif; region: RegionCode }): void {
    if (!this.retenu(r.dispositif, r.region) || !dansPeriode(jourDe(r.le), this.demande.periode)) return;
    let questions = this.reponses.get(r.dispositif);
    if (!questions) this.reponses.set(r.dispositif, (questions = new Map()));
    let q = questions.get(r.question);
    if (!q) questions.set(r.question, (q = { nombre: 0, somme: 0, numeriques: 0, textes: [] }));
    q.nombre++;
    const v = valeurNumerique(r.reponse);
    if (v === undefined) {
      if (r.reponse.trim()) q.textes.push(r.reponse.trim());
    } else {
      q.somme += v;
      q.numeriques++;
    }
  }

  private bloc(accus: Accu[]): BlocChiffres {
    const h = this.demande.heuresParJour;
    const dossiers = nouvelAccu().dossiers;
    for (const a of accus) for (const k of Object.keys(dossiers) as IndicateurDossiers[]) dossiers[k] += a.dossiers[k];
    const somme = (types: TypeIntervenant[]) => {
      let demi = 0;
      let minutes = 0;
      for (const a of accus)
        for (const t of types) {
          demi += a.temps[t].demi;
          minutes += a.temps[t].minutes;
        }
      return joursDe(demi, minutes, h);
    };
    const union = (f: (a: Accu) => Set<string>) => new Set(accus.flatMap((a) => [...f(a)])).size;
    return {
      dossiers,
      jours: {
        consultants: somme(['consultant_cabinet']),
        expertiseInterne: somme(['directeur_ml', 'expert_reseau']),
        parType: Object.fromEntries(TYPES.map((t) => [t, somme([t])])) as Record<TypeIntervenant, Jours>,
      },
      membresReseau: union((a) => a.membres),
      consultants: union((a) => a.consultants),
      delais: { demandeLancement: delai(accus.flatMap((a) => a.lancement)), demandeCloture: delai(accus.flatMap((a) => a.cloture)) },
    };
  }

  resultat(): Chiffres {
    const { periode, region, dispositif, heuresParJour } = this.demande;
    const dispositifs = dispositif ? [dispositif] : [...DISPOSITIFS];
    const moyenne = (q: { somme: number; numeriques: number }) =>
      // Answers are small numbers (ratings): tenths of their sum, an integer but for float noise, then one decimal.
      q.numeriques ? { moyenne: dixiemes(Math.round(q.somme * 10), 10 * q.numeriques) } : {};
    return {
      periode,
      ...(region ? { region } : {}),
      ...(dispositif ? { dispositif } : {}),
      heuresParJour,
      dispositifs,
      parDispositif: Object.fromEntries(dispositifs.map((d) => [d, this.bloc([this.accus[d]])])),
      total: this.bloc(dispositifs.map((d) => this.accus[d])),
      demandesParMois: [...this.mois].map(([mois, nombre]) => ({ mois, nombre })),
      questionnaires: dispositifs
        .filter((d) => this.reponses.has(d))
        .map((d) => ({
          dispositif: d,
          questions: [...this.reponses.get(d)!].map(([question, q]) => ({
            question,
            nombre: q.nombre,
            ...moyenne(q),
            numeriques: q.numeriques,
            textes: q.textes,
          })),
        })),
    };
  }
}

/** The figures of rows held in memory (tests, small sets). */
export function calculerChiffres(
  demande: DemandeChiffres,
  lignes: {
    dossiers: Iterable<LigneDossier>;
    unites?: Iterable<UniteTravail & { dispositif: Dispositif; region: RegionCode }>;
    reponses?: Iterable<ReponseQuestionnaire & { dispositif: Dispositif; region: RegionCode }>;
  },
): Chiffres {
  const c = new CalculChiffres(demande);
  for (const d of lignes.dossiers) c.ajouterDossier(d);
  for (const u of lignes.unites ?? []) c.ajouterUnite(u);
  for (const r of lignes.reponses ?? []) c.ajouterReponse(r);
  return c.resultat();
}

// --- The pool's load --------------------------------------------------------------------------------------------

export interface ChargeType {
  type: TypeIntervenant;
  /** Valid, active intervenants of this kind. */
  intervenants: number;
  /** Their capacity in dossiers at once, and the active reservations they hold. */
  capaciteDossiers: number;
  reservations: number;
  /** reservations / capacity, in whole per cent (rounded down); absent without capacity. */
  tauxPourcent?: number;
  capaciteHeuresMois: number;
  heuresMoisReservees: number;
}

/**
 * The pool's load now, per kind of intervenant: the active reservations held by the valid, active intervenants
 * against their capacity (dossiers at once, hours per month). Reservations of withdrawn or inactive ones are left out
 * (they count against no capacity).
 */
export function chargeDuVivier(
  intervenants: readonly { id: string; type: TypeIntervenant; actif: boolean; statut?: string; capaciteDossiers: number; capaciteHeuresMois: number }[],
  reservations: readonly { intervenantId: string; heuresMois: number; libereeLe?: string }[],
): ChargeType[] {
  const retenus = new Map(intervenants.filter((i) => i.actif && (i.statut ?? 'valide') === 'valide').map((i) => [i.id, i]));
  return TYPES.map((type) => {
    const du = [...retenus.values()].filter((i) => i.type === type);
    const res = reservations.filter((r) => !r.libereeLe && retenus.get(r.intervenantId)?.type === type);
    const capaciteDossiers = du.reduce((s, i) => s + i.capaciteDossiers, 0);
    return {
      type,
      intervenants: du.length,
      capaciteDossiers,
      reservations: res.length,
      ...(capaciteDossiers > 0 ? { tauxPourcent: Math.floor((res.length * 100) / capaciteDossiers) } : {}),
      capaciteHeuresMois: du.reduce((s, i) => s + i.capaciteHeuresMois, 0),
      heuresMoisReservees: res.reduce((s, r) => s + r.heuresMois, 0),
    };
  });
}

// --- French -----------------------------------------------------------------------------------------------------

export const LIBELLES_TYPES_CONTRIBUTEURS: Record<TypeIntervenant, string> = {
  consultant_cabinet: 'Consultant·es de cabinet',
  directeur_ml: 'Directeur·rices de Mission Locale',
  expert_reseau: 'Expert·es du réseau',
};

/** "année 2026", "du 1er mars 2026 au 30 juin 2026"; with the région and dispositif asked. */
export function periodeFr(c: Pick<Chiffres, 'periode' | 'region'>): string {
  const p = c.periode.annee !== undefined ? `année ${c.periode.annee}` : `du ${dateCivileFr(c.periode.du)} au ${dateCivileFr(c.periode.au)}`;
  return [p, c.region ? `région ${REGIONS[c.region]}` : undefined].filter(Boolean).join(', ');
}
