// Scheduled exports (issue #14) on the whole stack (test/helpers/api-stack.ts: a Temporal dev server, a worker running
// the real workflows and activities, the SMTP sink, the app): an export template sent on its Temporal Schedule
// (EXPORT_SCHEDULE_INTERVAL shortened: the time-skipping server has no Schedules) reaches each recipient as an email
// whose signed link downloads the XLSX without an account; the same link tampered is refused. The Schedule's workflow
// carries the export's id only (the addresses stay in SQL); deleting the scheduled export deletes its Schedule.
import { ScheduleNotFoundError } from '@temporalio/client';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { idPlanificationExport } from '../api/exports/planification';
import { SqlReportingStore } from '../db/reporting';
import type { SqlVivierStore } from '../db/vivier';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { compteDeTest } from './helpers/acces';
import { until } from './helpers/temporal';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack({ EXPORT_SCHEDULE_INTERVAL: '2s' });
  const reporting = new SqlReportingStore((stack.vivier as SqlVivierStore).db);
  for (const [i, ml] of ['ML-STRASBOURG', 'ML-COLMAR', 'ML-ROUEN'].entries())
    await reporting.enregistrer({
      sequence: 1,
      dossier: {
        dossierId: `CMP-000000000${i}`,
        dispositif: 'compagnonnage',
        missionLocale: ml,
        region: ml === 'ML-ROUEN' ? 'NOR' : 'GES',
        etape: 'accompagnement',
        demandeLe: `2026-0${i + 1}-10T09:00:00.000Z`,
        intervenants: [],
      },
      unites: [],
      reponses: [],
    });
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a scheduled export', () => {
  it('is sent by its Schedule to each recipient with a signed download link that works, and refused once tampered', async () => {
    const modele = await request(stack.app)
      .post('/api/exports/modeles')
      .send({ nom: 'Grand Est pour la Région', objet: 'dossiers', colonnes: ['reference', 'ml_nom'], filtre: { region: 'GES' } });
    expect(modele.status).toBe(201);
    const destinataires = [{ nom: 'Service emploi de la Région', email: 'emploi@region-grand-est.test' }, { email: 'claire.martin@unml.test' }];
    const cree = await request(stack.app).post('/api/exports/programmes').send({ modeleId: modele.body.id, destinataires, frequence: 'mensuelle' });
    expect(cree.status).toBe(201);
    const id = cree.body.id as string;
    expect(cree.body).toMatchObject({ modeleId: modele.body.id, frequence: 'mensuelle', format: 'xlsx', scheduleId: idPlanificationExport(id) });
    // A bad one: every field said.
    const mauvais = await request(stack.app)
      .post('/api/exports/programmes')
      .send({ modeleId: 'MEX-0000000000', destinataires: [{ email: 'pas-une-adresse' }], frequence: 'hebdo' });
    expect(mauvais.status).toBe(400);
    expect((mauvais.body.details as { path: string }[]).map((d) => d.path).sort()).toEqual(['destinataires.0.email', 'frequence']);
    expect(
      (await request(stack.app).post('/api/exports/programmes').send({ modeleId: 'MEX-0000000000', destinataires, frequence: 'trimestrielle' })).status,
    ).toBe(404);

    // The Schedule's action: the workflow and the export's id, no address.
    const schedule = await stack.env.client.schedule.getHandle(idPlanificationExport(id)).describe();
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'exportProgramme', args: [{ exportProgrammeId: id }] });
    expect(JSON.stringify(schedule.action)).not.toContain('@');

    const emails = await until(
      'the scheduled export’s emails',
      async () => {
        const recus = await Promise.all(stack.mails().map((m) => simpleParser(m)));
        const les = recus.filter((m) => m.headers.get('x-dispositifs-export') === id);
        return les.length >= 2 ? les : undefined;
      },
      () => true,
      60_000,
    );
    const premiers = emails.slice(0, 2);
    expect(premiers.map((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address).sort()).toEqual([
      'claire.martin@unml.test',
      'emploi@region-grand-est.test',
    ]);
    const email = premiers[0]!;
    expect(email.subject).toBe(`Export « Grand Est pour la Région » – UNML Dispositifs (réf. ${id})`);
    expect(email.text).toContain('L’export programmé « Grand Est pour la Région » (dossiers, 2 lignes, format XLSX) vient d’être produit.');
    const lien = /Télécharger le fichier : (\S+)/.exec(email.text ?? '')?.[1];
    expect(lien).toMatch(new RegExp(`^http://localhost:3000/exports/telechargement/${id}-\\d{8}T\\d{6}\\.xlsx\\.\\d+\\.[A-Za-z0-9_-]+$`));
    const chemin = new URL(lien!).pathname;

    // No account needed: the token is the credential.
    const fichier = await request(stack.appSansCompte)
      .get(chemin)
      .buffer(true)
      .parse((res, done) => {
        const morceaux: Buffer[] = [];
        res.on('data', (c: Buffer) => morceaux.push(c));
        res.on('end', () => done(null, Buffer.concat(morceaux)));
      });
    expect(fichier.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fichier.body as Parameters<ExcelJS.Xlsx['load']>[0]);
    const lignes: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => lignes.push([row.getCell(1).value, row.getCell(2).value]));
    expect(lignes).toEqual([
      ['Référence', 'Mission Locale'],
      ['CMP-0000000000', 'Mission Locale pour l’Emploi de Strasbourg'],
      ['CMP-0000000001', 'Mission Locale du Centre Alsace'],
    ]);

    const signature = chemin.slice(chemin.lastIndexOf('.') + 1);
    const falsifie = `${chemin.slice(0, chemin.lastIndexOf('.') + 1)}${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const refuse = await request(stack.appSansCompte).get(falsifie);
    expect(refuse.status).toBe(404);
    expect(refuse.text).toContain('Ce lien de téléchargement est inconnu ou incomplet');

    // Listed for chargé·es de mission; deleted with its Schedule.
    expect((await request(stack.app).get('/api/exports/programmes')).body).toEqual([expect.objectContaining({ id, destinataires })]);
    // The template is in use: it cannot go first.
    expect((await request(stack.app).delete(`/api/exports/modeles/${modele.body.id as string}`)).status).toBe(409);
    expect((await request(stack.app).delete(`/api/exports/programmes/${id}`)).status).toBe(204);
    await expect(stack.env.client.schedule.getHandle(idPlanificationExport(id)).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await request(stack.app).get('/api/exports/programmes')).body).toEqual([]);
    expect((await request(stack.app).delete(`/api/exports/programmes/${id}`)).status).toBe(404);
  }, 120_000);

  it('is programmed and stopped from the back office page, each field’s error under it', async () => {
    const modele = await request(stack.app)
      .post('/api/exports/modeles')
      .send({ nom: 'Unités pour la Région', objet: 'unites', colonnes: ['dossier', 'jours'] });
    expect(modele.status).toBe(201);
    const page = await request(stack.app).get('/exports');
    expect(page.text).toContain('<h2 id="programmes">Exports programmés</h2>');
    expect(page.text).toContain('<label for="f-destinataires">Destinataires <span class="requis">(obligatoire)</span></label>');

    const mauvais = await request(stack.app)
      .post('/exports/programmes')
      .type('form')
      .send({ modeleId: modele.body.id, destinataires: 'Région Grand Est <emploi@region.test>\npas-une-adresse', frequence: 'trimestrielle' });
    expect(mauvais.status).toBe(400);
    expect(mauvais.text).toMatch(/<p class="erreur" id="e-destinataires">Ligne 2 : adresse électronique invalide[^<]*<\/p>/);
    expect(mauvais.text).toContain('pas-une-adresse</textarea>');

    const cree = await request(stack.app)
      .post('/exports/programmes')
      .type('form')
      .send({ modeleId: modele.body.id, destinataires: 'Région Grand Est <emploi@region.test>', frequence: 'trimestrielle', format: 'csv' });
    expect(cree.status).toBe(201);
    const id = /L’export programmé (EXP-[0-9A-F]{10}) est créé/.exec(cree.text)?.[1];
    expect(id).toBeDefined();
    expect(cree.text).toContain('Région Grand Est &lt;emploi@region.test&gt;');
    await stack.env.client.schedule.getHandle(idPlanificationExport(id!)).describe();

    const arrete = await request(stack.app).post(`/exports/programmes/${id!}/supprimer`).type('form').send({});
    expect(arrete.status).toBe(200);
    expect(arrete.text).toContain(`L’export programmé ${id!} est arrêté.`);
    await expect(stack.env.client.schedule.getHandle(idPlanificationExport(id!)).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    // A lecture account sees no recipient.
    const lecture = await compteDeTest(stack.comptes, 'lecture');
    expect((await request(stack.appSansCompte).get('/exports').set('Authorization', `Bearer ${lecture.jeton}`)).text).not.toContain('Exports programmés');
  }, 60_000);
});
