// The network's figures read from the reporting store (db/reporting.ts) page by page into the pure computation
// (domain/chiffres.ts), and the pool's load from the pool's store: what GET /api/chiffres, its CSV and the /chiffres
// pages show.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { SqlReportingStore } from '../../db/reporting';
import type { VivierStore } from '../../db/store';
import { CalculChiffres, chargeDuVivier, type ChargeType, type Chiffres, type DemandeChiffres } from '../../domain/chiffres';

export interface ChiffresReseau extends Chiffres {
  /** The pool's load now (not of the period): active reservations against capacity, per kind of intervenant. */
  chargeVivier: ChargeType[];
}

const decaler = (jour: string, n: number): string => {
  const d = new Date(`${jour}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * The figures of a period. The store's filters are a sieve a day wider than the period (they compare UTC instants,
 * the figures Paris days); the computation keeps exactly the period's rows. Every dossier filed up to the period's
 * end is read: those asked in it, and older ones still running, accepted or ended in it.
 */
export async function chiffresDuReporting(store: SqlReportingStore, demande: DemandeChiffres): Promise<Chiffres> {
  const { du, au } = demande.periode;
  const filtre = { ...(demande.region ? { region: demande.region } : {}), ...(demande.dispositif ? { dispositif: demande.dispositif } : {}) };
  const calcul = new CalculChiffres(demande);
  for await (const d of store.dossiers({ ...filtre, demandeAu: decaler(au, 1) })) calcul.ajouterDossier(d);
  for await (const u of store.unites({ ...filtre, du, au })) calcul.ajouterUnite(u);
  for (const r of await store.reponses({ ...filtre, du: decaler(du, -1), au: decaler(au, 1) })) calcul.ajouterReponse(r);
  return calcul.resultat();
}

/** The pool's load now: its valid intervenants and their active reservations. */
export async function chargeVivierActuelle(vivier: VivierStore): Promise<ChargeType[]> {
  const [intervenants, reservations] = await Promise.all([vivier.listIntervenants({ statut: 'valide' }), vivier.reservations({ actives: true })]);
  return chargeDuVivier(intervenants, reservations);
}

export async function chiffresReseau(store: SqlReportingStore, vivier: VivierStore, demande: DemandeChiffres): Promise<ChiffresReseau> {
  const [chiffres, chargeVivier] = await Promise.all([chiffresDuReporting(store, demande), chargeVivierActuelle(vivier)]);
  return { ...chiffres, chargeVivier };
}

/** The reporting store in the pool's database (the SQL pool store's Kysely instance), when the pool is one. */
export function reportingDuVivier(vivier: VivierStore): SqlReportingStore | undefined {
  const db = (vivier as { db?: Kysely<Database> }).db;
  return db ? new SqlReportingStore(db) : undefined;
}
