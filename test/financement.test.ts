// Funding by indicators (seed 004; domain/financement.ts), without Temporal: three cases computed by hand (the
// arithmetic is written beside each expectation), a property (the parts always sum to the whole, to the cent), and
// the refusals of values that cannot be computed.
import fc from 'fast-check';
import { AVANCE_SEED_004, AXES_SEED_004, calculerFinancement, FinancementInvalide, repartir, type Axe, type ValeursMl } from '../domain/financement';
import { financementCsv, lireValeursCsv } from '../domain/financement-csv';

/** French amounts use narrow no-break spaces: compared here with plain ones. */
const fr = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const totaux = (f: ReturnType<typeof calculerFinancement>) => f.mls.map((m) => m.total);
const parAxe = (f: ReturnType<typeof calculerFinancement>, axe: string) => f.mls.map((m) => m.axes.find((a) => a.axe === axe)!.montant);

describe('repartir (largest remainder)', () => {
  it('splits to the cent, the leftover cents to the largest remainders, ties to the earlier', () => {
    expect(repartir(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(repartir(10, [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    // 7 × 1/4 = 1.75 each: floors 1, three cents left, to the first three.
    expect(repartir(7, [1, 1, 1, 1])).toEqual([2, 2, 2, 1]);
    // 5 × 0.1/0.3/0.6 = 0.5, 1.5, 3 → 0, 1, 3 and 1 cent left: 0.5 and 0.5 tie, the first wins.
    expect(repartir(5, [1, 3, 6])).toEqual([1, 1, 3]);
  });
});

describe('hand-computed cases', () => {
  it('equal Missions Locales: each gets a quarter, the rounding cents to the first ones', () => {
    const mls: ValeursMl[] = ['A', 'B', 'C', 'D'].map((c) => ({
      code: c,
      nom: `ML ${c}`,
      valeurs: { i1: 10, i2: 10, i3: 10, i4: 10, i5: 10, i6: 10, i7: 10, i8: 1, i9: 1 },
    }));
    // 1 000 000,00 €: axe 1 50 000 000 c, axe 2 35 000 000 c, axe 3 15 000 000 c.
    const f = calculerFinancement({ enveloppe: 100_000_000, axes: AXES_SEED_004, avancePourDixMille: AVANCE_SEED_004 }, mls);
    expect(f.axes.map((a) => a.montant)).toEqual([50_000_000, 35_000_000, 15_000_000]);
    // Axe 1: 4 indicators of 12 500 000 c, a quarter each: 3 125 000 × 4 = 12 500 000 per ML.
    expect(parAxe(f, 'axe1')).toEqual([12_500_000, 12_500_000, 12_500_000, 12_500_000]);
    // Axe 2: 35 000 000 / 3 → 11 666 667, 11 666 667, 11 666 666; each over 4 → (2 916 667 ×3 + 2 916 666),
    // twice, then (2 916 667 ×2 + 2 916 666 ×2): ML A 8 750 001, B 8 750 001, C 8 750 000, D 8 749 998.
    expect(parAxe(f, 'axe2')).toEqual([8_750_001, 8_750_001, 8_750_000, 8_749_998]);
    // Axe 3 settled, equal points: 2 indicators of 7 500 000, a quarter each → 3 750 000.
    expect(parAxe(f, 'axe3')).toEqual([3_750_000, 3_750_000, 3_750_000, 3_750_000]);
    expect(totaux(f)).toEqual([25_000_001, 25_000_001, 25_000_000, 24_999_998]);
    // Advance 80 000 000: 0.8 × total = 20 000 000.8, 20 000 000.8, 20 000 000, 19 999 998.4 → floors and 2 cents to A, B.
    expect(f.mls.map((m) => m.avance)).toEqual([20_000_001, 20_000_001, 20_000_000, 19_999_998]);
    expect(f.mls.map((m) => m.solde)).toEqual([5_000_000, 5_000_000, 5_000_000, 5_000_000]);
    expect(f.provisoire).toBe(false);
    expect(f.mls[0]!.explication.map(fr)).toContain('Solde après le dialogue de gestion : 50 000,00 €.');
  });

  it('very unequal indicators, axe 3 not yet settled: provisional, shared equally, no balance yet', () => {
    const mls: ValeursMl[] = [
      { code: 'A', nom: 'ML A', valeurs: { i1: 9000, i2: 900, i3: 1800, i4: 700, i5: 500, i6: 1, i7: 0 } },
      { code: 'B', nom: 'ML B', valeurs: { i1: 900, i2: 90, i3: 180, i4: 70, i5: 50, i6: 0, i7: 0 } },
      { code: 'C', nom: 'ML C', valeurs: { i1: 100, i2: 10, i3: 20, i4: 30, i5: 450, i6: 0, i7: 3 } },
    ];
    // 10 000,00 €: 500 000 / 350 000 / 150 000 c.
    const f = calculerFinancement({ enveloppe: 1_000_000, axes: AXES_SEED_004, avancePourDixMille: 8000 }, mls);
    // Axe 1, 125 000 per indicator. i1–i3: 90 %, 9 %, 1 % → 112 500, 11 250, 1 250.
    // i4 (700, 70, 30 of 800): 109 375, 10 937.5, 4 687.5 → the cent left to B (tie with C, B first).
    // A 112 500 × 3 + 109 375 = 446 875; B 11 250 × 3 + 10 938 = 44 688; C 1 250 × 3 + 4 687 = 8 437.
    expect(parAxe(f, 'axe1')).toEqual([446_875, 44_688, 8_437]);
    // Axe 2: 116 667, 116 667, 116 666. i5 (50 %, 5 %, 45 %): 58 333.5, 5 833.35, 52 500.15 → A gets the cent.
    // i6 all to A (116 667), i7 all to C (116 666): A 175 001, B 5 833, C 169 166.
    expect(parAxe(f, 'axe2')).toEqual([175_001, 5_833, 169_166]);
    // Axe 3 unsettled: 150 000 / 3 = 50 000 each, provisional.
    expect(parAxe(f, 'axe3')).toEqual([50_000, 50_000, 50_000]);
    expect(f.mls[0]!.axes[2]!.provisoire).toBe(true);
    expect(totaux(f)).toEqual([671_876, 100_521, 227_603]);
    // Advance 800 000: 537 500.8, 80 416.8, 182 082.4 → 537 501, 80 417, 182 082.
    expect(f.mls.map((m) => m.avance)).toEqual([537_501, 80_417, 182_082]);
    expect(f.provisoire).toBe(true);
    expect(f.mls.every((m) => m.solde === undefined)).toBe(true);
    expect(f.mls[1]!.explication.at(-1)).toBe('Solde : après le dialogue de gestion, quand les axes variables seront réglés.');
    const i4 = f.mls[1]!.axes[0]!.parts.find((p) => p.indicateur === 'i4')!;
    expect(i4.explication).toMatch(/^i4 « Jeunes ayant eu une situation professionnelle » : 70 sur 800 pour la région \(8,8 %\)/);
    expect(fr(i4.explication)).toContain('1 250,00 € → 109,38 €');
  });

  it('an ML with zero on an indicator, an indicator nobody has: its share goes to the axis’s others; an overpayment to pay back', () => {
    const axes: Axe[] = [
      {
        code: 'axeA',
        libelle: 'Activité',
        partPourDixMille: 6000,
        nature: 'fixe',
        indicateurs: [
          { code: 'x', libelle: 'X' },
          { code: 'y', libelle: 'Y' },
        ],
      },
      { code: 'axeB', libelle: 'Coopérations', partPourDixMille: 4000, nature: 'variable', indicateurs: [{ code: 'z', libelle: 'Z' }] },
    ];
    const mls: ValeursMl[] = [
      { code: 'M1', nom: 'ML 1', valeurs: { x: 0, y: 5, z: 2 } },
      { code: 'M2', nom: 'ML 2', valeurs: { x: 0, y: 15, z: 0 } },
      { code: 'M3', nom: 'ML 3', valeurs: { x: 0, y: 0, z: 2 } },
    ];
    const f = calculerFinancement({ enveloppe: 100_000, axes, avancePourDixMille: 8000 }, mls);
    // axeA 60 000, x has no value anywhere: all of it through y (5, 15, 0 of 20) → 15 000, 45 000, 0.
    expect(parAxe(f, 'axeA')).toEqual([15_000, 45_000, 0]);
    expect(f.axes[0]!.explication).toContain('x : aucune valeur dans la région');
    // axeB settled: z 2, 0, 2 → 20 000, 0, 20 000.
    expect(parAxe(f, 'axeB')).toEqual([20_000, 0, 20_000]);
    expect(totaux(f)).toEqual([35_000, 45_000, 20_000]);
    // At signature axeB equal (13 334, 13 333, 13 333): 28 334, 58 333, 13 333; advance 80 000 → 22 667.2, 46 666.4,
    // 10 666.4 → the cent to M2 (tie with M3, M2 first): 22 667, 46 667, 10 666.
    expect(f.mls.map((m) => m.avance)).toEqual([22_667, 46_667, 10_666]);
    // Balances: 12 333; 45 000 − 46 667 = −1 667 (to pay back); 9 334.
    expect(f.mls.map((m) => m.solde)).toEqual([12_333, -1_667, 9_334]);
    expect(fr(f.mls[1]!.explication.at(-1)!)).toBe('Trop-perçu à reverser après le dialogue de gestion : 16,67 €.');
  });
});

it('always sums to the envelope and the advance to its share, to the cent (property)', () => {
  const valeur = fc.nat({ max: 1_000_000 });
  fc.assert(
    fc.property(
      fc.nat({ max: 5_000_000_000 }),
      fc.integer({ min: 0, max: 10000 }),
      fc.array(fc.record({ i1: valeur, i2: valeur, i3: valeur, i4: valeur, i5: valeur, i6: valeur, i7: valeur, i8: valeur, i9: valeur }), {
        minLength: 1,
        maxLength: 40,
      }),
      fc.boolean(),
      (enveloppe, avance, valeurs, axe3Regle) => {
        const mls: ValeursMl[] = valeurs.map((v, i) => {
          const { i8, i9, ...fixes } = v;
          return { code: `ML${i}`, nom: `ML ${i}`, valeurs: axe3Regle ? { ...fixes, i8, i9 } : fixes };
        });
        const f = calculerFinancement({ enveloppe, axes: AXES_SEED_004, avancePourDixMille: avance }, mls);
        const somme = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
        expect(somme(f.axes.map((a) => a.montant))).toBe(enveloppe);
        expect(somme(totaux(f))).toBe(enveloppe);
        expect(f.avanceTotale).toBe(Math.floor((enveloppe * avance) / 10000));
        expect(somme(f.mls.map((m) => m.avance))).toBe(f.avanceTotale);
        for (const m of f.mls) {
          expect(Number.isInteger(m.total) && m.total >= 0 && Number.isInteger(m.avance) && m.avance >= 0).toBe(true);
          for (const a of m.axes) expect(somme(a.parts.map((p) => p.montant))).toBe(a.montant);
        }
        if (axe3Regle) expect(somme(f.mls.map((m) => m.solde!))).toBe(enveloppe - f.avanceTotale);
      },
    ),
    { numRuns: 300 },
  );
});

describe('values that cannot be computed', () => {
  const regle = { enveloppe: 100_000, axes: AXES_SEED_004, avancePourDixMille: 8000 };
  const refus = (fn: () => unknown): FinancementInvalide => {
    try {
      fn();
    } catch (err) {
      if (err instanceof FinancementInvalide) return err;
      throw err;
    }
    throw new Error('not refused');
  };

  it('names each missing year n-1 value, a negative or decimal one, an unknown indicator', () => {
    const e = refus(() => calculerFinancement(regle, [{ code: 'A', nom: 'ML de Colmar', valeurs: { i1: 10, i2: -1, i3: 2.5, i4: 1, i5: 1, i6: 1, i99: 3 } }]));
    expect(e.erreurs).toEqual(
      expect.arrayContaining([
        { chemin: 'mls.0.valeurs.i2', message: 'ML de Colmar : la valeur de l’indicateur i2 doit être un entier positif ou nul.' },
        { chemin: 'mls.0.valeurs.i3', message: 'ML de Colmar : la valeur de l’indicateur i3 doit être un entier positif ou nul.' },
        { chemin: 'mls.0.valeurs.i99', message: 'ML de Colmar : l’indicateur i99 n’existe pas dans cette campagne.' },
        {
          chemin: 'mls.0.valeurs.i7',
          message: 'ML de Colmar : il manque la valeur de l’indicateur i7 (Entrées en apprentissage à la suite d’un dispositif « amont »).',
        },
      ]),
    );
  });

  it('refuses shares that do not make 100 %, and an axe 3 settled for some MLs only', () => {
    expect(refus(() => calculerFinancement({ ...regle, axes: AXES_SEED_004.slice(0, 2) }, [])).message).toContain(
      'Les parts des axes doivent faire 100 % (10000 pour dix mille) : elles font 85 %.',
    );
    const fixes = { i1: 1, i2: 1, i3: 1, i4: 1, i5: 1, i6: 1, i7: 1 };
    const e = refus(() =>
      calculerFinancement(regle, [
        { code: 'A', nom: 'ML A', valeurs: { ...fixes, i8: 1, i9: 0 } },
        { code: 'B', nom: 'ML B', valeurs: fixes },
      ]),
    );
    expect(e.erreurs.map((x) => x.chemin)).toEqual(['mls.1.valeurs.i8', 'mls.1.valeurs.i9']);
    expect(e.erreurs[0]!.message).toContain('il manque la décision du dialogue de gestion');
  });
});

describe('indicator values by CSV, and the computation as CSV', () => {
  it('reads one line per ML (";" or ","), thousands with spaces, an empty cell as not known yet', () => {
    const csv =
      '\uFEFFcode_ml;nom_ml;i1;i2;i3;i4;i5;i6;i7;i8;i9\nML-COLMAR;Mission Locale de Colmar;1 200;300;450;120;40;12;3;;\nML-MULHOUSE;Mission Locale ' +
      'de Mulhouse;2400;600;900;240;80;24;6;;\n';
    const lu = lireValeursCsv(csv, AXES_SEED_004);
    expect(lu).toEqual({
      ok: true,
      mls: [
        { code: 'ML-COLMAR', nom: 'Mission Locale de Colmar', valeurs: { i1: 1200, i2: 300, i3: 450, i4: 120, i5: 40, i6: 12, i7: 3 } },
        { code: 'ML-MULHOUSE', nom: 'Mission Locale de Mulhouse', valeurs: { i1: 2400, i2: 600, i3: 900, i4: 240, i5: 80, i6: 24, i7: 6 } },
      ],
    });
    expect(lireValeursCsv('code_ml,i1\nA,5\n', AXES_SEED_004)).toEqual({ ok: true, mls: [{ code: 'A', nom: 'A', valeurs: { i1: 5 } }] });
  });

  it('says every error with its line, and keeps nothing of a file with one', () => {
    const lu = lireValeursCsv('code_ml;nom_ml;i1;i2\nA;ML A;12,5;3\n;ML sans code;1;1\nA;Encore A;1;-2\n', AXES_SEED_004);
    expect(lu).toEqual({
      ok: false,
      erreurs: [
        { ligne: 2, colonne: 'i1', message: 'i1 : « 12,5 » n’est pas un nombre entier positif ou nul.' },
        { ligne: 3, colonne: 'code_ml', message: 'Le code de la Mission Locale est vide.' },
        { ligne: 4, colonne: 'code_ml', message: 'La Mission Locale A est déjà à la ligne 2.' },
        { ligne: 4, colonne: 'i2', message: 'i2 : « -2 » n’est pas un nombre entier positif ou nul.' },
      ],
    });
    expect(lireValeursCsv('code;i1;i42\n', AXES_SEED_004)).toEqual({
      ok: false,
      erreurs: [
        { ligne: 1, message: 'Il manque la colonne code_ml (le code de la Mission Locale).' },
        { ligne: 1, colonne: 'code', message: expect.stringContaining('La colonne « code » n’est pas un indicateur de la campagne') },
        { ligne: 1, colonne: 'i42', message: expect.stringContaining('La colonne « i42 »') },
      ],
    });
    expect(lireValeursCsv('', AXES_SEED_004)).toMatchObject({ ok: false, erreurs: [{ ligne: 1, message: expect.stringContaining('Le fichier est vide') }] });
  });

  it('writes the computation: one line per ML, euros with a decimal comma, the totals last', () => {
    const axes: Axe[] = [
      { code: 'axeA', libelle: 'A', partPourDixMille: 6000, nature: 'fixe', indicateurs: [{ code: 'y', libelle: 'Y' }] },
      { code: 'axeB', libelle: 'B', partPourDixMille: 4000, nature: 'variable', indicateurs: [{ code: 'z', libelle: 'Z' }] },
    ];
    const f = calculerFinancement({ enveloppe: 100_000, axes, avancePourDixMille: 8000 }, [
      { code: 'M1', nom: 'ML 1', valeurs: { y: 1, z: 1 } },
      { code: 'M2', nom: 'ML 2', valeurs: { y: 3, z: 0 } },
    ]);
    expect(financementCsv(f)).toBe(
      '\uFEFFcode_ml;nom_ml;axeA_euros;axeB_euros;total_euros;avance_euros;solde_euros\n' +
        // axeA 60 000 c: 15 000 and 45 000; axeB 40 000 c all to M1. At signature 35 000 and 65 000 → advance 28 000, 52 000.
        'M1;ML 1;150,00;400,00;550,00;280,00;270,00\n' +
        'M2;ML 2;450,00;0,00;450,00;520,00;-70,00\n' +
        'TOTAL;;600,00;400,00;1000,00;800,00;\n',
    );
  });
});
