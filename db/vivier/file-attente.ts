// The waiting list (seed 003: limited interventions, UNML prioritises): a dossier at most once, with a priority
// (1 = highest) and the time it started waiting.
import type { Dispositif } from '../../domain/schemas';
import type { Role } from '../../domain/vivier';
import type { FileAttenteTable } from '../database';
import { type DemandeMiseEnAttente, type EnAttente, VivierErreur } from '../store';
import { type Contexte, verifierRole } from './contexte';

function enAttente(row: FileAttenteTable): EnAttente {
  return { dossierId: row.dossier_id, dispositif: row.dispositif as Dispositif, role: row.role as Role, priorite: Number(row.priorite), depuis: row.depuis };
}

export class FileAttente {
  constructor(private readonly ctx: Contexte) {}

  async mettreEnAttente(input: DemandeMiseEnAttente): Promise<EnAttente> {
    if (!Number.isInteger(input.priorite) || input.priorite < 1) {
      throw new VivierErreur('conflit', `Priorité invalide (${input.priorite}) : un entier à partir de 1 (1 = la plus haute).`, { priorite: input.priorite });
    }
    verifierRole(input.role);
    return this.ctx.ecrire(async (trx) => {
      const le = this.ctx.maintenant();
      const avant = await trx.selectFrom('file_attente').select('priorite').where('dossier_id', '=', input.dossierId).executeTakeFirst();
      await trx
        .insertInto('file_attente')
        .values({ dossier_id: input.dossierId, dispositif: input.dispositif, role: input.role, priorite: input.priorite, depuis: le })
        // Already waiting: the new priority replaces the old one; the dossier keeps its place in time.
        .onConflict((oc) => oc.column('dossier_id').doUpdateSet({ dispositif: input.dispositif, role: input.role, priorite: input.priorite }))
        .execute();
      await this.ctx.journal(trx, {
        entite: 'file_attente',
        entiteId: input.dossierId,
        action: avant ? 'changement_priorite' : 'mise_en_attente',
        par: input.par,
        le,
        details: {
          dispositif: input.dispositif,
          role: input.role,
          priorite: input.priorite,
          ...(avant ? { prioriteAvant: Number(avant.priorite) } : {}),
        },
      });
      return enAttente(await trx.selectFrom('file_attente').selectAll().where('dossier_id', '=', input.dossierId).executeTakeFirstOrThrow());
    });
  }

  async retirerDeLAttente(dossierId: string, par: string): Promise<boolean> {
    return this.ctx.ecrire(async (trx) => {
      const res = await trx.deleteFrom('file_attente').where('dossier_id', '=', dossierId).executeTakeFirst();
      if (Number(res.numDeletedRows) === 0) return false;
      await this.ctx.journal(trx, { entite: 'file_attente', entiteId: dossierId, action: 'retrait_attente', par });
      return true;
    });
  }

  async fileAttente(dispositif?: Dispositif): Promise<EnAttente[]> {
    let q = this.ctx.db.selectFrom('file_attente').selectAll();
    if (dispositif) q = q.where('dispositif', '=', dispositif);
    const rows = await q.orderBy('priorite').orderBy('depuis').orderBy('dossier_id').execute();
    return rows.map(enAttente);
  }
}
