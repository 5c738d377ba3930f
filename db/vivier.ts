// The pool's store over Kysely (SQLite or PostgreSQL): db/store.ts's VivierStore. Every write runs in one
// transaction with its history line (who, when). Reservations are atomic and the database enforces capacity:
// a guarded UPDATE of the intervenant's counters, CHECK constraints behind it, partial unique indexes for one
// active reservation per (dossier, role).
import { randomBytes } from 'node:crypto';
import { type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { RegionCode } from '../domain/regions';
import type { Dispositif } from '../domain/schemas';
import {
  type CandidatVivier,
  type ChampsVerifies,
  type Connaissance,
  EXPERTISE_CODES,
  type Expertise,
  type Indisponibilite,
  problemesProfil,
  ROLES,
  type Role,
  TYPES_INTERVENANT,
  type TypeIntervenant,
} from '../domain/vivier';
import { type CandidaturesTable, type Database, type IntervenantsTable, openDatabase, type ReservationsTable } from './database';
import { versErreurVivier } from './erreurs';
import { migrateToLatest } from './migrations';
import { seedReference } from './seed/reference';
import {
  type Candidature,
  type EnAttente,
  type Evenement,
  type IntervenantFiche,
  type MissionLocaleRef,
  type ModificationIntervenant,
  type NouvelIntervenant,
  type NouvelleCandidature,
  type Reservation,
  type StatutCandidature,
  type StatutIntervenant,
  type VivierStore,
  VivierErreur,
} from './store';

type Db = Kysely<Database>;
type IntervenantRow = Selectable<IntervenantsTable>;
type CandidatureRow = Selectable<CandidaturesTable>;
type ReservationRow = Selectable<ReservationsTable>;

// Crockford's base32: no I, L, O, U (nothing to misread in an email or on the phone).
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** An opaque identifier, e.g. "INT-7K2M9QXR4T": random, never built from personal data. */
export function nouvelId(prefixe: 'INT' | 'CAND' | 'RES' | 'IND' | 'CON', longueur = 10): string {
  const bytes = randomBytes(longueur);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return `${prefixe}-${out}`;
}

const ROLE_CODES = Object.keys(ROLES) as Role[];
const DOUZE_MOIS_MS = 365 * 86_400_000;

/** Hours are kept to the hundredth: 24 h over 3 months is 8 h/month, 20 h over 3 months 6.67. */
function arrondiHeures(h: number): number {
  return Math.round(h * 100) / 100;
}

function normaliserEmail(email: string): string {
  return email.trim().toLowerCase();
}

function heures(h: number): string {
  return `${String(h).replace('.', ',')} h`;
}

function ordreExpertises(list: Iterable<string>): Expertise[] {
  const set = new Set(list);
  return EXPERTISE_CODES.filter((e) => set.has(e));
}

function libelleRole(role: Role): string {
  return ROLES[role].libelle;
}

function libelleType(type: string): string {
  return TYPES_INTERVENANT[type as TypeIntervenant] ?? type;
}

/** "dossier CMP-1 (Intervenant·e de Compagnonnage), dossier DIAG-2 (…)": the dossiers holding someone, and as what. */
function dossiersTenus(actives: { dossier_id: string; role: string }[]): string {
  return actives.map((a) => `dossier ${a.dossier_id} (${ROLES[a.role as Role]?.libelle ?? a.role})`).join(', ');
}

function jsonOuUndefined(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function verifier(input: ChampsVerifies, quoi: string): void {
  const list = problemesProfil(input);
  if (list.length) throw new VivierErreur('conflit', `${quoi} refusé·e : ${list.join(' ; ')}.`, { problemes: list });
}

export interface SqlVivierStoreOptions {
  /** The clock (tests). */
  now?: () => Date;
}

export class SqlVivierStore implements VivierStore {
  constructor(
    readonly db: Db,
    private readonly options: SqlVivierStoreOptions = {},
  ) {}

  private maintenant(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  /** Runs `fn` in one transaction; constraint violations come out as VivierErreur. */
  private async ecrire<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(fn);
    } catch (err) {
      throw versErreurVivier(err);
    }
  }

  private async journal(trx: Db, e: Omit<Evenement, 'le'> & { le?: string }): Promise<void> {
    await trx
      .insertInto('historique')
      .values({
        entite: e.entite,
        entite_id: e.entiteId,
        action: e.action,
        par: e.par,
        le: e.le ?? this.maintenant(),
        details: e.details === undefined ? null : JSON.stringify(e.details),
      })
      .execute();
  }

  // --- Reference data -------------------------------------------------------------------------------------

  async regions(): Promise<{ code: RegionCode; nom: string; arml: { nom: string; email: string } }[]> {
    const rows = await this.db.selectFrom('regions').selectAll().execute();
    return rows
      .map((r) => ({ code: r.code as RegionCode, nom: r.nom, arml: { nom: r.arml_nom, email: r.arml_email } }))
      .sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
  }

  async missionsLocales(region?: RegionCode): Promise<MissionLocaleRef[]> {
    let q = this.db.selectFrom('missions_locales').selectAll();
    if (region) q = q.where('region', '=', region);
    const rows = await q.execute();
    return rows.map((r) => ({ code: r.code, nom: r.nom, region: r.region as RegionCode })).sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
  }

  async missionLocale(code: string): Promise<MissionLocaleRef | undefined> {
    const r = await this.db.selectFrom('missions_locales').selectAll().where('code', '=', code).executeTakeFirst();
    return r ? { code: r.code, nom: r.nom, region: r.region as RegionCode } : undefined;
  }

  // --- Intervenants ---------------------------------------------------------------------------------------

  /** The rows with their expertise, unavailability and acquaintances, in the rows' order. */
  private async fiches(q: Db, rows: IntervenantRow[]): Promise<IntervenantFiche[]> {
    if (rows.length === 0) return [];
    const expertises = new Map<string, string[]>();
    const indispos = new Map<string, Indisponibilite[]>();
    const connaissances = new Map<string, Connaissance[]>();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const e of await q.selectFrom('intervenant_expertises').selectAll().where('intervenant_id', 'in', chunk).execute()) {
        expertises.set(e.intervenant_id, [...(expertises.get(e.intervenant_id) ?? []), e.expertise]);
      }
      const periodes = await q.selectFrom('indisponibilites').selectAll().where('intervenant_id', 'in', chunk).orderBy('debut').orderBy('fin').execute();
      for (const p of periodes) {
        const periode: Indisponibilite = { debut: p.debut, fin: p.fin, ...(p.motif !== null ? { motif: p.motif } : {}) };
        indispos.set(p.intervenant_id, [...(indispos.get(p.intervenant_id) ?? []), periode]);
      }
      const connus = await q.selectFrom('connaissances').selectAll().where('intervenant_id', 'in', chunk).orderBy('mission_locale_code').orderBy('personne').execute();
      for (const c of connus) {
        const connaissance: Connaissance = { missionLocaleCode: c.mission_locale_code, ...(c.personne !== null ? { personne: c.personne } : {}) };
        connaissances.set(c.intervenant_id, [...(connaissances.get(c.intervenant_id) ?? []), connaissance]);
      }
    }
    return rows.map((r) => ({
      id: r.id,
      type: r.type as TypeIntervenant,
      nom: r.nom,
      email: r.email,
      ...(r.telephone !== null ? { telephone: r.telephone } : {}),
      region: r.region as RegionCode,
      ...(r.mission_locale_code !== null ? { missionLocaleCode: r.mission_locale_code } : {}),
      ...(r.cabinet !== null ? { cabinet: r.cabinet } : {}),
      expertises: ordreExpertises(expertises.get(r.id) ?? []),
      capaciteDossiers: Number(r.capacite_dossiers),
      capaciteHeuresMois: Number(r.capacite_heures_mois),
      actif: Number(r.actif) === 1,
      indisponibilites: indispos.get(r.id) ?? [],
      connaissances: connaissances.get(r.id) ?? [],
      statut: r.statut as StatutIntervenant,
      creeLe: r.cree_le,
      modifieLe: r.modifie_le,
      ...(r.candidature_id !== null ? { candidatureId: r.candidature_id } : {}),
    }));
  }

  private async fiche(q: Db, id: string): Promise<IntervenantFiche | undefined> {
    const row = await q.selectFrom('intervenants').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await this.fiches(q, [row]))[0] : undefined;
  }

  private async ficheOuErreur(q: Db, id: string): Promise<IntervenantFiche> {
    const fiche = await this.fiche(q, id);
    if (!fiche) throw new VivierErreur('introuvable', `Aucun·e intervenant·e ${id} dans le vivier.`, { intervenantId: id });
    return fiche;
  }

  async listIntervenants(filtre: { type?: TypeIntervenant; region?: RegionCode; actif?: boolean; statut?: StatutIntervenant } = {}): Promise<IntervenantFiche[]> {
    let q = this.db.selectFrom('intervenants').selectAll();
    if (filtre.type) q = q.where('type', '=', filtre.type);
    if (filtre.region) q = q.where('region', '=', filtre.region);
    if (filtre.actif !== undefined) q = q.where('actif', '=', filtre.actif ? 1 : 0);
    if (filtre.statut) q = q.where('statut', '=', filtre.statut);
    const rows = await q.orderBy('nom').orderBy('id').execute();
    return this.fiches(this.db, rows);
  }

  getIntervenant(id: string): Promise<IntervenantFiche | undefined> {
    return this.fiche(this.db, id);
  }

  private async remplacerDetails(trx: Db, id: string, patch: Partial<Pick<NouvelIntervenant, 'expertises' | 'indisponibilites' | 'connaissances'>>): Promise<void> {
    if (patch.expertises) {
      await trx.deleteFrom('intervenant_expertises').where('intervenant_id', '=', id).execute();
      const list = ordreExpertises(patch.expertises);
      if (list.length) await trx.insertInto('intervenant_expertises').values(list.map((expertise) => ({ intervenant_id: id, expertise }))).execute();
    }
    if (patch.indisponibilites) {
      await trx.deleteFrom('indisponibilites').where('intervenant_id', '=', id).execute();
      if (patch.indisponibilites.length) {
        await trx
          .insertInto('indisponibilites')
          .values(patch.indisponibilites.map((p) => ({ id: nouvelId('IND'), intervenant_id: id, debut: p.debut, fin: p.fin, motif: p.motif?.trim() || null })))
          .execute();
      }
    }
    if (patch.connaissances) {
      await trx.deleteFrom('connaissances').where('intervenant_id', '=', id).execute();
      if (patch.connaissances.length) {
        await trx
          .insertInto('connaissances')
          .values(patch.connaissances.map((c) => ({ id: nouvelId('CON'), intervenant_id: id, mission_locale_code: c.missionLocaleCode.trim(), personne: c.personne?.trim() || null })))
          .execute();
      }
    }
  }

  private async insererIntervenant(trx: Db, input: NouvelIntervenant, par: string, candidatureId?: string): Promise<IntervenantFiche> {
    const id = input.id ?? nouvelId('INT');
    const le = this.maintenant();
    await trx
      .insertInto('intervenants')
      .values({
        id,
        type: input.type,
        nom: input.nom.trim(),
        email: normaliserEmail(input.email),
        telephone: input.telephone?.trim() || null,
        region: input.region,
        mission_locale_code: input.missionLocaleCode?.trim() || null,
        cabinet: input.cabinet?.trim() || null,
        capacite_dossiers: input.capaciteDossiers,
        capacite_heures_mois: input.capaciteHeuresMois,
        actif: input.actif === false ? 0 : 1,
        statut: 'valide',
        candidature_id: candidatureId ?? null,
        cree_le: le,
        modifie_le: le,
      })
      .execute();
    await this.remplacerDetails(trx, id, { expertises: input.expertises, indisponibilites: input.indisponibilites ?? [], connaissances: input.connaissances ?? [] });
    await this.journal(trx, { entite: 'intervenant', entiteId: id, action: 'creation', par, le, details: { type: input.type, region: input.region, ...(candidatureId ? { candidatureId } : {}) } });
    return this.ficheOuErreur(trx, id);
  }

  async createIntervenant(input: NouvelIntervenant, par: string): Promise<IntervenantFiche> {
    verifier(input, 'Intervenant·e');
    return this.ecrire((trx) => this.insererIntervenant(trx, input, par));
  }

  async updateIntervenant(id: string, patch: ModificationIntervenant, par: string): Promise<IntervenantFiche> {
    verifier(patch, 'Modification');
    try {
      return await this.ecrire(async (trx) => {
        const row = await trx.selectFrom('intervenants').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw new VivierErreur('introuvable', `Aucun·e intervenant·e ${id} dans le vivier.`, { intervenantId: id });
        const avant = (await this.fiches(trx, [row]))[0]!;
        const enCours = Number(row.dossiers_en_cours);
        const reservees = Number(row.heures_mois_reservees);
        // A dossier holding the intervenant chose them for a role of their kind (and keeps a copy of their card):
        // the kind changes only once no reservation is active.
        const nouveauType = patch.type !== undefined && patch.type !== avant.type ? patch.type : undefined;
        const actives = () =>
          trx.selectFrom('reservations').select(['dossier_id', 'role']).where('intervenant_id', '=', id).where('liberee_le', 'is', null).orderBy('reservee_le').orderBy('id').execute();
        const refusType = (tenues: { dossier_id: string; role: string }[]) =>
          new VivierErreur(
            'conflit',
            `Changement de type refusé : ${row.nom} (${libelleType(avant.type)}) a ${tenues.length ? `${tenues.length} réservation(s) active(s) : ${dossiersTenus(tenues)}` : 'des réservations actives'}. ` +
              `Libérez d’abord ces réservations (en désignant un·e autre intervenant·e sur chaque dossier, ou à la fin de l’intervention), puis changez son type en ${libelleType(nouveauType ?? '')}.`,
            { intervenantId: id, typeActuel: avant.type, typeDemande: nouveauType, dossiers: tenues.map((a) => a.dossier_id) },
          );
        if (nouveauType) {
          const tenues = await actives();
          if (tenues.length) throw refusType(tenues);
        }
        if (patch.capaciteDossiers !== undefined && patch.capaciteDossiers < enCours) {
          throw new VivierErreur(
            'conflit',
            `Capacité refusée : ${row.nom} a ${enCours} dossier(s) en cours ; sa capacité ne peut pas descendre à ${patch.capaciteDossiers} tant que ces réservations ne sont pas libérées.`,
            { intervenantId: id, dossiersEnCours: enCours, capaciteDemandee: patch.capaciteDossiers },
          );
        }
        if (patch.capaciteHeuresMois !== undefined && patch.capaciteHeuresMois < reservees) {
          throw new VivierErreur(
            'conflit',
            `Capacité refusée : ${row.nom} a ${heures(reservees)} par mois réservées ; sa capacité horaire ne peut pas descendre à ${heures(patch.capaciteHeuresMois)} par mois tant que ces réservations ne sont pas libérées.`,
            { intervenantId: id, heuresMoisReservees: reservees, capaciteDemandee: patch.capaciteHeuresMois },
          );
        }
        const le = this.maintenant();
        const set: Updateable<IntervenantsTable> = { modifie_le: le };
        if (patch.type !== undefined) set.type = patch.type;
        if (patch.nom !== undefined) set.nom = patch.nom.trim();
        if (patch.email !== undefined) set.email = normaliserEmail(patch.email);
        if ('telephone' in patch) set.telephone = patch.telephone?.trim() || null;
        if (patch.region !== undefined) set.region = patch.region;
        if ('missionLocaleCode' in patch) set.mission_locale_code = patch.missionLocaleCode?.trim() || null;
        if ('cabinet' in patch) set.cabinet = patch.cabinet?.trim() || null;
        if (patch.capaciteDossiers !== undefined) set.capacite_dossiers = patch.capaciteDossiers;
        if (patch.capaciteHeuresMois !== undefined) set.capacite_heures_mois = patch.capaciteHeuresMois;
        if (patch.actif !== undefined) set.actif = patch.actif ? 1 : 0;
        let update = trx.updateTable('intervenants').set(set).where('id', '=', id);
        // Guarded on the counter too: a reservation committed meanwhile keeps the kind (the reservation's own
        // guarded UPDATE checks the kind, for the other order).
        if (nouveauType) update = update.where('dossiers_en_cours', '=', 0);
        const res = await update.executeTakeFirst();
        if (nouveauType && Number(res.numUpdatedRows) === 0) throw refusType(await actives());
        await this.remplacerDetails(trx, id, patch);
        const apres = (await this.fiche(trx, id))!;
        const modifications: Record<string, { avant: unknown; apres: unknown }> = {};
        for (const key of Object.keys(patch) as (keyof ModificationIntervenant)[]) {
          if (JSON.stringify(avant[key]) !== JSON.stringify(apres[key])) modifications[key] = { avant: avant[key] ?? null, apres: apres[key] ?? null };
        }
        await this.journal(trx, { entite: 'intervenant', entiteId: id, action: 'modification', par, le, details: { modifications } });
        return apres;
      });
    } catch (err) {
      // A reservation committed between our read and our write: the CHECK constraint refused the capacity.
      if (err instanceof VivierErreur && /^intervenants_(dossiers|heures)_capacite$/.test(String(err.details?.contrainte))) {
        throw new VivierErreur('conflit', `Capacité refusée : elle serait inférieure à la charge actuelle de l’intervenant·e ${id} (réservations en cours).`, err.details);
      }
      throw err;
    }
  }

  async retirerIntervenant(id: string, par: string, motif: string): Promise<IntervenantFiche> {
    return this.ecrire(async (trx) => {
      const fiche = await this.ficheOuErreur(trx, id);
      if (fiche.statut === 'retire') return fiche;
      const actives = await trx.selectFrom('reservations').select(['dossier_id', 'role']).where('intervenant_id', '=', id).where('liberee_le', 'is', null).execute();
      const refus = () =>
        new VivierErreur(
          'conflit',
          `${fiche.nom} ne peut pas être retiré·e du vivier : ${actives.length || 'des'} réservation(s) active(s)${actives.length ? ` (dossier(s) ${actives.map((a) => a.dossier_id).join(', ')})` : ''}. Libérez-les d’abord.`,
          { intervenantId: id, dossiers: actives.map((a) => a.dossier_id) },
        );
      if (actives.length) throw refus();
      const le = this.maintenant();
      // Guarded on the counter too: a reservation committed meanwhile keeps the intervenant in the pool.
      const res = await trx.updateTable('intervenants').set({ statut: 'retire', modifie_le: le }).where('id', '=', id).where('dossiers_en_cours', '=', 0).executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw refus();
      await this.journal(trx, { entite: 'intervenant', entiteId: id, action: 'retrait', par, le, details: { motif } });
      return (await this.fiche(trx, id))!;
    });
  }

  async candidats(types: readonly TypeIntervenant[]): Promise<CandidatVivier[]> {
    if (types.length === 0) return [];
    const rows = await this.db
      .selectFrom('intervenants')
      .selectAll()
      .where('type', 'in', [...types])
      .where('statut', '=', 'valide')
      .where('actif', '=', 1)
      .orderBy('nom')
      .orderBy('id')
      .execute();
    if (rows.length === 0) return [];
    const depuis = new Date((this.options.now?.() ?? new Date()).getTime() - DOUZE_MOIS_MS).toISOString();
    const stats = new Map<string, { derniere: string | null; n12: number }>();
    const ids = rows.map((r) => r.id);
    for (let i = 0; i < ids.length; i += 500) {
      const agg = await this.db
        .selectFrom('reservations')
        .select((eb) => ['intervenant_id', eb.fn.max('reservee_le').as('derniere'), sql<number | string>`sum(case when reservee_le >= ${depuis} then 1 else 0 end)`.as('n12')])
        .where('intervenant_id', 'in', ids.slice(i, i + 500))
        .groupBy('intervenant_id')
        .execute();
      for (const a of agg) stats.set(a.intervenant_id, { derniere: a.derniere, n12: Number(a.n12 ?? 0) });
    }
    const fiches = await this.fiches(this.db, rows);
    return fiches.map((f, i) => {
      const row = rows[i]!;
      const s = stats.get(f.id);
      // The ranking reads IntervenantVivier fields: the fiche's bookkeeping (statut, dates) stays out.
      return {
        id: f.id,
        type: f.type,
        nom: f.nom,
        email: f.email,
        ...(f.telephone !== undefined ? { telephone: f.telephone } : {}),
        region: f.region,
        ...(f.missionLocaleCode !== undefined ? { missionLocaleCode: f.missionLocaleCode } : {}),
        ...(f.cabinet !== undefined ? { cabinet: f.cabinet } : {}),
        expertises: f.expertises,
        capaciteDossiers: f.capaciteDossiers,
        capaciteHeuresMois: f.capaciteHeuresMois,
        actif: f.actif,
        indisponibilites: f.indisponibilites,
        connaissances: f.connaissances,
        charge: {
          dossiersEnCours: Number(row.dossiers_en_cours),
          heuresMoisReservees: Number(row.heures_mois_reservees),
          ...(s?.derniere ? { derniereAffectationLe: s.derniere } : {}),
          affectations12Mois: s?.n12 ?? 0,
        },
      };
    });
  }

  // --- Applications ---------------------------------------------------------------------------------------

  private candidature(r: CandidatureRow): Candidature {
    return {
      id: r.id,
      type: r.type as TypeIntervenant,
      nom: r.nom,
      email: r.email,
      ...(r.telephone !== null ? { telephone: r.telephone } : {}),
      region: r.region as RegionCode,
      ...(r.mission_locale_code !== null ? { missionLocaleCode: r.mission_locale_code } : {}),
      ...(r.cabinet !== null ? { cabinet: r.cabinet } : {}),
      expertises: JSON.parse(r.expertises) as Expertise[],
      capaciteDossiers: Number(r.capacite_dossiers),
      capaciteHeuresMois: Number(r.capacite_heures_mois),
      connaissances: JSON.parse(r.connaissances) as Connaissance[],
      motivation: r.motivation,
      statut: r.statut as StatutCandidature,
      deposeeLe: r.deposee_le,
      ...(r.decision_par !== null && r.decision_le !== null
        ? {
            decision: {
              par: r.decision_par,
              le: r.decision_le,
              ...(r.decision_motif !== null ? { motif: r.decision_motif } : {}),
              ...(r.intervenant_id !== null ? { intervenantId: r.intervenant_id } : {}),
            },
          }
        : {}),
    };
  }

  private async candidatureEnAttente(q: Db, email: string): Promise<Candidature | undefined> {
    const row = await q.selectFrom('candidatures').selectAll().where('email', '=', email).where('statut', '=', 'en_attente').executeTakeFirst();
    return row ? this.candidature(row) : undefined;
  }

  async deposerCandidature(input: NouvelleCandidature): Promise<{ candidature: Candidature; doublon: boolean }> {
    verifier(input, 'Candidature');
    const email = normaliserEmail(input.email);
    const existante = await this.candidatureEnAttente(this.db, email);
    if (existante) return { candidature: existante, doublon: true };
    const id = nouvelId('CAND');
    try {
      return await this.ecrire(async (trx) => {
        const le = this.maintenant();
        await trx
          .insertInto('candidatures')
          .values({
            id,
            type: input.type,
            nom: input.nom.trim(),
            email,
            telephone: input.telephone?.trim() || null,
            region: input.region,
            mission_locale_code: input.missionLocaleCode?.trim() || null,
            cabinet: input.cabinet?.trim() || null,
            expertises: JSON.stringify(ordreExpertises(input.expertises)),
            capacite_dossiers: input.capaciteDossiers,
            capacite_heures_mois: input.capaciteHeuresMois,
            connaissances: JSON.stringify(
              (input.connaissances ?? []).map((c) => ({ missionLocaleCode: c.missionLocaleCode.trim(), ...(c.personne?.trim() ? { personne: c.personne.trim() } : {}) })),
            ),
            motivation: input.motivation,
            statut: 'en_attente',
            deposee_le: le,
            decision_par: null,
            decision_le: null,
            decision_motif: null,
            intervenant_id: null,
          })
          .execute();
        await this.journal(trx, { entite: 'candidature', entiteId: id, action: 'depot', par: email, le, details: { type: input.type, region: input.region } });
        const row = await trx.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return { candidature: this.candidature(row), doublon: false };
      });
    } catch (err) {
      // The same form submitted twice at once: the partial unique index kept one.
      if (err instanceof VivierErreur && err.details?.contrainte === 'candidatures_email_en_attente') {
        const premiere = await this.candidatureEnAttente(this.db, email);
        if (premiere) return { candidature: premiere, doublon: true };
      }
      throw err;
    }
  }

  async listCandidatures(statut?: StatutCandidature): Promise<Candidature[]> {
    let q = this.db.selectFrom('candidatures').selectAll();
    if (statut) q = q.where('statut', '=', statut);
    const rows = await q.orderBy('deposee_le').orderBy('id').execute();
    return rows.map((r) => this.candidature(r));
  }

  async getCandidature(id: string): Promise<Candidature | undefined> {
    const row = await this.db.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.candidature(row) : undefined;
  }

  private async candidatureADecider(trx: Db, id: string): Promise<CandidatureRow> {
    const row = await trx.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new VivierErreur('introuvable', `Aucune candidature ${id}.`, { candidatureId: id });
    if (row.statut !== 'en_attente') {
      const etat = row.statut === 'validee' ? 'validée' : 'refusée';
      throw new VivierErreur('conflit', `La candidature ${id} a déjà été ${etat}${row.decision_le ? ` le ${row.decision_le.slice(0, 10)}` : ''}${row.decision_par ? ` par ${row.decision_par}` : ''}.`, {
        candidatureId: id,
        statut: row.statut,
      });
    }
    return row;
  }

  async validerCandidature(id: string, par: string): Promise<{ candidature: Candidature; intervenant: IntervenantFiche }> {
    return this.ecrire(async (trx) => {
      const row = await this.candidatureADecider(trx, id);
      const c = this.candidature(row);
      const deja = await trx.selectFrom('intervenants').select(['id', 'nom']).where('email', '=', c.email).where('statut', '=', 'valide').executeTakeFirst();
      if (deja) {
        throw new VivierErreur('conflit', `${deja.nom} (${c.email}) est déjà dans le vivier (${deja.id}) : mettez sa fiche à jour ou refusez cette candidature.`, {
          candidatureId: id,
          intervenantId: deja.id,
        });
      }
      const intervenant = await this.insererIntervenant(
        trx,
        {
          type: c.type,
          nom: c.nom,
          email: c.email,
          ...(c.telephone ? { telephone: c.telephone } : {}),
          region: c.region,
          ...(c.missionLocaleCode ? { missionLocaleCode: c.missionLocaleCode } : {}),
          ...(c.cabinet ? { cabinet: c.cabinet } : {}),
          expertises: c.expertises,
          capaciteDossiers: c.capaciteDossiers,
          capaciteHeuresMois: c.capaciteHeuresMois,
          connaissances: c.connaissances,
        },
        par,
        id,
      );
      const le = this.maintenant();
      const res = await trx
        .updateTable('candidatures')
        .set({ statut: 'validee', decision_par: par, decision_le: le, intervenant_id: intervenant.id })
        .where('id', '=', id)
        .where('statut', '=', 'en_attente')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new VivierErreur('conflit', `La candidature ${id} vient d’être traitée par quelqu’un d’autre.`, { candidatureId: id });
      await this.journal(trx, { entite: 'candidature', entiteId: id, action: 'validation', par, le, details: { intervenantId: intervenant.id } });
      const apres = await trx.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { candidature: this.candidature(apres), intervenant };
    });
  }

  async refuserCandidature(id: string, par: string, motif: string): Promise<Candidature> {
    return this.ecrire(async (trx) => {
      await this.candidatureADecider(trx, id);
      const le = this.maintenant();
      const res = await trx
        .updateTable('candidatures')
        .set({ statut: 'refusee', decision_par: par, decision_le: le, decision_motif: motif })
        .where('id', '=', id)
        .where('statut', '=', 'en_attente')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new VivierErreur('conflit', `La candidature ${id} vient d’être traitée par quelqu’un d’autre.`, { candidatureId: id });
      await this.journal(trx, { entite: 'candidature', entiteId: id, action: 'refus', par, le, details: { motif } });
      return this.candidature(await trx.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    });
  }

  // --- History --------------------------------------------------------------------------------------------

  async historique(entite: Evenement['entite'], entiteId: string): Promise<Evenement[]> {
    const rows = await this.db.selectFrom('historique').selectAll().where('entite', '=', entite).where('entite_id', '=', entiteId).orderBy('id').execute();
    return rows.map((r) => {
      const details = jsonOuUndefined(r.details);
      return { entite: r.entite as Evenement['entite'], entiteId: r.entite_id, action: r.action, par: r.par, le: r.le, ...(details !== undefined ? { details } : {}) };
    });
  }

  // --- Reservations ---------------------------------------------------------------------------------------

  private reservation(r: ReservationRow): Reservation {
    return {
      id: r.id,
      dossierId: r.dossier_id,
      role: r.role as Role,
      intervenantId: r.intervenant_id,
      heuresMois: Number(r.heures_mois),
      manuelle: Number(r.manuelle) === 1,
      reserveeLe: r.reservee_le,
      par: r.par,
      ...(r.liberee_le !== null ? { libereeLe: r.liberee_le } : {}),
      ...(r.motif_liberation !== null ? { motifLiberation: r.motif_liberation } : {}),
    };
  }

  /** The active reservation holding (dossier, role), or undefined. */
  private async activePourRole(q: Db, dossierId: string, role: Role): Promise<Reservation | undefined> {
    const row = await q.selectFrom('reservations').selectAll().where('dossier_id', '=', dossierId).where('role', '=', role).where('liberee_le', 'is', null).executeTakeFirst();
    return row ? this.reservation(row) : undefined;
  }

  /** Why a reservation of the dossier's role for this intervenant cannot be made, or undefined when it can. */
  private async refusDejaPris(q: Db, input: { dossierId: string; role: Role; intervenantId: string }): Promise<Reservation | VivierErreur | undefined> {
    const tenue = await this.activePourRole(q, input.dossierId, input.role);
    if (tenue) {
      if (tenue.intervenantId === input.intervenantId) return tenue;
      return new VivierErreur(
        'conflit',
        `Le rôle « ${libelleRole(input.role)} » du dossier ${input.dossierId} est déjà tenu par ${await this.nom(q, tenue.intervenantId)} (${tenue.intervenantId}) : libérez cette réservation avant d’en faire une autre.`,
        { dossierId: input.dossierId, role: input.role, intervenantId: tenue.intervenantId },
      );
    }
    const autre = await q
      .selectFrom('reservations')
      .selectAll()
      .where('dossier_id', '=', input.dossierId)
      .where('intervenant_id', '=', input.intervenantId)
      .where('liberee_le', 'is', null)
      .executeTakeFirst();
    if (autre) {
      return new VivierErreur(
        'conflit',
        `${await this.nom(q, input.intervenantId)} est déjà réservé·e sur le dossier ${input.dossierId} comme « ${libelleRole(autre.role as Role)} » : une même personne ne tient pas deux rôles d’un dossier.`,
        { dossierId: input.dossierId, role: autre.role, intervenantId: input.intervenantId },
      );
    }
    return undefined;
  }

  private async nom(q: Db, intervenantId: string): Promise<string> {
    const row = await q.selectFrom('intervenants').select('nom').where('id', '=', intervenantId).executeTakeFirst();
    return row?.nom ?? intervenantId;
  }

  /** Why the guarded UPDATE matched no row, from the intervenant's current state. */
  private pourquoiRefus(row: IntervenantRow | undefined, id: string, heuresMois: number): VivierErreur {
    if (!row) return new VivierErreur('introuvable', `Aucun·e intervenant·e ${id} dans le vivier.`, { intervenantId: id });
    if (row.statut !== 'valide') return new VivierErreur('conflit', `${row.nom} a été retiré·e du vivier : il·elle ne peut plus être réservé·e.`, { intervenantId: id });
    if (Number(row.actif) !== 1) return new VivierErreur('conflit', `${row.nom} est inactif·ve dans le vivier : réactivez sa fiche avant de le·la réserver.`, { intervenantId: id });
    const enCours = Number(row.dossiers_en_cours);
    const capD = Number(row.capacite_dossiers);
    const reservees = Number(row.heures_mois_reservees);
    const capH = Number(row.capacite_heures_mois);
    const details = { intervenantId: id, dossiersEnCours: enCours, capaciteDossiers: capD, heuresMoisReservees: reservees, capaciteHeuresMois: capH, heuresDemandees: heuresMois };
    if (capD === 0) {
      return new VivierErreur('capacite_atteinte', `${row.nom} n’accepte aucun dossier pour le moment (capacité de 0 dossier) : choisissez un·e autre intervenant·e ou augmentez sa capacité.`, details);
    }
    if (enCours >= capD) {
      return new VivierErreur('capacite_atteinte', `${row.nom} a déjà ${enCours} dossier(s) en cours pour une capacité de ${capD} : choisissez un·e autre intervenant·e ou libérez une réservation.`, details);
    }
    return new VivierErreur(
      'capacite_atteinte',
      `${row.nom} a déjà ${heures(reservees)} par mois réservées sur une capacité de ${heures(capH)} : ${heures(heuresMois)} de plus la dépasseraient (reste ${heures(arrondiHeures(Math.max(0, capH - reservees)))}).`,
      details,
    );
  }

  async reserver(input: { dossierId: string; role: Role; intervenantId: string; heuresMois: number; manuelle: boolean; par: string }): Promise<Reservation> {
    if (!ROLE_CODES.includes(input.role)) throw new VivierErreur('conflit', `Rôle inconnu « ${input.role} » (${ROLE_CODES.join(', ')}).`, { role: input.role });
    if (!Number.isFinite(input.heuresMois) || input.heuresMois < 0) {
      throw new VivierErreur('conflit', `Volume horaire invalide (${input.heuresMois}) : un nombre d’heures par mois positif ou nul est attendu.`, { heuresMois: input.heuresMois });
    }
    if (!input.dossierId.trim()) throw new VivierErreur('conflit', 'Réservation sans dossier : l’identifiant du dossier est vide.');
    const heuresMois = arrondiHeures(input.heuresMois);
    try {
      return await this.ecrire(async (trx) => {
        const row = await trx.selectFrom('intervenants').selectAll().where('id', '=', input.intervenantId).executeTakeFirst();
        if (!row) throw this.pourquoiRefus(undefined, input.intervenantId, heuresMois);
        const types: readonly TypeIntervenant[] = ROLES[input.role].types;
        const mauvaisType = (r: IntervenantRow) =>
          new VivierErreur(
            'conflit',
            `${r.nom} est ${libelleType(r.type)} : le rôle « ${libelleRole(input.role)} » revient à ${types.map((t) => TYPES_INTERVENANT[t]).join(' ou ')}.`,
            { intervenantId: input.intervenantId, role: input.role },
          );
        if (!types.includes(row.type as TypeIntervenant)) throw mauvaisType(row);
        const deja = await this.refusDejaPris(trx, input);
        if (deja instanceof VivierErreur) throw deja;
        if (deja) return deja; // idempotent: this very reservation is already active

        const reservation: Reservation = {
          id: nouvelId('RES'),
          dossierId: input.dossierId,
          role: input.role,
          intervenantId: input.intervenantId,
          heuresMois,
          manuelle: input.manuelle,
          reserveeLe: this.maintenant(),
          par: input.par,
        };
        // The unique indexes refuse a second active reservation of the role (or of the person) in the dossier.
        await trx
          .insertInto('reservations')
          .values({
            id: reservation.id,
            dossier_id: reservation.dossierId,
            role: reservation.role,
            intervenant_id: reservation.intervenantId,
            heures_mois: heuresMois,
            manuelle: reservation.manuelle ? 1 : 0,
            reservee_le: reservation.reserveeLe,
            par: reservation.par,
            liberee_le: null,
            motif_liberation: null,
          })
          .execute();
        // The capacity check and the increment are one statement: concurrent reservations serialise on the row.
        const nouvellesHeures = sql<number>`round(cast(heures_mois_reservees + ${heuresMois} as numeric), 2)`;
        const res = await trx
          .updateTable('intervenants')
          .set((eb) => ({ dossiers_en_cours: eb('dossiers_en_cours', '+', 1), heures_mois_reservees: nouvellesHeures }))
          .where('id', '=', input.intervenantId)
          .where('actif', '=', 1)
          .where('statut', '=', 'valide')
          // The kind again: it may have changed since it was read (updateIntervenant).
          .where('type', 'in', [...types])
          .where((eb) => eb('dossiers_en_cours', '<', eb.ref('capacite_dossiers')))
          .where((eb) => eb(nouvellesHeures, '<=', eb.ref('capacite_heures_mois')))
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) {
          const now = await trx.selectFrom('intervenants').selectAll().where('id', '=', input.intervenantId).executeTakeFirst();
          if (now && !types.includes(now.type as TypeIntervenant)) throw mauvaisType(now);
          throw this.pourquoiRefus(now, input.intervenantId, heuresMois);
        }
        await this.journal(trx, {
          entite: 'reservation',
          entiteId: reservation.id,
          action: 'reservation',
          par: input.par,
          le: reservation.reserveeLe,
          details: { dossierId: input.dossierId, role: input.role, intervenantId: input.intervenantId, heuresMois, manuelle: input.manuelle },
        });
        return reservation;
      });
    } catch (err) {
      // Lost a race on a unique index: say who holds the role, or return the same reservation (idempotent).
      if (err instanceof VivierErreur && /^reservations_dossier_(role|intervenant)_active$/.test(String(err.details?.contrainte))) {
        const deja = await this.refusDejaPris(this.db, input);
        if (deja instanceof VivierErreur) throw deja;
        if (deja) return deja;
      }
      throw err;
    }
  }

  async liberer(input: { dossierId: string; role?: Role; motif: string; par: string }): Promise<Reservation[]> {
    return this.ecrire(async (trx) => {
      let q = trx.selectFrom('reservations').selectAll().where('dossier_id', '=', input.dossierId).where('liberee_le', 'is', null);
      if (input.role) q = q.where('role', '=', input.role);
      const actives = await q.orderBy('reservee_le').orderBy('id').execute();
      const liberees: Reservation[] = [];
      for (const r of actives) {
        const le = this.maintenant();
        const res = await trx
          .updateTable('reservations')
          .set({ liberee_le: le, motif_liberation: input.motif })
          .where('id', '=', r.id)
          .where('liberee_le', 'is', null)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 0) continue; // released meanwhile by someone else
        await trx
          .updateTable('intervenants')
          .set((eb) => ({
            dossiers_en_cours: eb('dossiers_en_cours', '-', 1),
            heures_mois_reservees: sql<number>`round(cast(heures_mois_reservees - ${Number(r.heures_mois)} as numeric), 2)`,
          }))
          .where('id', '=', r.intervenant_id)
          .execute();
        await this.journal(trx, {
          entite: 'reservation',
          entiteId: r.id,
          action: 'liberation',
          par: input.par,
          le,
          details: { dossierId: r.dossier_id, role: r.role, intervenantId: r.intervenant_id, motif: input.motif },
        });
        liberees.push(this.reservation({ ...r, liberee_le: le, motif_liberation: input.motif }));
      }
      return liberees;
    });
  }

  async reservations(filtre: { dossierId?: string; intervenantId?: string; actives?: boolean }): Promise<Reservation[]> {
    let q = this.db.selectFrom('reservations').selectAll();
    if (filtre.dossierId !== undefined) q = q.where('dossier_id', '=', filtre.dossierId);
    if (filtre.intervenantId !== undefined) q = q.where('intervenant_id', '=', filtre.intervenantId);
    if (filtre.actives === true) q = q.where('liberee_le', 'is', null);
    if (filtre.actives === false) q = q.where('liberee_le', 'is not', null);
    const rows = await q.orderBy('reservee_le').orderBy('id').execute();
    return rows.map((r) => this.reservation(r));
  }

  // --- Waiting list ---------------------------------------------------------------------------------------

  async mettreEnAttente(input: { dossierId: string; dispositif: Dispositif; role: Role; priorite: number; par: string }): Promise<EnAttente> {
    if (!Number.isInteger(input.priorite) || input.priorite < 1) {
      throw new VivierErreur('conflit', `Priorité invalide (${input.priorite}) : un entier à partir de 1 (1 = la plus haute).`, { priorite: input.priorite });
    }
    if (!ROLE_CODES.includes(input.role)) throw new VivierErreur('conflit', `Rôle inconnu « ${input.role} » (${ROLE_CODES.join(', ')}).`, { role: input.role });
    return this.ecrire(async (trx) => {
      const le = this.maintenant();
      const avant = await trx.selectFrom('file_attente').select('priorite').where('dossier_id', '=', input.dossierId).executeTakeFirst();
      await trx
        .insertInto('file_attente')
        .values({ dossier_id: input.dossierId, dispositif: input.dispositif, role: input.role, priorite: input.priorite, depuis: le })
        // Already waiting: the new priority replaces the old one; the dossier keeps its place in time.
        .onConflict((oc) => oc.column('dossier_id').doUpdateSet({ dispositif: input.dispositif, role: input.role, priorite: input.priorite }))
        .execute();
      await this.journal(trx, {
        entite: 'file_attente',
        entiteId: input.dossierId,
        action: avant ? 'changement_priorite' : 'mise_en_attente',
        par: input.par,
        le,
        details: { dispositif: input.dispositif, role: input.role, priorite: input.priorite, ...(avant ? { prioriteAvant: Number(avant.priorite) } : {}) },
      });
      const row = await trx.selectFrom('file_attente').selectAll().where('dossier_id', '=', input.dossierId).executeTakeFirstOrThrow();
      return { dossierId: row.dossier_id, dispositif: row.dispositif as Dispositif, role: row.role as Role, priorite: Number(row.priorite), depuis: row.depuis };
    });
  }

  async retirerDeLAttente(dossierId: string, par: string): Promise<boolean> {
    return this.ecrire(async (trx) => {
      const res = await trx.deleteFrom('file_attente').where('dossier_id', '=', dossierId).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return false;
      await this.journal(trx, { entite: 'file_attente', entiteId: dossierId, action: 'retrait_attente', par });
      return true;
    });
  }

  async fileAttente(dispositif?: Dispositif): Promise<EnAttente[]> {
    let q = this.db.selectFrom('file_attente').selectAll();
    if (dispositif) q = q.where('dispositif', '=', dispositif);
    const rows = await q.orderBy('priorite').orderBy('depuis').orderBy('dossier_id').execute();
    return rows.map((row) => ({ dossierId: row.dossier_id, dispositif: row.dispositif as Dispositif, role: row.role as Role, priorite: Number(row.priorite), depuis: row.depuis }));
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
