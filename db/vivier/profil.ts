// The profile an intervenant and an application share (domain/vivier.ts ProfilIntervenant), as both tables hold it
// (db/database.ts ProfilColumns): read back from a row, written as columns.
import type { Selectable } from 'kysely';
import type { RegionCode } from '../../domain/regions';
import { EXPERTISE_CODES, type Expertise, type ProfilIntervenant, type TypeIntervenant } from '../../domain/vivier';
import type { ProfilColumns } from '../database';

export function normaliserEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The expertise tags in the order of domain/vivier.ts EXPERTISES, each once. */
export function ordreExpertises(list: Iterable<string>): Expertise[] {
  const set = new Set(list);
  return EXPERTISE_CODES.filter((e) => set.has(e));
}

/** The profile of an intervenant's or an application's row; its expertise is kept apart (a table, or JSON). */
export function profilDeLigne(r: Selectable<ProfilColumns>, expertises: Iterable<string>): ProfilIntervenant {
  return {
    type: r.type as TypeIntervenant,
    nom: r.nom,
    email: r.email,
    ...(r.telephone !== null ? { telephone: r.telephone } : {}),
    region: r.region as RegionCode,
    ...(r.mission_locale_code !== null ? { missionLocaleCode: r.mission_locale_code } : {}),
    ...(r.cabinet !== null ? { cabinet: r.cabinet } : {}),
    expertises: ordreExpertises(expertises),
    capaciteDossiers: Number(r.capacite_dossiers),
    capaciteHeuresMois: Number(r.capacite_heures_mois),
  };
}

/** The profile's columns as stored: trimmed, the email in lower case, an empty optional field as null. */
export function colonnesProfil(p: ProfilIntervenant): ProfilColumns {
  return {
    type: p.type,
    nom: p.nom.trim(),
    email: normaliserEmail(p.email),
    telephone: p.telephone?.trim() || null,
    region: p.region,
    mission_locale_code: p.missionLocaleCode?.trim() || null,
    cabinet: p.cabinet?.trim() || null,
    capacite_dossiers: p.capaciteDossiers,
    capacite_heures_mois: p.capaciteHeuresMois,
  };
}
