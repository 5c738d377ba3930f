// The SQL side of the retention purge (issue #15, domain/retention.ts), in the pool's database: which ended dossiers
// are due, the free-text answers of their questionnaires (the numeric ones stay for the figures), refused applications
// to the pool with their history lines. Each call is idempotent: run again, it finds nothing more to do.
import type { Kysely } from 'kysely';
import type { Database } from './database';

type Db = Kysely<Database>;

/** A number as the questionnaires give them ("4", "3,5"): counted in the figures, so kept. */
const NUMERIQUE = /^\s*-?\d+([.,]\d+)?\s*$/;

export class SqlRetentionStore {
  constructor(readonly db: Db) {}

  /** Dossiers ended before `avant` (ISO) whose personal data is still there, oldest first, at most `limite`. */
  async dossiersAPurger(avant: string, limite = 500): Promise<string[]> {
    const rows = await this.db
      .selectFrom('reporting_dossiers')
      .select('dossier_id')
      .where('termine_le', 'is not', null)
      .where('termine_le', '<', avant)
      .where('purge_le', 'is', null)
      .orderBy('termine_le')
      .orderBy('dossier_id')
      .limit(limite)
      .execute();
    return rows.map((r) => r.dossier_id);
  }

  /** Deletes the free-text answers of these dossiers and marks them purged at `le`; returns the answers deleted. */
  async anonymiserDossiers(ids: string[], le: string): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      const reponses = await trx.selectFrom('reporting_reponses').select(['dossier_id', 'rang', 'reponse']).where('dossier_id', 'in', ids).execute();
      const libres = reponses.filter((r) => !NUMERIQUE.test(r.reponse));
      for (const r of libres) await trx.deleteFrom('reporting_reponses').where('dossier_id', '=', r.dossier_id).where('rang', '=', r.rang).execute();
      await trx.updateTable('reporting_dossiers').set({ purge_le: le }).where('dossier_id', 'in', ids).where('purge_le', 'is', null).execute();
      return libres.length;
    });
  }

  /** Deletes the applications refused before `avant` (ISO), with their history lines; returns how many. */
  async purgerCandidaturesRefusees(avant: string): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('candidatures').select('id').where('statut', '=', 'refusee').where('decision_le', '<', avant).execute();
      const ids = rows.map((r) => r.id);
      if (ids.length === 0) return 0;
      await trx.deleteFrom('historique').where('entite', '=', 'candidature').where('entite_id', 'in', ids).execute();
      await trx.deleteFrom('candidatures').where('id', 'in', ids).execute();
      return ids.length;
    });
  }
}
