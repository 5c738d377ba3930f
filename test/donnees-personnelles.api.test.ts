// The right of access and erasure (issue #15) on the real stack (dev server, worker, SQLite): for one email address,
// staff (administrators only) list every place the product holds that person — a dossier's demand, the pool's record,
// an application, the emails of the development sink — export it as a JSON file, and erase what no duty keeps: the
// pool's record and the application go, the dossier in progress stays, with its reason.
import type { Express } from 'express';
import request from 'supertest';
import { avecJeton, compteDeTest } from './helpers/acces';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi } from './helpers/compagnonnage';
import { until } from './helpers/temporal';
import { SqlModelesExportStore } from '../db/modeles-export';
import type { SqlVivierStore } from '../db/vivier';

let stack: ApiStack;
let app: Express;
let dossierId: string;
let seule: string;
const DIRECTRICE = 'Nadia.Benali@ml-evreux.example.fr';
const EXPERTE = 'sylvie.morel@reseau.example.org';

beforeAll(async () => {
  stack = await startApiStack();
  app = stack.app;
  const base = demandeApi();
  const res = await request(app)
    .post('/api/demandes')
    .send({ ...base, direction: { nom: 'Nadia Benali', email: DIRECTRICE } });
  expect(res.status).toBe(201);
  dossierId = res.body.dossierId as string;
  await stack.ajouterIntervenant({ id: 'int-EXP42', nom: 'Sylvie Morel', email: EXPERTE, type: 'expert_reseau', region: 'NOR' });
  // An application to the pool under the same address (another case).
  await stack.vivier.deposerCandidature({
    type: 'expert_reseau',
    nom: 'Sylvie Morel',
    email: EXPERTE.toUpperCase(),
    region: 'NOR',
    expertises: ['finances'],
    capaciteDossiers: 1,
    capaciteHeuresMois: 8,
    connaissances: [],
    motivation: 'Ancienne directrice financière.',
  });
  // A funder's scheduled export to the expert and a colleague, and one to the expert alone.
  const modeles = new SqlModelesExportStore((stack.vivier as SqlVivierStore).db);
  const modele = await modeles.creer({ nom: 'Dossiers du mois', objet: 'dossiers', colonnes: ['reference'], filtre: {} }, 'test');
  const programme = { modeleId: modele.id, frequence: 'mensuelle' as const, format: 'xlsx' as const };
  await modeles.creerProgramme({ ...programme, destinataires: [{ email: EXPERTE }, { email: 'financeur@region.example.fr' }] }, 'test');
  seule = (await modeles.creerProgramme({ ...programme, destinataires: [{ email: EXPERTE }] }, 'test')).id;
  // The demand's acknowledgement reached the sink.
  await until('the acknowledgement email in the sink', () =>
    stack.mails().some((m) => m.toLowerCase().includes(DIRECTRICE.toLowerCase())) ? true : undefined,
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('right of access', () => {
  it("lists the dossier holding the person's address, with where, and exports it as a file without the address in its name", async () => {
    const res = await request(app).get('/api/donnees-personnelles').query({ email: DIRECTRICE.toLowerCase() });
    expect(res.status).toBe(200);
    const dossier = res.body.dossiers.find((d: { workflowId: string }) => d.workflowId === dossierId);
    expect(dossier).toMatchObject({ type: 'compagnonnage', statut: 'RUNNING' });
    expect(dossier.occurrences.map((o: { chemin: string }) => o.chemin)).toContain('demande.direction');
    expect(res.body.courriels.length).toBeGreaterThan(0);
    expect(res.body.vivier).toEqual({ intervenants: [], candidatures: [] });

    const fichier = await request(app).get('/api/donnees-personnelles/export').query({ email: DIRECTRICE });
    expect(fichier.status).toBe(200);
    expect(fichier.headers['content-disposition']).toMatch(/^attachment; filename="?donnees-personnelles-\d{4}-\d{2}-\d{2}\.json"?$/);
    expect(JSON.parse(fichier.text).dossiers.map((d: { workflowId: string }) => d.workflowId)).toContain(dossierId);
  });

  it("finds the pool's record and the application of a network expert", async () => {
    const res = await request(app).get('/api/donnees-personnelles').query({ email: EXPERTE });
    expect(res.status).toBe(200);
    expect(res.body.vivier.intervenants.map((i: { id: string }) => i.id)).toEqual(['int-EXP42']);
    expect(res.body.vivier.candidatures).toHaveLength(1);
    expect(res.body.dossiers).toEqual([]);
    expect(res.body.exportsProgrammes.map((x: { destinataires: number }) => x.destinataires).sort()).toEqual([1, 2]);
  });

  it('is for administrators only, and says in French what is wrong with the address', async () => {
    const lecture = await compteDeTest(stack.comptes, 'lecture');
    const refus = await request(avecJeton(stack.appSansCompte, lecture.jeton)).get('/api/donnees-personnelles').query({ email: EXPERTE });
    expect(refus.status).toBe(403);
    const invalide = await request(app).get('/api/donnees-personnelles').query({ email: 'nadia' });
    expect(invalide.status).toBe(400);
    expect(invalide.body.details[0]).toMatchObject({ path: 'email', message: expect.stringMatching(/^Adresse email invalide/) });
  });
});

describe('right to erasure', () => {
  it("erases the pool's record and the application, and keeps the dossier in progress with its reason", async () => {
    const expert = await request(app).post('/api/donnees-personnelles/effacement').send({ email: EXPERTE });
    expect(expert.status).toBe(200);
    expect(expert.body.efface).toMatchObject({ intervenants: 1, candidatures: 1, exportsProgrammes: 1 });
    // The export sent to the expert alone is for staff to stop.
    expect(expert.body.conserve).toEqual([{ ou: `Export programmé ${seule}`, pourquoi: expect.stringMatching(/seule destinataire/) }]);
    const apres = await request(app).get('/api/donnees-personnelles').query({ email: EXPERTE });
    expect(apres.body.vivier).toEqual({ intervenants: [], candidatures: [] });
    // The record stays (its reservations' ids count in the figures), without the person.
    const fiche = await stack.vivier.getIntervenant('int-EXP42');
    expect(fiche).toMatchObject({ nom: 'Personne effacée', actif: false });
    expect(JSON.stringify(fiche)).not.toMatch(/morel/i);

    const directrice = await request(app).post('/api/donnees-personnelles/effacement').send({ email: DIRECTRICE });
    expect(directrice.status).toBe(200);
    expect(directrice.body.efface.courriels).toBeGreaterThan(0);
    expect(directrice.body.conserve).toEqual([{ ou: `Dossier ${dossierId}`, pourquoi: expect.stringMatching(/en cours/) }]);
    expect(stack.mails().some((m) => m.toLowerCase().includes(DIRECTRICE.toLowerCase()))).toBe(false);
  });
});
