// Exports of the reporting read model (issue #14, api/exports/), on the real app over a SQLite pool without Temporal:
// a filled store exported as XLSX (opened back with exceljs, cell by cell: French headers, the chosen columns in the
// chosen order, names from the reference data and the accounts) and as CSV (parsed back with csv-parse: ";", BOM),
// units of work with their durations, the filters, the templates' CRUD (a taken name → 409, bad columns → 400, each
// field's French message), running a template, 10,000 rows streamed and parsed back, the back office page (labelled
// checkboxes, per-field errors, save as a template), and the signed download links (valid, tampered, expired).
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { until } from './helpers/temporal';
import { createApp } from '../api/app';
import { ecrireExport } from '../api/exports/ecriture';
import { cheminFichier, jetonTelechargement, verifierJeton } from '../api/exports/telechargement';
import { parseConfig } from '../config';
import { SqlComptesStore } from '../db/comptes';
import { SqlModelesExportStore } from '../db/modeles-export';
import { SqlReportingStore } from '../db/reporting';
import type { InstantaneReporting, UniteTravail } from '../domain/reporting';
import { avecJeton, compteDeTest, type CompteDeTest } from './helpers/acces';
import { createTestStore, type TestStore } from './helpers/db';

/** A Temporal client whose every call fails (exports read the SQL store only). */
const injoignable: unknown = new Proxy(function () {}, {
  get: (_t, p) => (p === 'then' ? (_ok: unknown, echec: (e: Error) => void) => echec(new Error('14 UNAVAILABLE: Temporal injoignable (test)')) : injoignable),
  apply: () => injoignable,
});

const SECRET = 'test-export-link-secret-0123456789abcdef';
let pool: TestStore;
let reporting: SqlReportingStore;
let dataDir: string;
let app: Express;
let lecteur: Express;
let anonyme: Express;
let admin: CompteDeTest;
let claire: { id: string };

/** A binary answer as a Buffer (a superagent plugin). */
const binaire = (req: request.Test): void => {
  void req.buffer(true).parse((res, done) => {
    const morceaux: Buffer[] = [];
    res.on('data', (c: Buffer) => morceaux.push(c));
    res.on('end', () => done(null, Buffer.concat(morceaux)));
  });
};

async function classeur(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb.worksheets[0]!;
}

/** The sheet's rows as arrays of cell values (exceljs's row.values is 1-based). */
function lignesDe(ws: ExcelJS.Worksheet, largeur: number): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => out.push(Array.from({ length: largeur }, (_, i) => row.getCell(i + 1).value ?? null)));
  return out;
}

const jour = (s: string) => new Date(`${s}T00:00:00.000Z`);

function dossier(id: string, over: Partial<InstantaneReporting['dossier']>, unites: Omit<UniteTravail, 'dossierId'>[] = [], sequence = 1): InstantaneReporting {
  return {
    sequence,
    dossier: {
      dossierId: id,
      dispositif: 'compagnonnage',
      missionLocale: 'ML-COLMAR',
      region: 'GES',
      etape: 'accompagnement',
      demandeLe: '2026-03-02T09:00:00.000Z',
      intervenants: [],
      ...over,
    },
    unites: unites.map((u) => ({ ...u, dossierId: id })),
    reponses: [],
  };
}

beforeAll(async () => {
  pool = await createTestStore('sqlite');
  reporting = new SqlReportingStore(pool.db);
  dataDir = mkdtempSync(join(tmpdir(), 'exports-test-'));
  const comptes = new SqlComptesStore(pool.db);
  admin = await compteDeTest(comptes, 'admin');
  const lecture = await compteDeTest(comptes, 'lecture');
  claire = await comptes.creerCompte({ email: 'claire.martin@unml.test', nom: 'Claire Martin', roles: ['charge_mission'] }, 'test');
  const appSansCompte = createApp({
    client: injoignable as Client,
    config: parseConfig({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, SESSION_SECRET: 'test-session-secret-0123456789abcdef0123', EXPORT_LINK_SECRET: SECRET }),
    logger: pino({ level: 'silent' }),
    vivier: pool.store,
    comptes,
  });
  app = avecJeton(appSansCompte, admin.jeton);
  lecteur = avecJeton(appSansCompte, lecture.jeton);
  anonyme = appSansCompte;

  // Three dossiers in Grand Est (one from a Diagnostic), one in Normandie.
  await reporting.enregistrer(
    dossier(
      'CMP-00000000A1',
      {
        demandeLe: '2026-02-01T23:30:00.000Z', // the 2nd in Paris
        accepteLe: '2026-02-10T10:00:00.000Z',
        lanceLe: '2026-03-01T09:00:00.000Z',
        interlocutrice: claire.id,
        intervenants: [{ id: 'INT-DIR1', type: 'directeur_ml' }],
        issuDe: 'DGN-00000000D1',
      },
      [
        { cle: 'seance-1', intervenantId: 'INT-DIR1', type: 'directeur_ml', date: '2026-03-05', minutes: 120, nature: 'seance' },
        { cle: 'preparation-1', intervenantId: 'INT-DIR1', type: 'directeur_ml', date: '2026-03-04', minutes: 45, nature: 'preparation' },
      ],
    ),
  );
  await reporting.enregistrer(
    dossier(
      'APC-00000000A2',
      {
        dispositif: 'appui_conseil',
        missionLocale: 'ML-STRASBOURG',
        etape: 'cloture',
        issue: 'cloture',
        demandeLe: '2026-01-15T10:00:00.000Z',
        termineLe: '2026-06-30T15:00:00.000Z',
        intervenants: [
          { id: 'INT-CAB1', type: 'consultant_cabinet' },
          { id: 'INT-EXP1', type: 'expert_reseau' },
        ],
      },
      [{ cle: 'journee-1', intervenantId: 'INT-CAB1', type: 'consultant_cabinet', date: '2026-02-20', demiJournees: 2, nature: 'journee_intervention' }],
    ),
  );
  await reporting.enregistrer(
    dossier(
      'DGN-00000000D1',
      {
        dispositif: 'diagnostic',
        missionLocale: 'ML-METZ',
        etape: 'cloture',
        issue: 'cloture',
        demandeLe: '2025-11-05T08:00:00.000Z',
        aConduitA: ['CMP-00000000A1'],
      },
      [{ cle: 'sur-site', intervenantId: 'INT-DIR2', type: 'directeur_ml', date: '2025-12-10', demiJournees: 1, nature: 'journee_sur_site' }],
    ),
  );
  await reporting.enregistrer(dossier('CMP-00000000B1', { missionLocale: 'ML-ROUEN', region: 'NOR', demandeLe: '2026-04-01T08:00:00.000Z' }));
});
afterAll(async () => {
  await pool?.cleanup();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('exports of dossiers and units of work', () => {
  it('exports the dossiers of a région as XLSX: French headers, the chosen columns in the chosen order, cell by cell', async () => {
    const colonnes = 'reference,ml_nom,dispositif,etape,issue,demande_le,termine_le,interlocutrice,intervenants,issu_de,a_conduit_a';
    const res = await request(app).get(`/api/exports/dossiers.xlsx?region=GES&colonnes=${colonnes}`).use(binaire);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="dossiers-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const ws = await classeur(res.body as Buffer);
    expect(ws.name).toBe('Dossiers');
    expect(lignesDe(ws, 11)).toEqual([
      [
        'Référence',
        'Mission Locale',
        'Dispositif',
        'Étape',
        'Issue',
        'Date de la demande',
        'Date de fin du dossier',
        'Interlocutrice UNML',
        'Nombre d’intervenants',
        'Issu du diagnostic',
        'A conduit à',
      ],
      // By demand date.
      ['DGN-00000000D1', 'Mission Locale du Pays Messin', 'Diagnostic', 'Clôturé', 'Clôturé', jour('2025-11-05'), null, null, 0, null, 'CMP-00000000A1'],
      [
        'APC-00000000A2',
        'Mission Locale pour l’Emploi de Strasbourg',
        'Appui Conseil',
        expect.any(String),
        expect.any(String),
        jour('2026-01-15'),
        jour('2026-06-30'),
        null,
        2,
        null,
        null,
      ],
      [
        'CMP-00000000A1',
        'Mission Locale du Centre Alsace',
        'Compagnonnage',
        'Accompagnement',
        null,
        jour('2026-02-02'),
        null,
        'Claire Martin',
        1,
        'DGN-00000000D1',
        null,
      ],
    ]);
    // The header is bold; dates are shown JJ/MM/AAAA.
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(6).numFmt).toBe('dd/mm/yyyy');
  });

  it('exports the same as CSV (";", UTF-8 BOM, JJ/MM/AAAA), parsed back with csv-parse', async () => {
    const res = await request(app)
      .get('/api/exports/dossiers.csv?region=GES&colonnes=reference,ml_code,region,demande_le,accepte_le,lance_le,intervenants')
      .use(binaire);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const texte = (res.body as Buffer).toString('utf8');
    expect(texte.startsWith('\uFEFF')).toBe(true);
    expect(parse(texte.slice(1), { delimiter: ';' })).toEqual([
      ['Référence', 'Code Mission Locale', 'Région', 'Date de la demande', 'Date d’acceptation', 'Date de lancement', 'Nombre d’intervenants'],
      ['DGN-00000000D1', 'ML-METZ', 'Grand Est', '05/11/2025', '', '', '0'],
      ['APC-00000000A2', 'ML-STRASBOURG', 'Grand Est', '15/01/2026', '', '', '2'],
      ['CMP-00000000A1', 'ML-COLMAR', 'Grand Est', '02/02/2026', '10/02/2026', '01/03/2026', '1'],
    ]);
  });

  it('exports the units of work with their kind, nature and durations (hours, days), filtered by dispositif and period', async () => {
    const colonnes = 'date,dossier,ml_nom,intervenant,type,nature,minutes,heures,demi_journees,jours';
    const res = await request(app).get(`/api/exports/unites.xlsx?colonnes=${colonnes}&du=2026-01-01`).use(binaire);
    expect(res.status).toBe(200);
    const ws = await classeur(res.body as Buffer);
    expect(lignesDe(ws, 10)).toEqual([
      [
        'Date',
        'Dossier',
        'Mission Locale',
        'Intervenant (identifiant)',
        'Type d’intervenant',
        'Nature du travail',
        'Durée (minutes)',
        'Durée (heures)',
        'Demi-journées',
        'Jours',
      ],
      [
        jour('2026-02-20'),
        'APC-00000000A2',
        'Mission Locale pour l’Emploi de Strasbourg',
        'INT-CAB1',
        'Consultant·e de cabinet',
        "Journée d'intervention",
        null,
        null,
        2,
        1,
      ],
      [
        jour('2026-03-04'),
        'CMP-00000000A1',
        'Mission Locale du Centre Alsace',
        'INT-DIR1',
        'Directeur·rice de Mission Locale',
        'Préparation',
        45,
        0.75,
        null,
        null,
      ],
      [
        jour('2026-03-05'),
        'CMP-00000000A1',
        'Mission Locale du Centre Alsace',
        'INT-DIR1',
        'Directeur·rice de Mission Locale',
        'Séance de compagnonnage',
        120,
        2,
        null,
        null,
      ],
    ]);
    const csv = await request(lecteur).get('/api/exports/unites.csv?dispositif=compagnonnage&colonnes=dossier,heures').use(binaire);
    expect(parse((csv.body as Buffer).toString('utf8').slice(1), { delimiter: ';' })).toEqual([
      ['Dossier', 'Durée (heures)'],
      ['CMP-00000000A1', '0,75'],
      ['CMP-00000000A1', '2'],
    ]);
  });

  it('refuses unknown columns and filters with each field’s French message (400)', async () => {
    const res = await request(app).get('/api/exports/dossiers.csv?colonnes=reference,inconnue,reference&region=XX&du=2026-02-30&pays=FR');
    expect(res.status).toBe(400);
    const chemins = Object.fromEntries((res.body.details as { path: string; message: string }[]).map((d) => [d.path, d.message]));
    expect(chemins['colonnes.1']).toMatch(/colonne inconnue « inconnue » : choisissez parmi reference, dispositif/);
    expect(chemins['colonnes.2']).toMatch(/demandée deux fois/);
    expect(chemins.region).toMatch(/choisissez parmi/);
    expect(chemins.du).toMatch(/date inexistante/);
    expect(Object.keys(chemins).some((p) => p.includes('pays') || p === '(racine)')).toBe(true);
  });
});

describe('export templates', () => {
  it('creates, lists, reads, updates, runs and deletes a template; a taken name is a French 409, bad columns a 400', async () => {
    const corps = { nom: 'Suivi Grand Est', objet: 'dossiers', colonnes: ['ml_nom', 'reference'], filtre: { region: 'GES', dispositif: 'compagnonnage' } };
    const cree = await request(app).post('/api/exports/modeles').send(corps);
    expect(cree.status).toBe(201);
    expect(cree.body).toMatchObject({ id: expect.stringMatching(/^MEX-[0-9A-F]{10}$/), ...corps, creePar: admin.compte.id });
    const id = cree.body.id as string;

    const doublon = await request(app)
      .post('/api/exports/modeles')
      .send({ ...corps, nom: '  suivi grand est ' });
    expect(doublon.status).toBe(409);
    expect(doublon.body.message).toBe('Un modèle d’export s’appelle déjà « suivi grand est » : choisissez un autre nom.');

    const invalide = await request(app)
      .post('/api/exports/modeles')
      .send({ nom: '', objet: 'unites', colonnes: ['reference'], filtre: { au: '2026-01-01', du: '2026-02-01' } });
    expect(invalide.status).toBe(400);
    const chemins = Object.fromEntries((invalide.body.details as { path: string; message: string }[]).map((d) => [d.path, d.message]));
    expect(chemins).toMatchObject({
      nom: 'donnez un nom au modèle',
      'colonnes.0': expect.stringMatching(/colonne inconnue « reference »/),
      'filtre.au': expect.stringMatching(/précède son début/),
    });

    expect((await request(lecteur).get('/api/exports/modeles')).body).toEqual([expect.objectContaining({ id, nom: 'Suivi Grand Est' })]);
    expect((await request(lecteur).get(`/api/exports/modeles/${id}`)).body.colonnes).toEqual(['ml_nom', 'reference']);
    expect((await request(app).get('/api/exports/modeles/MEX-0000000000')).status).toBe(404);
    expect((await request(app).get('/api/exports/modeles/pas-un-id')).status).toBe(400);
    // Only chargé·es de mission change them.
    expect((await request(lecteur).post('/api/exports/modeles').send(corps)).status).toBe(403);

    const csv = await request(lecteur).get(`/api/exports/modeles/${id}.csv`).use(binaire);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/filename="suivi-grand-est-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(parse((csv.body as Buffer).toString('utf8').slice(1), { delimiter: ';' })).toEqual([
      ['Mission Locale', 'Référence'],
      ['Mission Locale du Centre Alsace', 'CMP-00000000A1'],
    ]);

    const autre = await request(app)
      .post('/api/exports/modeles')
      .send({ nom: 'Unités', objet: 'unites', colonnes: ['dossier'] });
    expect(autre.status).toBe(201);
    expect(
      (
        await request(app)
          .patch(`/api/exports/modeles/${autre.body.id as string}`)
          .send({ nom: 'Suivi Grand Est' })
      ).status,
    ).toBe(409);
    const change = await request(app)
      .patch(`/api/exports/modeles/${id}`)
      .send({ colonnes: ['reference', 'etape'], filtre: {} });
    expect(change.status).toBe(200);
    expect(change.body).toMatchObject({ nom: 'Suivi Grand Est', colonnes: ['reference', 'etape'], filtre: {} });
    // Columns checked against the object, new or kept.
    const objet = await request(app).patch(`/api/exports/modeles/${id}`).send({ objet: 'unites' });
    expect(objet.status).toBe(400);
    expect(objet.body.details[0]).toMatchObject({ path: 'colonnes.0', message: expect.stringMatching(/colonne inconnue « reference »/) });

    expect((await request(app).delete(`/api/exports/modeles/${id}`)).status).toBe(204);
    expect((await request(app).get(`/api/exports/modeles/${id}`)).status).toBe(404);
    expect((await request(app).delete(`/api/exports/modeles/${autre.body.id as string}`)).status).toBe(204);
  });
});

describe('10,000 rows', () => {
  it('streams 10,000 units of work as XLSX and CSV, parsed back whole', async () => {
    const pool2 = await createTestStore('sqlite');
    try {
      const store = new SqlReportingStore(pool2.db);
      const unites = Array.from({ length: 10_000 }, (_, i) => ({
        cle: `seance-${i}`,
        intervenantId: 'INT-DIR1',
        type: 'directeur_ml' as const,
        date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        minutes: 30 + (i % 90),
        nature: 'seance' as const,
      }));
      await store.enregistrer(dossier('CMP-0000000C10', {}, unites));
      const noms = { missionsLocales: new Map([['ML-COLMAR', 'Mission Locale du Centre Alsace']]), comptes: new Map<string, string>() };
      const demande = { objet: 'unites' as const, colonnes: ['dossier', 'date', 'minutes'], filtre: {} };

      const dir = mkdtempSync(join(tmpdir(), 'exports-10k-'));
      try {
        const xlsx = join(dir, 'u.xlsx');
        expect(await ecrireExport(store, noms, { ...demande, format: 'xlsx' }, createWriteStream(xlsx))).toBe(10_000);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(xlsx);
        const ws = wb.worksheets[0]!;
        expect(ws.rowCount).toBe(10_001);
        const minutes: number[] = [];
        ws.eachRow((row, n) => {
          if (n > 1) minutes.push(row.getCell(3).value as number);
        });
        expect(minutes.reduce((a, b) => a + b, 0)).toBe(unites.reduce((a, u) => a + u.minutes, 0));

        const csv = join(dir, 'u.csv');
        expect(await ecrireExport(store, noms, { ...demande, format: 'csv' }, createWriteStream(csv))).toBe(10_000);
        const lignes = parse(readFileSync(csv, 'utf8').slice(1), { delimiter: ';' }) as string[][];
        expect(lignes).toHaveLength(10_001);
        expect(lignes[0]).toEqual(['Dossier', 'Date', 'Durée (minutes)']);
        expect(new Set(lignes.slice(1).map((l) => l[0]))).toEqual(new Set(['CMP-0000000C10']));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await pool2.cleanup();
    }
  }, 120_000);
});

describe('the back office page /exports', () => {
  it('shows labelled checkboxes, positions and filters; a form with errors comes back with each under its field', async () => {
    const page = await request(lecteur).get('/exports?objet=unites');
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      '<input type="checkbox" id="c-heures" name="colonnes" value="heures" checked><label for="c-heures" class="case">Durée (heures)</label>',
    );
    expect(page.text).toContain('<label for="p-heures" class="evitement">Position de la colonne Durée (heures)</label>');
    expect(page.text).toContain('<label for="f-region">Région</label>');
    // A lecture account downloads but does not save templates.
    expect(page.text).not.toContain('Enregistrer le modèle');
    expect((await request(app).get('/exports')).text).toContain('Enregistrer le modèle');

    const erreur = await request(app)
      .post('/exports/telecharger')
      .type('form')
      .send({ objet: 'dossiers', du: '2026-13-01', position_reference: '99', format: 'csv' });
    expect(erreur.status).toBe(400);
    expect(erreur.text).toContain('<p class="erreur" id="e-colonnes">Cochez au moins une colonne.</p>');
    expect(erreur.text).toContain('<p class="erreur" id="e-p-reference">La position est un nombre entier de 1 à 17.</p>');
    expect(erreur.text).toMatch(/<p class="erreur" id="e-du">Date inexistante\.<\/p>/);
    expect(erreur.text).toContain('value="2026-13-01"');
  });

  it('downloads the columns checked in the positions given, and saves them as a template (a taken name under its field)', async () => {
    const form = { objet: 'dossiers', colonnes: ['reference', 'ml_nom', 'region'], position_region: '1', region: 'NOR', format: 'csv' };
    const res = await request(lecteur).post('/exports/telecharger').type('form').send(form).use(binaire);
    expect(res.status).toBe(200);
    expect(parse((res.body as Buffer).toString('utf8').slice(1), { delimiter: ';' })).toEqual([
      ['Région', 'Référence', 'Mission Locale'],
      ['Normandie', 'CMP-00000000B1', 'Mission Locale de l’Agglomération Rouennaise'],
    ]);
    const enregistre = await request(app)
      .post('/exports/modeles')
      .type('form')
      .send({ ...form, nom: 'Normandie' });
    expect(enregistre.status).toBe(303);
    const id = /modele=(MEX-[0-9A-F]{10})/.exec(String(enregistre.headers.location))![1]!;
    const m = await new SqlModelesExportStore(pool.db).lire(id);
    expect(m).toMatchObject({ nom: 'Normandie', colonnes: ['region', 'reference', 'ml_nom'], filtre: { region: 'NOR' } });
    const ouvert = await request(app).get(String(enregistre.headers.location));
    expect(ouvert.text).toContain('Le modèle « Normandie » est enregistré.');
    expect(ouvert.text).toContain('name="position_region" value="1"');
    const pris = await request(app)
      .post('/exports/modeles')
      .type('form')
      .send({ ...form, nom: 'normandie' });
    expect(pris.status).toBe(409);
    expect(pris.text).toContain('<p class="erreur" id="e-nom">Un modèle d’export s’appelle déjà « normandie » : choisissez un autre nom.</p>');
    expect(
      (
        await request(lecteur)
          .post('/exports/modeles')
          .type('form')
          .send({ ...form, nom: 'Autre' })
      ).status,
    ).toBe(403);
  });
});

describe('signed download links', () => {
  it('serves the file of a valid link without an account; a tampered one is a French 404, an expired one a French 403', async () => {
    const fichier = 'EXP-0123456789-20261201T060000';
    mkdirSync(join(dataDir, 'exports'), { recursive: true });
    writeFileSync(cheminFichier(dataDir, fichier, 'csv'), '\uFEFFRéférence\r\nCMP-00000000A1\r\n');
    const jeton = jetonTelechargement(SECRET, fichier, 'csv', new Date(Date.now() + 3_600_000));
    const ok = await request(anonyme).get(`/exports/telechargement/${jeton}`);
    expect(ok.status).toBe(200);
    expect(ok.headers['content-disposition']).toBe(`attachment; filename="export-${fichier}.csv"`);
    expect(ok.text).toContain('CMP-00000000A1');

    const [f, fmt, exp, sig] = jeton.split('.') as [string, string, string, string];
    for (const faux of [
      `${f}.${fmt}.${Number(exp) + 86_400}.${sig}`,
      `${f.replace('0123', '0124')}.${fmt}.${exp}.${sig}`,
      `${f}.xlsx.${exp}.${sig}`,
      `${jeton}x`,
      'nimporte',
    ]) {
      const res = await request(anonyme).get(`/exports/telechargement/${encodeURIComponent(faux)}`);
      expect(res.status).toBe(404);
      expect(res.text).toContain('Ce lien de téléchargement est inconnu ou incomplet');
    }
    const expire = jetonTelechargement(SECRET, fichier, 'csv', new Date(Date.now() - 1000));
    const res = await request(anonyme).get(`/exports/telechargement/${expire}`);
    expect(res.status).toBe(403);
    expect(res.text).toContain('Ce lien de téléchargement a expiré.');
    expect(verifierJeton('un-autre-secret-0123456789abcdef0123456789', jeton)).toEqual({ ok: false, raison: 'invalide' });
  });

  it('never logs a download token (a credential) in the access log', async () => {
    const lignes: string[] = [];
    const journalise = createApp({
      client: injoignable as Client,
      config: parseConfig({ LOG_LEVEL: 'info', DATA_DIR: dataDir, SESSION_SECRET: 'test-session-secret-0123456789abcdef0123', EXPORT_LINK_SECRET: SECRET }),
      logger: pino({ level: 'info' }, { write: (l: string) => void lignes.push(l) }),
      vivier: pool.store,
      comptes: new SqlComptesStore(pool.db),
    });
    const jeton = jetonTelechargement(SECRET, 'EXP-0123456789-20261201T060000', 'csv', new Date(Date.now() + 3_600_000));
    expect((await request(journalise).get(`/exports/telechargement/${jeton}`)).status).toBe(200);
    // The access line is written on the response's 'finish', which may come after the client has read it.
    const requetes = () => lignes.map((l) => JSON.parse(l) as { msg: string; path?: string }).filter((l) => l.msg === 'request');
    const acces = await until('the access log line', () => (requetes().length ? requetes() : undefined));
    expect(acces.map((l) => l.path)).toEqual(['/exports/telechargement/…']);
    expect(lignes.join('\n')).not.toContain(jeton.split('.')[3]);
  });
});
