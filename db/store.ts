// What the rest of the product asks of the pool's database (implemented by db/vivier.ts over Kysely, on
// SQLite or PostgreSQL, one file a part under db/vivier/). Every write records who did it and when in the history.
import type { RegionCode } from '../domain/regions';
import type { Dispositif } from '../domain/schemas';
import type { CandidatVivier, Connaissance, Indisponibilite, IntervenantVivier, ProfilIntervenant, Role, TypeIntervenant } from '../domain/vivier';

export type StatutIntervenant = 'valide' | 'retire';

export interface IntervenantFiche extends IntervenantVivier {
  statut: StatutIntervenant;
  creeLe: string;
  modifieLe: string;
  /** The application it came from, if any. */
  candidatureId?: string;
}

/** Creation input; the id is generated (opaque, e.g. "INT-7K2M9Q") unless given (seed data). */
export type NouvelIntervenant = Omit<IntervenantVivier, 'id' | 'actif' | 'indisponibilites' | 'connaissances'> & {
  id?: string;
  actif?: boolean;
  indisponibilites?: Indisponibilite[];
  connaissances?: Connaissance[];
};
/**
 * Only the fields given change. The optional ones (phone, home ML, firm) are removed by null (or a key given as
 * undefined). A new kind is refused ('conflit') while the intervenant holds active reservations.
 */
export type ModificationIntervenant = Partial<Omit<IntervenantVivier, 'id' | 'telephone' | 'missionLocaleCode' | 'cabinet'>> & {
  telephone?: string | null;
  missionLocaleCode?: string | null;
  cabinet?: string | null;
};

export type StatutCandidature = 'en_attente' | 'validee' | 'refusee';
/** An application through the "Je candidate" form. */
export interface NouvelleCandidature extends ProfilIntervenant, Pick<IntervenantVivier, 'connaissances'> {
  motivation: string;
}
export interface Candidature extends NouvelleCandidature {
  id: string;
  statut: StatutCandidature;
  deposeeLe: string;
  decision?: { par: string; le: string; motif?: string; intervenantId?: string };
}

export interface Evenement {
  entite: 'intervenant' | 'candidature' | 'reservation' | 'file_attente';
  entiteId: string;
  action: string;
  par: string;
  le: string;
  details?: unknown;
}

export interface Reservation {
  id: string;
  dossierId: string;
  role: Role;
  intervenantId: string;
  heuresMois: number;
  /** Chosen by staff outside the ranking (manual override), recorded as such. */
  manuelle: boolean;
  reserveeLe: string;
  par: string;
  libereeLe?: string;
  motifLiberation?: string;
}

export interface EnAttente {
  dossierId: string;
  dispositif: Dispositif;
  role: Role;
  /** 1 = highest. */
  priorite: number;
  depuis: string;
}

export interface MissionLocaleRef {
  code: string;
  nom: string;
  region: RegionCode;
}

export interface RegionRef {
  code: RegionCode;
  nom: string;
  arml: { nom: string; email: string };
}

export interface FiltreIntervenants {
  type?: TypeIntervenant;
  region?: RegionCode;
  actif?: boolean;
  statut?: StatutIntervenant;
}

export interface DemandeReservation {
  dossierId: string;
  role: Role;
  intervenantId: string;
  heuresMois: number;
  manuelle: boolean;
  par: string;
}

export interface DemandeLiberation {
  dossierId: string;
  /** Absent: every active reservation of the dossier. */
  role?: Role;
  motif: string;
  par: string;
}

export interface FiltreReservations {
  dossierId?: string;
  intervenantId?: string;
  actives?: boolean;
}

export interface DemandeMiseEnAttente {
  dossierId: string;
  dispositif: Dispositif;
  role: Role;
  priorite: number;
  par: string;
}

export interface VivierStore {
  // Reference data
  regions(): Promise<RegionRef[]>;
  missionsLocales(region?: RegionCode): Promise<MissionLocaleRef[]>;
  missionLocale(code: string): Promise<MissionLocaleRef | undefined>;

  // Intervenants
  listIntervenants(filtre?: FiltreIntervenants): Promise<IntervenantFiche[]>;
  getIntervenant(id: string): Promise<IntervenantFiche | undefined>;
  createIntervenant(input: NouvelIntervenant, par: string): Promise<IntervenantFiche>;
  /**
   * Throws VivierErreur 'introuvable'; a capacity below the current load, or a new kind while the intervenant
   * holds active reservations, is refused ('conflit').
   */
  updateIntervenant(id: string, patch: ModificationIntervenant, par: string): Promise<IntervenantFiche>;
  /** Withdraws from the pool (statut 'retire'); refused while it holds active reservations. */
  retirerIntervenant(id: string, par: string, motif: string): Promise<IntervenantFiche>;
  /** Validated, active intervenants of these types, with their current load. */
  candidats(types: readonly TypeIntervenant[]): Promise<CandidatVivier[]>;

  // Applications
  /** A second pending application from the same email returns the first one (a double submission creates one). */
  deposerCandidature(input: NouvelleCandidature): Promise<{ candidature: Candidature; doublon: boolean }>;
  listCandidatures(statut?: StatutCandidature): Promise<Candidature[]>;
  getCandidature(id: string): Promise<Candidature | undefined>;
  /** Creates the intervenant in the same transaction; refused ('conflit') unless pending. */
  validerCandidature(id: string, par: string): Promise<{ candidature: Candidature; intervenant: IntervenantFiche }>;
  refuserCandidature(id: string, par: string, motif: string): Promise<Candidature>;

  // History
  historique(entite: Evenement['entite'], entiteId: string): Promise<Evenement[]>;

  // Reservations: atomic, capacity enforced by the database
  /**
   * Reserves the intervenant for the dossier's role, in one transaction the database constrains: never beyond
   * capacity (dossiers and hours per month), one active reservation per (dossier, role). Idempotent: the same
   * active (dossier, role, intervenant) returns the existing reservation. Throws VivierErreur 'capacite_atteinte',
   * 'conflit' (role already held by someone else, intervenant withdrawn or inactive) or 'introuvable'.
   */
  reserver(input: DemandeReservation): Promise<Reservation>;
  /** Releases the dossier's active reservations (of one role, or all); returns what was released. Idempotent. */
  liberer(input: DemandeLiberation): Promise<Reservation[]>;
  reservations(filtre: FiltreReservations): Promise<Reservation[]>;

  // Waiting list (seed 003: limited interventions, UNML prioritises)
  /** Upsert: a dossier is at most once in the list; a new priority replaces the old one. */
  mettreEnAttente(input: DemandeMiseEnAttente): Promise<EnAttente>;
  retirerDeLAttente(dossierId: string, par: string): Promise<boolean>;
  /** In priority order (1 first), then oldest first. */
  fileAttente(dispositif?: Dispositif): Promise<EnAttente[]>;

  close(): Promise<void>;
}

export type CodeErreurVivier = 'introuvable' | 'conflit' | 'capacite_atteinte';

/** A refusal from the pool, with a French message a person can act on. The API maps introuvable → 404, others → 409. */
export class VivierErreur extends Error {
  constructor(
    readonly code: CodeErreurVivier,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'VivierErreur';
  }
}
