// A year of the reporting read model by hand (issue #14, domain/chiffres.ts): 15 dossiers over the three dispositifs
// (two of 2025 that still count in 2026, one filed on 31 December 2025 at 23:30 UTC, that is 1 January 2026 in Paris),
// their units of work and questionnaire answers, with the figures of 2026 computed by hand in test/chiffres.test.ts.
// The API, page and browser tests put the same rows in a SqlReportingStore with `enregistrer`.
import type { SqlReportingStore } from '../../db/reporting';
import type { InstantaneReporting, LigneDossier, ReponseQuestionnaire, UniteTravail } from '../../domain/reporting';
import type { RegionCode } from '../../domain/regions';
import type { Dispositif } from '../../domain/schemas';
import type { TypeIntervenant } from '../../domain/vivier';

const t = (jour: string) => `${jour}T10:00:00.000Z`;
const i = (id: string, type: TypeIntervenant) => ({ id, type });
const K1 = i('INT-K1', 'consultant_cabinet');
const K2 = i('INT-K2', 'consultant_cabinet');
const K3 = i('INT-K3', 'consultant_cabinet');
const K4 = i('INT-K4', 'consultant_cabinet');
const D1 = i('INT-D1', 'directeur_ml');
const D2 = i('INT-D2', 'directeur_ml');
const D3 = i('INT-D3', 'directeur_ml');
const D4 = i('INT-D4', 'directeur_ml');
const D5 = i('INT-D5', 'directeur_ml');
const D6 = i('INT-D6', 'directeur_ml');
const E1 = i('INT-E1', 'expert_reseau');
const E2 = i('INT-E2', 'expert_reseau');

function dossier(
  dossierId: string,
  dispositif: Dispositif,
  region: RegionCode,
  etape: string,
  dates: Partial<Record<'accepteLe' | 'listeAttenteLe' | 'lanceLe' | 'finLe' | 'termineLe', string>> & { demandeLe: string },
  intervenants: LigneDossier['intervenants'] = [],
  issue?: LigneDossier['issue'],
): LigneDossier {
  const iso = Object.fromEntries(Object.entries(dates).map(([k, v]) => [k, v.includes('T') ? v : t(v)]));
  return {
    dossierId,
    dispositif,
    missionLocale: `ML-${region}-${dossierId.slice(-2)}`,
    region,
    etape,
    ...(issue ? { issue } : {}),
    ...(iso as { demandeLe: string }),
    intervenants,
  };
}

export const DOSSIERS_ANNEE: LigneDossier[] = [
  // Compagnonnage
  dossier(
    'CMP-00000000C1',
    'compagnonnage',
    'NOR',
    'cloture',
    { demandeLe: '2026-01-10', accepteLe: '2026-01-15', lanceLe: '2026-02-01', finLe: '2026-05-01', termineLe: '2026-05-20' },
    [D1],
    'cloture',
  ),
  dossier('CMP-00000000C2', 'compagnonnage', 'NOR', 'declinee', { demandeLe: '2026-02-03', termineLe: '2026-02-10' }, [], 'declinee'),
  dossier(
    'CMP-00000000C3',
    'compagnonnage',
    'GES',
    'accompagnement',
    { demandeLe: '2026-03-01', listeAttenteLe: '2026-03-05', accepteLe: '2026-04-01', lanceLe: '2026-04-20' },
    [D2],
  ),
  dossier(
    'CMP-00000000C4',
    'compagnonnage',
    'NOR',
    'cloture',
    { demandeLe: '2025-11-15', accepteLe: '2025-11-20', lanceLe: '2025-12-01', finLe: '2026-01-15', termineLe: '2026-02-01' },
    [D1],
    'cloture',
  ),
  dossier('CMP-00000000C5', 'compagnonnage', 'NOR', 'caduque', { demandeLe: '2025-12-31T23:30:00.000Z', termineLe: '2026-02-15' }, [], 'caduque'),
  // Appui Conseil
  dossier(
    'APC-00000000A1',
    'appui_conseil',
    'NOR',
    'cloture',
    { demandeLe: '2026-01-20', accepteLe: '2026-02-01', lanceLe: '2026-03-02', finLe: '2026-06-30', termineLe: '2026-07-15' },
    [K1, E1],
    'cloture',
  ),
  dossier('APC-00000000A2', 'appui_conseil', 'NOR', 'non_recevable', { demandeLe: '2026-02-14', termineLe: '2026-02-20' }, [], 'non_recevable'),
  dossier(
    'APC-00000000A3',
    'appui_conseil',
    'GES',
    'abandonnee',
    { demandeLe: '2026-04-10', accepteLe: '2026-04-20', lanceLe: '2026-05-04', termineLe: '2026-09-01' },
    [K2, D3],
    'abandonnee',
  ),
  dossier('APC-00000000A4', 'appui_conseil', 'NOR', 'liste_attente', { demandeLe: '2026-06-01', listeAttenteLe: '2026-06-10' }),
  dossier('APC-00000000A5', 'appui_conseil', 'NOR', 'intervention', { demandeLe: '2026-11-20', accepteLe: '2026-12-01', lanceLe: '2027-01-10' }, [K1, E2]),
  // Diagnostic
  dossier(
    'DGN-00000000G1',
    'diagnostic',
    'NOR',
    'cloture',
    { demandeLe: '2026-01-05', accepteLe: '2026-01-12', lanceLe: '2026-03-10', finLe: '2026-04-10', termineLe: '2026-04-30' },
    [K3, D1],
    'cloture',
  ),
  dossier(
    'DGN-00000000G2',
    'diagnostic',
    'GES',
    'cloture',
    { demandeLe: '2026-05-05', accepteLe: '2026-05-10', lanceLe: '2026-06-16', finLe: '2026-07-01', termineLe: '2026-07-20' },
    [K3, D4],
    'cloture',
  ),
  dossier('DGN-00000000G3', 'diagnostic', 'NOR', 'declinee', { demandeLe: '2026-09-01', termineLe: '2026-09-03' }, [], 'declinee'),
  dossier('DGN-00000000G4', 'diagnostic', 'NOR', 'analyse', { demandeLe: '2026-10-01', accepteLe: '2026-10-05' }, [K4, D5]),
  dossier(
    'DGN-00000000G5',
    'diagnostic',
    'NOR',
    'cloture',
    { demandeLe: '2025-06-01', accepteLe: '2025-06-10', lanceLe: '2025-09-01', finLe: '2025-10-01', termineLe: '2025-12-15' },
    [K3, D6],
    'cloture',
  ),
];

const regionDe = new Map(DOSSIERS_ANNEE.map((d) => [d.dossierId, { dispositif: d.dispositif, region: d.region }]));

let n = 0;
function u(
  dossierId: string,
  qui: { id: string; type: TypeIntervenant },
  date: string,
  nature: UniteTravail['nature'],
  duree: { minutes?: number; demi?: number },
): UniteTravail {
  n += 1;
  return {
    cle: `${nature}-${n}`,
    dossierId,
    intervenantId: qui.id,
    type: qui.type,
    date,
    ...(duree.minutes !== undefined ? { minutes: duree.minutes } : {}),
    ...(duree.demi !== undefined ? { demiJournees: duree.demi } : {}),
    nature,
  };
}

export const UNITES_ANNEE: UniteTravail[] = [
  // Compagnonnage: sessions and preparation in minutes (directeur_ml).
  u('CMP-00000000C1', D1, '2026-02-09', 'preparation', { minutes: 60 }),
  u('CMP-00000000C1', D1, '2026-02-10', 'seance', { minutes: 120 }),
  u('CMP-00000000C1', D1, '2026-03-10', 'seance', { minutes: 90 }),
  u('CMP-00000000C1', D1, '2026-04-10', 'seance', { minutes: 150 }),
  u('CMP-00000000C3', D2, '2026-05-05', 'seance', { minutes: 180 }),
  u('CMP-00000000C3', D2, '2026-06-05', 'seance', { minutes: 120 }),
  u('CMP-00000000C4', D1, '2025-12-15', 'seance', { minutes: 120 }), // 2025: not counted
  u('CMP-00000000C4', D1, '2026-01-10', 'seance', { minutes: 90 }),
  // Appui Conseil: intervention days in half-days, a preparation in minutes.
  u('APC-00000000A1', K1, '2026-03-02', 'journee_intervention', { demi: 2 }),
  u('APC-00000000A1', K1, '2026-03-16', 'journee_intervention', { demi: 2 }),
  u('APC-00000000A1', K1, '2026-04-13', 'journee_intervention', { demi: 1 }),
  u('APC-00000000A1', K1, '2026-05-18', 'journee_intervention', { demi: 2 }),
  u('APC-00000000A1', E1, '2026-03-01', 'preparation', { minutes: 90 }),
  u('APC-00000000A1', E1, '2026-03-02', 'journee_intervention', { demi: 2 }),
  u('APC-00000000A1', E1, '2026-04-13', 'journee_intervention', { demi: 1 }),
  u('APC-00000000A3', K2, '2026-05-04', 'journee_intervention', { demi: 2 }),
  u('APC-00000000A3', K2, '2026-06-01', 'journee_intervention', { demi: 2 }),
  u('APC-00000000A3', D3, '2026-05-04', 'journee_intervention', { demi: 2 }),
  u('APC-00000000A5', K1, '2027-01-10', 'journee_intervention', { demi: 2 }), // 2027: not counted
  // Diagnostic: the diagnostiqueurs' days (analysis, mise en commun in minutes, the day on site, reports).
  u('DGN-00000000G1', K3, '2026-02-20', 'analyse_individuelle', { demi: 1 }),
  u('DGN-00000000G1', K3, '2026-03-10', 'journee_sur_site', { demi: 2 }),
  u('DGN-00000000G1', K3, '2026-03-25', 'rapport', { demi: 1 }),
  u('DGN-00000000G1', D1, '2026-02-21', 'analyse_individuelle', { demi: 1 }),
  u('DGN-00000000G1', D1, '2026-02-27', 'mise_en_commun', { minutes: 120 }),
  u('DGN-00000000G1', D1, '2026-03-10', 'journee_sur_site', { demi: 2 }),
  u('DGN-00000000G1', D1, '2026-03-26', 'rapport', { demi: 1 }),
  u('DGN-00000000G2', K3, '2026-06-16', 'journee_sur_site', { demi: 2 }),
  u('DGN-00000000G2', K3, '2026-06-25', 'rapport', { demi: 1 }),
  u('DGN-00000000G2', D4, '2026-06-16', 'journee_sur_site', { demi: 2 }),
  u('DGN-00000000G2', D4, '2026-06-26', 'rapport', { demi: 1 }),
  u('DGN-00000000G4', D5, '2026-10-20', 'analyse_individuelle', { demi: 1 }), // not launched yet: D5 counts by this day
  u('DGN-00000000G5', D6, '2025-12-01', 'rapport', { demi: 1 }), // 2025: D6 does not count
];

const r = (dossierId: string, repondant: 'ml' | 'intervenant', question: string, reponse: string, le = '2026-09-15'): ReponseQuestionnaire => ({
  dossierId,
  repondant,
  question,
  reponse,
  le: t(le),
});

export const REPONSES_ANNEE: ReponseQuestionnaire[] = [
  r('CMP-00000000C1', 'ml', 'satisfaction', '4'),
  r('CMP-00000000C1', 'intervenant', 'satisfaction', '5'),
  r('CMP-00000000C1', 'ml', 'commentaire', 'Des échanges très riches entre directions.'),
  r('CMP-00000000C4', 'ml', 'satisfaction', '3,5', '2026-02-20'),
  r('APC-00000000A1', 'ml', 'satisfaction', '5'),
  r('APC-00000000A1', 'ml', 'commentaire', 'Le cabinet a su prendre de la hauteur.'),
  r('APC-00000000A1', 'intervenant', 'satisfaction', '4'),
  r('DGN-00000000G1', 'ml', 'utilite', '4', '2026-05-10'),
  r('DGN-00000000G1', 'ml', 'commentaire', 'Sortir la tête du guidon.', '2026-05-10'),
  r('DGN-00000000G2', 'ml', 'utilite', 'Très utile', '2026-08-01'),
  r('DGN-00000000G2', 'intervenant', 'utilite', '2', '2027-01-05'), // 2027: not counted
];

/** The rows with their dossier's dispositif and région, as the store's readers give them. */
export const avecDossier = <T extends { dossierId: string }>(rows: T[]) => rows.map((x) => ({ ...x, ...regionDe.get(x.dossierId)! }));

/** Each dossier as one snapshot (sequence 1). */
export function instantanesAnnee(): InstantaneReporting[] {
  return DOSSIERS_ANNEE.map((d) => ({
    sequence: 1,
    dossier: d,
    unites: UNITES_ANNEE.filter((x) => x.dossierId === d.dossierId),
    reponses: REPONSES_ANNEE.filter((x) => x.dossierId === d.dossierId),
  }));
}

export async function remplirStore(store: SqlReportingStore): Promise<void> {
  for (const s of instantanesAnnee()) await store.enregistrer(s);
}
