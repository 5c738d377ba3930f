// The reference data the pool reads: régions (with their ARML) and Missions Locales, seeded by db/seed/reference.ts.
import type { RegionCode } from '../../domain/regions';
import type { MissionsLocalesTable } from '../database';
import type { MissionLocaleRef, RegionRef } from '../store';
import type { Db } from './contexte';

const missionLocale = (r: MissionsLocalesTable): MissionLocaleRef => ({ code: r.code, nom: r.nom, region: r.region as RegionCode });

export class Referentiel {
  constructor(private readonly db: Db) {}

  async regions(): Promise<RegionRef[]> {
    const rows = await this.db.selectFrom('regions').selectAll().execute();
    return rows
      .map((r) => ({ code: r.code as RegionCode, nom: r.nom, arml: { nom: r.arml_nom, email: r.arml_email } }))
      .sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
  }

  async missionsLocales(region?: RegionCode): Promise<MissionLocaleRef[]> {
    let q = this.db.selectFrom('missions_locales').selectAll();
    if (region) q = q.where('region', '=', region);
    const rows = await q.execute();
    return rows.map(missionLocale).sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));
  }

  async missionLocale(code: string): Promise<MissionLocaleRef | undefined> {
    const r = await this.db.selectFrom('missions_locales').selectAll().where('code', '=', code).executeTakeFirst();
    return r ? missionLocale(r) : undefined;
  }
}
