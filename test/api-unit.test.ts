// API parts that need no Temporal server: the error middleware, OpenAPI generation, the action table,
// dossier ids and the visibility query. Temporal errors are the client library's real classes.
import express from 'express';
import request from 'supertest';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import pino from 'pino';
import { z } from 'zod';
import { parseConfig } from '../config';
import { VivierErreur } from '../db/store';
import { createApp, createOpenApiDocument } from '../api/app';
import { dossierIdFor } from '../api/demandes/router';
import { COMPAGNONNAGE_ACTIONS } from '../api/dossiers/compagnonnage/actions';
import { APPUI_CONSEIL_ACTIONS } from '../api/dossiers/appui-conseil/actions';
import { DIAGNOSTIC_ACTIONS } from '../api/dossiers/diagnostic/actions';
import { DISPOSITIFS_API, actionFor } from '../api/dossiers/dispositifs';
import { buildListQuery } from '../api/dossiers/router';
import { listDossiersQuerySchema } from '../api/dossiers/schemas';
import { errorHandler, notFoundHandler } from '../api/errors';
import { decodeFichier, nomDeTelechargement, signatureConforme } from '../api/livrables/fichiers';
import * as MA from '../workflows/appui-conseil/messages';
import * as M from '../workflows/compagnonnage/messages';
import { avecJeton, compteDeTest } from './helpers/acces';
import { createTestStore, type TestStore } from './helpers/db';
import { relancer } from '../workflows/shared/messages';

const silent = pino({ level: 'silent' });

function expectNoStack(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\n\s+at |at .*\.(ts|js):\d+|node_modules|stack/i);
}

describe('error middleware', () => {
  const app = express();
  app.use(express.json());
  app.post('/zod', (req, res) => {
    res.json(z.object({ a: z.object({ b: z.email() }), n: z.number() }).parse(req.body));
  });
  app.get('/refused', () => {
    throw new WorkflowUpdateFailedError(
      'Workflow Update failed',
      ApplicationFailure.create({ type: 'ActionRefusee', message: "Signer l'acte d'engagement n'est pas possible à l'étape « qualification »." }),
    );
  });
  app.get('/update-other-failure', () => {
    throw new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type: 'Bug', message: 'internal detail' }));
  });
  app.get('/not-found', () => {
    throw new WorkflowNotFoundError('workflow not found for ID: CMP-0000000000', 'CMP-0000000000', undefined);
  });
  app.get('/not-found-as-cause', () => {
    throw new Error('wrapped', { cause: new WorkflowNotFoundError('not found', 'CMP-0000000001', undefined) });
  });
  app.get('/completed', () => {
    throw new WorkflowNotFoundError('workflow execution already completed', 'CMP-0000000002', undefined);
  });
  app.get('/boom', async () => {
    throw new Error('secret database password in /srv/app/file.ts:12');
  });
  app.get('/vivier/:code', (req) => {
    const code = req.params.code as 'introuvable' | 'conflit' | 'capacite_atteinte';
    throw new VivierErreur(code, 'Refus du vivier, en français.', code === 'capacite_atteinte' ? { capaciteDossiers: 2, dossiersEnCours: 2 } : undefined);
  });
  app.use(notFoundHandler);
  app.use(errorHandler(silent));

  it('answers the pool refusals: introuvable 404, others 409, with the code, message and details', async () => {
    expect((await request(app).get('/vivier/introuvable')).status).toBe(404);
    const conflit = await request(app).get('/vivier/conflit');
    expect(conflit.status).toBe(409);
    expect(conflit.body).toEqual({ error: 'conflit', message: 'Refus du vivier, en français.' });
    const capacite = await request(app).get('/vivier/capacite_atteinte');
    expect(capacite.status).toBe(409);
    expect(capacite.body).toEqual({
      error: 'capacite_atteinte',
      message: 'Refus du vivier, en français.',
      details: { capaciteDossiers: 2, dossiersEnCours: 2 },
    });
  });

  it('answers a zod error with 400 and field paths', async () => {
    const res = await request(app)
      .post('/zod')
      .send({ a: { b: 'not-an-email' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('validation');
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['a.b', 'n']);
    expect(res.body.message).toMatch(/a\.b/);
    expectNoStack(res.body);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await request(app).post('/zod').set('Content-Type', 'application/json').send('{"a": ');
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_json');
    expectNoStack(res.body);
  });

  it('answers a refused update with 409 and the French reason', async () => {
    const res = await request(app).get('/refused');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: 'action_refusee', message: "Signer l'acte d'engagement n'est pas possible à l'étape « qualification »." });
  });

  it('answers an unknown dossier with 404, also when it is the cause', async () => {
    for (const path of ['/not-found', '/not-found-as-cause']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('not_found');
    }
  });

  it('answers an update on a completed workflow with 409', async () => {
    const res = await request(app).get('/completed');
    expect(res.status).toBe(409);
    expect(res.body.error).toBe('action_refusee');
  });

  it('answers anything else with a generic 500 and no details', async () => {
    for (const path of ['/boom', '/update-other-failure']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(500);
      expect(res.body.error).toBe('internal');
      expect(JSON.stringify(res.body)).not.toMatch(/secret|internal detail/);
      expectNoStack(res.body);
    }
  });

  it('answers an unknown route with a JSON 404', async () => {
    const res = await request(app).get('/nope');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('not_found');
  });
});

describe('OpenAPI document', () => {
  const doc = createOpenApiDocument();

  it('lists every route, every action of every dispositif with its 400/404/409 answers', () => {
    const paths = Object.keys(doc.paths ?? {});
    expect(paths).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/readyz',
        '/api/demandes',
        '/api/dossiers',
        '/api/dossiers/{id}',
        '/api/dossiers/{id}/document-suivi',
        '/api/dossiers/{id}/document-suivi.html',
        '/api/dossiers/{id}/livrables/{numero}',
      ]),
    );
    const operationIds = new Set<string>();
    for (const api of Object.values(DISPOSITIFS_API)) {
      for (const action of api.actions) {
        const op = doc.paths?.[`/api/dossiers/${api.prefix}-{ref}/${action.path}`]?.post;
        expect(op).toBeDefined();
        expect(op!.tags).toEqual([api.tag]);
        expect(Object.keys(op!.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
        expect(op!.requestBody).toBeDefined();
        operationIds.add(op!.operationId!);
      }
    }
    // An action both dispositifs have (decliner, abandon…) is documented once per dispositif, under distinct ids.
    expect(operationIds.size).toBe(COMPAGNONNAGE_ACTIONS.length + APPUI_CONSEIL_ACTIONS.length + DIAGNOSTIC_ACTIONS.length);
    expect(doc.paths?.['/api/dossiers/APC-{ref}/decliner']?.post?.operationId).toBe('appuiConseilDeclineDemande');
    expect(doc.paths?.['/api/dossiers/CMP-{ref}/decliner']?.post?.operationId).toBe('compagnonnageDeclineDemande');
    expect(Object.keys(doc.paths?.['/api/dossiers/APC-{ref}/livrables']?.post?.responses ?? {})).toContain('413');
  });

  it('describes the demand bodies and the dossier states from the domain schemas', () => {
    for (const name of ['NouvelleDemandeCompagnonnage', 'NouvelleDemandeAppuiConseil']) {
      const schema = JSON.stringify(doc.components?.schemas?.[name]);
      expect(schema).toContain('missionLocale');
      expect(schema).toContain('casMobilisation');
    }
    expect(doc.components?.schemas).toHaveProperty('DossierCompagnonnage');
    expect(doc.components?.schemas).toHaveProperty('DossierAppuiConseil');
  });
});

const updateNames = (messages: Record<string, unknown>) =>
  Object.values(messages)
    .filter((v): v is { name: string } => typeof v === 'object' && v !== null && (v as { type?: string }).type === 'update')
    .map((u) => u.name)
    .sort();

describe('action tables', () => {
  it.each([
    ['compagnonnage', COMPAGNONNAGE_ACTIONS, M, 21],
    ['appui_conseil', APPUI_CONSEIL_ACTIONS, MA, 25],
  ] as const)('%s: maps every update of its messages.ts exactly once', (d, actions, messages, count) => {
    // Served by a route of its own: the designation (a network member's for Appui Conseil) goes through the pool (api/candidats).
    const ailleurs: string[] = d === 'compagnonnage' ? ['designateIntervenant'] : ['addMembreReseau'];
    // And the kit's own that every dispositif's table serves (workflows/shared/messages.ts): the pending reminder sent again.
    const updates = updateNames({ ...messages, relancer }).filter((u) => !ailleurs.includes(u));
    expect(updates.length).toBeGreaterThanOrEqual(count - ailleurs.length);
    expect(actions.map((a) => a.updateName).sort()).toEqual(updates);
    expect(new Set(actions.map((a) => a.path)).size).toBe(actions.length);
  });

  it('picks the table by the dossier id prefix, and says when an action does not apply', () => {
    expect(actionFor('APC-0123456789', 'cabinet').updateName).toBe('mobiliseCabinet');
    expect(actionFor('APC-0123456789', 'decliner').updateName).toBe('declineDemande');
    expect(actionFor('CMP-0123456789', 'accepter').updateName).toBe('acceptDemande');
    expect(() => actionFor('CMP-0123456789', 'cabinet')).toThrow(/« cabinet » ne s'applique pas aux dossiers Compagnonnage.*Appui Conseil/);
    expect(() => actionFor('APC-0123456789', 'seances')).toThrow(/ne s'applique pas aux dossiers Appui Conseil/);
  });

  it('validates dates with offset and durations in whole minutes', () => {
    const seance = COMPAGNONNAGE_ACTIONS.find((a) => a.path === 'seances')!.schema;
    expect(seance.safeParse({ date: '2026-01-10T10:00:00+01:00', dureeMinutes: 120, resume: 'Point' }).success).toBe(true);
    expect(seance.safeParse({ date: '2026-01-10T10:00:00', dureeMinutes: 120, resume: 'Point' }).success).toBe(false);
    expect(seance.safeParse({ date: '2026-01-10T10:00:00Z', dureeMinutes: 90.5, resume: 'Point' }).success).toBe(false);
    expect(seance.safeParse({ date: '2026-01-10T10:00:00Z', dureeMinutes: -5, resume: 'Point' }).success).toBe(false);
  });
});

describe('dossier ids and list query', () => {
  it('derives the same id from the same request id, a random one otherwise, with no personal data', () => {
    const a = dossierIdFor('compagnonnage', 'claire.martin@ml-rouen.fr-2026');
    expect(a).toMatch(/^CMP-[0-9A-F]{10}$/);
    expect(dossierIdFor('compagnonnage', 'claire.martin@ml-rouen.fr-2026')).toBe(a);
    expect(a).not.toMatch(/claire|rouen/i);
    expect(dossierIdFor('compagnonnage')).not.toBe(dossierIdFor('compagnonnage'));
    expect(dossierIdFor('appui_conseil', 'claire.martin@ml-rouen.fr-2026')).toMatch(/^APC-[0-9A-F]{10}$/);
  });

  it('builds a visibility query from validated filters only', () => {
    const q = listDossiersQuerySchema.parse({ region: 'NOR', etape: 'qualification', missionLocale: 'ML-ROUEN' });
    expect(q.limit).toBe(50);
    expect(buildListQuery(q)).toBe(
      "WorkflowType IN ('compagnonnage', 'appuiConseil', 'diagnostic') AND Region = 'NOR' AND Etape = 'qualification' AND MissionLocale = 'ML-ROUEN'",
    );
    expect(buildListQuery({ dispositif: 'appui_conseil', etape: 'mise_en_oeuvre' })).toBe(
      "WorkflowType IN ('appuiConseil') AND Dispositif = 'appui_conseil' AND Etape = 'mise_en_oeuvre'",
    );
    expect(listDossiersQuerySchema.safeParse({ missionLocale: "x' OR WorkflowType != '" }).success).toBe(false);
    expect(listDossiersQuerySchema.safeParse({ region: 'XX' }).success).toBe(false);
    expect(listDossiersQuerySchema.safeParse({ limit: '500' }).success).toBe(false);
  });

  it('filters on who a dossier waits for and on overdue (its next deadline before the instant given)', () => {
    const q = listDossiersQuerySchema.parse({ dispositif: 'diagnostic', attenteDe: 'unml', enRetard: 'true' });
    const le = new Date('2026-03-02T09:00:00.000Z');
    expect(buildListQuery(q, le)).toBe(
      "WorkflowType IN ('diagnostic') AND Dispositif = 'diagnostic' AND AttenteDe = 'unml' AND ProchaineEcheance < '2026-03-02T09:00:00.000Z'",
    );
    expect(buildListQuery(listDossiersQuerySchema.parse({ enRetard: 'false' }), le)).toMatch(
      / AND \(ProchaineEcheance >= '2026-03-02T09:00:00.000Z' OR ProchaineEcheance IS NULL\)$/,
    );
    expect(listDossiersQuerySchema.safeParse({ attenteDe: 'sophie' }).success).toBe(false);
    expect(listDossiersQuerySchema.safeParse({ page: "x' OR 1=1" }).success).toBe(false);
  });
});

describe('app without a reachable Temporal', () => {
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const client = new Client({ connection });
  let pool: TestStore;
  let app: express.Express;
  beforeAll(async () => {
    pool = await createTestStore('sqlite');
    const admin = await compteDeTest(pool.db);
    app = avecJeton(createApp({ client, config: parseConfig({}), logger: silent, vivier: pool.store, comptes: admin.comptes }), admin.jeton);
  });
  afterAll(async () => {
    await connection.close();
    await pool?.cleanup();
  });

  it('is alive but not ready', async () => {
    expect((await request(app).get('/healthz')).status).toBe(200);
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('temporal_unreachable');
  });

  it('validates before calling Temporal', async () => {
    const bad = await request(app)
      .post('/api/demandes')
      .send({ dispositif: 'compagnonnage', missionLocale: { code: 'ML X' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['missionLocale.code', 'missionLocale.region', 'direction']));
    expect((await request(app).get('/api/dossiers/not-an-id')).status).toBe(400);
    expect((await request(app).get('/api/dossiers/XYZ-0123456789')).status).toBe(400);
    const inapplicable = await request(app).post('/api/dossiers/CMP-0123456789/cabinet').send({});
    expect(inapplicable.status).toBe(404);
    expect(inapplicable.body.error).toBe('action_inapplicable');
    expect((await request(app).post('/api/dossiers/CMP-0123456789/decliner').send({})).status).toBe(400);
    expect((await request(app).get('/api/dossiers?etape=nope')).status).toBe(400);
    const date = await request(app).post('/api/dossiers/CMP-0123456789/seances').send({ date: '2026-01-10', dureeMinutes: 60, resume: 'Point' });
    expect(date.status).toBe(400);
    expect(date.body.details).toEqual([{ path: 'date', message: expect.stringContaining('ISO 8601') }]);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const doc = await request(app).get('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const ui = await request(app).get('/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});

describe('deliverable files', () => {
  const b64 = (buf: Buffer) => buf.toString('base64');
  const zip = (...entries: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(entries.join(''), 'latin1')]);

  it('checks the content signature against the declared type', () => {
    expect(signatureConforme('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true);
    expect(signatureConforme('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(signatureConforme('image/jpeg', Buffer.from('%PDF-1.4'))).toBe(false);
    expect(signatureConforme('application/vnd.openxmlformats-officedocument.wordprocessingml.document', zip('[Content_Types].xml', 'word/document.xml'))).toBe(
      true,
    );
    expect(signatureConforme('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zip('[Content_Types].xml', 'word/document.xml'))).toBe(false);
    expect(signatureConforme('application/vnd.oasis.opendocument.text', zip('mimetypeapplication/vnd.oasis.opendocument.text'))).toBe(true);
    expect(signatureConforme('application/pdf', zip('x'))).toBe(false);
  });

  it('decodes strict base64 within the size limit (413 beyond, 400 for bad base64 or a mismatching content)', () => {
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
    expect(decodeFichier({ nomFichier: 'a.pdf', type: 'application/pdf', contenuBase64: b64(pdf) }, 1024).equals(pdf)).toBe(true);
    expect(() => decodeFichier({ nomFichier: 'a.pdf', type: 'application/pdf', contenuBase64: b64(pdf) }, 4)).toThrow(expect.objectContaining({ status: 413 }));
    expect(() => decodeFichier({ nomFichier: 'a.pdf', type: 'application/pdf', contenuBase64: 'data:application/pdf;base64,JVBERi0=' }, 1024)).toThrow(
      z.ZodError,
    );
    expect(() => decodeFichier({ nomFichier: 'a.png', type: 'image/png', contenuBase64: b64(pdf) }, 1024)).toThrow(/ne correspond pas au type déclaré PNG/);
  });

  it('names downloads from the deliverable title, without path characters', () => {
    expect(nomDeTelechargement('Rapport / final: v2', 'application/pdf')).toBe('Rapport final v2.pdf');
  });
});
