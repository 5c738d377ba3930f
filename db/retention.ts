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

  // --- The right of access and erasure (issue #15, api/donnees-personnelles/) ---------------------------------------

  /** The pool's intervenants and applications with this address (case aside): ids, and whether one holds dossiers. */
  async dansLeVivier(email: string): Promise<{ intervenants: { id: string; dossiersEnCours: number }[]; candidatures: string[] }> {
    const e = email.trim().toLowerCase();
    const intervenants = await this.db
      .selectFrom('intervenants')
      .select(['id', 'dossiers_en_cours'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', e))
      .execute();
    const candidatures = await this.db
      .selectFrom('candidatures')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', e))
      .execute();
    return { intervenants: intervenants.map((i) => ({ id: i.id, dossiersEnCours: i.dossiers_en_cours })), candidatures: candidatures.map((c) => c.id) };
  }

  /**
   * Erases an intervenant's personal data (name, email, phone, firm, the people they know, the reasons of their
   * unavailabilities, the details of their history lines) and withdraws them; their reservations (ids only) stay for
   * the figures. Refused ('false') while they hold a dossier in progress.
   */
  async effacerIntervenant(id: string, le: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const i = await trx.selectFrom('intervenants').select('dossiers_en_cours').where('id', '=', id).executeTakeFirst();
      if (!i || i.dossiers_en_cours > 0) return false;
      await trx
        .updateTable('intervenants')
        .set({
          nom: 'Personne effacée',
          email: `efface-${id.toLowerCase()}@invalid`,
          telephone: null,
          cabinet: null,
          actif: 0,
          statut: 'retire',
          modifie_le: le,
        })
        .where('id', '=', id)
        .execute();
      await trx.updateTable('connaissances').set({ personne: null }).where('intervenant_id', '=', id).execute();
      await trx.updateTable('indisponibilites').set({ motif: null }).where('intervenant_id', '=', id).execute();
      await trx.updateTable('historique').set({ details: null }).where('entite', '=', 'intervenant').where('entite_id', '=', id).execute();
      await trx
        .insertInto('historique')
        .values({ entite: 'intervenant', entite_id: id, action: 'effacement', par: 'droit_effacement', le, details: null })
        .execute();
      return true;
    });
  }

  /** Deletes these applications with their history lines (an application validated keeps its intervenant). */
  async supprimerCandidatures(ids: string[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.transaction().execute(async (trx) => {
      await trx.updateTable('intervenants').set({ candidature_id: null }).where('candidature_id', 'in', ids).execute();
      await trx.deleteFrom('historique').where('entite', '=', 'candidature').where('entite_id', 'in', ids).execute();
      const r = await trx.deleteFrom('candidatures').where('id', 'in', ids).executeTakeFirst();
      return Number(r.numDeletedRows);
    });
  }

  /** When an ended dossier's personal data goes (its end + the retention), from the read model; undefined if running or unknown. */
  async termineLe(dossierId: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('reporting_dossiers').select('termine_le').where('dossier_id', '=', dossierId).executeTakeFirst();
    return r?.termine_le ?? undefined;
  }

  /** The scheduled exports (api/exports/) that send to this address: their ids and how many recipients they have. */
  async exportsProgrammesVers(email: string): Promise<{ id: string; destinataires: number }[]> {
    const e = email.trim().toLowerCase();
    const rows = await this.db.selectFrom('exports_programmes').select(['id', 'destinataires']).execute();
    return rows
      .map((r) => ({ id: r.id, liste: JSON.parse(r.destinataires) as { email: string }[] }))
      .filter((r) => r.liste.some((d) => d.email.trim().toLowerCase() === e))
      .map((r) => ({ id: r.id, destinataires: r.liste.length }));
  }

  /** Removes the address from the scheduled exports' recipients, where others remain; returns the exports changed. */
  async retirerDesExportsProgrammes(email: string): Promise<string[]> {
    const e = email.trim().toLowerCase();
    const modifies: string[] = [];
    for (const x of await this.exportsProgrammesVers(email)) {
      if (x.destinataires < 2) continue;
      const r = await this.db.selectFrom('exports_programmes').select('destinataires').where('id', '=', x.id).executeTakeFirstOrThrow();
      const reste = (JSON.parse(r.destinataires) as { email: string }[]).filter((d) => d.email.trim().toLowerCase() !== e);
      await this.db
        .updateTable('exports_programmes')
        .set({ destinataires: JSON.stringify(reste) })
        .where('id', '=', x.id)
        .execute();
      modifies.push(x.id);
    }
    return modifies;
  }
}
