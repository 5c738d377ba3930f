// A campaign's funding through the API, end to end (issue #13; seed 004): a real Temporal dev server and worker running
// the real `campagne` workflow (started here with the client), indicators sent as JSON and as CSV (a file with an error
// records nothing), the computation as JSON (matching a hand computation to the cent), as CSV, as the printable pages,
// then axe 3 settled for every ML (the balances); the survey's results; an ML leaving (out of the funding and the survey);
// the campaign cancelled (its indicators refused, its funding still shown).
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AXES_SEED_004 } from '../domain/financement';
import { annulerCampagne, axe3Arrete, getCampagne, lancerEnquete, repondreEnquete, retirerMl } from '../workflows/campagne/messages';
import { idMlCampagne, type CampagneInput, type MlParticipante } from '../workflows/campagne/state';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { DAY } from './helpers/fixtures';
import { until } from './helpers/temporal';

let stack: ApiStack;
/** French amounts use narrow no-break spaces: compared here with plain ones. */
const fr = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const somme = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

const ml = (code: string, nom: string): MlParticipante => ({
  code,
  nom,
  direction: { nom: `Direction ${nom}`, email: `direction@${code.toLowerCase()}.example.fr` },
  presidence: { nom: `Présidence ${nom}`, email: `presidence@${code.toLowerCase()}.example.fr` },
});

const MLS = [ml('ML-COLMAR', 'Mission Locale de Colmar'), ml('ML-MULHOUSE', 'Mission Locale de Mulhouse'), ml('ML-STRASBOURG', 'Mission Locale de Strasbourg')];
const jour = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

function input(campagneId: string): CampagneInput {
  return {
    campagneId,
    nom: 'Démarche de progrès des Missions Locales d’Alsace 2027',
    region: 'GES',
    mls: MLS,
    territoires: [
      { nom: 'Haut-Rhin', mls: ['ML-COLMAR', 'ML-MULHOUSE'] },
      { nom: 'Bas-Rhin', mls: ['ML-STRASBOURG'] },
    ],
    financeurs: [
      { nom: 'DIRECCTE Alsace', organisme: 'etat', contact: { nom: 'Marc Weber', email: 'marc.weber@direccte.example.fr' } },
      { nom: 'Région Alsace', organisme: 'region', contact: { nom: 'Julie Koenig', email: 'julie.koenig@region.example.fr' } },
    ],
    consultant: { id: 'INT-00000000C1', nom: 'Claire Martin', email: 'claire.martin@cabinet.example.fr', cabinet: 'Cabinet Test' },
    calendrier: {
      cadrage: { debut: jour(1), fin: jour(30) },
      etat_des_lieux: { debut: jour(31), fin: jour(90) },
      analyse_transversale: { debut: jour(91), fin: jour(120) },
    },
    contactUnml: { nom: 'Équipe campagnes UNML', email: 'campagnes@unml.example.fr' },
    // 300 000,01 € (30 000 001 c): one cent that rounding has to place.
    financement: { enveloppe: 30_000_001, axes: AXES_SEED_004, avancePourDixMille: 8000 },
    enquete: {
      questions: [
        { code: 'achats', libelle: 'Mutualiser les achats' },
        { code: 'communication', libelle: 'Mutualiser la communication' },
      ],
    },
    delais: {
      relanceValidation: 14 * DAY,
      escaladeValidation: 28 * DAY,
      alerteExpirationProjet: 90 * DAY,
      intervalleDialogue: 365 * DAY,
      relanceDialogue: 14 * DAY,
    },
  };
}

const CAMPAGNE = `CAM-${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
const url = (p: string) => `/api/campagnes/${CAMPAGNE}${p}`;

beforeAll(async () => {
  stack = await startApiStack();
  await stack.env.client.workflow.start('campagne', { taskQueue: stack.config.TASK_QUEUE, workflowId: CAMPAGNE, args: [input(CAMPAGNE)] });
  await until(
    'the campaign started',
    async () => (await stack.env.client.workflow.getHandle(CAMPAGNE).query(getCampagne)).mls.length === 3,
    (ok) => ok,
  );
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a campaign’s funding through the API', () => {
  it('records the indicators of a year as JSON; refuses an ML not in the campaign, an axe 3 value, a bad value (400, each named)', async () => {
    const refus = await request(stack.app)
      .put(url('/indicateurs/2028'))
      .send({
        mls: [
          { code: 'ML-ROUEN', valeurs: { i1: 1 } },
          { code: 'ML-COLMAR', valeurs: { i8: 2, i99: 1 } },
        ],
      });
    expect(refus.status).toBe(400);
    expect(refus.body.erreurs).toEqual([
      { chemin: 'mls.0.code', message: expect.stringContaining('La Mission Locale ML-ROUEN ne fait pas partie de la campagne') },
      { chemin: 'mls.1.valeurs.i8', message: expect.stringContaining('dialogue de gestion') },
      { chemin: 'mls.1.valeurs.i99', message: expect.stringContaining('L’indicateur i99 n’existe pas dans cette campagne') },
    ]);
    const negatif = await request(stack.app)
      .put(url('/indicateurs/2028'))
      .send({ mls: [{ code: 'ML-COLMAR', valeurs: { i1: -3 } }] });
    expect(negatif.status).toBe(400);
    expect(negatif.body.details).toEqual([{ path: 'mls.0.valeurs.i1', message: 'une valeur d’indicateur est un nombre entier positif ou nul' }]);

    // Two MLs only: recorded, but not computable yet (Strasbourg is missing).
    const res = await request(stack.app)
      .put(url('/indicateurs/2028'))
      .send({
        mls: [
          { code: 'ML-COLMAR', valeurs: { i1: 2, i2: 2, i3: 2, i4: 2, i5: 1, i6: 0, i7: 0 } },
          { code: 'ML-MULHOUSE', valeurs: { i1: 1, i2: 1, i3: 1, i4: 1, i5: 1, i6: 0, i7: 0 } },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ campagneId: CAMPAGNE, annee: 2028, mls: ['ML-COLMAR', 'ML-MULHOUSE'], financement: { calculable: false } });
    expect(res.body.financement.raisons).toContain(
      'Mission Locale de Strasbourg : il manque la valeur de l’indicateur i1 ' +
        '(Jeunes 16-25 ans actifs inoccupés présents sur le territoire (INSEE via la DARES)).',
    );
    const incomplet = await request(stack.app).get(url('/financement/2028'));
    expect(incomplet.status).toBe(409);
    expect(incomplet.body.error).toBe('financement_incomplet');
    const state = await stack.env.client.workflow.getHandle(CAMPAGNE).query(getCampagne);
    expect(
      state.indicateurs
        .filter((i) => i.annee === 2028)
        .at(-1)!
        .mls.map((m) => m.code),
    ).toEqual(['ML-COLMAR', 'ML-MULHOUSE']);
  });

  it('a CSV with an error on line 3: 400 naming line 3, nothing recorded; then the whole file, recorded', async () => {
    const entete = 'code_ml;nom_ml;i1;i2;i3;i4;i5;i6;i7';
    const mauvais = `${entete}\nML-COLMAR;Colmar;2;2;2;2;1;0;0\nML-MULHOUSE;Mulhouse;1;1;1,5;1;1;0;0\nML-STRASBOURG;Strasbourg;1;1;1;1;1;5;0\n`;
    const refus = await request(stack.app).put(url('/indicateurs/2028')).set('Content-Type', 'text/csv; charset=utf-8').send(mauvais);
    expect(refus.status).toBe(400);
    expect(refus.body.error).toBe('csv_invalide');
    expect(refus.body.erreurs).toEqual([{ ligne: 3, colonne: 'i3', message: 'i3 : « 1,5 » n’est pas un nombre entier positif ou nul.' }]);
    expect(refus.body.message).toContain('ligne 3, colonne i3');
    const avant = await stack.env.client.workflow.getHandle(CAMPAGNE).query(getCampagne);
    expect(avant.indicateurs.filter((i) => i.annee === 2028).at(-1)!.mls).toHaveLength(2);

    // An ML that is not in the campaign, on line 4.
    const intrus = await request(stack.app)
      .put(url('/indicateurs/2028'))
      .set('Content-Type', 'text/csv')
      .send(`${entete}\nML-COLMAR;Colmar;2;2;2;2;1;0;0\nML-MULHOUSE;Mulhouse;1;1;1;1;1;0;0\nML-ROUEN;Rouen;1;1;1;1;1;5;0\n`);
    expect(intrus.status).toBe(400);
    expect(intrus.body.erreurs).toEqual([{ ligne: 4, colonne: 'code_ml', message: expect.stringContaining('ML-ROUEN ne fait pas partie de la campagne') }]);

    // Spaces as thousands separators, the BOM a spreadsheet writes: read.
    const bon = `\uFEFF${entete}\nML-COLMAR;Colmar;2;2;2;2;1;0;0\nML-MULHOUSE;Mulhouse;1;1;1;1;1;0;0\nML-STRASBOURG;Strasbourg;1;1;1;1;1;5;0\n`;
    const res = await request(stack.app).put(url('/indicateurs/2028')).set('Content-Type', 'text/csv').send(bon);
    expect(res.status).toBe(200);
    expect(res.body.financement).toEqual({ calculable: true, lien: `/api/campagnes/${CAMPAGNE}/financement/2028` });
  });

  it('gives the computation as JSON: the allocations sum to the envelope to the cent, as computed by hand', async () => {
    const res = await request(stack.app).get(url('/financement/2028'));
    expect(res.status).toBe(200);
    const f = res.body as {
      enveloppe: number;
      axes: { montant: number }[];
      mls: { code: string; total: number; avance: number; solde?: number; axes: { montant: number }[] }[];
      provisoire: boolean;
      avanceTotale: number;
    };
    // Axes of 30 000 001: 15 000 000.5, 10 500 000.35, 4 500 000.15 → floors, the cent left to axe 1 (the largest remainder).
    expect(f.axes.map((a) => a.montant)).toEqual([15_000_001, 10_500_000, 4_500_000]);
    // Axe 1: 4 indicators of 3 750 000.25 → the cent to i1 (3 750 001); each 2:1:1. i1: 1 875 000.5, 937 500.25 ×2 → the cent to
    // Colmar: 1 875 001, 937 500, 937 500; i2–i4: 1 875 000, 937 500, 937 500. Colmar 7 500 001, Mulhouse 3 750 000, Strasbourg 3 750 000.
    expect(f.mls.map((m) => m.axes[0]!.montant)).toEqual([7_500_001, 3_750_000, 3_750_000]);
    // Axe 2: i7 nobody has, its weight to i5 and i6 (5 250 000 each); i5 1:1:1 → 1 750 000 each; i6 all to Strasbourg.
    expect(f.mls.map((m) => m.axes[1]!.montant)).toEqual([1_750_000, 1_750_000, 7_000_000]);
    // Axe 3 not settled: 4 500 000 / 3, provisional.
    expect(f.mls.map((m) => m.axes[2]!.montant)).toEqual([1_500_000, 1_500_000, 1_500_000]);
    expect(f.mls.map((m) => m.total)).toEqual([10_750_001, 7_000_000, 12_250_000]);
    expect(somme(f.mls.map((m) => m.total))).toBe(30_000_001);
    // Advance: 80 % of 30 000 001 = 24 000 000 (floor); shares 8 600 000.51, 5 599 999.81, 9 799 999.67 → floors and the two cents
    // to the largest remainders (Mulhouse, Strasbourg): 8 600 000, 5 600 000, 9 800 000.
    expect(f.avanceTotale).toBe(24_000_000);
    expect(f.mls.map((m) => m.avance)).toEqual([8_600_000, 5_600_000, 9_800_000]);
    expect(f.provisoire).toBe(true);
    expect(f.mls.every((m) => m.solde === undefined)).toBe(true);

    const unknown = await request(stack.app).get(url('/financement/2031'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'financement_inconnu', message: expect.stringContaining('les années enregistrées sont 2028') });
    const inconnue = await request(stack.app).get('/api/campagnes/CAM-0000000000/financement/2028');
    expect(inconnue.status).toBe(404);
    expect(inconnue.body.message).toBe('Campagne inconnue : CAM-0000000000. Vérifiez l’identifiant (CAM-XXXXXXXXXX).');
  });

  it('gives it as CSV (?format=csv or Accept: text/csv), as a file named after the campaign and the year', async () => {
    for (const req of [
      request(stack.app).get(url('/financement/2028?format=csv')),
      request(stack.app).get(url('/financement/2028')).set('Accept', 'text/csv'),
    ]) {
      const res = await req;
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="financement-${CAMPAGNE}-2028.csv"`);
      const lignes = res.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
      expect(lignes).toEqual([
        'code_ml;nom_ml;axe1_euros;axe2_euros;axe3_euros;total_euros;avance_euros;solde_euros',
        'ML-COLMAR;Mission Locale de Colmar;75000,01;17500,00;15000,00;107500,01;86000,00;',
        'ML-MULHOUSE;Mission Locale de Mulhouse;37500,00;17500,00;15000,00;70000,00;56000,00;',
        'ML-STRASBOURG;Mission Locale de Strasbourg;37500,00;70000,00;15000,00;122500,00;98000,00;',
        'TOTAL;;150000,01;105000,00;45000,00;300000,01;240000,00;',
      ]);
    }
  });

  it('shows the printable French page of the campaign and of one ML', async () => {
    const page = await request(stack.app).get(`/campagnes/${CAMPAGNE}/financement/2028`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const html = fr(page.text);
    for (const titre of [
      'Financement 2028 des Missions Locales',
      'Enveloppe régionale',
      'Les axes et leur part',
      'Par Mission Locale',
      'Chaque montant expliqué',
      'Comment les arrondis sont faits',
    ]) {
      expect(html).toContain(titre);
    }
    expect(html).toContain('<dd>300 000,01 €</dd>');
    expect(html).toContain('<td><strong>107 500,01 €</strong></td>');
    expect(html).toContain('Calcul provisoire.');
    expect(html).toContain('@media print');
    expect(html).toContain(`href="/campagnes/${CAMPAGNE}/financement/2028/ML-STRASBOURG"`);

    const pageMl = await request(stack.app).get(`/campagnes/${CAMPAGNE}/financement/2028/ML-STRASBOURG`);
    expect(pageMl.status).toBe(200);
    const htmlMl = fr(pageMl.text);
    expect(htmlMl).toContain('Financement 2028 : Mission Locale de Strasbourg');
    expect(htmlMl).toContain('<dt>Total provisoire</dt><dd>122 500,00 €</dd>');
    expect(htmlMl).toContain('i6 « Entrées en formation ou en emploi à la suite d’un dispositif « amont » » : 5 sur 5 pour la région (100 %)');

    const absente = await request(stack.app).get(`/campagnes/${CAMPAGNE}/financement/2028/ML-ROUEN`);
    expect(absente.status).toBe(404);
    expect(absente.text).toContain('La Mission Locale ML-ROUEN ne fait pas partie de la campagne');
    const sansAnnee = await request(stack.app).get(`/campagnes/${CAMPAGNE}/financement/2031`);
    expect(sansAnnee.status).toBe(404);
    expect(sansAnnee.text).toContain('Aucun indicateur n’est enregistré pour l’année 2031');
  });

  it('once axe 3 is settled for every ML: final allocations and balances', async () => {
    const handle = stack.env.client.workflow.getHandle(CAMPAGNE);
    const points: Record<string, number> = { 'ML-COLMAR': 1, 'ML-MULHOUSE': 1, 'ML-STRASBOURG': 2 };
    for (const [code, i8] of Object.entries(points)) {
      await handle.signal(axe3Arrete, { annee: 2028, ml: code, valeurs: { i8, i9: 0 }, motif: `Coopérations de ${code} retenues par la Région.` });
    }
    await until(
      'axe 3 settled',
      async () => (await handle.query(getCampagne)).axe3.filter((a) => a.annee === 2028).length === 3,
      (ok) => ok,
    );
    const res = await request(stack.app).get(url('/financement/2028'));
    expect(res.status).toBe(200);
    // Axe 3: i9 nobody has → 4 500 000 through i8, 1:1:2 → 1 125 000, 1 125 000, 2 250 000.
    expect(res.body.mls.map((m: { total: number }) => m.total)).toEqual([10_375_001, 6_625_000, 13_000_000]);
    // Balances: total − advance (unchanged).
    expect(res.body.mls.map((m: { solde: number }) => m.solde)).toEqual([1_775_001, 1_025_000, 3_200_000]);
    expect(res.body.provisoire).toBe(false);
    const pageMl = fr((await request(stack.app).get(`/campagnes/${CAMPAGNE}/financement/2028/ML-COLMAR`)).text);
    expect(pageMl).toContain('<dt>Solde après le dialogue de gestion</dt><dd>17 750,01 €</dd>');
    expect(pageMl).toContain('Décision du dialogue de gestion :</strong> Coopérations de ML-COLMAR retenues par la Région.');
    expect(idMlCampagne(CAMPAGNE, 'ML-COLMAR')).toBe(`${CAMPAGNE}-ML-COLMAR`);
  });

  it('gives the survey’s results per question, among the MLs that answered', async () => {
    const handle = stack.env.client.workflow.getHandle(CAMPAGNE);
    const vide = await request(stack.app).get(url('/enquete'));
    expect(vide.status).toBe(200);
    expect(vide.body).toMatchObject({ campagneId: CAMPAGNE, interroges: 3, repondants: 0 });
    await handle.executeUpdate(lancerEnquete, { args: [{}] });
    await handle.executeUpdate(repondreEnquete, { args: [{ ml: 'ML-COLMAR', reponses: { achats: true, communication: false } }] });
    await handle.executeUpdate(repondreEnquete, { args: [{ ml: 'ML-MULHOUSE', reponses: { achats: true } }] });
    const res = await request(stack.app).get(url('/enquete'));
    expect(res.body).toMatchObject({ interroges: 3, repondants: 2, lanceeLe: expect.any(String) });
    expect(res.body.questions.map((q: { texte: string }) => q.texte)).toEqual([
      'Mutualiser les achats : 100 % favorables (2 sur 2 réponses, 3 directions interrogées).',
      'Mutualiser la communication : 0 % favorables (0 sur 1 réponse, 3 directions interrogées).',
    ]);
  });

  it('an ML leaving: out of the funding (shared again between the others) and of the survey; its values refused', async () => {
    const handle = stack.env.client.workflow.getHandle(CAMPAGNE);
    await handle.executeUpdate(retirerMl, { args: [{ ml: 'ML-MULHOUSE', motif: 'Fusion avec une autre structure' }] });
    const res = await request(stack.app).get(url('/financement/2028'));
    expect(res.status).toBe(200);
    const f = res.body as { mls: { code: string; total: number; avance: number; solde: number }[] };
    expect(f.mls.map((m) => m.code)).toEqual(['ML-COLMAR', 'ML-STRASBOURG']);
    // Axe 1, 2:1: i1 3 750 001 → 2 500 000.67 and 1 250 000.33 → 2 500 001, 1 250 000; i2–i4 2 500 000, 1 250 000: 10 000 001, 5 000 000.
    // Axe 2: i5 1:1 of 5 250 000 → 2 625 000 each, i6 all to Strasbourg: 2 625 000, 7 875 000. Axe 3 i8 1:2 of 4 500 000: 1 500 000, 3 000 000.
    expect(f.mls.map((m) => m.total)).toEqual([14_125_001, 15_875_000]);
    // Advance of 24 000 000 on the allocations at signature (axe 3 equal, 2 250 000 each): 14 875 001 and 15 125 000 → 11 900 000.40,
    // 12 099 999.60 → the cent to Strasbourg: 11 900 000, 12 100 000; balances 2 225 001, 3 775 000.
    expect(f.mls.map((m) => m.avance)).toEqual([11_900_000, 12_100_000]);
    expect(f.mls.map((m) => m.solde)).toEqual([2_225_001, 3_775_000]);
    const page = fr((await request(stack.app).get(`/campagnes/${CAMPAGNE}/financement/2028`)).text);
    expect(page).toContain('Missions Locales retirées de la campagne');
    expect(page).toContain('Mission Locale de Mulhouse — le');

    const enquete = await request(stack.app).get(url('/enquete'));
    expect(enquete.body).toMatchObject({ interroges: 2, repondants: 1 });

    const refus = await request(stack.app)
      .put(url('/indicateurs/2029'))
      .send({ mls: [{ code: 'ML-MULHOUSE', valeurs: { i1: 1 } }] });
    expect(refus.status).toBe(400);
    expect(refus.body.erreurs[0].message).toBe(
      'Mission Locale de Mulhouse (ML-MULHOUSE) s’est retirée de la campagne (Fusion avec une autre structure) : elle n’a plus de financement à calculer.',
    );
  });

  it('a campaign cancelled: its indicators refused (409 with the reason), its funding still shown', async () => {
    const handle = stack.env.client.workflow.getHandle(CAMPAGNE);
    await handle.executeUpdate(annulerCampagne, { args: [{ motif: 'Fin du financement régional' }] });
    const refus = await request(stack.app)
      .put(url('/indicateurs/2029'))
      .send({ mls: [{ code: 'ML-COLMAR', valeurs: { i1: 1 } }] });
    expect(refus.status).toBe(409);
    expect(refus.body.error).toBe('action_refusee');
    expect(refus.body.message).toMatch(/annulée|terminée/);
    await handle.result();
    expect((await request(stack.app).get(url('/financement/2028'))).status).toBe(200);
    const apres = await request(stack.app)
      .put(url('/indicateurs/2029'))
      .send({ mls: [{ code: 'ML-COLMAR', valeurs: { i1: 1 } }] });
    expect(apres.status).toBe(409);
    expect(apres.body.message).toMatch(/annulée|terminée/);
  });
});
