// A Diagnostic dossier matched from the demo pool through the API (issue #4's done-when): the demand, the
// binômes and each role's ranking with their reasons, never from the ML's région; a designation per role,
// a decline that frees the role, its suivi document. Real Temporal dev server, worker and SQLite pool.
import type { Express } from 'express';
import request from 'supertest';
import { startApiStack, type ApiStack } from './helpers/api-stack';
import { demandeApi } from './helpers/diagnostic';
import { INTERLOCUTRICE } from './helpers/fixtures';
import { expectNoStackTrace, responseRecorder } from './helpers/responses';
import { until } from './helpers/temporal';

let stack: ApiStack;
let app: Express;
const { call, seen } = responseRecorder();

interface Candidat {
  intervenantId: string;
  type: string;
  region: string;
  eligible: boolean;
  rang?: number;
  exclusions: string[];
  raisons: string[];
}

beforeAll(async () => {
  stack = await startApiStack({}, { demoPool: true });
  ({ app } = stack);
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a Diagnostic dossier through the API: matched from the demo pool with reasons, its binôme designated role by role', () => {
  let id: string;
  let binomes: { consultant: Candidat; directeur: Candidat; score: number; raisons: string[] }[];

  it('is created from the demand (DGN-) and accepted', async () => {
    expect((await call(request(app).get('/api/intervenants'))).body.length).toBeGreaterThanOrEqual(60);
    const cree = await call(request(app).post('/api/demandes').send(demandeApi()));
    expect(cree.status).toBe(201);
    id = cree.body.dossierId as string;
    expect(id).toMatch(/^DGN-[0-9A-F]{10}$/);
    expect(cree.body.etape).toBe('qualification');
    expect((await call(request(app).post(`/api/dossiers/${id}/accepter`).send({ interlocutrice: INTERLOCUTRICE }))).status).toBe(200);
  });

  it('ranks each role, never from the ML’s own région (seed 000), and the binômes by score, with their reasons', async () => {
    const res = await call(request(app).get(`/api/dossiers/${id}/candidats`));
    expect(res.status).toBe(200);
    const roles = res.body.roles as { role: string; besoin: { role: string; missionLocale: { region: string } }; candidats: Candidat[] }[];
    expect(roles.map((r) => r.role)).toEqual(['diagnostiqueur_consultant', 'diagnostiqueur_directeur']);
    for (const r of roles) {
      const eligibles = r.candidats.filter((c) => c.eligible);
      expect(eligibles.length).toBeGreaterThan(0);
      // seed 000: never from the ML's own région; each eligible one with its reasons, each excluded one with why.
      expect(eligibles.every((c) => c.region !== 'NOR' && c.raisons.length > 0)).toBe(true);
      expect(r.candidats.filter((c) => !c.eligible).every((c) => c.exclusions.length > 0)).toBe(true);
      expect(r.candidats.filter((c) => c.region === 'NOR').every((c) => !c.eligible && c.exclusions.some((e) => /Normandie/.test(e)))).toBe(true);
    }
    expect(roles[0]!.candidats.every((c) => c.type === 'consultant_cabinet')).toBe(true);
    expect(roles[1]!.candidats.every((c) => c.type === 'directeur_ml')).toBe(true);
    binomes = res.body.binomes as typeof binomes;
    expect(binomes.length).toBeGreaterThan(0);
    expect(binomes[0]!.raisons.join(' ')).toMatch(/Complémentarité/);
    expect(binomes.map((b) => b.score)).toEqual([...binomes.map((b) => b.score)].sort((a, b) => b - a));
  });

  it('the workflow proposed binômes to UNML (its own ranking, same rules)', async () => {
    const propose = await until('the binômes', async () => {
      const d = await call(request(app).get(`/api/dossiers/${id}`));
      return d.body.binomesProposes?.length ? (d.body.binomesProposes as { consultant: Candidat; directeur: Candidat }[]) : undefined;
    });
    expect(propose.every((b) => b.consultant.region !== 'NOR' && b.directeur.region !== 'NOR')).toBe(true);
  });

  it('staff designate the best binôme, the role inferred from each intervenant’s kind; each is reserved', async () => {
    const { consultant, directeur } = binomes[0]!;
    const c1 = await call(request(app).post(`/api/dossiers/${id}/candidats/${consultant.intervenantId}/confirmation`).send({ par: 'unml.sbernard' }));
    expect(c1.status).toBe(200);
    expect(c1.body.binome.diagnostiqueur_consultant.intervenant.id).toBe(consultant.intervenantId);
    const d1 = await call(
      request(app).post(`/api/dossiers/${id}/candidats/${directeur.intervenantId}/confirmation`).send({ role: 'diagnostiqueur_directeur' }),
    );
    expect(d1.status).toBe(200);
    expect(d1.body.binome.diagnostiqueur_directeur.choix).toMatchObject({ source: 'classement' });
    expect((await stack.vivier.reservations({ dossierId: id, actives: true })).map((r) => r.role).sort()).toEqual([
      'diagnostiqueur_consultant',
      'diagnostiqueur_directeur',
    ]);
  });

  it('operators find the dossier by either member of the binôme (search attribute Intervenants)', async () => {
    const { consultant, directeur } = binomes[0]!;
    for (const membre of [consultant, directeur]) {
      const liste = await until(`the dossier listed for ${membre.intervenantId}`, async () => {
        const r = await call(request(app).get('/api/dossiers').query({ intervenant: membre.intervenantId }));
        const items = r.body.items as { dossierId: string; intervenants: string[] }[];
        return items.some((x) => x.dossierId === id) ? items : undefined;
      });
      expect(liste.find((x) => x.dossierId === id)!.intervenants).toEqual([consultant.intervenantId, directeur.intervenantId]);
    }
  });

  it('nothing is left to rank once both roles are filled', async () => {
    expect((await call(request(app).get(`/api/dossiers/${id}/candidats`))).status).toBe(409);
  });

  it('the director declines: released, the role is ranked again without them; a same-région director is refused even by hand', async () => {
    const { directeur } = binomes[0]!;
    const refus = await call(request(app).post(`/api/dossiers/${id}/candidats/${directeur.intervenantId}/refus`).send({ motif: 'Je connais le président' }));
    expect(refus.status).toBe(200);
    expect(refus.body.binome.diagnostiqueur_directeur).toBeUndefined();
    const apres = await call(request(app).get(`/api/dossiers/${id}/candidats`));
    expect(apres.body.roles.map((r: { role: string }) => r.role)).toEqual(['diagnostiqueur_directeur']);
    const lui = (apres.body.candidats as Candidat[]).find((c) => c.intervenantId === directeur.intervenantId)!;
    expect(lui.eligible).toBe(false);
    expect(lui.exclusions.join(' ')).toMatch(/Je connais le président/);
    const normand = (apres.body.candidats as Candidat[]).find((c) => c.region === 'NOR')!;
    const memeRegion = await call(request(app).post(`/api/dossiers/${id}/candidats/${normand.intervenantId}/confirmation`).send({ motif: 'Urgence' }));
    expect(memeRegion.status).toBe(409);
    expect(memeRegion.body.message).toMatch(/région/);
  });

  it('has its suivi document, as JSON and as a French HTML page, like the other dispositifs', async () => {
    const json = await call(request(app).get(`/api/dossiers/${id}/document-suivi`));
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ dispositif: 'diagnostic', dossierId: id, etape: 'designation_binome' });
    expect(json.body.titre).toMatch(/^Document de suivi — Diagnostic — /);
    expect(json.body.binome.map((b: { role: string }) => b.role)).toEqual(['Diagnostiqueur·se consultant·e']);
    expect(json.body.parties.rapportCroise).toMatchObject({ titre: 'Rapport de diagnostic', renseigne: false });
    const html = await call(request(app).get(`/api/dossiers/${id}/document-suivi.html`).query({ download: 1 }));
    expect(html.status).toBe(200);
    expect(html.headers['content-disposition']).toBe(`attachment; filename="document-suivi-${id}.html"`);
    for (const titre of ['Rapport de diagnostic', 'Revue finale et conclusions', 'Programme des rencontres', 'Rapports normés'])
      expect(html.text).toContain(`<h2>${titre}</h2>`);
    expect(html.text).toContain('Binôme de diagnostiqueurs');
  });

  it('never answers with a stack trace', () => expectNoStackTrace(seen, 12));
});
