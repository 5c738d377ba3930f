// The network's figures over HTTP (api/chiffres/, api/pages/chiffres/), on the real app without Temporal (the figures
// read only the reporting store and the pool): the year of test/helpers/chiffres-annee.ts put in a SQLite
// SqlReportingStore with `enregistrer`, read as JSON, as CSV, refused with French errors per field, shown on the back
// office's page and in the printable yearly report with its server-rendered SVG charts.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp, createSecuredOpenApiDocument } from '../api/app';
import { STYLE_CHIFFRES } from '../api/pages/chiffres/style';
import { parseConfig } from '../config';
import { SqlComptesStore } from '../db/comptes';
import { SqlReportingStore } from '../db/reporting';
import { avecJeton, compteDeTest } from './helpers/acces';
import { remplirStore } from './helpers/chiffres-annee';
import { createTestStore, type TestStore } from './helpers/db';

/** A Temporal client whose every call fails at once: the figures never call it. */
const injoignable: unknown = new Proxy(function () {}, {
  get: (_t, p) => (p === 'then' ? (_ok: unknown, echec: (e: Error) => void) => echec(new Error('14 UNAVAILABLE: Temporal injoignable (test)')) : injoignable),
  apply: () => injoignable,
});

let pool: TestStore;
let app: Express;
let comptes: SqlComptesStore;

function nouvelleApp(jeton: string, env: Record<string, string> = {}): Express {
  return avecJeton(
    createApp({
      client: injoignable as Client,
      config: parseConfig({ LOG_LEVEL: 'silent', SESSION_SECRET: 'test-session-secret-0123456789abcdef0123', ...env }),
      logger: pino({ level: 'silent' }),
      vivier: pool.store,
      comptes,
    }),
    jeton,
  );
}

beforeAll(async () => {
  pool = await createTestStore('sqlite');
  comptes = new SqlComptesStore(pool.db);
  await remplirStore(new SqlReportingStore(pool.db));
  // The pool: a consultant with two of their three dossiers reserved.
  await pool.store.createIntervenant(
    {
      id: 'INT-K1',
      type: 'consultant_cabinet',
      nom: 'Claire Conseil',
      email: 'claire@cabinet.example.fr',
      region: 'NOR',
      cabinet: 'Cabinet A',
      expertises: ['finances'],
      capaciteDossiers: 3,
      capaciteHeuresMois: 20,
    },
    'test',
  );
  for (const dossierId of ['APC-00000000A1', 'APC-00000000A5'])
    await pool.store.reserver({ dossierId, role: 'consultant_appui', intervenantId: 'INT-K1', heuresMois: 6, manuelle: false, par: 'test' });
  // The lowest role reads the figures.
  app = nouvelleApp((await compteDeTest(comptes, 'lecture')).jeton);
});
afterAll(async () => {
  await pool?.cleanup();
});

describe('GET /api/chiffres', () => {
  it('answers the figures of a year as JSON, with the pool’s load', async () => {
    const res = await request(app).get('/api/chiffres?annee=2026');
    expect(res.status).toBe(200);
    expect(res.body.periode).toEqual({ du: '2026-01-01', au: '2026-12-31', annee: 2026 });
    expect(res.body.total.dossiers).toEqual({
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
    expect(res.body.total.jours.consultants).toEqual({ demiJournees: 18, minutes: 0, jours: 9 });
    expect(res.body.total.jours.expertiseInterne).toEqual({ demiJournees: 13, minutes: 1020, jours: 8.9 });
    expect(res.body.total.membresReseau).toBe(6);
    expect(res.body.total.delais).toEqual({ demandeLancement: { nombre: 6, mediane: 41, p90: 64 }, demandeCloture: { nombre: 5, mediane: 115, p90: 176 } });
    expect(res.body.parDispositif.diagnostic.membresReseau).toBe(3);
    expect(res.body.questionnaires.find((q: { dispositif: string }) => q.dispositif === 'compagnonnage').questions[0]).toMatchObject({
      question: 'satisfaction',
      nombre: 3,
      moyenne: 4.2,
    });
    expect(res.body.chargeVivier[0]).toEqual({
      type: 'consultant_cabinet',
      intervenants: 1,
      capaciteDossiers: 3,
      reservations: 2,
      tauxPourcent: 66,
      capaciteHeuresMois: 20,
      heuresMoisReservees: 12,
    });
  });

  it('filters by région and dispositif, and takes a period', async () => {
    const ges = await request(app).get('/api/chiffres?annee=2026&region=GES');
    expect(ges.body.total.dossiers.demandes).toBe(3);
    expect(ges.body.total.membresReseau).toBe(3);
    const dgn = await request(app).get('/api/chiffres?annee=2026&dispositif=diagnostic');
    expect(dgn.body.dispositifs).toEqual(['diagnostic']);
    expect(dgn.body.total.jours.expertiseInterne.jours).toBe(4.3);
    const p = await request(app).get('/api/chiffres?du=2026-01-01&au=2026-02-28');
    expect(p.body.periode).toEqual({ du: '2026-01-01', au: '2026-02-28' });
    expect(p.body.total.dossiers.demandes).toBe(6);
    // Empty fields of the page's form are no filter.
    const vides = await request(app).get('/api/chiffres?annee=2026&du=&au=&region=&dispositif=');
    expect(vides.status).toBe(200);
    expect(vides.body.total.dossiers.demandes).toBe(13);
  });

  it('converts the minutes with REPORTING_HEURES_PAR_JOUR', async () => {
    const a = nouvelleApp((await compteDeTest(comptes, 'lecture')).jeton, { REPORTING_HEURES_PAR_JOUR: '7.5' });
    const res = await request(a).get('/api/chiffres?annee=2026');
    expect(res.body.heuresParJour).toBe(7.5);
    expect(res.body.total.jours.expertiseInterne.jours).toBe(8.8);
    expect(() => parseConfig({ REPORTING_HEURES_PAR_JOUR: '7.123' })).toThrow(/REPORTING_HEURES_PAR_JOUR/);
  });

  it('refuses a bad query with 400 and each field’s error in French', async () => {
    const res = await request(app).get('/api/chiffres?annee=26&region=XX&dispositif=autre');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation');
    const details = Object.fromEntries((res.body.details as { path: string; message: string }[]).map((d) => [d.path, d.message]));
    expect(details.annee).toBe('l’année : quatre chiffres (par exemple 2026)');
    expect(details.region).toMatch(/^la région : un code parmi ARA, BFC/);
    expect(details.dispositif).toBe('le dispositif : compagnonnage, appui_conseil, diagnostic');
    const seul = await request(app).get('/api/chiffres?du=2026-03-01');
    expect(seul.status).toBe(400);
    expect(seul.body.details).toEqual([{ path: 'au', message: 'la fin de la période est obligatoire avec son début (du)' }]);
    const deux = await request(app).get('/api/chiffres?annee=2026&du=2026-03-01&au=2026-02-30');
    expect(deux.body.details).toEqual([
      { path: 'au', message: 'la fin de la période : une date au format AAAA-MM-JJ qui existe (par exemple 2026-03-01)' },
      { path: 'annee', message: 'donnez soit une année, soit une période (du, au), pas les deux' },
    ]);
    const envers = await request(app).get('/api/chiffres.csv?du=2026-03-01&au=2026-02-01');
    expect(envers.status).toBe(400);
    expect(envers.body.details).toEqual([{ path: 'au', message: 'la fin de la période précède son début' }]);
  });

  it('is declared in OpenAPI for the role lecture, with its query', () => {
    const doc = createSecuredOpenApiDocument() as unknown as { paths: Record<string, Record<string, { 'x-acces'?: string; parameters?: { name: string }[] }>> };
    for (const chemin of ['/api/chiffres', '/api/chiffres.csv']) {
      expect(doc.paths[chemin]!.get!['x-acces']).toBe('lecture');
      expect(doc.paths[chemin]!.get!.parameters!.map((p) => p.name)).toEqual(['annee', 'du', 'au', 'region', 'dispositif']);
    }
  });
});

describe('GET /api/chiffres.csv', () => {
  it('answers one line per indicator and a column per dispositif and the total (";", decimal comma, UTF-8 BOM)', async () => {
    const res = await request(app).get('/api/chiffres.csv?annee=2026');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="chiffres-2026.csv"');
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const lignes = res.text.slice(1).trim().split('\n');
    expect(lignes[0]).toBe('Indicateur;Compagnonnage;Appui Conseil;Diagnostic;Total');
    expect(lignes).toEqual(
      expect.arrayContaining([
        'Dossiers demandés;4;5;4;13',
        'Dossiers en cours;3;2;2;7',
        'Dossiers caducs;1;0;0;1',
        'Jours de cabinets de conseil mobilisés;0;5,5;3,5;9',
        'Jours d’expertise interne des membres du réseau;1,9;2,7;4,3;8,9',
        'Membres du réseau mobilisés (distincts);2;2;3;6',
        'Délai demande → lancement : médiane (jours);22;24;42;41',
        'Délai demande → clôture : 90e centile (jours);130;176;115;176',
      ]),
    );
    const ges = await request(app).get('/api/chiffres.csv?du=2026-01-01&au=2026-06-30&region=GES&dispositif=diagnostic');
    expect(ges.headers['content-disposition']).toBe('attachment; filename="chiffres-2026-01-01_2026-06-30-GES-diagnostic.csv"');
    expect(ges.text.slice(1).split('\n')[0]).toBe('Indicateur;Diagnostic');
  });
});

describe('the back office’s pages', () => {
  it('shows the figures with their filters, and the navigation links to them', async () => {
    const res = await request(app).get('/chiffres?annee=2026&region=&dispositif=');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<a href="/chiffres" aria-current="page">Chiffres</a>');
    expect(res.text).toContain('<label for="f-annee">Année</label>');
    expect(res.text).toContain('<input type="date" id="f-du" name="du" value=""');
    expect(res.text).toContain('<strong>9 jours</strong> de cabinets de conseil mobilisés');
    expect(res.text).toContain('<strong>8,9 jours</strong> de mobilisation d’expertise interne des membres du réseau');
    expect(res.text).toContain('<strong>6</strong> membres du réseau qui s’investissent');
    expect(res.text).toMatch(
      /<th scope="row">Dossiers demandés<\/th><td class="nombre">4<\/td><td class="nombre">5<\/td><td class="nombre">4<\/td><td class="nombre">13<\/td>/,
    );
    expect(res.text).toContain('href="/chiffres/rapport?annee=2026"');
    expect(res.text).toContain('href="/api/chiffres.csv?annee=2026"');
    expect(res.text).toContain('<li>Le cabinet a su prendre de la hauteur.</li>');
    expect(res.text).toContain('<td class="nombre">2 / 3</td><td class="nombre">66 %</td>');
    // The page's style block is the one the content security policy allows.
    const hash = `'sha256-${createHash('sha256').update(STYLE_CHIFFRES, 'utf8').digest('base64')}'`;
    expect(res.headers['content-security-policy']).toContain(hash);
    expect(res.text).toContain(`<style>${STYLE_CHIFFRES}</style>`);
  });

  it('says each field’s error under it, the values sent kept', async () => {
    const res = await request(app).get('/chiffres?annee=20x6&region=ZZ');
    expect(res.status).toBe(400);
    expect(res.text).toContain('Le formulaire contient 2 erreurs');
    expect(res.text).toContain('<p class="erreur" id="e-annee">L’année : quatre chiffres (par exemple 2026).</p>');
    expect(res.text).toMatch(/id="f-annee" name="annee" value="20x6"[^>]*aria-invalid="true"/);
    expect(res.text).toContain('<p class="erreur" id="e-region">La région : un code parmi');
    expect(res.text).not.toContain('<ul class="chiffres-cles">');
  });

  it('prints "Le réseau en chiffres 2026" with its key figures and three SVG charts drawn on the server', async () => {
    const res = await request(app).get('/chiffres/rapport?annee=2026');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Le réseau en chiffres 2026</h1>');
    expect(res.text).toContain('<strong>9 jours</strong> de cabinets de conseil mobilisés');
    expect(res.text).toContain('<strong>8,9 jours</strong> de mobilisation d’expertise interne');
    expect(res.text).toContain('<strong>13</strong> dossiers demandés, 8 acceptés');
    const svgs = res.text.match(/<svg [^>]*>/g) ?? [];
    expect(svgs).toHaveLength(3);
    for (const id of ['graphique-dossiers', 'graphique-jours', 'graphique-mois']) expect(res.text).toContain(`aria-labelledby="${id}"`);
    // Drawn by ECharts: bars (paths) and the axis labels, as text of the SVG.
    expect(res.text).toMatch(/<text[^>]*>Appui Conseil<\/text>/);
    expect(res.text).toMatch(/<text[^>]*>Expert·es du réseau<\/text>/);
    expect(res.text).toMatch(/<text[^>]*>janv\.<\/text>/);
    // Nothing the content security policy would block: no script, no style attribute, the one allowed style block.
    expect(res.text).not.toMatch(/<script|\sstyle="/);
    expect((res.text.match(/<style>/g) ?? []).length).toBe(2); // the layout's and the figures'
    expect(res.text).toContain('<td class="nombre">41 jours</td><td class="nombre">64 jours</td>');
    expect(res.text).toContain('@media print');
  });

  it('draws the charts of a year without any demand too', async () => {
    const res = await request(app).get('/chiffres/rapport?annee=2030&dispositif=compagnonnage');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Le réseau en chiffres 2030</h1>');
    expect(res.text).toContain('<p><strong>Compagnonnage</strong></p>');
    expect(res.text.match(/<svg [^>]*>/g)).toHaveLength(3);
    expect(res.text).toContain('<strong>0 jour</strong> de cabinets de conseil mobilisés');
    // C3 has not ended: still running in 2030, its compagnon D2 still counts.
    expect(res.text).toContain('<strong>1</strong> membre du réseau qui s’investit dans les dispositifs');
  });

  it('refuses a bad report address with a French page', async () => {
    const res = await request(app).get('/chiffres/rapport?annee=1850');
    expect(res.status).toBe(400);
    expect(res.text).toContain('L’année : entre 2000 et 2100.');
  });
});
