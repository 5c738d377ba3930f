// The intervenants of the pool: their cards (with expertise, unavailability and acquaintances in their own tables),
// created, modified (a kind or a capacity the current reservations forbid is refused) or withdrawn, and the
// candidates the ranking reads, with their load.
import { sql, type Selectable, type Updateable } from 'kysely';
import {
  type CandidatVivier,
  type Connaissance,
  type Indisponibilite,
  type IntervenantVivier,
  ROLES,
  type Role,
  type TypeIntervenant,
} from '../../domain/vivier';
import type { IntervenantsTable } from '../database';
import {
  type FiltreIntervenants,
  type IntervenantFiche,
  type ModificationIntervenant,
  type NouvelIntervenant,
  type StatutIntervenant,
  VivierErreur,
} from '../store';
import { type Contexte, type Db, heures, intervenantInconnu, libelleType, nouvelId, verifier } from './contexte';
import { colonnesProfil, normaliserEmail, ordreExpertises, profilDeLigne } from './profil';

export type IntervenantRow = Selectable<IntervenantsTable>;

const DOUZE_MOIS_MS = 365 * 86_400_000;

interface Details {
  expertises: string[];
  indisponibilites: Indisponibilite[];
  connaissances: Connaissance[];
}

/** The ids by 500 (the bound parameters of an `in` list stay few). */
function lots(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(ids.slice(i, i + 500));
  return out;
}

/** "dossier CMP-1 (Intervenant·e de Compagnonnage), dossier DIAG-2 (…)": the dossiers holding someone, and as what. */
function dossiersTenus(actives: { dossier_id: string; role: string }[]): string {
  return actives.map((a) => `dossier ${a.dossier_id} (${ROLES[a.role as Role]?.libelle ?? a.role})`).join(', ');
}

type Detail = 'expertises' | 'indisponibilites' | 'connaissances';

/** The dossiers the intervenant holds now, and as what, oldest reservation first. */
function reservationsActives(q: Db, id: string): Promise<{ dossier_id: string; role: string }[]> {
  return q
    .selectFrom('reservations')
    .select(['dossier_id', 'role'])
    .where('intervenant_id', '=', id)
    .where('liberee_le', 'is', null)
    .orderBy('reservee_le')
    .orderBy('id')
    .execute();
}

function refusChangementType(avant: IntervenantFiche, typeDemande: TypeIntervenant, tenues: { dossier_id: string; role: string }[]): VivierErreur {
  const reservations = tenues.length ? `${tenues.length} réservation(s) active(s) : ${dossiersTenus(tenues)}` : 'des réservations actives';
  return new VivierErreur(
    'conflit',
    `Changement de type refusé : ${avant.nom} (${libelleType(avant.type)}) a ${reservations}. ` +
      'Libérez d’abord ces réservations (en désignant un·e autre intervenant·e sur chaque dossier, ou à la fin de l’intervention), ' +
      `puis changez son type en ${libelleType(typeDemande)}.`,
    { intervenantId: avant.id, typeActuel: avant.type, typeDemande, dossiers: tenues.map((a) => a.dossier_id) },
  );
}

/** Why a modification's capacity is below the intervenant's current load, or undefined. */
function refusCapacite(row: IntervenantRow, patch: ModificationIntervenant): VivierErreur | undefined {
  const enCours = Number(row.dossiers_en_cours);
  const reservees = Number(row.heures_mois_reservees);
  const tantQue = 'tant que ces réservations ne sont pas libérées';
  if (patch.capaciteDossiers !== undefined && patch.capaciteDossiers < enCours) {
    return new VivierErreur(
      'conflit',
      `Capacité refusée : ${row.nom} a ${enCours} dossier(s) en cours ; sa capacité ne peut pas descendre à ${patch.capaciteDossiers} ${tantQue}.`,
      { intervenantId: row.id, dossiersEnCours: enCours, capaciteDemandee: patch.capaciteDossiers },
    );
  }
  if (patch.capaciteHeuresMois !== undefined && patch.capaciteHeuresMois < reservees) {
    return new VivierErreur(
      'conflit',
      `Capacité refusée : ${row.nom} a ${heures(reservees)} par mois réservées ; ` +
        `sa capacité horaire ne peut pas descendre à ${heures(patch.capaciteHeuresMois)} par mois ${tantQue}.`,
      { intervenantId: row.id, heuresMoisReservees: reservees, capaciteDemandee: patch.capaciteHeuresMois },
    );
  }
  return undefined;
}

/** The columns a modification changes: only the fields given; an optional one given as null or undefined is cleared. */
function colonnesModifiees(patch: ModificationIntervenant): Updateable<IntervenantsTable> {
  const set: Updateable<IntervenantsTable> = {};
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
  return set;
}

export class Intervenants {
  constructor(private readonly ctx: Contexte) {}

  /** The intervenants' expertise, unavailability and acquaintances, from their own tables. */
  private async details(q: Db, ids: string[]): Promise<(id: string) => Details> {
    const expertises = new Map<string, string[]>();
    const indispos = new Map<string, Indisponibilite[]>();
    const connaissances = new Map<string, Connaissance[]>();
    const ajouter = <T>(map: Map<string, T[]>, id: string, item: T) => map.set(id, [...(map.get(id) ?? []), item]);
    for (const lot of lots(ids)) {
      for (const e of await q.selectFrom('intervenant_expertises').selectAll().where('intervenant_id', 'in', lot).execute()) {
        ajouter(expertises, e.intervenant_id, e.expertise);
      }
      const periodes = await q.selectFrom('indisponibilites').selectAll().where('intervenant_id', 'in', lot).orderBy('debut').orderBy('fin').execute();
      for (const p of periodes) ajouter(indispos, p.intervenant_id, { debut: p.debut, fin: p.fin, ...(p.motif !== null ? { motif: p.motif } : {}) });
      const connus = await q
        .selectFrom('connaissances')
        .selectAll()
        .where('intervenant_id', 'in', lot)
        .orderBy('mission_locale_code')
        .orderBy('personne')
        .execute();
      for (const c of connus) {
        ajouter(connaissances, c.intervenant_id, { missionLocaleCode: c.mission_locale_code, ...(c.personne !== null ? { personne: c.personne } : {}) });
      }
    }
    return (id) => ({ expertises: expertises.get(id) ?? [], indisponibilites: indispos.get(id) ?? [], connaissances: connaissances.get(id) ?? [] });
  }

  /** The rows as the ranking reads them (IntervenantVivier), in the rows' order, each with its row. */
  private async intervenantsDeLignes(q: Db, rows: IntervenantRow[]): Promise<{ row: IntervenantRow; intervenant: IntervenantVivier }[]> {
    if (rows.length === 0) return [];
    const details = await this.details(
      q,
      rows.map((r) => r.id),
    );
    return rows.map((row) => {
      const d = details(row.id);
      const intervenant: IntervenantVivier = {
        id: row.id,
        ...profilDeLigne(row, d.expertises),
        actif: Number(row.actif) === 1,
        indisponibilites: d.indisponibilites,
        connaissances: d.connaissances,
      };
      return { row, intervenant };
    });
  }

  /** The rows as cards: with the pool's bookkeeping (statut, dates, the application it came from). */
  private async fiches(q: Db, rows: IntervenantRow[]): Promise<IntervenantFiche[]> {
    return (await this.intervenantsDeLignes(q, rows)).map(({ row: r, intervenant }) => ({
      ...intervenant,
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
    if (!fiche) throw intervenantInconnu(id);
    return fiche;
  }

  async listIntervenants(filtre: FiltreIntervenants = {}): Promise<IntervenantFiche[]> {
    let q = this.ctx.db.selectFrom('intervenants').selectAll();
    if (filtre.type) q = q.where('type', '=', filtre.type);
    if (filtre.region) q = q.where('region', '=', filtre.region);
    if (filtre.actif !== undefined) q = q.where('actif', '=', filtre.actif ? 1 : 0);
    if (filtre.statut) q = q.where('statut', '=', filtre.statut);
    const rows = await q.orderBy('nom').orderBy('id').execute();
    return this.fiches(this.ctx.db, rows);
  }

  getIntervenant(id: string): Promise<IntervenantFiche | undefined> {
    return this.fiche(this.ctx.db, id);
  }

  private async remplacerDetails(trx: Db, id: string, patch: Partial<Pick<NouvelIntervenant, Detail>>): Promise<void> {
    if (patch.expertises) {
      await trx.deleteFrom('intervenant_expertises').where('intervenant_id', '=', id).execute();
      const list = ordreExpertises(patch.expertises);
      if (list.length)
        await trx
          .insertInto('intervenant_expertises')
          .values(list.map((expertise) => ({ intervenant_id: id, expertise })))
          .execute();
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
        const lignes = patch.connaissances.map((c) => ({
          id: nouvelId('CON'),
          intervenant_id: id,
          mission_locale_code: c.missionLocaleCode.trim(),
          personne: c.personne?.trim() || null,
        }));
        await trx.insertInto('connaissances').values(lignes).execute();
      }
    }
  }

  async inserer(trx: Db, input: NouvelIntervenant, par: string, candidatureId?: string): Promise<IntervenantFiche> {
    const id = input.id ?? nouvelId('INT');
    const le = this.ctx.maintenant();
    await trx
      .insertInto('intervenants')
      .values({
        id,
        ...colonnesProfil(input),
        actif: input.actif === false ? 0 : 1,
        statut: 'valide',
        candidature_id: candidatureId ?? null,
        cree_le: le,
        modifie_le: le,
      })
      .execute();
    const { expertises, indisponibilites = [], connaissances = [] } = input;
    await this.remplacerDetails(trx, id, { expertises, indisponibilites, connaissances });
    const details = { type: input.type, region: input.region, ...(candidatureId ? { candidatureId } : {}) };
    await this.ctx.journal(trx, { entite: 'intervenant', entiteId: id, action: 'creation', par, le, details });
    return this.ficheOuErreur(trx, id);
  }

  async createIntervenant(input: NouvelIntervenant, par: string): Promise<IntervenantFiche> {
    verifier(input, 'Intervenant·e');
    return this.ctx.ecrire((trx) => this.inserer(trx, input, par));
  }

  async updateIntervenant(id: string, patch: ModificationIntervenant, par: string): Promise<IntervenantFiche> {
    verifier(patch, 'Modification');
    try {
      return await this.ctx.ecrire(async (trx) => {
        const row = await trx.selectFrom('intervenants').selectAll().where('id', '=', id).executeTakeFirst();
        if (!row) throw intervenantInconnu(id);
        const avant = (await this.fiches(trx, [row]))[0]!;
        // A dossier holding the intervenant chose them for a role of their kind (and keeps a copy of their card):
        // the kind changes only once no reservation is active.
        const nouveauType = patch.type !== undefined && patch.type !== avant.type ? patch.type : undefined;
        const refusType = async () => refusChangementType(avant, nouveauType ?? avant.type, await reservationsActives(trx, id));
        if (nouveauType && (await reservationsActives(trx, id)).length) throw await refusType();
        const refus = refusCapacite(row, patch);
        if (refus) throw refus;
        const le = this.ctx.maintenant();
        let update = trx
          .updateTable('intervenants')
          .set({ ...colonnesModifiees(patch), modifie_le: le })
          .where('id', '=', id);
        // Guarded on the counter too: a reservation committed meanwhile keeps the kind (the reservation's own
        // guarded UPDATE checks the kind, for the other order).
        if (nouveauType) update = update.where('dossiers_en_cours', '=', 0);
        const res = await update.executeTakeFirst();
        if (nouveauType && Number(res.numUpdatedRows) === 0) throw await refusType();
        await this.remplacerDetails(trx, id, patch);
        const apres = (await this.fiche(trx, id))!;
        const modifications: Record<string, { avant: unknown; apres: unknown }> = {};
        for (const key of Object.keys(patch) as (keyof ModificationIntervenant)[]) {
          if (JSON.stringify(avant[key]) !== JSON.stringify(apres[key])) modifications[key] = { avant: avant[key] ?? null, apres: apres[key] ?? null };
        }
        await this.ctx.journal(trx, { entite: 'intervenant', entiteId: id, action: 'modification', par, le, details: { modifications } });
        return apres;
      });
    } catch (err) {
      // A reservation committed between our read and our write: the CHECK constraint refused the capacity.
      if (err instanceof VivierErreur && /^intervenants_(dossiers|heures)_capacite$/.test(String(err.details?.contrainte))) {
        const message = `Capacité refusée : elle serait inférieure à la charge actuelle de l’intervenant·e ${id} (réservations en cours).`;
        throw new VivierErreur('conflit', message, err.details);
      }
      throw err;
    }
  }

  async retirerIntervenant(id: string, par: string, motif: string): Promise<IntervenantFiche> {
    return this.ctx.ecrire(async (trx) => {
      const fiche = await this.ficheOuErreur(trx, id);
      if (fiche.statut === 'retire') return fiche;
      const actives = await trx.selectFrom('reservations').select('dossier_id').where('intervenant_id', '=', id).where('liberee_le', 'is', null).execute();
      const dossiers = actives.map((a) => a.dossier_id);
      const refus = () =>
        new VivierErreur(
          'conflit',
          `${fiche.nom} ne peut pas être retiré·e du vivier : ${actives.length || 'des'} réservation(s) active(s)` +
            `${actives.length ? ` (dossier(s) ${dossiers.join(', ')})` : ''}. Libérez-les d’abord.`,
          { intervenantId: id, dossiers },
        );
      if (actives.length) throw refus();
      const le = this.ctx.maintenant();
      // Guarded on the counter too: a reservation committed meanwhile keeps the intervenant in the pool.
      const res = await trx
        .updateTable('intervenants')
        .set({ statut: 'retire', modifie_le: le })
        .where('id', '=', id)
        .where('dossiers_en_cours', '=', 0)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw refus();
      await this.ctx.journal(trx, { entite: 'intervenant', entiteId: id, action: 'retrait', par, le, details: { motif } });
      return (await this.fiche(trx, id))!;
    });
  }

  async candidats(types: readonly TypeIntervenant[]): Promise<CandidatVivier[]> {
    if (types.length === 0) return [];
    const rows = await this.ctx.db
      .selectFrom('intervenants')
      .selectAll()
      .where('type', 'in', [...types])
      .where('statut', '=', 'valide')
      .where('actif', '=', 1)
      .orderBy('nom')
      .orderBy('id')
      .execute();
    if (rows.length === 0) return [];
    const depuis = new Date(this.ctx.horloge().getTime() - DOUZE_MOIS_MS).toISOString();
    const stats = new Map<string, { derniere: string | null; n12: number }>();
    for (const lot of lots(rows.map((r) => r.id))) {
      const agg = await this.ctx.db
        .selectFrom('reservations')
        .select((eb) => [
          'intervenant_id',
          eb.fn.max('reservee_le').as('derniere'),
          sql<number | string>`sum(case when reservee_le >= ${depuis} then 1 else 0 end)`.as('n12'),
        ])
        .where('intervenant_id', 'in', lot)
        .groupBy('intervenant_id')
        .execute();
      for (const a of agg) stats.set(a.intervenant_id, { derniere: a.derniere, n12: Number(a.n12 ?? 0) });
    }
    // The ranking reads IntervenantVivier fields: the card's bookkeeping (statut, dates) stays out.
    return (await this.intervenantsDeLignes(this.ctx.db, rows)).map(({ row, intervenant }) => {
      const s = stats.get(row.id);
      return {
        ...intervenant,
        charge: {
          dossiersEnCours: Number(row.dossiers_en_cours),
          heuresMoisReservees: Number(row.heures_mois_reservees),
          ...(s?.derniere ? { derniereAffectationLe: s.derniere } : {}),
          affectations12Mois: s?.n12 ?? 0,
        },
      };
    });
  }
}
