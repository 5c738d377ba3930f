// Matching through the API, end to end: a Compagnonnage dossier is matched from the demo pool (60+ realistic
// intervenants across all régions) with the reasons shown; staff confirm, the intervenant declines, the next
// ranking leaves them out; a manual override needs its reason. Real Temporal dev server, worker and SQLite pool.
import type { Express } from 'express';
import request from 'supertest';
import { REGION_CODES } from '../domain/regions';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi as demande } from './helpers/compagnonnage';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { expectNoStackTrace, responseRecorder } from './helpers/responses';
import { until } from './helpers/temporal';

let stack: ApiStack;
let app: Express;
const { call, seen } = responseRecorder();

beforeAll(async () => {
  stack = await startApiStack({}, { demoPool: true });
  ({ app } = stack);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

async function dossierAccepte(): Promise<string> {
  const res = await call(
    request(app)
      .post('/api/demandes')
      .send(demande({ sujets: ['organisation_management', 'financements'] })),
  );
  expect(res.status).toBe(201);
  const id = res.body.dossierId as string;
  expect((await call(request(app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE }))).status).toBe(200);
  return id;
}

type Candidat = { intervenantId: string; type: string; region: string; eligible: boolean; rang?: number; exclusions: string[]; raisons: string[] };

describe('GET /api/dossiers/:id/candidats and the confirmation', () => {
  describe('a Compagnonnage dossier ranked from the demo pool, with reasons, and designated through it', () => {
    let id: string;
    let eligibles: Candidat[];
    let normands: Candidat[];
    let premier: string;

    it('the demo pool covers every région', async () => {
      const pool = await call(request(app).get('/api/intervenants'));
      expect(pool.body.length).toBeGreaterThanOrEqual(60);
      expect(new Set(pool.body.map((i: { region: string }) => i.region))).toEqual(new Set(REGION_CODES));
    });

    it('ranks only ML directors, never from the ML’s own région (seed 003); every exclusion says why', async () => {
      id = await dossierAccepte();
      const res = await call(request(app).get(`/api/dossiers/${id}/candidats`));
      expect(res.status).toBe(200);
      expect(res.body.besoin).toMatchObject({ role: 'compagnon', missionLocale: { region: 'NOR' } });
      const candidats = res.body.candidats as Candidat[];
      eligibles = candidats.filter((c) => c.eligible);
      expect(eligibles.length).toBeGreaterThan(3);
      expect(eligibles.every((c) => c.type === 'directeur_ml' && c.region !== 'NOR')).toBe(true);
      expect(eligibles.map((c) => c.rang)).toEqual(eligibles.map((_, i) => i + 1));
      expect(eligibles.every((c) => c.raisons.length > 0)).toBe(true);
      normands = candidats.filter((c) => c.region === 'NOR');
      expect(normands.length).toBeGreaterThan(0);
      expect(normands.every((c) => !c.eligible && c.exclusions.some((e) => /Normandie/.test(e)))).toBe(true);
    });

    it('the workflow proposed the same best candidate to UNML', async () => {
      const propose = await until('the proposals', async () => {
        const d = await call(request(app).get(`/api/dossiers/${id}`));
        return d.body.vivier?.propositions?.length ? d.body.vivier.propositions : undefined;
      });
      expect(propose[0].intervenantId).toBe(eligibles[0]!.intervenantId);
    });

    it('staff confirm the first: reserved, asked to accept', async () => {
      premier = eligibles[0]!.intervenantId;
      const confirme = await call(request(app).post(`/api/dossiers/${id}/candidats/${premier}/confirmation`).send({ par: 'unml.sbernard' }));
      expect(confirme.status).toBe(200);
      expect(confirme.body.etape).toBe('acceptation_intervenant');
      expect(confirme.body.intervenant.id).toBe(premier);
      expect(confirme.body.vivier.choix).toEqual({ source: 'classement', rang: 1 });
      const fiche = await call(request(app).get(`/api/intervenants/${premier}`));
      expect(JSON.stringify(fiche.body)).toContain(id);
    });

    it('they decline: back to the ranking, where they are now excluded with the reason', async () => {
      const refus = await call(request(app).post(`/api/dossiers/${id}/candidats/${premier}/refus`).send({ motif: 'Pas disponible avant mars' }));
      expect(refus.status).toBe(200);
      expect(refus.body.etape).toBe('designation_intervenant');
      const apres = await call(request(app).get(`/api/dossiers/${id}/candidats`));
      const lui = apres.body.candidats.find((c: { intervenantId: string }) => c.intervenantId === premier);
      expect(lui.eligible).toBe(false);
      expect(lui.exclusions.join(' ')).toMatch(/Pas disponible avant mars/);
    });

    it('a manual override of an excluded candidate needs its reason, then is recorded as such; the région rule holds even by hand', async () => {
      const normand = normands[0]!.intervenantId;
      const sansMotif = await call(request(app).post(`/api/dossiers/${id}/candidats/${premier}/confirmation`).send({}));
      expect(sansMotif.status).toBe(409);
      expect(sansMotif.body.message).toMatch(/motif/);
      // The région rule holds even by hand (seed 003), and the refusal never invites a motif that would be refused.
      const sansMotifMemeRegion = await call(request(app).post(`/api/dossiers/${id}/candidats/${normand}/confirmation`).send({}));
      expect(sansMotifMemeRegion.status).toBe(409);
      expect(sansMotifMemeRegion.body.error).toBe('hors_regles');
      expect(sansMotifMemeRegion.body.message).toMatch(/région/);
      expect(sansMotifMemeRegion.body.message).not.toMatch(/indiquez le motif/i);
      expect(sansMotifMemeRegion.body.message).toMatch(/Choisissez un autre intervenant/);
      const memeRegion = await call(request(app).post(`/api/dossiers/${id}/candidats/${normand}/confirmation`).send({ motif: 'Urgence' }));
      expect(memeRegion.status).toBe(409);
      expect(memeRegion.body.message).toMatch(/région/);
      const manuel = await call(
        request(app).post(`/api/dossiers/${id}/candidats/${premier}/confirmation`).send({ motif: 'Finalement disponible, accord téléphonique' }),
      );
      expect(manuel.status).toBe(200);
      expect(manuel.body.vivier.choix).toEqual({ source: 'manuel', motif: 'Finalement disponible, accord téléphonique' });
    });
  });

  it('answers 409 when the dossier needs nobody, 404 for an unknown intervenant, 400 for a bad id', async () => {
    const res = await call(
      request(app)
        .post('/api/demandes')
        .send(demande({ casMobilisation: 'meconnaissance_reseau', sujets: ['offre_de_service'], description: 'Direction arrivée il y a deux mois.' })),
    );
    const id = res.body.dossierId as string;
    const tot = await call(request(app).get(`/api/dossiers/${id}/candidats`));
    expect(tot.status).toBe(409);
    expect(tot.body.message).toMatch(/désignation/);
    await call(request(app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE }));
    expect((await call(request(app).post(`/api/dossiers/${id}/candidats/INT-NEXISTEPAS/confirmation`).send({}))).status).toBe(404);
    expect((await call(request(app).post(`/api/dossiers/${id}/candidats/pas%20valide/confirmation`).send({}))).status).toBe(400);
  });

  it('never answers with a stack trace', () => expectNoStackTrace(seen, 15));
});
