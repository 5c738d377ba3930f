// The pool's store over Kysely (SQLite or PostgreSQL): db/store.ts's VivierStore, composed from its parts under
// db/vivier/ (reference data, intervenants, applications, reservations, waiting list). Every write runs in one
// transaction with its history line (who, when). Reservations are atomic and the database enforces capacity:
// a guarded UPDATE of the intervenant's counters, CHECK constraints behind it, partial unique indexes for one
// active reservation per (dossier, role).
import type { RegionCode } from '../domain/regions';
import type { Dispositif } from '../domain/schemas';
import type { CandidatVivier, TypeIntervenant } from '../domain/vivier';
import { openDatabase } from './database';
import { migrateToLatest } from './migrations';
import { seedReference } from './seed/reference';
import type {
  Candidature,
  DemandeLiberation,
  DemandeMiseEnAttente,
  DemandeReservation,
  EnAttente,
  Evenement,
  FiltreIntervenants,
  FiltreReservations,
  IntervenantFiche,
  MissionLocaleRef,
  ModificationIntervenant,
  NouvelIntervenant,
  NouvelleCandidature,
  RegionRef,
  Reservation,
  StatutCandidature,
  VivierStore,
} from './store';
import { Candidatures } from './vivier/candidatures';
import { Contexte, type Db, type SqlVivierStoreOptions } from './vivier/contexte';
import { FileAttente } from './vivier/file-attente';
import { Intervenants } from './vivier/intervenants';
import { Referentiel } from './vivier/reference';
import { Reservations } from './vivier/reservations';

export { nouvelId, type SqlVivierStoreOptions } from './vivier/contexte';

export class SqlVivierStore implements VivierStore {
  private readonly ctx: Contexte;
  private readonly parts: {
    referentiel: Referentiel;
    intervenants: Intervenants;
    candidatures: Candidatures;
    reservations: Reservations;
    attente: FileAttente;
  };

  constructor(
    readonly db: Db,
    options: SqlVivierStoreOptions = {},
  ) {
    this.ctx = new Contexte(db, options);
    const intervenants = new Intervenants(this.ctx);
    this.parts = {
      referentiel: new Referentiel(db),
      intervenants,
      candidatures: new Candidatures(this.ctx, intervenants),
      reservations: new Reservations(this.ctx),
      attente: new FileAttente(this.ctx),
    };
  }

  // Reference data
  regions(): Promise<RegionRef[]> {
    return this.parts.referentiel.regions();
  }
  missionsLocales(region?: RegionCode): Promise<MissionLocaleRef[]> {
    return this.parts.referentiel.missionsLocales(region);
  }
  missionLocale(code: string): Promise<MissionLocaleRef | undefined> {
    return this.parts.referentiel.missionLocale(code);
  }

  // Intervenants
  listIntervenants(filtre?: FiltreIntervenants): Promise<IntervenantFiche[]> {
    return this.parts.intervenants.listIntervenants(filtre);
  }
  getIntervenant(id: string): Promise<IntervenantFiche | undefined> {
    return this.parts.intervenants.getIntervenant(id);
  }
  createIntervenant(input: NouvelIntervenant, par: string): Promise<IntervenantFiche> {
    return this.parts.intervenants.createIntervenant(input, par);
  }
  updateIntervenant(id: string, patch: ModificationIntervenant, par: string): Promise<IntervenantFiche> {
    return this.parts.intervenants.updateIntervenant(id, patch, par);
  }
  retirerIntervenant(id: string, par: string, motif: string): Promise<IntervenantFiche> {
    return this.parts.intervenants.retirerIntervenant(id, par, motif);
  }
  candidats(types: readonly TypeIntervenant[]): Promise<CandidatVivier[]> {
    return this.parts.intervenants.candidats(types);
  }

  // Applications
  deposerCandidature(input: NouvelleCandidature): Promise<{ candidature: Candidature; doublon: boolean }> {
    return this.parts.candidatures.deposerCandidature(input);
  }
  listCandidatures(statut?: StatutCandidature): Promise<Candidature[]> {
    return this.parts.candidatures.listCandidatures(statut);
  }
  getCandidature(id: string): Promise<Candidature | undefined> {
    return this.parts.candidatures.getCandidature(id);
  }
  validerCandidature(id: string, par: string): Promise<{ candidature: Candidature; intervenant: IntervenantFiche }> {
    return this.parts.candidatures.validerCandidature(id, par);
  }
  refuserCandidature(id: string, par: string, motif: string): Promise<Candidature> {
    return this.parts.candidatures.refuserCandidature(id, par, motif);
  }

  // History
  historique(entite: Evenement['entite'], entiteId: string): Promise<Evenement[]> {
    return this.ctx.historique(entite, entiteId);
  }

  // Reservations
  reserver(input: DemandeReservation): Promise<Reservation> {
    return this.parts.reservations.reserver(input);
  }
  liberer(input: DemandeLiberation): Promise<Reservation[]> {
    return this.parts.reservations.liberer(input);
  }
  reservations(filtre: FiltreReservations): Promise<Reservation[]> {
    return this.parts.reservations.reservations(filtre);
  }

  // Waiting list
  mettreEnAttente(input: DemandeMiseEnAttente): Promise<EnAttente> {
    return this.parts.attente.mettreEnAttente(input);
  }
  retirerDeLAttente(dossierId: string, par: string): Promise<boolean> {
    return this.parts.attente.retirerDeLAttente(dossierId, par);
  }
  fileAttente(dispositif?: Dispositif): Promise<EnAttente[]> {
    return this.parts.attente.fileAttente(dispositif);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/** Opens the database DATABASE_URL names, applies pending migrations and the reference data (régions, MLs). */
export async function openVivierStore(url: string, options: SqlVivierStoreOptions & { poolSize?: number } = {}): Promise<SqlVivierStore> {
  const db = openDatabase(url, options.poolSize !== undefined ? { poolSize: options.poolSize } : {});
  try {
    await migrateToLatest(db);
    await seedReference(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return new SqlVivierStore(db, options.now ? { now: options.now } : {});
}
