// The public Diagnostic demand form (/demande/diagnostic), end to end like the other public forms
// (action-pages.test.ts): a real Temporal dev server, a real worker, a real SMTP sink, the express app driven
// with supertest.
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { dossierIdFor } from '../api/demandes/router';
import { codeMissionLocale } from '../api/pages/demande';
import { waitForMail } from './helpers/action-link-mails';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { until } from './helpers/temporal';

let stack: ApiStack;
let app: Express;

beforeAll(async () => {
  stack = await startApiStack();
  app = stack.app;
}, 180_000);
afterAll(async () => {
  await stack?.stop();
});

/** A filled form; each gets its own ML, so its dossiers can be counted. */
const formulaire = (overrides: Record<string, string | string[]> = {}) => ({
  requestId: randomUUID(),
  mlNom: `Mission Locale de Fécamp ${randomUUID().slice(0, 6)}`,
  region: 'NOR',
  directionNom: 'Claire Martin',
  directionEmail: 'direction@ml-fecamp.fr',
  presidenceNom: 'Jean Dupont',
  presidenceEmail: 'presidence@ml-fecamp.fr',
  demandeur: 'presidence',
  sujets: ['gouvernance', 'management'],
  description: 'Un regard extérieur sur notre gouvernance et nos pratiques managériales.',
  ...overrides,
});

/** The Diagnostic dossiers of an ML, as the API lists them (visibility may lag: polled until `attendu`). */
async function dossiersDe(mlNom: string, attendu: number): Promise<string[]> {
  const lister = async () => {
    const res = await request(app)
      .get('/api/dossiers')
      .query({ dispositif: 'diagnostic', missionLocale: codeMissionLocale(mlNom) });
    expect(res.status).toBe(200);
    return (res.body.items as { dossierId: string }[]).map((i) => i.dossierId);
  };
  if (attendu > 0) await until(`${attendu} dossier(s) of ${mlNom}`, lister, (ids) => ids.length >= attendu);
  else await new Promise((r) => setTimeout(r, 1000));
  return lister();
}

describe('public Diagnostic demand form', () => {
  it('presents the Diagnostic before the form: the binôme, its steps, when to ask, what it does not cover; who asks and the themes as fields', async () => {
    const res = await request(app).get('/demande/diagnostic');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Demande de Diagnostic');
    expect(res.text).toContain('binôme de diagnostiqueurs');
    expect(res.text).toContain('consultant·e d’un cabinet externe');
    expect(res.text).toContain('directeur·rice de Mission Locale d’une autre région');
    expect(res.text).toContain('journée sur site');
    expect(res.text).toContain('revue finale avec l’UNML');
    expect(res.text).toContain('volontaire et gratuit');
    expect(res.text).toContain('Quand le demander');
    expect(res.text).toContain('regard extérieur sur une ou plusieurs thématiques');
    expect(res.text).toContain('Ce que le Diagnostic ne couvre pas');
    expect(res.text).toContain('L’accompagnement lui-même');
    // The fields of the API's Diagnostic demand: who asks (no mobilisation case), and themes from the pool's expertise.
    expect(res.text).toMatch(/<input type="hidden" name="requestId" value="[0-9a-f-]{36}">/);
    expect(res.text).toMatch(/<label for="f-mlNom">/);
    expect(res.text).toContain('name="demandeur"');
    expect(res.text).toContain('La présidence de la Mission Locale');
    expect(res.text).not.toContain('name="casMobilisation"');
    expect(res.text).toContain('value="gouvernance"');
    expect(res.text).toContain('Gouvernance, relations avec les élus et les financeurs');
    expect(res.text).toContain('action="/demande/diagnostic"');
    expect(res.text).toContain('href="/candidater"');
    // Listed with the other forms.
    const index = await request(app).get('/demande');
    expect(index.text).toContain('/demande/diagnostic');
    const inconnu = await request(app).get('/demande/inconnu');
    expect(inconnu.status).toBe(404);
    expect(inconnu.text).toContain('/demande/diagnostic');
  });

  it('a valid submission creates a DGN- dossier and shows its reference; the ML gets it in the acknowledgement', async () => {
    const body = formulaire();
    const res = await request(app).post('/demande/diagnostic').type('form').send(body);
    expect(res.status).toBe(201);
    expect(res.text).toContain('Votre demande de Diagnostic est enregistrée');
    const ref = /Référence de votre dossier : <strong>(DGN-[0-9A-F]{10})<\/strong>/.exec(res.text)?.[1];
    expect(ref).toBe(dossierIdFor('diagnostic', body.requestId));
    expect(res.text).toContain('direction@ml-fecamp.fr');
    const dossier = await request(app).get(`/api/dossiers/${ref!}`);
    expect(dossier.status).toBe(200);
    expect(dossier.body.dispositif).toBe('diagnostic');
    expect(dossier.body.demande).toMatchObject({
      missionLocale: { code: codeMissionLocale(body.mlNom), nom: body.mlNom, region: 'NOR' },
      demandeur: 'presidence',
      sujets: ['gouvernance', 'management'],
    });
    const accuse = await waitForMail(stack.mails, { dossierId: ref!, kind: 'accuse_reception', to: 'direction@ml-fecamp.fr' });
    expect(accuse.subject).toContain(ref!);
  });

  it('a double submission with the same key creates one dossier and says so', async () => {
    const body = formulaire({ demandeur: 'direction', sujets: ['finances'] });
    const first = await request(app).post('/demande/diagnostic').type('form').send(body);
    expect(first.status).toBe(201);
    const ref = /Référence de votre dossier : <strong>(DGN-[0-9A-F]{10})<\/strong>/.exec(first.text)?.[1];
    expect(ref).toBeDefined();
    const second = await request(app).post('/demande/diagnostic').type('form').send(body);
    expect(second.status).toBe(200);
    expect(second.text).toContain(ref!);
    expect(second.text).toContain('déjà été reçue');
    expect(await dossiersDe(body.mlNom, 1)).toEqual([ref]);
  });

  it('an invalid submission re-shows the form with field errors (400) and creates nothing', async () => {
    const body = formulaire({ demandeur: '', directionEmail: 'pas-une-adresse', sujets: [], description: '' });
    const res = await request(app).post('/demande/diagnostic').type('form').send(body);
    expect(res.status).toBe(400);
    expect(res.text).toContain('Le formulaire contient 4 erreurs');
    expect(res.text).toContain('Indiquez une adresse électronique valide');
    expect(res.text).toContain('Choisissez au moins un sujet.');
    expect(res.text).toContain('Choisissez une des options proposées.'); // demandeur
    expect(res.text).toContain('Ce champ est obligatoire.'); // description
    expect(res.text).toContain('aria-invalid="true"');
    expect(res.text).toContain(`value="${body.mlNom}"`); // what was typed is kept
    expect(res.text).toContain(`value="${body.requestId}"`); // and the same key, so the corrected submission is still one dossier
    // A topic of another dispositif is not a Diagnostic theme: refused as the API refuses it.
    const autre = await request(app)
      .post('/demande/diagnostic')
      .type('form')
      .send(formulaire({ mlNom: body.mlNom, sujets: ['problematique_financiere'] }));
    expect(autre.status).toBe(400);
    expect(autre.text).toContain('Choisissez une des options proposées.');

    expect((await request(app).get(`/api/dossiers/${dossierIdFor('diagnostic', body.requestId)}`)).status).toBe(404);
    expect(await dossiersDe(body.mlNom, 0)).toEqual([]);
  });
});
