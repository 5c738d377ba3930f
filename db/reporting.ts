// The reporting read model over Kysely (SQLite or PostgreSQL), in the pool's database (migration 0004). Written by
// the workflows' `enregistrerReporting` activity and by `npm run reporting:rebuild`: each dossier's rows are replaced
// as a whole, in one transaction, by a snapshot with a higher sequence only, so a retried, replayed or late write of
// an older one changes nothing. Read in pages (keyset), so a 10,000-row export never holds every row at once.
import type { Insertable, Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import type { RegionCode } from '../domain/regions';
import type {
  FiltreReporting,
  FiltreUnites,
  InstantaneReporting,
  IssueDossier,
  LigneDossier,
  NatureTravail,
  ReponseQuestionnaire,
  TypeContributeur,
  UniteTravail,
} from '../domain/reporting';
import type { Dispositif } from '../domain/schemas';
import type { Database, ReportingDossiersTable } from './database';

type Db = Kysely<Database>;

/** A unit of work with its dossier's dispositif, région and ML (what the figures and exports filter on). */
export interface UniteDuDossier extends UniteTravail {
  dispositif: Dispositif;
  region: RegionCode;
  missionLocale: string;
}

export interface ReponseDuDossier extends ReponseQuestionnaire {
  dispositif: Dispositif;
  region: RegionCode;
}

const PAGE = 500;

export class SqlReportingStore {
  constructor(
    readonly db: Db,
    private readonly horloge: () => Date = () => new Date(),
  ) {}

  /** Writes the snapshot unless the store holds this dossier at the same or a later sequence; true when written. */
  async enregistrer(s: InstantaneReporting): Promise<boolean> {
    const d = s.dossier;
    return this.db.transaction().execute(async (trx) => {
      const actuel = await trx.selectFrom('reporting_dossiers').select('sequence').where('dossier_id', '=', d.dossierId).executeTakeFirst();
      if (actuel && actuel.sequence >= s.sequence) return false;
      const ligne: Insertable<ReportingDossiersTable> = {
        dossier_id: d.dossierId,
        sequence: s.sequence,
        dispositif: d.dispositif,
        mission_locale: d.missionLocale,
        region: d.region,
        etape: d.etape,
        issue: d.issue ?? null,
        demande_le: d.demandeLe,
        accepte_le: d.accepteLe ?? null,
        liste_attente_le: d.listeAttenteLe ?? null,
        lance_le: d.lanceLe ?? null,
        fin_le: d.finLe ?? null,
        termine_le: d.termineLe ?? null,
        interlocutrice: d.interlocutrice ?? null,
        intervenants: JSON.stringify(d.intervenants),
        issu_de: d.issuDe ?? null,
        a_conduit_a: JSON.stringify(d.aConduitA ?? []),
        mis_a_jour_le: this.horloge().toISOString(),
      };
      if (actuel) {
        await trx.updateTable('reporting_dossiers').set(ligne).where('dossier_id', '=', d.dossierId).execute();
        await trx.deleteFrom('reporting_unites').where('dossier_id', '=', d.dossierId).execute();
        await trx.deleteFrom('reporting_reponses').where('dossier_id', '=', d.dossierId).execute();
      } else await trx.insertInto('reporting_dossiers').values(ligne).execute();
      // One row per key: a snapshot listing the same work twice keeps the last.
      const unites = [...new Map(s.unites.map((u) => [u.cle, u])).values()];
      for (let i = 0; i < unites.length; i += PAGE)
        await trx
          .insertInto('reporting_unites')
          .values(
            unites.slice(i, i + PAGE).map((u) => ({
              dossier_id: d.dossierId,
              cle: u.cle,
              intervenant_id: u.intervenantId ?? null,
              type: u.type,
              date: u.date,
              minutes: u.minutes ?? null,
              demi_journees: u.demiJournees ?? null,
              nature: u.nature,
            })),
          )
          .execute();
      for (let i = 0; i < s.reponses.length; i += PAGE)
        await trx
          .insertInto('reporting_reponses')
          .values(
            s.reponses
              .slice(i, i + PAGE)
              .map((r, j) => ({ dossier_id: d.dossierId, rang: i + j, repondant: r.repondant, question: r.question, reponse: r.reponse, le: r.le })),
          )
          .execute();
      return true;
    });
  }

  /** The sequence held for a dossier (0: none). */
  async sequence(dossierId: string): Promise<number> {
    const r = await this.db.selectFrom('reporting_dossiers').select('sequence').where('dossier_id', '=', dossierId).executeTakeFirst();
    return r?.sequence ?? 0;
  }

  /** The dossiers matching the filter, by demand date then id, read PAGE rows at a time. */
  async *dossiers(filtre: FiltreReporting = {}): AsyncGenerator<LigneDossier> {
    let apres: { demande: string; id: string } | undefined;
    for (;;) {
      let q = filtrer(this.db.selectFrom('reporting_dossiers').selectAll(), filtre);
      if (filtre.demandeDu) q = q.where('demande_le', '>=', filtre.demandeDu);
      if (filtre.demandeAu) q = q.where('demande_le', '<', lendemain(filtre.demandeAu));
      if (apres) {
        const a = apres;
        q = q.where((eb) => eb.or([eb('demande_le', '>', a.demande), eb.and([eb('demande_le', '=', a.demande), eb('dossier_id', '>', a.id)])]));
      }
      const rows = await q.orderBy('demande_le').orderBy('dossier_id').limit(PAGE).execute();
      for (const r of rows) yield versLigne(r);
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      apres = { demande: last.demande_le, id: last.dossier_id };
    }
  }

  /** The units of work matching the filter (their day in [du, au]; their dossier's filters), by day, read in pages. */
  async *unites(filtre: FiltreUnites = {}): AsyncGenerator<UniteDuDossier> {
    let apres: { date: string; id: string; cle: string } | undefined;
    for (;;) {
      let q = this.db
        .selectFrom('reporting_unites as u')
        .innerJoin('reporting_dossiers as d', 'd.dossier_id', 'u.dossier_id')
        .select(['u.dossier_id', 'u.cle', 'u.intervenant_id', 'u.type', 'u.date', 'u.minutes', 'u.demi_journees', 'u.nature'])
        .select(['d.dispositif', 'd.region', 'd.mission_locale']);
      if (filtre.dispositif) q = q.where('d.dispositif', '=', filtre.dispositif);
      if (filtre.region) q = q.where('d.region', '=', filtre.region);
      if (filtre.missionLocale) q = q.where('d.mission_locale', '=', filtre.missionLocale);
      if (filtre.etape) q = q.where('d.etape', '=', filtre.etape);
      if (filtre.interlocutrice) q = q.where('d.interlocutrice', '=', filtre.interlocutrice);
      if (filtre.du) q = q.where('u.date', '>=', filtre.du);
      if (filtre.au) q = q.where('u.date', '<=', filtre.au);
      if (apres) {
        const a = apres;
        q = q.where((eb) =>
          eb.or([
            eb('u.date', '>', a.date),
            eb.and([eb('u.date', '=', a.date), eb('u.dossier_id', '>', a.id)]),
            eb.and([eb('u.date', '=', a.date), eb('u.dossier_id', '=', a.id), eb('u.cle', '>', a.cle)]),
          ]),
        );
      }
      const rows = await q.orderBy('u.date').orderBy('u.dossier_id').orderBy('u.cle').limit(PAGE).execute();
      for (const r of rows)
        yield {
          cle: r.cle,
          dossierId: r.dossier_id,
          ...(r.intervenant_id ? { intervenantId: r.intervenant_id } : {}),
          type: r.type as TypeContributeur,
          date: r.date,
          ...(r.minutes !== null ? { minutes: r.minutes } : {}),
          ...(r.demi_journees !== null ? { demiJournees: r.demi_journees } : {}),
          nature: r.nature as NatureTravail,
          dispositif: r.dispositif as Dispositif,
          region: r.region as RegionCode,
          missionLocale: r.mission_locale,
        };
      if (rows.length < PAGE) return;
      const last = rows[rows.length - 1]!;
      apres = { date: last.date, id: last.dossier_id, cle: last.cle };
    }
  }

  /** The questionnaire answers given in [du, au] (YYYY-MM-DD), with their dossier's dispositif and région. */
  async reponses(filtre: FiltreUnites = {}): Promise<ReponseDuDossier[]> {
    let q = this.db
      .selectFrom('reporting_reponses as r')
      .innerJoin('reporting_dossiers as d', 'd.dossier_id', 'r.dossier_id')
      .select(['r.dossier_id', 'r.repondant', 'r.question', 'r.reponse', 'r.le', 'd.dispositif', 'd.region']);
    if (filtre.dispositif) q = q.where('d.dispositif', '=', filtre.dispositif);
    if (filtre.region) q = q.where('d.region', '=', filtre.region);
    if (filtre.missionLocale) q = q.where('d.mission_locale', '=', filtre.missionLocale);
    if (filtre.du) q = q.where('r.le', '>=', filtre.du);
    if (filtre.au) q = q.where('r.le', '<', lendemain(filtre.au));
    const rows = await q.orderBy('r.dossier_id').orderBy('r.rang').execute();
    return rows.map((r) => ({
      dossierId: r.dossier_id,
      repondant: r.repondant as 'ml' | 'intervenant',
      question: r.question,
      reponse: r.reponse,
      le: r.le,
      dispositif: r.dispositif as Dispositif,
      region: r.region as RegionCode,
    }));
  }

  /** Empties the read model (the rebuild starts from nothing when asked to). */
  async vider(): Promise<void> {
    await this.db.deleteFrom('reporting_reponses').execute();
    await this.db.deleteFrom('reporting_unites').execute();
    await this.db.deleteFrom('reporting_dossiers').execute();
  }
}

function filtrer<O>(q: SelectQueryBuilder<Database, 'reporting_dossiers', O>, f: FiltreReporting): SelectQueryBuilder<Database, 'reporting_dossiers', O> {
  if (f.dispositif) q = q.where('dispositif', '=', f.dispositif);
  if (f.region) q = q.where('region', '=', f.region);
  if (f.missionLocale) q = q.where('mission_locale', '=', f.missionLocale);
  if (f.etape) q = q.where('etape', '=', f.etape);
  if (f.interlocutrice) q = q.where('interlocutrice', '=', f.interlocutrice);
  return q;
}

/** The day after a YYYY-MM-DD day, so that "au" includes every instant of that day. */
function lendemain(jour: string): string {
  const d = new Date(`${jour}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function versLigne(r: Selectable<ReportingDossiersTable>): LigneDossier {
  const aConduitA = JSON.parse(r.a_conduit_a) as string[];
  return {
    dossierId: r.dossier_id,
    dispositif: r.dispositif as Dispositif,
    missionLocale: r.mission_locale,
    region: r.region as RegionCode,
    etape: r.etape,
    ...(r.issue ? { issue: r.issue as IssueDossier } : {}),
    demandeLe: r.demande_le,
    ...(r.accepte_le ? { accepteLe: r.accepte_le } : {}),
    ...(r.liste_attente_le ? { listeAttenteLe: r.liste_attente_le } : {}),
    ...(r.lance_le ? { lanceLe: r.lance_le } : {}),
    ...(r.fin_le ? { finLe: r.fin_le } : {}),
    ...(r.termine_le ? { termineLe: r.termine_le } : {}),
    ...(r.interlocutrice ? { interlocutrice: r.interlocutrice } : {}),
    intervenants: JSON.parse(r.intervenants) as LigneDossier['intervenants'],
    ...(r.issu_de ? { issuDe: r.issu_de } : {}),
    ...(aConduitA.length ? { aConduitA } : {}),
  };
}
