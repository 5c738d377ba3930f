// The API end to end: a real Temporal dev server, a real worker running the real workflows and activities
// (emails through nodemailer to a local SMTP sink), and the express app driven with supertest.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Express } from 'express';
import request from 'supertest';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi as demande } from './helpers/compagnonnage';
import { INTERLOCUTRICE, mlRouenUnique } from './helpers/fixtures';
import { expectNoStackTrace, responseRecorder } from './helpers/responses';
import { until } from './helpers/temporal';

let stack: ApiStack;
let env: TestWorkflowEnvironment;
let mailDir: string;
let app: Express;

/** Every response body the tests saw: none may carry a stack trace. */
const { call, seen } = responseRecorder();

const intervenant = (region: 'NOR' | 'BRE') => ({
  id: `int-${region}`,
  nom: 'Paul Le Gall',
  email: `direction-${region.toLowerCase()}@ml.example.fr`,
  type: 'directeur_ml' as const,
  region,
});

async function newDossier(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await call(request(app).post('/api/demandes').send(demande(overrides)));
  expect(res.status).toBe(201);
  return res.body.dossierId as string;
}

beforeAll(async () => {
  stack = await startApiStack();
  ({ env, mailDir, app } = stack);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('API with a real Temporal server and worker', () => {
  it('is ready when Temporal answers', async () => {
    expect((await call(request(app).get('/healthz'))).status).toBe(200);
    const res = await call(request(app).get('/readyz'));
    expect(res.status).toBe(200);
  });

  it('refuses an out-of-scope demand at once (422) with its reason and the dispositif to ask instead, starting nothing', async () => {
    const requestId = `hors-champ-${Date.now()}`;
    const res = await call(
      request(app)
        .post('/api/demandes')
        .send(demande({ requestId, sujets: ['financements', 'problematique_financiere'] })),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: 'demande_non_recevable',
      details: { redirection: { dispositif: 'appui_conseil', libelle: 'Appui Conseil', formulaire: '/demande/appui-conseil' } },
    });
    expect(res.body.message).toMatch(/^Cette demande ne relève pas du Compagnonnage : /);
    expect(res.body.message).toMatch(/Faites plutôt une demande d’Appui Conseil/);
    // Nothing was recorded: the same request id, in scope, creates the dossier.
    const ok = await call(request(app).post('/api/demandes').send(demande({ requestId })));
    expect(ok.status).toBe(201);
  });

  it('creates a dossier from a valid demande (201) and shows it', async () => {
    const res = await call(request(app).post('/api/demandes').send(demande()));
    expect(res.status).toBe(201);
    expect(res.body.dossierId).toMatch(/^CMP-[0-9A-F]{10}$/);
    expect(res.body.etape).toBe('qualification');
    expect(res.body.links).toEqual({
      self: `/api/dossiers/${res.body.dossierId}`,
      temporalUi: `http://localhost:8233/namespaces/default/workflows/${res.body.dossierId}`,
    });

    const got = await call(request(app).get(res.body.links.self));
    expect(got.status).toBe(200);
    expect(got.body.dossierId).toBe(res.body.dossierId);
    expect(got.body.etape).toBe('qualification');
    expect(got.body.demande.direction.email).toBe('direction@ml-rouen.fr');

    // The worker sent the acknowledgement and the ARML notification through the SMTP sink.
    await until('emails in the sink', () => readdirSync(mailDir).some((f) => f.endsWith('.eml')), Boolean);
  });

  it('is idempotent by requestId or Idempotency-Key: one dossier, 200 the second time', async () => {
    const requestId = `req-${randomUUID()}`;
    const body = demande({ requestId });
    const first = await call(request(app).post('/api/demandes').send(body));
    expect(first.status).toBe(201);
    const second = await call(request(app).post('/api/demandes').send(body));
    expect(second.status).toBe(200);
    expect(second.body.dossierId).toBe(first.body.dossierId);
    const byHeader = await call(request(app).post('/api/demandes').set('Idempotency-Key', requestId).send(demande()));
    expect(byHeader.status).toBe(200);
    expect(byHeader.body.dossierId).toBe(first.body.dossierId);
    // The dossier id carries no trace of the request id.
    expect(first.body.dossierId).not.toContain(requestId.slice(4, 12));
  });

  it('refuses an invalid demande with 400 and field paths', async () => {
    const body = demande({ direction: { nom: 'Claire Martin', email: 'pas-un-email' } });
    delete (body.missionLocale as Record<string, unknown>).region;
    const res = await call(request(app).post('/api/demandes').send(body));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation');
    const paths = (res.body.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['missionLocale.region', 'direction.email']));

    const json = await call(request(app).post('/api/demandes').set('Content-Type', 'application/json').send('{"dispositif": '));
    expect(json.status).toBe(400);
  });

  it('answers 404 for an unknown dossier and 400 for a malformed id', async () => {
    const unknown = await call(request(app).get('/api/dossiers/CMP-0000000000'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('not_found');
    const unknownAction = await call(request(app).post('/api/dossiers/CMP-0000000000/abandon').send({ motif: 'test' }));
    expect(unknownAction.status).toBe(404);
    const malformed = await call(request(app).get('/api/dossiers/claire.martin@ml-rouen.fr'));
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].path).toBe('id');
  });

  it('refuses an action not allowed at the current step with 409 and the reason', async () => {
    const id = await newDossier();
    const res = await call(request(app).post(`/api/dossiers/${id}/signer-acte-engagement`).send({ signataire: 'Claire Martin' }));
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('action_refusee');
    expect(res.body.message).toMatch(/acte d'engagement/i);
    expect(res.body.message).toMatch(/qualification/);
  });

  describe('a demande accepted, found by étape and région, designated (never from the ML’s région)', () => {
    const { missionLocale } = mlRouenUnique();
    let id: string;

    it('UNML accepts the demande, naming its interlocutrice: an active charge_mission account, her name and email from it', async () => {
      id = await newDossier({ missionLocale });
      const inconnue = await call(
        request(app)
          .post(`/api/dossiers/${id}/accepter`)
          .send({ interlocutrice: { id: 'CPT-INCONNUE00' } }),
      );
      expect(inconnue.status).toBe(400);
      expect(inconnue.body.message).toContain('Aucun compte UNML CPT-INCONNUE00');
      const partie = await stack.comptes.creerCompte({ email: 'partie.api@unml.test', nom: 'Partie', roles: ['charge_mission'] }, 'test');
      await stack.comptes.modifierCompte(partie.id, { actif: false }, 'test');
      const inactive = await call(
        request(app)
          .post(`/api/dossiers/${id}/accepter`)
          .send({ interlocutrice: { id: partie.id } }),
      );
      expect(inactive.status).toBe(409);
      expect(inactive.body.message).toContain('est désactivé');
      expect((await call(request(app).get(`/api/dossiers/${id}`))).body.etape).toBe('qualification');
      const accepted = await call(request(app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE, par: 'unml.sbernard' }));
      expect(accepted.status).toBe(200);
      expect(accepted.body.etape).toBe('designation_intervenant');
      expect(accepted.body.interlocutrice).toEqual(INTERLOCUTRICE);
    });

    it('the list finds it by étape, région and ML, and only at its étape', async () => {
      const item = await until('the dossier in the list', async () => {
        const res = await call(request(app).get('/api/dossiers').query({ etape: 'designation_intervenant', region: 'NOR', missionLocale: missionLocale.code }));
        expect(res.status).toBe(200);
        return (res.body.items as { dossierId: string }[]).find((i) => i.dossierId === id);
      });
      expect(item).toMatchObject({
        dossierId: id,
        dispositif: 'compagnonnage',
        region: 'NOR',
        missionLocale: missionLocale.code,
        etape: 'designation_intervenant',
        interlocutrice: INTERLOCUTRICE.id,
        status: 'RUNNING',
      });
      const other = await call(request(app).get('/api/dossiers').query({ etape: 'qualification', missionLocale: missionLocale.code }));
      expect(other.body.items).toEqual([]);
    });

    it('refuses an intervenant of the ML’s own région even by hand (seed 003); designates another, who accepts', async () => {
      await stack.ajouterIntervenant(intervenant('NOR'));
      await stack.ajouterIntervenant(intervenant('BRE'));
      const sameRegion = await call(request(app).post(`/api/dossiers/${id}/candidats/int-NOR/confirmation`).send({ motif: 'Seule personne disponible' }));
      expect(sameRegion.status).toBe(409);
      expect(sameRegion.body.message).toMatch(/propre région/);

      const designated = await call(request(app).post(`/api/dossiers/${id}/candidats/int-BRE/confirmation`).send({}));
      expect(designated.status).toBe(200);
      expect(designated.body.etape).toBe('acceptation_intervenant');
      const reponse = await call(request(app).post(`/api/dossiers/${id}/intervenant/reponse`).send({ accepte: true }));
      expect(reponse.status).toBe(200);
      expect(reponse.body.etape).toBe('acte_engagement');
    });
  });

  it('lists newest first with a limit, and validates the filters', async () => {
    const res = await call(request(app).get('/api/dossiers').query({ limit: 2 }));
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(2);
    const times = (res.body.items as { startTime: string }[]).map((i) => i.startTime);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await call(request(app).get('/api/dossiers').query({ intervenant: "x' OR 1=1" }))).status).toBe(400);
    expect((await call(request(app).get('/api/dossiers').query({ limit: 1000 }))).status).toBe(400);
  });

  it('refuses any action on a finished dossier with 409', async () => {
    const id = await newDossier();
    const abandoned = await call(request(app).post(`/api/dossiers/${id}/abandon`).send({ motif: 'La Mission Locale retire sa demande.' }));
    expect(abandoned.status).toBe(200);
    expect(abandoned.body.etape).toBe('abandonnee');
    await until(
      'the workflow to complete',
      async () => (await env.client.workflow.getHandle(id).describe()).status.name,
      (status) => status === 'COMPLETED',
    );
    const late = await call(request(app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE }));
    expect(late.status).toBe(409);
    expect(late.body.error).toBe('action_refusee');
    // The finished dossier can still be read.
    const got = await call(request(app).get(`/api/dossiers/${id}`));
    expect(got.status).toBe(200);
    expect(got.body.etape).toBe('abandonnee');
  });

  it('serves /openapi.json with every path', async () => {
    const res = await call(request(app).get('/openapi.json'));
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/demandes',
        '/api/dossiers',
        '/api/dossiers/{id}',
        '/api/dossiers/CMP-{ref}/accepter',
        '/api/dossiers/CMP-{ref}/visio-lancement/compte-rendu',
      ]),
    );
  });

  it('never sent a stack trace', () => expectNoStackTrace(seen, 25));
});
