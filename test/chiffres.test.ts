// The network's figures (domain/chiffres.ts), pure: the year of test/helpers/chiffres-annee.ts (15 dossiers over the
// three dispositifs) against figures computed by hand, written below with their working.
import {
  calculerChiffres,
  centileRangLePlusProche,
  chargeDuVivier,
  dixiemes,
  joursDe,
  moisDe,
  periodeAnnee,
  valeurNumerique,
  type DemandeChiffres,
} from '../domain/chiffres';
import { avecDossier, DOSSIERS_ANNEE, REPONSES_ANNEE, UNITES_ANNEE } from './helpers/chiffres-annee';

const lignes = { dossiers: DOSSIERS_ANNEE, unites: avecDossier(UNITES_ANNEE), reponses: avecDossier(REPONSES_ANNEE) };
const annee2026: DemandeChiffres = { periode: periodeAnnee(2026), heuresParJour: 7 };

describe('the arithmetic', () => {
  it('rounds tenths half up with integers, converts half-days and minutes, takes nearest-rank percentiles', () => {
    expect(dixiemes(7500, 840)).toBe(8.9); // 8.928…
    expect(dixiemes(1, 20)).toBe(0.1); // 0.05 → 0.1 (half up)
    expect(dixiemes(0, 7)).toBe(0);
    expect(joursDe(3, 0, 7)).toEqual({ demiJournees: 3, minutes: 0, jours: 1.5 });
    expect(joursDe(0, 630, 7)).toEqual({ demiJournees: 0, minutes: 630, jours: 1.5 }); // 10 h 30 at 7 h a day
    expect(joursDe(0, 630, 7.5).jours).toBe(1.4); // 630 / 450 = 1.4
    expect(centileRangLePlusProche([], 50)).toBeUndefined();
    expect(centileRangLePlusProche([1, 2, 3, 4], 50)).toBe(2); // rank ⌈2⌉: the lower middle
    expect(centileRangLePlusProche([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9); // rank 9
    expect(centileRangLePlusProche([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10); // rank ⌈9.9⌉ = 10
    expect(valeurNumerique(' 3,5 ')).toBe(3.5);
    expect(valeurNumerique('4/5')).toBeUndefined();
    expect(moisDe({ du: '2026-11-15', au: '2027-02-01' })).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});

describe('the figures of 2026', () => {
  const c = calculerChiffres(annee2026, lignes);

  it('counts the dossiers per dispositif and outcome, on the day of each event, and those running', () => {
    // Compagnonnage: asked C1, C2, C3 and C5 (filed 31/12/2025 23:30 UTC = 1 January 2026 in Paris), not C4 (2025);
    // accepted C1, C3; declined C2; waiting list C3; running C1, C3 and C4 (its work ended 15/01/2026); closed C1 and
    // C4 (closed 01/02/2026); lapsed C5.
    expect(c.parDispositif.compagnonnage!.dossiers).toEqual({
      demandes: 4,
      acceptes: 2,
      declines: 1,
      nonRecevables: 0,
      listeAttente: 1,
      enCours: 3,
      clotures: 2,
      abandonnes: 0,
      caducs: 1,
    });
    // Appui Conseil: asked A1–A5; accepted A1, A3, A5 (01/12); out of scope A2; waiting A4; running A1 and A3 (abandoned
    // 01/09, so running in the year), not A5 (launched in 2027); closed A1; abandoned A3.
    expect(c.parDispositif.appui_conseil!.dossiers).toEqual({
      demandes: 5,
      acceptes: 3,
      declines: 0,
      nonRecevables: 1,
      listeAttente: 1,
      enCours: 2,
      clotures: 1,
      abandonnes: 1,
      caducs: 0,
    });
    // Diagnostic: asked G1–G4 (G5 in 2025); accepted G1, G2, G4; declined G3; running G1, G2 (G4 not launched, G5
    // ended in 2025); closed G1, G2 (G5 closed in 2025).
    expect(c.parDispositif.diagnostic!.dossiers).toEqual({
      demandes: 4,
      acceptes: 3,
      declines: 1,
      nonRecevables: 0,
      listeAttente: 0,
      enCours: 2,
      clotures: 2,
      abandonnes: 0,
      caducs: 0,
    });
    expect(c.total.dossiers).toEqual({
      demandes: 13,
      acceptes: 8,
      declines: 2,
      nonRecevables: 1,
      listeAttente: 2,
      enCours: 7,
      clotures: 5,
      abandonnes: 1,
      caducs: 1,
    });
    expect(c.dispositifs).toEqual(['compagnonnage', 'appui_conseil', 'diagnostic']);
  });

  it('counts the days per kind of contributor: half-days / 2, minutes at 7 h a day, one decimal at the end', () => {
    const P = c.parDispositif;
    // Compagnonnage: D1 60 + 120 + 90 + 150 (C1) + 90 (C4, 2026) = 510 min, D2 180 + 120 = 300 min: 810 min / 420 = 1.93.
    expect(P.compagnonnage!.jours.expertiseInterne).toEqual({ demiJournees: 0, minutes: 810, jours: 1.9 });
    expect(P.compagnonnage!.jours.consultants).toEqual({ demiJournees: 0, minutes: 0, jours: 0 });
    // Appui Conseil: K1 2 + 2 + 1 + 2 = 7 (not the 2027 day), K2 2 + 2 = 4: 11 half-days = 5.5 days.
    expect(P.appui_conseil!.jours.consultants).toEqual({ demiJournees: 11, minutes: 0, jours: 5.5 });
    // E1 2 + 1 and D3 2: 5 half-days, and E1's 90 min: (5 × 420 + 2 × 90) / 840 = 2280 / 840 = 2.71.
    expect(P.appui_conseil!.jours.expertiseInterne).toEqual({ demiJournees: 5, minutes: 90, jours: 2.7 });
    // Diagnostic: K3 1 + 2 + 1 (G1) + 2 + 1 (G2) = 7 half-days = 3.5 days.
    expect(P.diagnostic!.jours.consultants).toEqual({ demiJournees: 7, minutes: 0, jours: 3.5 });
    // D1 1 + 2 + 1, D4 2 + 1, D5 1 (G4), not D6 (2025): 8 half-days; D1's mise en commun 120 min: (3360 + 240) / 840 = 4.29.
    expect(P.diagnostic!.jours.expertiseInterne).toEqual({ demiJournees: 8, minutes: 120, jours: 4.3 });
    // In all: 18 half-days = 9 consultant days; 13 half-days and 1020 min = (5460 + 2040) / 840 = 8.93 days of expertise.
    expect(c.total.jours.consultants).toEqual({ demiJournees: 18, minutes: 0, jours: 9 });
    expect(c.total.jours.expertiseInterne).toEqual({ demiJournees: 13, minutes: 1020, jours: 8.9 });
    // By kind: directeur_ml 2 + 4 + 3 + 1 = 10 half-days and 810 + 120 = 930 min = (4200 + 1860) / 840 = 7.21;
    // expert_reseau 3 half-days and 90 min = (1260 + 180) / 840 = 1.71.
    expect(c.total.jours.parType).toEqual({
      consultant_cabinet: { demiJournees: 18, minutes: 0, jours: 9 },
      directeur_ml: { demiJournees: 10, minutes: 930, jours: 7.2 },
      expert_reseau: { demiJournees: 3, minutes: 90, jours: 1.7 },
    });
  });

  it('converts the minutes with the configured hours per day', () => {
    // 7.5 h = 450 min: (13 × 450 + 2 × 1020) / 900 = 7890 / 900 = 8.77; half-days do not change.
    const c75 = calculerChiffres({ ...annee2026, heuresParJour: 7.5 }, lignes);
    expect(c75.total.jours.expertiseInterne.jours).toBe(8.8);
    expect(c75.total.jours.consultants.jours).toBe(9);
    expect(c75.parDispositif.compagnonnage!.jours.expertiseInterne.jours).toBe(1.8); // 810 / 450
  });

  it('counts each network member once: those with work in the year and those on a dossier running in it', () => {
    // Compagnonnage: D1 (C1, C4 running), D2 (C3). Appui Conseil: E1 (A1), D3 (A3); not E2 (A5 launched in 2027, no
    // work). Diagnostic: D1 (G1), D4 (G2), D5 (a day of analysis on G4, not launched yet); not D6 (G5 ended in 2025,
    // its report day in 2025).
    expect(c.parDispositif.compagnonnage!.membresReseau).toBe(2);
    expect(c.parDispositif.appui_conseil!.membresReseau).toBe(2);
    expect(c.parDispositif.diagnostic!.membresReseau).toBe(3);
    // D1, D2, E1, D3, D4, D5: 6, not 2 + 2 + 3 = 7 (D1 in two dispositifs).
    expect(c.total.membresReseau).toBe(6);
    // Consultants: K1, K2 (Appui Conseil), K3 (Diagnostic); not K4 (G4 not launched, no work).
    expect(c.total.consultants).toBe(3);
  });

  it('has the median and 90th percentile (nearest rank) from demand to launch and to closure, in days', () => {
    const P = c.parDispositif;
    // Launched in 2026: C1 10/01 → 01/02 = 22, C3 01/03 → 20/04 = 50; A1 20/01 → 02/03 = 41, A3 10/04 → 04/05 = 24;
    // G1 05/01 → 10/03 = 64, G2 05/05 → 16/06 = 42.
    expect(P.compagnonnage!.delais.demandeLancement).toEqual({ nombre: 2, mediane: 22, p90: 50 });
    expect(P.appui_conseil!.delais.demandeLancement).toEqual({ nombre: 2, mediane: 24, p90: 41 });
    expect(P.diagnostic!.delais.demandeLancement).toEqual({ nombre: 2, mediane: 42, p90: 64 });
    // All: [22, 24, 41, 42, 50, 64]: median rank ⌈3⌉ = 41, p90 rank ⌈5.4⌉ = 6 → 64.
    expect(c.total.delais.demandeLancement).toEqual({ nombre: 6, mediane: 41, p90: 64 });
    // Closed in 2026: C1 10/01 → 20/05 = 130, C4 15/11/2025 → 01/02/2026 = 78; A1 20/01 → 15/07 = 176;
    // G1 05/01 → 30/04 = 115, G2 05/05 → 20/07 = 76.
    expect(P.compagnonnage!.delais.demandeCloture).toEqual({ nombre: 2, mediane: 78, p90: 130 });
    expect(P.appui_conseil!.delais.demandeCloture).toEqual({ nombre: 1, mediane: 176, p90: 176 });
    expect(P.diagnostic!.delais.demandeCloture).toEqual({ nombre: 2, mediane: 76, p90: 115 });
    // All: [76, 78, 115, 130, 176]: median rank ⌈2.5⌉ = 3 → 115, p90 rank ⌈4.5⌉ = 5 → 176.
    expect(c.total.delais.demandeCloture).toEqual({ nombre: 5, mediane: 115, p90: 176 });
  });

  it('counts the demands per month, every month of the year present', () => {
    const parMois = Object.fromEntries(c.demandesParMois.map((m) => [m.mois, m.nombre]));
    expect(c.demandesParMois).toHaveLength(12);
    // January: C1, C5 (Paris day), A1, G1; February: C2, A2; then one a month in March–June, September–November.
    expect(parMois).toEqual({
      '2026-01': 4,
      '2026-02': 2,
      '2026-03': 1,
      '2026-04': 1,
      '2026-05': 1,
      '2026-06': 1,
      '2026-07': 0,
      '2026-08': 0,
      '2026-09': 1,
      '2026-10': 1,
      '2026-11': 1,
      '2026-12': 0,
    });
  });

  it('sums up the questionnaires per dispositif and question: count, average of the numeric answers, free text listed', () => {
    const q = (d: 'compagnonnage' | 'appui_conseil' | 'diagnostic', question: string) =>
      c.questionnaires.find((x) => x.dispositif === d)?.questions.find((x) => x.question === question);
    // (4 + 5 + 3.5) / 3 = 4.17.
    expect(q('compagnonnage', 'satisfaction')).toEqual({ question: 'satisfaction', nombre: 3, moyenne: 4.2, numeriques: 3, textes: [] });
    expect(q('compagnonnage', 'commentaire')).toEqual({
      question: 'commentaire',
      nombre: 1,
      numeriques: 0,
      textes: ['Des échanges très riches entre directions.'],
    });
    expect(q('appui_conseil', 'satisfaction')).toMatchObject({ nombre: 2, moyenne: 4.5 });
    expect(q('appui_conseil', 'commentaire')?.textes).toEqual(['Le cabinet a su prendre de la hauteur.']);
    // "Très utile" is free text; the 2027 answer is outside the year.
    expect(q('diagnostic', 'utilite')).toEqual({ question: 'utilite', nombre: 2, moyenne: 4, numeriques: 1, textes: ['Très utile'] });
    expect(q('diagnostic', 'commentaire')?.textes).toEqual(['Sortir la tête du guidon.']);
  });
});

describe('the figures of a région, a dispositif, a period', () => {
  it('keeps only the région asked', () => {
    // Grand Est: C3, A3, G2.
    const c = calculerChiffres({ ...annee2026, region: 'GES' }, lignes);
    expect(c.region).toBe('GES');
    expect(c.total.dossiers).toMatchObject({ demandes: 3, acceptes: 3, listeAttente: 1, enCours: 3, clotures: 1, abandonnes: 1 });
    // K2 4 half-days (A3), K3 3 (G2): 3.5 days; D2 300 min, D3 2 half-days, D4 3: (5 × 420 + 600) / 840 = 3.21.
    expect(c.total.jours.consultants.jours).toBe(3.5);
    expect(c.total.jours.expertiseInterne).toEqual({ demiJournees: 5, minutes: 300, jours: 3.2 });
    expect(c.total.membresReseau).toBe(3); // D2, D3, D4
    expect(c.questionnaires.flatMap((x) => x.questions.map((q) => q.question))).toEqual(['utilite']); // G2's "Très utile"
  });

  it('keeps only the dispositif asked', () => {
    const c = calculerChiffres({ ...annee2026, dispositif: 'diagnostic' }, lignes);
    expect(c.dispositifs).toEqual(['diagnostic']);
    expect(Object.keys(c.parDispositif)).toEqual(['diagnostic']);
    expect(c.total.dossiers.demandes).toBe(4);
    expect(c.total.membresReseau).toBe(3);
    expect(c.questionnaires.map((q) => q.dispositif)).toEqual(['diagnostic']);
  });

  it('counts a given period (du/au, both days included)', () => {
    // 1 January – 28 February 2026: asked C1, C2, C5, A1, A2, G1; accepted C1, A1, G1; running C1 (launched 01/02), C4; D1's days in
    // January–February: C4 90 min, C1 60 + 120 min, G1 1 half-day + 120 min.
    const c = calculerChiffres({ periode: { du: '2026-01-01', au: '2026-02-28' }, heuresParJour: 7 }, lignes);
    expect(c.total.dossiers).toMatchObject({ demandes: 6, acceptes: 3, enCours: 2, clotures: 1, declines: 1, nonRecevables: 1, caducs: 1 });
    expect(c.demandesParMois).toEqual([
      { mois: '2026-01', nombre: 4 },
      { mois: '2026-02', nombre: 2 },
    ]);
    // D1: 1 half-day and 390 min = (420 + 780) / 840 = 1.43; K3 1 half-day (20/02) = 0.5.
    expect(c.total.jours.expertiseInterne).toEqual({ demiJournees: 1, minutes: 390, jours: 1.4 });
    expect(c.total.jours.consultants.jours).toBe(0.5);
    expect(c.total.membresReseau).toBe(1); // D1 only
    expect(c.total.delais.demandeLancement).toEqual({ nombre: 1, mediane: 22, p90: 22 }); // C1
  });

  it('gives zeros and no delay for an empty period', () => {
    const c = calculerChiffres({ periode: periodeAnnee(2030), heuresParJour: 7 }, lignes);
    expect(c.total.dossiers.demandes).toBe(0);
    expect(c.total.delais.demandeLancement).toEqual({ nombre: 0 });
    expect(c.questionnaires).toEqual([]);
  });
});

describe('the pool’s load', () => {
  it('counts active reservations against the capacity of valid, active intervenants, per kind', () => {
    const intervenants = [
      { id: 'K1', type: 'consultant_cabinet' as const, actif: true, statut: 'valide', capaciteDossiers: 3, capaciteHeuresMois: 20 },
      { id: 'K2', type: 'consultant_cabinet' as const, actif: true, statut: 'valide', capaciteDossiers: 2, capaciteHeuresMois: 10 },
      { id: 'D1', type: 'directeur_ml' as const, actif: true, statut: 'valide', capaciteDossiers: 2, capaciteHeuresMois: 16 },
      { id: 'D2', type: 'directeur_ml' as const, actif: false, statut: 'valide', capaciteDossiers: 4, capaciteHeuresMois: 16 },
      { id: 'E1', type: 'expert_reseau' as const, actif: true, statut: 'retire', capaciteDossiers: 1, capaciteHeuresMois: 8 },
    ];
    const reservations = [
      { intervenantId: 'K1', heuresMois: 8 },
      { intervenantId: 'K1', heuresMois: 6 },
      { intervenantId: 'K2', heuresMois: 5 },
      { intervenantId: 'D1', heuresMois: 8 },
      { intervenantId: 'D1', heuresMois: 8, libereeLe: '2026-05-01T10:00:00.000Z' },
      { intervenantId: 'D2', heuresMois: 8 },
    ];
    expect(chargeDuVivier(intervenants, reservations)).toEqual([
      { type: 'consultant_cabinet', intervenants: 2, capaciteDossiers: 5, reservations: 3, tauxPourcent: 60, capaciteHeuresMois: 30, heuresMoisReservees: 19 },
      { type: 'directeur_ml', intervenants: 1, capaciteDossiers: 2, reservations: 1, tauxPourcent: 50, capaciteHeuresMois: 16, heuresMoisReservees: 8 },
      { type: 'expert_reseau', intervenants: 0, capaciteDossiers: 0, reservations: 0, capaciteHeuresMois: 0, heuresMoisReservees: 0 },
    ]);
  });
});
