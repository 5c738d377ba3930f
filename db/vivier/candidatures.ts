// Applications to the pool ("Je candidate"): one pending application per email, decided by UNML staff; a validated
// one becomes an intervenant in the same transaction.
import type { Selectable } from 'kysely';
import type { RegionCode } from '../../domain/regions';
import type { Connaissance, Expertise, TypeIntervenant } from '../../domain/vivier';
import type { CandidaturesTable } from '../database';
import { type Candidature, type IntervenantFiche, type NouvelleCandidature, type StatutCandidature, VivierErreur } from '../store';
import { type Contexte, type Db, nouvelId, verifier } from './contexte';
import type { Intervenants } from './intervenants';
import { normaliserEmail, ordreExpertises } from './profil';

type CandidatureRow = Selectable<CandidaturesTable>;

export class Candidatures {
  constructor(
    private readonly ctx: Contexte,
    private readonly intervenants: Intervenants,
  ) {}

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
        await this.ctx.journal(trx, { entite: 'candidature', entiteId: id, action: 'depot', par: email, le, details: { type: input.type, region: input.region } });
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
      throw new VivierErreur('conflit', `La candidature ${id} a déjà été ${etat}${row.decision_le ? ` le ${row.decision_le.slice(0, 10)}` : ''}${row.decision_par ? ` par ${row.decision_par}` : ''}.`, {
        candidatureId: id,
        statut: row.statut,
      });
    }
    return row;
  }

  async validerCandidature(id: string, par: string): Promise<{ candidature: Candidature; intervenant: IntervenantFiche }> {
    return this.ctx.ecrire(async (trx) => {
      const row = await this.candidatureADecider(trx, id);
      const c = this.candidature(row);
      const deja = await trx.selectFrom('intervenants').select(['id', 'nom']).where('email', '=', c.email).where('statut', '=', 'valide').executeTakeFirst();
      if (deja) {
        throw new VivierErreur('conflit', `${deja.nom} (${c.email}) est déjà dans le vivier (${deja.id}) : mettez sa fiche à jour ou refusez cette candidature.`, {
          candidatureId: id,
          intervenantId: deja.id,
        });
      }
      const intervenant = await this.intervenants.inserer(
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
      const le = this.ctx.maintenant();
      const res = await trx
        .updateTable('candidatures')
        .set({ statut: 'validee', decision_par: par, decision_le: le, intervenant_id: intervenant.id })
        .where('id', '=', id)
        .where('statut', '=', 'en_attente')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new VivierErreur('conflit', `La candidature ${id} vient d’être traitée par quelqu’un d’autre.`, { candidatureId: id });
      await this.ctx.journal(trx, { entite: 'candidature', entiteId: id, action: 'validation', par, le, details: { intervenantId: intervenant.id } });
      const apres = await trx.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return { candidature: this.candidature(apres), intervenant };
    });
  }

  async refuserCandidature(id: string, par: string, motif: string): Promise<Candidature> {
    return this.ctx.ecrire(async (trx) => {
      await this.candidatureADecider(trx, id);
      const le = this.ctx.maintenant();
      const res = await trx
        .updateTable('candidatures')
        .set({ statut: 'refusee', decision_par: par, decision_le: le, decision_motif: motif })
        .where('id', '=', id)
        .where('statut', '=', 'en_attente')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) throw new VivierErreur('conflit', `La candidature ${id} vient d’être traitée par quelqu’un d’autre.`, { candidatureId: id });
      await this.ctx.journal(trx, { entite: 'candidature', entiteId: id, action: 'refus', par, le, details: { motif } });
      return this.candidature(await trx.selectFrom('candidatures').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
    });
  }
}
