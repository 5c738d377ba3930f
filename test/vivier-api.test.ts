// The pool's HTTP API and the public "Je candidate" page, against createApp with a temporary SQLite store.
// None of these routes touches Temporal: the client is a lazy connection to nowhere.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../api/app';
import { parseConfig } from '../config';
import type { MissionLocaleRef } from '../db/store';
import { avecJeton, compteDeTest, type CompteDeTest } from './helpers/acces';
import { createTestStore } from './helpers/db';
import { expectNoStackTrace, responseRecorder } from './helpers/responses';

const silent = pino({ level: 'silent' });
const PAR = 'unml.sbernard';

let testStore: Awaited<ReturnType<typeof createTestStore>>;
let connection: Connection;
let app: Express;
let admin: CompteDeTest;
const liberees: string[] = [];
const recorder = responseRecorder();
const call = recorder.call;
/** Two Missions Locales of two different régions, from the store's reference data. */
let mlA: MissionLocaleRef;
let mlB: MissionLocaleRef;
let mlA2: MissionLocaleRef;

const unique = () => randomUUID().slice(0, 8);

function directeur(overrides: Record<string, unknown> = {}) {
  return {
    type: 'directeur_ml',
    nom: 'Claire Martin',
    email: `claire.martin.${unique()}@ml-exemple.fr`,
    telephone: '02 35 00 00 00',
    region: mlA.region,
    missionLocaleCode: mlA.code,
    expertises: ['management', 'financements'],
    capaciteDossiers: 2,
    capaciteHeuresMois: 16,
    connaissances: [{ missionLocaleCode: mlB.code, personne: 'Présidente' }],
    par: PAR,
    ...overrides,
  };
}

function consultant(overrides: Record<string, unknown> = {}) {
  return {
    type: 'consultant_cabinet',
    nom: 'Paul Durand',
    email: `paul.durand.${unique()}@cabinet-exemple.fr`,
    region: mlB.region,
    cabinet: 'Cabinet Exemple',
    expertises: ['finances', 'restructuration'],
    capaciteDossiers: 3,
    capaciteHeuresMois: 40,
    par: PAR,
    ...overrides,
  };
}

function candidature(overrides: Record<string, unknown> = {}) {
  const profil: Partial<ReturnType<typeof directeur>> = directeur();
  delete profil.par;
  return { ...profil, motivation: 'Directrice depuis dix ans, je souhaite accompagner mes pairs.', consentement: true, ...overrides };
}

const paths = (res: request.Response) => (res.body.details as { path: string }[]).map((d) => d.path);

beforeAll(async () => {
  testStore = await createTestStore('sqlite');
  connection = Connection.lazy({ address: '127.0.0.1:1' });
  admin = await compteDeTest(testStore.db);
  app = createApp({
    client: new Client({ connection }),
    config: parseConfig({ LOG_LEVEL: 'silent' }),
    logger: silent,
    vivier: testStore.store,
    comptes: admin.comptes,
    capaciteLiberee: (raison) => {
      liberees.push(raison);
    },
  });
  app = avecJeton(app, admin.jeton);
  const mls = (await request(app).get('/api/referentiel/missions-locales')).body as MissionLocaleRef[];
  mlA = mls[0]!;
  mlA2 = mls.find((m) => m.region === mlA.region && m.code !== mlA.code)!;
  mlB = mls.find((m) => m.region !== mlA.region)!;
  expect([mlA, mlA2, mlB].every(Boolean)).toBe(true);
});

afterAll(async () => {
  await connection?.close();
  await testStore?.cleanup();
});

describe('reference data', () => {
  it('lists the régions with their ARML, and the Missions Locales of a région', async () => {
    const regions = await call(request(app).get('/api/referentiel/regions'));
    expect(regions.status).toBe(200);
    expect(regions.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'NOR', nom: 'Normandie', arml: expect.objectContaining({ email: expect.any(String) }) })]),
    );
    const mls = await call(request(app).get('/api/referentiel/missions-locales').query({ region: mlA.region }));
    expect(mls.status).toBe(200);
    expect(mls.body.length).toBeGreaterThan(1);
    expect((mls.body as MissionLocaleRef[]).every((m) => m.region === mlA.region)).toBe(true);
    const bad = await call(request(app).get('/api/referentiel/missions-locales').query({ region: 'XX' }));
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(['region']);
  });
});

describe('intervenants', () => {
  it('creates, lists with filters, modifies and withdraws, with the history of who did what', async () => {
    const created = await call(request(app).post('/api/intervenants').send(directeur()));
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.location).toBe(`/api/intervenants/${id}`);
    expect(created.body).toMatchObject({
      type: 'directeur_ml',
      statut: 'valide',
      actif: true,
      missionLocaleCode: mlA.code,
      capaciteDossiers: 2,
      indisponibilites: [],
    });
    const other = await call(request(app).post('/api/intervenants').send(consultant()));
    expect(other.status).toBe(201);
    const otherId = other.body.id as string;

    const ids = async (query: Record<string, string>) =>
      ((await call(request(app).get('/api/intervenants').query(query))).body as { id: string }[]).map((i) => i.id);
    expect(await ids({})).toEqual(expect.arrayContaining([id, otherId]));
    const directeurs = await ids({ type: 'directeur_ml' });
    expect(directeurs).toContain(id);
    expect(directeurs).not.toContain(otherId);
    const regionB = await ids({ region: mlB.region });
    expect(regionB).toContain(otherId);
    expect(regionB).not.toContain(id);
    expect(await ids({ actif: 'false' })).not.toContain(id);
    expect((await call(request(app).get('/api/intervenants').query({ actif: 'peut-être' }))).status).toBe(400);

    // Capacity and an unavailability period.
    const patched = await call(
      request(app)
        .patch(`/api/intervenants/${id}`)
        .send({ par: PAR, capaciteDossiers: 3, indisponibilites: [{ debut: '2026-08-01', fin: '2026-08-31', motif: 'Congés' }], expertises: ['management'] }),
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      capaciteDossiers: 3,
      expertises: ['management'],
      indisponibilites: [{ debut: '2026-08-01', fin: '2026-08-31', motif: 'Congés' }],
    });
    expect(liberees.some((r) => r.includes(id) && r.includes('3 dossiers'))).toBe(true);

    // Removing the unavailability frees capacity; so does reactivating.
    liberees.length = 0;
    expect((await call(request(app).patch(`/api/intervenants/${id}`).send({ par: PAR, indisponibilites: [] }))).status).toBe(200);
    expect(liberees).toEqual([expect.stringContaining('indisponibilité levée')]);
    expect((await call(request(app).patch(`/api/intervenants/${id}`).send({ par: PAR, actif: false }))).body.actif).toBe(false);
    expect(await ids({ actif: 'false' })).toContain(id);
    expect((await call(request(app).patch(`/api/intervenants/${id}`).send({ par: PAR, actif: true }))).status).toBe(200);
    expect(liberees).toEqual([expect.stringContaining('indisponibilité levée'), expect.stringContaining('réactivé')]);
    // Lowering a capacity frees nothing.
    expect((await call(request(app).patch(`/api/intervenants/${id}`).send({ par: PAR, capaciteHeuresMois: 8 }))).status).toBe(200);
    expect(liberees).toHaveLength(2);
    // Declaring an acquaintance frees nothing; withdrawing it does (the ML they knew may be served now).
    expect(
      (
        await call(
          request(app)
            .patch(`/api/intervenants/${id}`)
            .send({ par: PAR, connaissances: [{ missionLocaleCode: mlB.code }] }),
        )
      ).status,
    ).toBe(200);
    expect(liberees).toHaveLength(2);
    expect((await call(request(app).patch(`/api/intervenants/${id}`).send({ par: PAR, connaissances: [] }))).status).toBe(200);
    expect(liberees[2]).toContain(`connaissance retirée (${mlB.code})`);
    // Moving to another région (with its home ML there) opens the dossiers of the région they left.
    expect((await call(request(app).patch(`/api/intervenants/${id}`).send({ par: PAR, region: mlB.region, missionLocaleCode: mlB.code }))).status).toBe(200);
    expect(liberees[3]).toContain(`région changée (${mlA.region} → ${mlB.region})`);

    const retrait = await call(request(app).post(`/api/intervenants/${id}/retrait`).send({ par: 'unml.direction', motif: 'Départ à la retraite' }));
    expect(retrait.status).toBe(200);
    expect(retrait.body.statut).toBe('retire');
    expect(await ids({ statut: 'retire' })).toContain(id);
    expect(await ids({ statut: 'valide' })).not.toContain(id);

    const detail = await call(request(app).get(`/api/intervenants/${id}`));
    expect(detail.status).toBe(200);
    expect(detail.body.intervenant).toMatchObject({ id, statut: 'retire' });
    expect(detail.body.reservations).toEqual([]);
    const historique = detail.body.historique as { entite: string; entiteId: string; action: string; par: string; le: string }[];
    expect(historique.length).toBeGreaterThanOrEqual(6); // creation, 5 modifications, withdrawal
    expect(historique.every((e) => e.entite === 'intervenant' && e.entiteId === id && e.le)).toBe(true);
    expect(historique.map((e) => e.par)).toEqual(expect.arrayContaining([PAR, 'unml.direction']));
    expect(JSON.stringify(historique.filter((e) => e.par === 'unml.direction'))).toContain('Départ à la retraite');
  });

  it('answers 400 with field paths for bad input', async () => {
    const unknownMl = await call(
      request(app)
        .post('/api/intervenants')
        .send(directeur({ missionLocaleCode: 'ML-QUI-NEXISTE-PAS' })),
    );
    expect(unknownMl.status).toBe(400);
    expect(unknownMl.body.error).toBe('validation');
    expect(paths(unknownMl)).toEqual(['missionLocaleCode']);
    expect(unknownMl.body.message).toContain('Mission Locale inconnue');

    const unknownAcquaintance = await call(
      request(app)
        .post('/api/intervenants')
        .send(directeur({ connaissances: [{ missionLocaleCode: mlB.code }, { missionLocaleCode: 'ML-INCONNUE' }] })),
    );
    expect(unknownAcquaintance.status).toBe(400);
    expect(paths(unknownAcquaintance)).toEqual(['connaissances.1.missionLocaleCode']);

    const wrongRegion = await call(
      request(app)
        .post('/api/intervenants')
        .send(directeur({ region: mlB.region })),
    );
    expect(wrongRegion.status).toBe(400);
    expect(paths(wrongRegion)).toEqual(['missionLocaleCode']);
    expect(wrongRegion.body.details[0].message).toContain(mlA.nom);

    const dates = await call(
      request(app)
        .post('/api/intervenants')
        .send(
          directeur({
            indisponibilites: [
              { debut: '2026-09-10', fin: '2026-09-01' },
              { debut: '2026-13-01', fin: '2026-12-01' },
            ],
          }),
        ),
    );
    expect(dates.status).toBe(400);
    expect(paths(dates)).toEqual(expect.arrayContaining(['indisponibilites.0.fin', 'indisponibilites.1.debut']));

    const expertise = await call(
      request(app)
        .post('/api/intervenants')
        .send(directeur({ expertises: ['management', 'astrologie'], capaciteDossiers: 0, capaciteHeuresMois: 2.5 })),
    );
    expect(expertise.status).toBe(400);
    expect(paths(expertise).sort()).toEqual(['capaciteDossiers', 'capaciteHeuresMois', 'expertises.1']);

    const kindRules = await call(
      request(app)
        .post('/api/intervenants')
        .send(consultant({ cabinet: undefined, type: 'consultant_cabinet', par: undefined })),
    );
    expect(kindRules.status).toBe(400);
    expect(paths(kindRules).sort()).toEqual(['cabinet', 'par']);
    const noMl = await call(
      request(app)
        .post('/api/intervenants')
        .send(directeur({ missionLocaleCode: undefined })),
    );
    expect(paths(noMl)).toEqual(['missionLocaleCode']);

    const { body: intervenant } = await call(request(app).post('/api/intervenants').send(directeur()));
    const emptyPatch = await call(request(app).patch(`/api/intervenants/${intervenant.id}`).send({ par: PAR }));
    expect(emptyPatch.status).toBe(400);
    const patchDates = await call(
      request(app)
        .patch(`/api/intervenants/${intervenant.id}`)
        .send({ par: PAR, indisponibilites: [{ debut: '2026-02-02', fin: '2026-02-01' }] }),
    );
    expect(patchDates.status).toBe(400);
    expect(paths(patchDates)).toEqual(['indisponibilites.0.fin']);
    const patchRefs = await call(
      request(app)
        .patch(`/api/intervenants/${intervenant.id}`)
        .send({ par: PAR, connaissances: [{ missionLocaleCode: 'ML-INCONNUE' }] }),
    );
    expect(patchRefs.status).toBe(400);
    expect(paths(patchRefs)).toEqual(['connaissances.0.missionLocaleCode']);
    // Another région without another ML: the home ML is no longer in it.
    const patchRegion = await call(request(app).patch(`/api/intervenants/${intervenant.id}`).send({ par: PAR, region: mlB.region }));
    expect(patchRegion.status).toBe(400);
    expect(paths(patchRegion)).toEqual(['missionLocaleCode']);
    expect(
      (await call(request(app).patch(`/api/intervenants/${intervenant.id}`).send({ par: PAR, region: mlB.region, missionLocaleCode: mlB.code }))).status,
    ).toBe(200);
    expect((await call(request(app).post(`/api/intervenants/${intervenant.id}/retrait`).send({ par: PAR }))).status).toBe(400);
  });

  it('refuses (409) a capacity below the current load and a withdrawal while reserved; shows active reservations', async () => {
    const { body: intervenant } = await call(
      request(app)
        .post('/api/intervenants')
        .send(directeur({ capaciteDossiers: 2, capaciteHeuresMois: 16 })),
    );
    const id = intervenant.id as string;
    await testStore.store.reserver({ dossierId: 'CMP-00000000A1', role: 'compagnon', intervenantId: id, heuresMois: 8, manuelle: false, par: PAR });
    await testStore.store.reserver({ dossierId: 'CMP-00000000A2', role: 'compagnon', intervenantId: id, heuresMois: 8, manuelle: false, par: PAR });
    const detail = await call(request(app).get(`/api/intervenants/${id}`));
    expect(detail.body.reservations.map((r: { dossierId: string }) => r.dossierId).sort()).toEqual(['CMP-00000000A1', 'CMP-00000000A2']);

    const lower = await call(request(app).patch(`/api/intervenants/${id}`).send({ par: PAR, capaciteDossiers: 1 }));
    expect(lower.status).toBe(409);
    expect(lower.body.error).toBe('conflit');
    expect(lower.body.message).toEqual(expect.any(String));
    const retrait = await call(request(app).post(`/api/intervenants/${id}/retrait`).send({ par: PAR, motif: 'Départ' }));
    expect(retrait.status).toBe(409);
    expect((await call(request(app).get(`/api/intervenants/${id}`))).body.intervenant.statut).toBe('valide');

    // Released: the withdrawal goes through.
    await testStore.store.liberer({ dossierId: 'CMP-00000000A1', motif: 'Test', par: PAR });
    await testStore.store.liberer({ dossierId: 'CMP-00000000A2', motif: 'Test', par: PAR });
    expect((await call(request(app).post(`/api/intervenants/${id}/retrait`).send({ par: PAR, motif: 'Départ' }))).status).toBe(200);
  });

  it('clears the phone, home ML and firm with null and changes the kind with its required fields; the history shows it', async () => {
    const { body: created } = await call(
      request(app)
        .post('/api/intervenants')
        .send(consultant({ telephone: '01 40 00 00 00' })),
    );
    const id = created.id as string;
    const patch = (body: Record<string, unknown>) =>
      call(
        request(app)
          .patch(`/api/intervenants/${id}`)
          .send({ par: PAR, ...body }),
      );

    // A consultant keeps a firm, even when the phone goes with it: nothing written.
    const sansCabinet = await patch({ telephone: null, cabinet: null });
    expect(sansCabinet.status).toBe(400);
    expect(paths(sansCabinet)).toEqual(['cabinet']);
    expect(sansCabinet.body.details[0].message).toContain('cabinet');
    const sansTelephone = await patch({ telephone: null });
    expect(sansTelephone.status).toBe(200);
    expect(sansTelephone.body).not.toHaveProperty('telephone');
    expect(sansTelephone.body).toMatchObject({ type: 'consultant_cabinet', cabinet: 'Cabinet Exemple' });

    // Another kind, without the firm it no longer needs.
    liberees.length = 0;
    const expert = await patch({ type: 'expert_reseau', cabinet: null });
    expect(expert.status).toBe(200);
    expect(expert.body.type).toBe('expert_reseau');
    expect(expert.body).not.toHaveProperty('cabinet');
    expect(liberees).toEqual([expect.stringContaining(`${id} : type changé (Consultant·e de cabinet → Expert·e du réseau)`)]);

    // An ML director needs a home ML, in their région: named field by field.
    const sansMl = await patch({ type: 'directeur_ml' });
    expect(sansMl.status).toBe(400);
    expect(paths(sansMl)).toEqual(['missionLocaleCode']);
    expect(sansMl.body.details[0].message).toContain('obligatoire pour un·e directeur·rice de Mission Locale');
    const autreRegion = await patch({ type: 'directeur_ml', missionLocaleCode: mlA.code });
    expect(autreRegion.status).toBe(400);
    expect(paths(autreRegion)).toEqual(['missionLocaleCode']);
    const directeur = await patch({ type: 'directeur_ml', missionLocaleCode: mlB.code });
    expect(directeur.status).toBe(200);
    expect(directeur.body).toMatchObject({ type: 'directeur_ml', missionLocaleCode: mlB.code });
    // Their home ML cannot be cleared, nor can they become a consultant without a firm.
    expect(paths(await patch({ missionLocaleCode: null }))).toEqual(['missionLocaleCode']);
    expect(paths(await patch({ type: 'consultant_cabinet', missionLocaleCode: null }))).toEqual(['cabinet']);
    expect((await patch({ telephone: 42 })).status).toBe(400);

    const detail = await call(request(app).get(`/api/intervenants/${id}`));
    expect(detail.body.intervenant).toMatchObject({ type: 'directeur_ml', missionLocaleCode: mlB.code });
    expect(detail.body.intervenant).not.toHaveProperty('telephone');
    expect(detail.body.intervenant).not.toHaveProperty('cabinet');
    const modifications = (detail.body.historique as { action: string; par: string; le: string; details: { modifications: Record<string, unknown> } }[])
      .filter((e) => e.action === 'modification')
      .map((e) => {
        expect(e).toMatchObject({ par: PAR, le: expect.any(String) });
        return e.details.modifications;
      });
    expect(modifications).toEqual([
      { telephone: { avant: '01 40 00 00 00', apres: null } },
      { type: { avant: 'consultant_cabinet', apres: 'expert_reseau' }, cabinet: { avant: 'Cabinet Exemple', apres: null } },
      { type: { avant: 'expert_reseau', apres: 'directeur_ml' }, missionLocaleCode: { avant: null, apres: mlB.code } },
    ]);
  });

  it('refuses (409) a kind change while reserved, naming the dossiers to release first', async () => {
    const { body: intervenant } = await call(request(app).post('/api/intervenants').send(directeur()));
    const id = intervenant.id as string;
    await testStore.store.reserver({ dossierId: 'CMP-00000000B1', role: 'compagnon', intervenantId: id, heuresMois: 8, manuelle: false, par: PAR });
    const change = { par: PAR, type: 'expert_reseau', telephone: null };

    const refuse = await call(request(app).patch(`/api/intervenants/${id}`).send(change));
    expect(refuse.status).toBe(409);
    expect(refuse.body.error).toBe('conflit');
    expect(refuse.body.message).toBe(
      'Changement de type refusé : Claire Martin (Directeur·rice de Mission Locale) a 1 réservation(s) active(s) : dossier CMP-00000000B1 ' +
        '(Intervenant·e de Compagnonnage). ' +
        'Libérez d’abord ces réservations (en désignant un·e autre intervenant·e sur chaque dossier, ou à la fin de l’intervention), puis changez ' +
        'son type en Expert·e du réseau.',
    );
    expect(refuse.body.details).toMatchObject({ typeActuel: 'directeur_ml', typeDemande: 'expert_reseau', dossiers: ['CMP-00000000B1'] });
    const detail = await call(request(app).get(`/api/intervenants/${id}`));
    expect(detail.body.intervenant).toMatchObject({ type: 'directeur_ml', telephone: '02 35 00 00 00' });
    expect(detail.body.historique.map((e: { action: string }) => e.action)).toEqual(['creation']);
    // Sending the current kind is no change: allowed while reserved.
    expect((await call(request(app).patch(`/api/intervenants/${id}`).send({ par: PAR, type: 'directeur_ml', capaciteHeuresMois: 12 }))).status).toBe(200);

    await testStore.store.liberer({ dossierId: 'CMP-00000000B1', motif: 'Autre intervenant désigné', par: PAR });
    const apres = await call(request(app).patch(`/api/intervenants/${id}`).send(change));
    expect(apres.status).toBe(200);
    expect(apres.body).toMatchObject({ type: 'expert_reseau', missionLocaleCode: mlA.code });
    expect(apres.body).not.toHaveProperty('telephone');
  });

  it('answers 404 for an unknown id', async () => {
    for (const res of [
      await call(request(app).get('/api/intervenants/INT-INCONNU')),
      await call(request(app).patch('/api/intervenants/INT-INCONNU').send({ par: PAR, actif: false })),
      await call(request(app).post('/api/intervenants/INT-INCONNU/retrait').send({ par: PAR, motif: 'Test' })),
      await call(request(app).get('/api/candidatures/CAND-INCONNUE')),
      await call(request(app).post('/api/candidatures/CAND-INCONNUE/validation').send({ par: PAR })),
      await call(request(app).post('/api/candidatures/CAND-INCONNUE/refus').send({ par: PAR, motif: 'Test' })),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('introuvable');
      expect(res.body.message).toMatch(/inconnue? : (INT|CAND)-INCONNUE?/);
    }
    expect((await call(request(app).get('/api/intervenants/pas%20un%20id'))).status).toBe(400);
  });
});

describe('candidatures', () => {
  it('an application validated becomes an intervenant of the pool; validating twice is refused', async () => {
    const body = candidature();
    const first = await call(request(app).post('/api/candidatures').send(body));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ statut: 'en_attente', doublon: false, reference: expect.any(String) });
    const ref = first.body.reference as string;
    // Only the reference comes back: never the stored application.
    expect(first.body.nom).toBeUndefined();

    // A double submission is the same application.
    const second = await call(
      request(app)
        .post('/api/candidatures')
        .send({ ...body, motivation: 'Renvoyée' }),
    );
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ reference: ref, doublon: true });
    const pending = (await call(request(app).get('/api/candidatures').query({ statut: 'en_attente' }))).body as { id: string; email: string }[];
    expect(pending.filter((c) => c.email === body.email)).toHaveLength(1);
    const detail = await call(request(app).get(`/api/candidatures/${ref}`));
    expect(detail.status).toBe(200);
    expect(detail.body.candidature).toMatchObject({ id: ref, statut: 'en_attente', nom: body.nom, motivation: body.motivation });
    expect(detail.body.candidature.consentement).toBeUndefined();

    liberees.length = 0;
    const validee = await call(request(app).post(`/api/candidatures/${ref}/validation`).send({ par: PAR }));
    expect(validee.status).toBe(201);
    expect(validee.body.candidature).toMatchObject({
      id: ref,
      statut: 'validee',
      decision: expect.objectContaining({ par: PAR, intervenantId: validee.body.intervenant.id }),
    });
    expect(validee.body.intervenant).toMatchObject({ nom: body.nom, email: body.email, type: 'directeur_ml', statut: 'valide', missionLocaleCode: mlA.code });
    expect(liberees).toEqual([expect.stringContaining(ref)]);
    const list = (await call(request(app).get('/api/intervenants'))).body as { id: string }[];
    expect(list.map((i) => i.id)).toContain(validee.body.intervenant.id);

    const again = await call(request(app).post(`/api/candidatures/${ref}/validation`).send({ par: PAR }));
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('conflit');
    expect(again.body.message).toMatch(/déjà été validée/);
    const refus = await call(request(app).post(`/api/candidatures/${ref}/refus`).send({ par: PAR, motif: 'Trop tard' }));
    expect(refus.status).toBe(409);
    expect(liberees).toHaveLength(1);
    expect((await call(request(app).get('/api/candidatures').query({ statut: 'validee' }))).body.map((c: { id: string }) => c.id)).toContain(ref);
  });

  it('refuses an application with its motif', async () => {
    const { body: deposee } = await call(
      request(app)
        .post('/api/candidatures')
        .send(candidature({ type: 'expert_reseau', missionLocaleCode: undefined })),
    );
    const ref = deposee.reference as string;
    const sansMotif = await call(request(app).post(`/api/candidatures/${ref}/refus`).send({ par: PAR }));
    expect(sansMotif.status).toBe(400);
    expect(paths(sansMotif)).toEqual(['motif']);
    const refusee = await call(request(app).post(`/api/candidatures/${ref}/refus`).send({ par: PAR, motif: 'Profil hors du champ des dispositifs' }));
    expect(refusee.status).toBe(200);
    expect(refusee.body).toMatchObject({
      id: ref,
      statut: 'refusee',
      decision: expect.objectContaining({ par: PAR, motif: 'Profil hors du champ des dispositifs' }),
    });
    const validation = await call(request(app).post(`/api/candidatures/${ref}/validation`).send({ par: PAR }));
    expect(validation.status).toBe(409);
    expect(validation.body.message).toMatch(/déjà été refusée/);
    expect((await call(request(app).get(`/api/candidatures/${ref}`))).body.historique.length).toBeGreaterThanOrEqual(2);
    expect((await call(request(app).get('/api/candidatures').query({ statut: 'refusee' }))).body.map((c: { id: string }) => c.id)).toContain(ref);
    expect((await call(request(app).get('/api/candidatures').query({ statut: 'perdue' }))).status).toBe(400);
  });

  it('validates an application as the intervenant routes do, consent included', async () => {
    const bad = await call(
      request(app)
        .post('/api/candidatures')
        .send(candidature({ consentement: false, missionLocaleCode: 'ML-INCONNUE', expertises: ['astrologie'], email: 'pas-une-adresse' })),
    );
    expect(bad.status).toBe(400);
    expect(paths(bad).sort()).toEqual(['consentement', 'email', 'expertises.0']);
    const unknownMl = await call(
      request(app)
        .post('/api/candidatures')
        .send(candidature({ missionLocaleCode: 'ML-INCONNUE' })),
    );
    expect(unknownMl.status).toBe(400);
    expect(paths(unknownMl)).toEqual(['missionLocaleCode']);
  });

  it('a failing capaciteLiberee never fails the request', async () => {
    const failing = createApp({
      client: new Client({ connection }),
      config: parseConfig({ LOG_LEVEL: 'silent' }),
      logger: silent,
      vivier: testStore.store,
      comptes: admin.comptes,
      capaciteLiberee: () => {
        throw new Error('waiting list down');
      },
    });
    const { body } = await call(request(avecJeton(failing, admin.jeton)).post('/api/candidatures').send(candidature()));
    const res = await call(request(avecJeton(failing, admin.jeton)).post(`/api/candidatures/${body.reference}/validation`).send({ par: PAR }));
    expect(res.status).toBe(201);
  });
});

describe('the "Je candidate" page', () => {
  const formulaire = (overrides: Record<string, string | string[]> = {}) => ({
    type: 'directeur_ml',
    nom: 'Jeanne Leroy',
    email: `jeanne.leroy.${unique()}@ml-exemple.fr`,
    telephone: '06 00 00 00 00',
    region: mlA.region,
    missionLocaleCode: mlA.code,
    cabinet: '',
    expertises: ['management', 'offre_de_service'],
    capaciteDossiers: '1',
    capaciteHeuresMois: '8',
    connaissanceMl1: mlB.code,
    connaissancePersonne1: 'le directeur',
    connaissanceMl2: '',
    connaissancePersonne2: '',
    connaissanceMl3: '',
    connaissancePersonne3: '',
    motivation: 'Je connais bien les prises de poste difficiles.',
    consentement: 'oui',
    ...overrides,
  });

  it('explains what UNML asks and has a label for every field', async () => {
    const res = await call(request(app).get('/candidater'));
    expect(res.status).toBe(200);
    expect(res.text).toContain('Je candidate — rejoindre le vivier d’experts de l’UNML');
    expect(res.text).toContain('réservé aux directeurs et directrices de Mission Locale');
    expect(res.text).toContain('Jamais une direction de votre propre région');
    expect(res.text).toContain('dont vous connaissez déjà la présidence ou la direction');
    expect(res.text).toContain('15 à 20 jours');
    expect(res.text).toContain(`<optgroup label="`);
    expect(res.text).toContain(`value="${mlA.code}"`);
    const ids = [...res.text.matchAll(/<(?:input|select|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]!);
    for (const name of [
      'type',
      'nom',
      'email',
      'telephone',
      'region',
      'missionLocaleCode',
      'cabinet',
      'expertises',
      'capaciteDossiers',
      'capaciteHeuresMois',
      'connaissanceMl1',
      'connaissancePersonne1',
      'motivation',
      'consentement',
    ]) {
      expect(res.text).toContain(`name="${name}"`);
      expect(ids.some((id) => id === `f-${name}` || id.startsWith(`f-${name}-`))).toBe(true);
    }
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(res.text).toContain(`<label for="${id}"`);
    // ?region= preselects the région.
    expect((await call(request(app).get('/candidater').query({ region: mlB.region }))).text).toContain(`<option value="${mlB.region}" selected>`);
  });

  it('re-shows the form with an error next to each field and the values kept', async () => {
    const res = await call(
      request(app)
        .post('/candidater')
        .type('form')
        .send(formulaire({ email: 'pas-une-adresse', expertises: [], consentement: '', capaciteDossiers: 'deux', connaissanceMl2: 'ML-INCONNUE' })),
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('Le formulaire contient 5 erreurs');
    expect(res.text).toContain('<p class="erreur" id="e-email">Indiquez une adresse électronique valide');
    expect(res.text).toContain('<p class="erreur" id="e-expertises">Choisissez au moins une expertise.');
    expect(res.text).toContain('<p class="erreur" id="e-consentement">Cochez cette case');
    expect(res.text).toContain('<p class="erreur" id="e-capaciteDossiers">Indiquez un nombre entier.');
    expect(res.text).toContain('<p class="erreur" id="e-connaissanceMl2">Choisissez une Mission Locale de la liste.');
    expect(res.text).toContain('value="Jeanne Leroy"');
    expect(res.text).toContain('value="pas-une-adresse"');
    expect(res.text).toContain('Je connais bien les prises de poste difficiles.');
    expect(res.text).toContain(`<option value="${mlA.code}" selected>`);
    expect(res.text).toContain(`<option value="${mlB.code}" selected>`);
    expect(res.text).toContain('value="le directeur"');
    expect(res.text).toMatch(/id="f-type-\d+" name="type" value="directeur_ml" checked/);

    const wrongRegion = await call(
      request(app)
        .post('/candidater')
        .type('form')
        .send(formulaire({ region: mlB.region })),
    );
    expect(wrongRegion.status).toBe(400);
    expect(wrongRegion.text).toContain(`<p class="erreur" id="e-missionLocaleCode">${mlA.nom} est en région`);
    const noFirm = await call(
      request(app)
        .post('/candidater')
        .type('form')
        .send(formulaire({ type: 'consultant_cabinet', missionLocaleCode: '' })),
    );
    expect(noFirm.text).toContain('<p class="erreur" id="e-cabinet">Indiquez le nom de votre cabinet');
    const noMl = await call(
      request(app)
        .post('/candidater')
        .type('form')
        .send(formulaire({ missionLocaleCode: '' })),
    );
    expect(noMl.text).toContain('<p class="erreur" id="e-missionLocaleCode">Choisissez votre Mission Locale');
  });

  it('records a good application once and shows its reference; it is listed by the API', async () => {
    const body = formulaire();
    const res = await call(request(app).post('/candidater').type('form').send(body));
    expect(res.status).toBe(201);
    const ref = /Référence de votre candidature : <strong>([^<]+)<\/strong>/.exec(res.text)?.[1];
    expect(ref).toBeDefined();
    expect(res.text).toContain('L’UNML va étudier votre candidature');
    const again = await call(request(app).post('/candidater').type('form').send(body));
    expect(again.status).toBe(200);
    expect(again.text).toContain(`<strong>${ref!}</strong>`);
    expect(again.text).toContain('déjà en attente');

    const listed = ((await call(request(app).get('/api/candidatures').query({ statut: 'en_attente' }))).body as { id: string; email: string }[]).filter(
      (c) => c.email === body.email,
    );
    expect(listed.map((c) => c.id)).toEqual([ref]);
    const detail = (await call(request(app).get(`/api/candidatures/${ref!}`))).body.candidature;
    expect(detail).toMatchObject({
      type: 'directeur_ml',
      nom: 'Jeanne Leroy',
      region: mlA.region,
      missionLocaleCode: mlA.code,
      expertises: ['management', 'offre_de_service'],
      capaciteDossiers: 1,
      capaciteHeuresMois: 8,
      connaissances: [{ missionLocaleCode: mlB.code, personne: 'le directeur' }],
    });
    expect(detail.cabinet).toBeUndefined();
  });

  it('is linked from the demand forms', async () => {
    expect((await call(request(app).get('/demande/compagnonnage'))).text).toContain('href="/candidater"');
  });
});

describe('OpenAPI', () => {
  it('lists the pool routes', async () => {
    const doc = await call(request(app).get('/openapi.json'));
    expect(doc.status).toBe(200);
    const p = doc.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(p['/api/intervenants']!).sort()).toEqual(['get', 'post']);
    expect(Object.keys(p['/api/intervenants/{id}']!).sort()).toEqual(['get', 'patch']);
    expect(p['/api/intervenants/{id}/retrait']).toHaveProperty('post');
    expect(Object.keys(p['/api/candidatures']!).sort()).toEqual(['get', 'post']);
    expect(p['/api/candidatures/{id}']).toHaveProperty('get');
    expect(p['/api/candidatures/{id}/validation']).toHaveProperty('post');
    expect(p['/api/candidatures/{id}/refus']).toHaveProperty('post');
    expect(p['/api/referentiel/regions']).toHaveProperty('get');
    expect(p['/api/referentiel/missions-locales']).toHaveProperty('get');
  });

  it('documents that PATCH removes a field with null and may change the kind', async () => {
    const doc = await call(request(app).get('/openapi.json'));
    const schema = doc.body.components.schemas.ModificationIntervenant as { properties: Record<string, { type?: unknown; description?: string }> };
    for (const field of ['telephone', 'missionLocaleCode', 'cabinet']) {
      expect(schema.properties[field]!.type).toEqual(['string', 'null']);
      expect(schema.properties[field]!.description).toContain('null : retiré de la fiche ; absent : inchangé');
    }
    expect(schema.properties.type!.description).toContain('Refusé (409) tant que l’intervenant a des réservations actives');
    expect(doc.body.paths['/api/intervenants/{id}'].patch.description).toContain('telephone, missionLocaleCode et cabinet à null sont retirés de la fiche');
  });
});

it('never answers with a stack trace', () => expectNoStackTrace(recorder.seen, 50));
