// Applications to the pool ("Je candidate"): one pending application per email, decided by UNML staff; a validated
// one becomes an intervenant in the same transaction.
import type { Selectable } from 'kysely';
import type { Connaissance } from '../../domain/vivier';
import type { CandidaturesTable } from '../database';
import { type Candidature, type IntervenantFiche, type NouvelleCandidature, type StatutCandidature, VivierErreur } from '../store';
import { type Contexte, type Db, nouvelId, verifier } from './contexte';
import type { Intervenants } from './intervenants';
import { colonnesProfil, normaliserEmail, ordreExpertises, profilDeLigne } from './profil';

type CandidatureRow = Selectable<CandidaturesTable>;
type Decision = { action: 'validation'; intervenantId: string } | { action: 'refus'; motif: string };

export class Candidatures {
  constructor(
    private readonly ctx: Contexte,
    private readonly intervenants: Intervenants,
  ) {}

  private candidature(r: CandidatureRow): Candidature {
    return {
      id: r.id,
      ...profilDeLigne(r, JSON.parse(r.expertises) as string[]),
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
    const existante = await this.candidatureEnAttente(this.ctx.db, email);
    if (existante) return { candidature: existante, doublon: true };
    const id = nouvelId('CAND');
    try {
      return await this.ctx.ecrire(async (trx) => {
        const le = this.ctx.maintenant();
        await trx
          .insertInto('candidatures')
          .values({
            id,
            ...colonnesProfil(input),
            expertises: JSON.stringify(ordreExpertises(input.expertises)),
            connaissances: JSON.stringify(
              (input.connaissances ?? []).map((c) => ({
                missionLocaleCode: c.missionLocaleCode.trim(),
                ...(c.personne?.trim() ? { personne: c.personne.trim() } : {}),
              })),
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
        const details = { type: input.type, region: input.region };
        await this.ctx.journal(trx, { entite: 'candidature', entiteId: id, action: 'depot', par: email, le, details });
        const row = await trx.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return { candidature: this.candidature(row), doublon: false };
      });
    } catch (err) {
      // The same form submitted twice at once: the partial unique index kept one.
      if (err instanceof VivierErreur && err.details?.contrainte === 'candidatures_email_en_attente') {
        const premiere = await this.candidatureEnAttente(this.ctx.db, email);
        if (premiere) return { candidature: premiere, doublon: true };
      }
      throw err;
    }
  }

  async listCandidatures(statut?: StatutCandidature): Promise<Candidature[]> {
    let q = this.ctx.db.selectFrom('candidatures').selectAll();
    if (statut) q = q.where('statut', '=', statut);
    const rows = await q.orderBy('deposee_le').orderBy('id').execute();
    return rows.map((r) => this.candidature(r));
  }

  async getCandidature(id: string): Promise<Candidature | undefined> {
    const row = await this.ctx.db.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.candidature(row) : undefined;
  }

  private async candidatureADecider(trx: Db, id: string): Promise<CandidatureRow> {
    const row = await trx.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new VivierErreur('introuvable', `Aucune candidature ${id}.`, { candidatureId: id });
    if (row.statut !== 'en_attente') {
      const etat = row.statut === 'validee' ? 'validée' : 'refusée';
      const quand = row.decision_le ? ` le ${row.decision_le.slice(0, 10)}` : '';
      const qui = row.decision_par ? ` par ${row.decision_par}` : '';
      throw new VivierErreur('conflit', `La candidature ${id} a déjà été ${etat}${quand}${qui}.`, { candidatureId: id, statut: row.statut });
    }
    return row;
  }

  async validerCandidature(id: string, par: string): Promise<{ candidature: Candidature; intervenant: IntervenantFiche }> {
    return this.ctx.ecrire(async (trx) => {
      const row = await this.candidatureADecider(trx, id);
      const c = this.candidature(row);
      const deja = await trx.selectFrom('intervenants').select(['id', 'nom']).where('email', '=', c.email).where('statut', '=', 'valide').executeTakeFirst();
      if (deja) {
        const message = `${deja.nom} (${c.email}) est déjà dans le vivier (${deja.id}) : mettez sa fiche à jour ou refusez cette candidature.`;
        throw new VivierErreur('conflit', message, { candidatureId: id, intervenantId: deja.id });
      }
      const profil = { ...profilDeLigne(row, c.expertises), connaissances: c.connaissances };
      const intervenant = await this.intervenants.inserer(trx, profil, par, id);
      return { candidature: await this.decider(trx, id, par, { action: 'validation', intervenantId: intervenant.id }), intervenant };
    });
  }

  async refuserCandidature(id: string, par: string, motif: string): Promise<Candidature> {
    return this.ctx.ecrire(async (trx) => {
      await this.candidatureADecider(trx, id);
      return this.decider(trx, id, par, { action: 'refus', motif });
    });
  }

  /** Records staff's decision on a pending application, with its history line; someone deciding meanwhile wins ('conflit'). */
  private async decider(trx: Db, id: string, par: string, decision: Decision): Promise<Candidature> {
    const le = this.ctx.maintenant();
    const colonnes =
      decision.action === 'validation' ? { statut: 'validee', intervenant_id: decision.intervenantId } : { statut: 'refusee', decision_motif: decision.motif };
    const res = await trx
      .updateTable('candidatures')
      .set({ ...colonnes, decision_par: par, decision_le: le })
      .where('id', '=', id)
      .where('statut', '=', 'en_attente')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      throw new VivierErreur('conflit', `La candidature ${id} vient d’être traitée par quelqu’un d’autre.`, { candidatureId: id });
    }
    const { action, ...details } = decision;
    await this.ctx.journal(trx, { entite: 'candidature', entiteId: id, action, par, le, details });
    return this.candidature(await trx.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
  }
}
