// API parts that need no Temporal server: the error middleware, OpenAPI generation, the action table,
// dossier ids and the visibility query. Temporal errors are the client library's real classes.
import express from 'express';
import request from 'supertest';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import pino from 'pino';
import { z } from 'zod';
import { parseConfig } from '../config';
import { createApp, createOpenApiDocument } from '../api/app';
import { dossierIdFor } from '../api/demandes/router';
import { DOSSIER_ACTIONS } from '../api/dossiers/actions';
import { buildListQuery } from '../api/dossiers/router';
import { listDossiersQuerySchema } from '../api/dossiers/schemas';
import { errorHandler, notFoundHandler } from '../api/errors';
import * as M from '../workflows/compagnonnage/messages';

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
  app.use(notFoundHandler);
  app.use(errorHandler(silent));

  it('answers a zod error with 400 and field paths', async () => {
    const res = await request(app).post('/zod').send({ a: { b: 'not-an-email' } });
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

  it('lists every route, every action with its 400/404/409 answers', () => {
    const paths = Object.keys(doc.paths ?? {});
    expect(paths).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/demandes', '/api/dossiers', '/api/dossiers/{id}']));
    for (const action of DOSSIER_ACTIONS) {
      const op = doc.paths?.[`/api/dossiers/{id}/${action.path}`]?.post;
      expect(op).toBeDefined();
      expect(Object.keys(op!.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '404', '409']));
      expect(op!.requestBody).toBeDefined();
    }
  });

  it('describes the demand body from the domain schemas', () => {
    const schema = JSON.stringify(doc.components?.schemas?.NouvelleDemandeCompagnonnage);
    expect(schema).toContain('missionLocale');
    expect(schema).toContain('casMobilisation');
  });
});

describe('action table', () => {
  it('maps every update of messages.ts exactly once', () => {
    const updates = Object.values(M)
      .filter((v): v is typeof M.acceptDemande => typeof v === 'object' && v !== null && (v as { type?: string }).type === 'update')
      .map((u) => u.name)
      .sort();
    expect(updates.length).toBeGreaterThanOrEqual(21);
    expect(DOSSIER_ACTIONS.map((a) => a.updateName).sort()).toEqual(updates);
    expect(new Set(DOSSIER_ACTIONS.map((a) => a.path)).size).toBe(DOSSIER_ACTIONS.length);
  });

  it('validates dates with offset and durations in whole minutes', () => {
    const seance = DOSSIER_ACTIONS.find((a) => a.path === 'seances')!.schema;
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
  });

  it('builds a visibility query from validated filters only', () => {
    const q = listDossiersQuerySchema.parse({ region: 'NOR', etape: 'qualification', missionLocale: 'ML-ROUEN' });
    expect(q.limit).toBe(50);
    expect(buildListQuery(q)).toBe("WorkflowType IN ('compagnonnage') AND Region = 'NOR' AND Etape = 'qualification' AND MissionLocale = 'ML-ROUEN'");
    expect(listDossiersQuerySchema.safeParse({ missionLocale: "x' OR WorkflowType != '" }).success).toBe(false);
    expect(listDossiersQuerySchema.safeParse({ region: 'XX' }).success).toBe(false);
    expect(listDossiersQuerySchema.safeParse({ limit: '500' }).success).toBe(false);
  });
});

describe('app without a reachable Temporal', () => {
  const connection = Connection.lazy({ address: '127.0.0.1:1' });
  const client = new Client({ connection });
  const app = createApp({ client, config: parseConfig({}), logger: silent });
  afterAll(async () => {
    await connection.close();
  });

  it('is alive but not ready', async () => {
    expect((await request(app).get('/healthz')).status).toBe(200);
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.error).toBe('temporal_unreachable');
  });

  it('validates before calling Temporal', async () => {
    const bad = await request(app).post('/api/demandes').send({ dispositif: 'compagnonnage', missionLocale: { code: 'ML X' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['missionLocale.code', 'missionLocale.region', 'direction']));
    expect((await request(app).get('/api/dossiers/not-an-id')).status).toBe(400);
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
