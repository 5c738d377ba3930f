// Fault: the Temporal dev server killed (SIGKILL) and started again on the same SQLite file and port mid-run (issue #15,
// `npm run test:faults`). The server is the CLI on a temporary --db-filename (as `npm start` runs it, scripts/dev.ts),
// the API app in this process, the worker a child process (test/faults/worker-enfant.ts; started again only if it gave
// up while the server was away, which is counted). Compagnonnage dossiers wait for complements with short delays
// (COMPLEMENTS_REMINDER_DELAY 40 s, COMPLEMENTS_LAPSE_DELAY 70 s): their timers are pending when the server is killed.
// Once it is back: the reminders arrive, the dossiers lapse at their deadline, and an action through the API works on
// a dossier filed before the kill. Real time: about two minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import pino from 'pino';
import request from 'supertest';
import { actionLinksFromConfig } from '../../activities/action-links';
import { startSmtpSink, type SmtpSink } from '../../activities/email/sink';
import { createApp } from '../../api/app';
import { parseConfig } from '../../config';
import { TEST_PAYLOAD_KEYS } from '../helpers/codec';
import { avecJeton, compteDeTest } from '../helpers/acces';
import { demandeApi } from '../helpers/compagnonnage';
import { createTestStore, type TestStore } from '../helpers/db';
import { INTERLOCUTRICE } from '../helpers/fixtures';
import { until } from '../helpers/temporal';
import { bundleDesWorkflows, clientDe, courriels, demarrerServeur, demarrerWorker, portLibre, tuer, type ServeurTemporal, type WorkerEnfant } from './outils';

const dir = mkdtempSync(join(tmpdir(), 'faults-serveur-'));
const mailDir = join(dir, 'mails');
const dbFile = join(dir, 'temporal.db');
let port: number;
let serveur: ServeurTemporal | undefined;
let sink: SmtpSink | undefined;
let pool: TestStore | undefined;
let temporal: { client: Client; connection: Connection } | undefined;
let worker: WorkerEnfant | undefined;
let app: Express;
let envWorker: Record<string, string>;
let arret = false;
let workersRelances = 0;

/** Keeps a worker running: one that exits (it gave up on the server) is replaced. */
function garderWorker(): void {
  worker = demarrerWorker(envWorker);
  worker.process.once('exit', () => {
    if (arret) return;
    workersRelances += 1;
    garderWorker();
  });
}

beforeAll(async () => {
  port = await portLibre();
  serveur = await demarrerServeur(port, dbFile);
  sink = await startSmtpSink({ port: 0, dir: mailDir, log: () => undefined });
  pool = await createTestStore('sqlite');
  envWorker = {
    TEMPORAL_ADDRESS: serveur.address,
    TEMPORAL_NAMESPACE: 'default',
    TASK_QUEUE: 'faults-serveur-redemarre',
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    TEMPORAL_UI_URL: 'http://localhost:8233',
    LOG_LEVEL: 'warn',
    DATA_DIR: join(dir, 'data'),
    DATABASE_URL: pool.url,
    ACTION_LINK_SECRET: 'test-secret-for-action-links-0123456789abcdef',
    PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
    COMPLEMENTS_REMINDER_DELAY: '40s',
    COMPLEMENTS_LAPSE_DELAY: '70s',
    FAULTS_WORKFLOW_BUNDLE: await bundleDesWorkflows(dir),
  };
  const config = parseConfig(envWorker);
  temporal = await clientDe(serveur.address);
  const admin = await compteDeTest(pool.db, 'admin');
  await admin.comptes.creerCompte({ ...INTERLOCUTRICE, roles: ['charge_mission'] }, 'test');
  app = avecJeton(
    createApp({
      client: temporal.client,
      config,
      logger: pino({ level: 'silent' }),
      actionLinks: actionLinksFromConfig(config, false),
      devMailDir: mailDir,
      vivier: pool.store,
      comptes: admin.comptes,
      capaciteLiberee: async () => undefined,
    }),
    admin.jeton,
  );
  garderWorker();
  await worker!.pret;
}, 180_000);

afterAll(async () => {
  arret = true;
  await tuer(worker?.process);
  await tuer(serveur?.process);
  await temporal?.connection.close();
  await sink?.close();
  await pool?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('the Temporal dev server killed and started again on the same SQLite file', () => {
  it('resumes the running dossiers: their timers fire after the restart, and actions work again', async () => {
    const dossier = async (id: string): Promise<{ etape: string } | undefined> => {
      try {
        const res = await request(app).get(`/api/dossiers/${id}`).timeout(10_000);
        return res.status === 200 ? (res.body as { etape: string }) : undefined;
      } catch {
        return undefined;
      }
    };
    // Three dossiers waiting for complements (a reminder timer, then a lapse timer), one waiting for UNML.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await request(app).post('/api/demandes').send(demandeApi());
      expect(res.status).toBe(201);
      ids.push(res.body.dossierId as string);
    }
    const [a, b, c, qualif] = ids as [string, string, string, string];
    const demandesLe = Date.now();
    for (const id of [a, b, c]) {
      const res = await request(app).post(`/api/dossiers/${id}/demander-complements`).send({ aCompleter: 'Le contexte de la prise de poste.' });
      expect(`${id}: ${res.status} ${res.status === 200 ? '' : res.text}`).toBe(`${id}: 200 `);
      expect(res.body.etape).toBe('complements_attendus');
    }

    // The server is killed with the timers pending, and started again on the same file and port.
    await tuer(serveur!.process);
    const tueLe = Date.now();
    expect(tueLe - demandesLe).toBeLessThan(35_000); // the reminders are still to come
    serveur = await demarrerServeur(port, dbFile);
    const revenuApres = Date.now() - tueLe;

    // An action through the API works again (the client and the worker reconnect by themselves).
    const accepte = await until(
      'accepter answered after the restart',
      async () => {
        const res = await request(app)
          .post(`/api/dossiers/${qualif}/accepter`)
          .send({ interlocutrice: INTERLOCUTRICE })
          .timeout(15_000)
          .catch(() => undefined);
        if (res?.status === 200) return res;
        const d = await dossier(qualif);
        return d && d.etape !== 'qualification' ? res : undefined;
      },
      undefined,
      90_000,
    );
    expect((await until(`${qualif} answering`, () => dossier(qualif), undefined, 30_000)).etape).toBe('designation_intervenant');

    // The reminders (40 s after the demand for complements) arrive after the restart, once each.
    await until(
      'the reminders',
      async () => {
        const relances = (await courriels(mailDir)).filter((m) => m.kind === 'relance_complements');
        return [a, b, c].every((id) => relances.some((m) => m.dossier === id)) ? true : undefined;
      },
      undefined,
      120_000,
    );
    // Each dossier lapses at its deadline (70 s after the demand for complements).
    for (const id of [a, b, c]) {
      await until(
        `${id} lapsed`,
        () => dossier(id),
        (d) => d.etape === 'caduque',
        120_000,
      );
    }
    expect(Date.now() - demandesLe).toBeGreaterThanOrEqual(70_000);
    await new Promise((r) => setTimeout(r, 2_000));
    const mails = await courriels(mailDir);
    const messageIds = mails.map((m) => m.messageId);
    expect(messageIds.filter((m, i) => messageIds.indexOf(m) !== i)).toEqual([]);
    for (const id of [a, b, c]) expect(mails.filter((m) => m.dossier === id && m.kind === 'relance_complements').length).toBeGreaterThanOrEqual(1);
    console.log(
      `server back ${Math.round(revenuApres / 1000)} s after the kill; accepter answered ${accepte?.status ?? '(through a retry)'}; ` +
        `worker replaced ${workersRelances} times`,
    );
  }, 300_000);
});
