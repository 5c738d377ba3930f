// A campaign's funding and survey as the API shows them (api/campagnes/financement.ts), without Temporal: the funding
// of a year over the MLs still in the campaign (axes 1–2 of the year merged with axe 3 as the dialogues de gestion
// settled it), computed by hand; the refusals (no indicators for the year: 404; incomplete: 409); the checks of the
// values sent; the survey's results; the printable pages' models.
import { AVANCE_SEED_004, AXES_SEED_004 } from '../domain/financement';
import { progression } from '../domain/campagne';
import {
  anneesDeFinancement,
  financementDeCampagne,
  FinancementIndisponible,
  modeleFinancementCampagne,
  modeleFinancementMl,
  resultatsEnqueteDeCampagne,
  valeursDe,
  verifierValeurs,
} from '../api/campagnes/financement';
import type { CampagneVue } from '../workflows/campagne/messages';
import type { MlDansCampagne } from '../workflows/campagne/state';

/** French amounts use narrow no-break spaces: compared here with plain ones. */
const fr = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const somme = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

const ml = (code: string, nom: string, territoire: string, retrait?: MlDansCampagne['retrait']): MlDansCampagne => ({
  code,
  nom,
  territoire,
  direction: { nom: `Direction ${nom}`, email: `direction@${code.toLowerCase()}.example.fr` },
  presidence: { nom: `Présidence ${nom}`, email: `presidence@${code.toLowerCase()}.example.fr` },
  ...(retrait ? { retrait } : {}),
});

function vue(over: Partial<CampagneVue> = {}): CampagneVue {
  const mls = [
    ml('ML-COLMAR', 'Mission Locale de Colmar', 'Haut-Rhin'),
    ml('ML-MULHOUSE', 'Mission Locale de Mulhouse', 'Haut-Rhin'),
    ml('ML-STRASBOURG', 'Mission Locale de Strasbourg', 'Bas-Rhin'),
    ml('ML-SAVERNE', 'Mission Locale de Saverne', 'Bas-Rhin', { motif: 'fusion avec une autre structure', le: '2027-03-15T10:00:00.000Z' }),
  ];
  return {
    campagneId: 'CAM-0123456789',
    nom: 'Démarche de progrès des Missions Locales d’Alsace 2027',
    region: 'GES',
    phase: 'suivi',
    mls,
    territoires: [
      { nom: 'Haut-Rhin', mls: ['ML-COLMAR', 'ML-MULHOUSE'] },
      { nom: 'Bas-Rhin', mls: ['ML-STRASBOURG', 'ML-SAVERNE'] },
    ],
    financeurs: [],
    consultant: { id: 'INT-0000000001', nom: 'Claire Martin', email: 'claire.martin@cabinet.example.fr' },
    calendrier: {
      cadrage: { debut: '2027-01-04', fin: '2027-02-26' },
      etat_des_lieux: { debut: '2027-03-01', fin: '2027-05-28' },
      analyse_transversale: { debut: '2027-06-01', fin: '2027-07-09' },
    },
    contactUnml: { nom: 'UNML', email: 'campagnes@unml.example.fr' },
    entretiensContextuels: [],
    reunions: {},
    etatsDesLieux: [],
    // 300 000,00 € (30 000 000 c), seed 004's axes, an 80 % advance.
    financement: { enveloppe: 30_000_000, axes: AXES_SEED_004, avancePourDixMille: AVANCE_SEED_004 },
    indicateurs: [
      {
        annee: 2028,
        le: '2028-01-10T09:00:00.000Z',
        mls: [
          { code: 'ML-COLMAR', nom: 'Mission Locale de Colmar', valeurs: { i1: 2, i2: 2, i3: 2, i4: 2, i5: 1, i6: 0, i7: 0 } },
          { code: 'ML-MULHOUSE', nom: 'Mission Locale de Mulhouse', valeurs: { i1: 1, i2: 1, i3: 1, i4: 1, i5: 1, i6: 0, i7: 0 } },
          { code: 'ML-STRASBOURG', nom: 'Mission Locale de Strasbourg', valeurs: { i1: 1, i2: 1, i3: 1, i4: 1, i5: 1, i6: 5, i7: 0 } },
          // Recorded before it left: no longer counted.
          { code: 'ML-SAVERNE', nom: 'Mission Locale de Saverne', valeurs: { i1: 50, i2: 50, i3: 50, i4: 50, i5: 50, i6: 50, i7: 50 } },
        ],
      },
    ],
    axe3: [],
    agenda: {},
    timeline: [],
    progression: progression([]),
    ...over,
  };
}

const parAxe = (f: ReturnType<typeof financementDeCampagne>, axe: string) => f.mls.map((m) => m.axes.find((a) => a.axe === axe)!.montant);

describe('the funding of a campaign’s year', () => {
  it('computes it over the MLs still in the campaign, axe 3 provisional until the dialogues de gestion settle it (by hand)', () => {
    const f = financementDeCampagne(vue(), 2028);
    expect(f.mls.map((m) => m.code)).toEqual(['ML-COLMAR', 'ML-MULHOUSE', 'ML-STRASBOURG']);
    // Axes: 50 % 15 000 000, 35 % 10 500 000, 15 % 4 500 000.
    expect(f.axes.map((a) => a.montant)).toEqual([15_000_000, 10_500_000, 4_500_000]);
    // Axe 1: 4 indicators of 3 750 000, each 2:1:1 → 1 875 000, 937 500, 937 500; × 4.
    expect(parAxe(f, 'axe1')).toEqual([7_500_000, 3_750_000, 3_750_000]);
    // Axe 2: i7 nobody has → i5 and i6 share 10 500 000 (5 250 000 each); i5 1:1:1 → 1 750 000 each; i6 all to Strasbourg
    // (Colmar and Mulhouse have zero).
    expect(parAxe(f, 'axe2')).toEqual([1_750_000, 1_750_000, 7_000_000]);
    // Axe 3 unsettled: 4 500 000 / 3 each, provisional.
    expect(parAxe(f, 'axe3')).toEqual([1_500_000, 1_500_000, 1_500_000]);
    expect(f.mls.map((m) => m.total)).toEqual([10_750_000, 7_000_000, 12_250_000]);
    // Advance 24 000 000, 80 % of each total (exact): 8 600 000, 5 600 000, 9 800 000; no balance yet.
    expect(f.mls.map((m) => m.avance)).toEqual([8_600_000, 5_600_000, 9_800_000]);
    expect(f.provisoire).toBe(true);
    expect(f.mls.every((m) => m.solde === undefined)).toBe(true);
    expect(somme(f.mls.map((m) => m.total))).toBe(30_000_000);
  });

  it('merges axe 3 as each ML’s dialogue de gestion settled it (the last one of the year), then gives the balances', () => {
    const axe3 = [
      { annee: 2028, ml: 'ML-COLMAR', valeurs: { i8: 3, i9: 0 }, motif: 'premier avis', le: '2028-03-01T10:00:00.000Z' },
      { annee: 2028, ml: 'ML-COLMAR', valeurs: { i8: 1, i9: 0 }, motif: 'Deux projets coopératifs, dont un abandonné.', le: '2028-03-02T10:00:00.000Z' },
      { annee: 2028, ml: 'ML-MULHOUSE', valeurs: { i8: 1, i9: 0 }, motif: 'Un projet avec Colmar.', le: '2028-03-03T10:00:00.000Z' },
      { annee: 2028, ml: 'ML-STRASBOURG', valeurs: { i8: 2, i9: 0 }, motif: 'Deux projets régionaux.', le: '2028-03-04T10:00:00.000Z' },
      // Another year, and the ML that left: not counted.
      { annee: 2029, ml: 'ML-STRASBOURG', valeurs: { i8: 40, i9: 40 }, motif: '—', le: '2029-03-04T10:00:00.000Z' },
      { annee: 2028, ml: 'ML-SAVERNE', valeurs: { i8: 40, i9: 40 }, motif: '—', le: '2028-03-04T10:00:00.000Z' },
    ];
    const v = vue({ axe3 });
    expect(valeursDe(v, 2028, 'ML-COLMAR')).toEqual({ i1: 2, i2: 2, i3: 2, i4: 2, i5: 1, i6: 0, i7: 0, i8: 1, i9: 0 });
    const f = financementDeCampagne(v, 2028);
    // Axe 3: i9 nobody has → all 4 500 000 through i8, 1:1:2 → 1 125 000, 1 125 000, 2 250 000.
    expect(parAxe(f, 'axe3')).toEqual([1_125_000, 1_125_000, 2_250_000]);
    expect(f.mls.map((m) => m.total)).toEqual([10_375_000, 6_625_000, 13_000_000]);
    // The advance is unchanged (at signature, axe 3 shared equally); balances: total − advance.
    expect(f.mls.map((m) => m.avance)).toEqual([8_600_000, 5_600_000, 9_800_000]);
    expect(f.mls.map((m) => m.solde)).toEqual([1_775_000, 1_025_000, 3_200_000]);
    expect(f.provisoire).toBe(false);
    expect(somme(f.mls.map((m) => m.solde!))).toBe(30_000_000 - 24_000_000);
  });

  it('a year without indicators: 404 naming the years recorded; values missing or axe 3 settled for some only: 409 with each reason', () => {
    const e404 = (() => {
      try {
        financementDeCampagne(vue(), 2031);
      } catch (err) {
        return err;
      }
    })() as FinancementIndisponible;
    expect(e404).toBeInstanceOf(FinancementIndisponible);
    expect(e404.status).toBe(404);
    expect(e404.code).toBe('financement_inconnu');
    expect(e404.message).toBe('Aucun indicateur n’est enregistré pour l’année 2031 dans la campagne CAM-0123456789 : les années enregistrées sont 2028.');
    expect(() => financementDeCampagne(vue({ indicateurs: [] }), 2028)).toThrow(
      /envoyez-les d’abord \(PUT \/api\/campagnes\/CAM-0123456789\/indicateurs\/2028/,
    );

    // Mulhouse has no values; Colmar's axe 3 is settled, not the others'.
    const v = vue({
      indicateurs: [{ annee: 2028, le: '2028-01-10T09:00:00.000Z', mls: [vue().indicateurs[0]!.mls[0]!, vue().indicateurs[0]!.mls[2]!] }],
      axe3: [{ annee: 2028, ml: 'ML-COLMAR', valeurs: { i8: 1, i9: 1 }, motif: 'x', le: '2028-03-01T10:00:00.000Z' }],
    });
    let e409: FinancementIndisponible | undefined;
    try {
      financementDeCampagne(v, 2028);
    } catch (err) {
      e409 = err as FinancementIndisponible;
    }
    expect(e409?.status).toBe(409);
    expect(e409?.code).toBe('financement_incomplet');
    expect(e409?.message).toMatch(/^Le financement 2028 de la campagne CAM-0123456789 ne peut pas encore être calculé \(\d+ raisons\) : /);
    expect(e409?.details).toEqual(
      expect.arrayContaining([
        {
          path: 'mls.1.valeurs.i1',
          message:
            'Mission Locale de Mulhouse : il manque la valeur de l’indicateur i1 ' +
            '(Jeunes 16-25 ans actifs inoccupés présents sur le territoire (INSEE via la DARES)).',
        },
        expect.objectContaining({
          path: 'mls.2.valeurs.i8',
          message: expect.stringContaining('Mission Locale de Strasbourg : il manque la décision du dialogue de gestion'),
        }),
      ]),
    );
  });

  it('lists the years recorded, in order, once', () => {
    const i = vue().indicateurs[0]!;
    expect(anneesDeFinancement(vue({ indicateurs: [{ ...i, annee: 2029 }, i, { ...i, annee: 2029 }] }))).toEqual([2028, 2029]);
    expect(anneesDeFinancement(vue({ indicateurs: [] }))).toEqual([]);
  });
});

describe('the values sent for a year', () => {
  it('accepts the campaign’s MLs with axes 1–2 indicators', () => {
    expect(verifierValeurs(vue(), [{ code: 'ML-COLMAR', valeurs: { i1: 3, i7: 0 } }])).toEqual([]);
  });

  it('names an ML out of the campaign or gone, an unknown indicator, an axe 3 indicator, an ML twice: by path (JSON) or line (CSV)', () => {
    const mls: { code: string; valeurs: Record<string, number> }[] = [
      { code: 'ML-ROUEN', valeurs: { i1: 1 } },
      { code: 'ML-SAVERNE', valeurs: { i1: 1 } },
      { code: 'ML-COLMAR', valeurs: { i1: 1, i42: 3, i8: 2 } },
      { code: 'ML-COLMAR', valeurs: {} },
    ];
    expect(verifierValeurs(vue(), mls)).toEqual([
      {
        chemin: 'mls.0.code',
        message: 'La Mission Locale ML-ROUEN ne fait pas partie de la campagne (ses Missions Locales : ML-COLMAR, ML-MULHOUSE et ML-STRASBOURG).',
      },
      {
        chemin: 'mls.1.code',
        message:
          'Mission Locale de Saverne (ML-SAVERNE) s’est retirée de la campagne (fusion avec une autre structure) : elle n’a plus de financement à calculer.',
      },
      { chemin: 'mls.2.valeurs.i42', message: 'L’indicateur i42 n’existe pas dans cette campagne (i1, i2, i3, i4, i5, i6, i7, i8, i9).' },
      {
        chemin: 'mls.2.valeurs.i8',
        message: 'L’indicateur i8 est celui de l’axe3 (variable) : il est réglé dans le dialogue de gestion de chaque Mission Locale, pas envoyé ici.',
      },
      { chemin: 'mls.3.code', message: 'La Mission Locale ML-COLMAR est déjà en position 3.' },
    ]);
    const csv = verifierValeurs(vue(), mls, (i) => i + 2);
    expect(csv.map((e) => [e.ligne, e.colonne])).toEqual([
      [2, 'code_ml'],
      [3, 'code_ml'],
      [4, 'i42'],
      [4, 'i8'],
      [5, 'code_ml'],
    ]);
    expect(csv[4]!.message).toBe('La Mission Locale ML-COLMAR est déjà à la ligne 4.');
  });
});

describe('the survey of the directors', () => {
  it('gives the share in favour per question among the MLs still in the campaign (a withdrawn ML’s answer no longer counts)', () => {
    const v = vue({
      enquete: {
        questions: [
          { code: 'achats', libelle: 'Mutualiser les achats' },
          { code: 'communication', libelle: 'Mutualiser la communication' },
        ],
        lanceeLe: '2027-04-01T08:00:00.000Z',
        reponses: [
          { ml: 'ML-COLMAR', reponses: { achats: false }, le: '2027-04-02T08:00:00.000Z' },
          { ml: 'ML-COLMAR', reponses: { achats: true, communication: false }, le: '2027-04-03T08:00:00.000Z' },
          { ml: 'ML-MULHOUSE', reponses: { achats: true }, le: '2027-04-03T08:00:00.000Z' },
          { ml: 'ML-SAVERNE', reponses: { achats: false, communication: false }, le: '2027-04-03T08:00:00.000Z' },
        ],
      },
    });
    const r = resultatsEnqueteDeCampagne(v);
    expect(r).toMatchObject({ campagneId: 'CAM-0123456789', lanceeLe: '2027-04-01T08:00:00.000Z', interroges: 3, repondants: 2 });
    expect(r.questions).toEqual([
      {
        code: 'achats',
        libelle: 'Mutualiser les achats',
        pour: 2,
        contre: 0,
        sansReponse: 1,
        partPour: 100,
        texte: 'Mutualiser les achats : 100 % favorables (2 sur 2 réponses, 3 directions interrogées).',
      },
      {
        code: 'communication',
        libelle: 'Mutualiser la communication',
        pour: 0,
        contre: 1,
        sansReponse: 2,
        partPour: 0,
        texte: 'Mutualiser la communication : 0 % favorables (0 sur 1 réponse, 3 directions interrogées).',
      },
    ]);
  });

  it('a campaign without a survey: 404', () => {
    expect(() => resultatsEnqueteDeCampagne(vue())).toThrow('La campagne CAM-0123456789 n’a pas d’enquête auprès des directions.');
  });
});

describe('the printable pages’ models', () => {
  it('the campaign’s page: the envelope, the axes with their shares, a line per ML, amounts in French', () => {
    const v = vue();
    const m = modeleFinancementCampagne(v, 2028, financementDeCampagne(v, 2028));
    expect(fr(m.enveloppe)).toBe('300 000,00 €');
    expect(m.axes.map((a) => [a.code, fr(a.part), fr(a.montant), a.provisoire])).toEqual([
      ['axe1', '50 %', '150 000,00 €', false],
      ['axe2', '35 %', '105 000,00 €', false],
      ['axe3', '15 %', '45 000,00 €', true],
    ]);
    expect(m.mls.map((x) => [x.nom, fr(x.total), fr(x.avance), x.solde])).toEqual([
      ['Mission Locale de Colmar', '107 500,00 €', '86 000,00 €', 'provisoire'],
      ['Mission Locale de Mulhouse', '70 000,00 €', '56 000,00 €', 'provisoire'],
      ['Mission Locale de Strasbourg', '122 500,00 €', '98 000,00 €', 'provisoire'],
    ]);
    expect(m.mls[0]!.lien).toBe('/campagnes/CAM-0123456789/financement/2028/ML-COLMAR');
    expect(m.liens.csv).toBe('/api/campagnes/CAM-0123456789/financement/2028?format=csv');
    expect(m.retirees).toEqual([{ nom: 'Mission Locale de Saverne', motif: 'fusion avec une autre structure', le: 'lundi 15 mars 2027' }]);
  });

  it('one ML’s page: its indicators’ values and parts, axe 3’s argued reason; undefined for an ML not funded', () => {
    const axe3 = ['ML-COLMAR', 'ML-MULHOUSE', 'ML-STRASBOURG'].map((c) => ({
      annee: 2028,
      ml: c,
      valeurs: { i8: 1, i9: 1 },
      motif: `Coopérations de ${c}.`,
      le: '2028-03-01T10:00:00.000Z',
    }));
    const v = vue({ axe3 });
    const f = financementDeCampagne(v, 2028);
    const m = modeleFinancementMl(v, 2028, f, 'ML-STRASBOURG')!;
    expect(m.territoire).toBe('Bas-Rhin');
    // Axe 3 settled 1:1:1 on both indicators: 1 500 000 each; total 3 750 000 + 7 000 000 + 1 500 000 = 12 250 000, advance 9 800 000.
    expect([fr(m.total), fr(m.avance), fr(m.solde)]).toEqual(['122 500,00 €', '98 000,00 €', '24 500,00 €']);
    const i6 = m.axes[1]!.parts.find((p) => p.indicateur === 'i6')!;
    expect(i6).toMatchObject({ valeur: '5', libelle: expect.stringContaining('Entrées en formation ou en emploi') });
    expect(fr(i6.montant)).toBe('52 500,00 €');
    expect(m.axes[2]!.motif).toBe('Coopérations de ML-STRASBOURG.');
    expect(modeleFinancementMl(v, 2028, f, 'ML-SAVERNE')).toBeUndefined();
  });
});
