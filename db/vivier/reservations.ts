// Reservations of intervenants for dossiers: atomic, and the database enforces capacity (a guarded UPDATE of the
// intervenant's counters, CHECK constraints behind it) and one active reservation per (dossier, role) and per
// (dossier, intervenant) (partial unique indexes). A refusal says why, in French, from the intervenant's state.
import { type Selectable, sql } from 'kysely';
import { type Role, ROLES, TYPES_INTERVENANT, type TypeIntervenant } from '../../domain/vivier';
import type { ReservationsTable } from '../database';
import { type DemandeLiberation, type DemandeReservation, type FiltreReservations, type Reservation, VivierErreur } from '../store';
import { arrondiHeures, type Contexte, type Db, heures, intervenantInconnu, libelleRole, libelleType, nouvelId, verifierRole } from './contexte';
import type { IntervenantRow } from './intervenants';

type ReservationRow = Selectable<ReservationsTable>;

export class Reservations {
  constructor(private readonly ctx: Contexte) {}

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
    const row = await q
      .selectFrom('reservations')
      .selectAll()
      .where('dossier_id', '=', dossierId)
      .where('role', '=', role)
      .where('liberee_le', 'is', null)
      .executeTakeFirst();
    return row ? this.reservation(row) : undefined;
  }

  /** Why a reservation of the dossier's role for this intervenant cannot be made, or undefined when it can. */
  private async refusDejaPris(q: Db, input: Pick<DemandeReservation, 'dossierId' | 'role' | 'intervenantId'>): Promise<Reservation | VivierErreur | undefined> {
    const tenue = await this.activePourRole(q, input.dossierId, input.role);
    if (tenue) {
      if (tenue.intervenantId === input.intervenantId) return tenue;
      const qui = `${await this.nom(q, tenue.intervenantId)} (${tenue.intervenantId})`;
      return new VivierErreur(
        'conflit',
        `Le rôle « ${libelleRole(input.role)} » du dossier ${input.dossierId} est déjà tenu par ${qui} : libérez cette réservation avant d’en faire une autre.`,
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
        `${await this.nom(q, input.intervenantId)} est déjà réservé·e sur le dossier ${input.dossierId} comme « ${libelleRole(autre.role as Role)} » : ` +
          'une même personne ne tient pas deux rôles d’un dossier.',
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
    if (!row) return intervenantInconnu(id);
    if (row.statut !== 'valide') {
      return new VivierErreur('conflit', `${row.nom} a été retiré·e du vivier : il·elle ne peut plus être réservé·e.`, { intervenantId: id });
    }
    if (Number(row.actif) !== 1) {
      return new VivierErreur('conflit', `${row.nom} est inactif·ve dans le vivier : réactivez sa fiche avant de le·la réserver.`, { intervenantId: id });
    }
    const enCours = Number(row.dossiers_en_cours);
    const capD = Number(row.capacite_dossiers);
    const reservees = Number(row.heures_mois_reservees);
    const capH = Number(row.capacite_heures_mois);
    const details = {
      intervenantId: id,
      dossiersEnCours: enCours,
      capaciteDossiers: capD,
      heuresMoisReservees: reservees,
      capaciteHeuresMois: capH,
      heuresDemandees: heuresMois,
    };
    const autre = 'choisissez un·e autre intervenant·e';
    // A capacity of 0 is below the pool's rule (domain/vivier.ts) but the database allows it (a row from before the rule).
    if (capD === 0) {
      const message = `${row.nom} n’accepte aucun dossier pour le moment (capacité de 0 dossier) : ${autre} ou augmentez sa capacité.`;
      return new VivierErreur('capacite_atteinte', message, details);
    }
    if (enCours >= capD) {
      const message = `${row.nom} a déjà ${enCours} dossier(s) en cours pour une capacité de ${capD} : ${autre} ou libérez une réservation.`;
      return new VivierErreur('capacite_atteinte', message, details);
    }
    const reste = heures(arrondiHeures(Math.max(0, capH - reservees)));
    return new VivierErreur(
      'capacite_atteinte',
      `${row.nom} a déjà ${heures(reservees)} par mois réservées sur une capacité de ${heures(capH)} : ` +
        `${heures(heuresMois)} de plus la dépasseraient (reste ${reste}).`,
      details,
    );
  }

  async reserver(input: DemandeReservation): Promise<Reservation> {
    verifierRole(input.role);
    if (!Number.isFinite(input.heuresMois) || input.heuresMois < 0) {
      const message = `Volume horaire invalide (${input.heuresMois}) : un nombre d’heures par mois positif ou nul est attendu.`;
      throw new VivierErreur('conflit', message, { heuresMois: input.heuresMois });
    }
    if (!input.dossierId.trim()) throw new VivierErreur('conflit', 'Réservation sans dossier : l’identifiant du dossier est vide.');
    const heuresMois = arrondiHeures(input.heuresMois);
    try {
      return await this.ctx.ecrire(async (trx) => {
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
          reserveeLe: this.ctx.maintenant(),
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
        await this.ctx.journal(trx, {
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
        const deja = await this.refusDejaPris(this.ctx.db, input);
        if (deja instanceof VivierErreur) throw deja;
        if (deja) return deja;
      }
      throw err;
    }
  }

  async liberer(input: DemandeLiberation): Promise<Reservation[]> {
    return this.ctx.ecrire(async (trx) => {
      let q = trx.selectFrom('reservations').selectAll().where('dossier_id', '=', input.dossierId).where('liberee_le', 'is', null);
      if (input.role) q = q.where('role', '=', input.role);
      const actives = await q.orderBy('reservee_le').orderBy('id').execute();
      const liberees: Reservation[] = [];
      for (const r of actives) {
        const le = this.ctx.maintenant();
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
        await this.ctx.journal(trx, {
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

  async reservations(filtre: FiltreReservations): Promise<Reservation[]> {
    let q = this.ctx.db.selectFrom('reservations').selectAll();
    if (filtre.dossierId !== undefined) q = q.where('dossier_id', '=', filtre.dossierId);
    if (filtre.intervenantId !== undefined) q = q.where('intervenant_id', '=', filtre.intervenantId);
    if (filtre.actives === true) q = q.where('liberee_le', 'is', null);
    if (filtre.actives === false) q = q.where('liberee_le', 'is not', null);
    const rows = await q.orderBy('reservee_le').orderBy('id').execute();
    return rows.map((r) => this.reservation(r));
  }
}
