// The whole stack for API end-to-end tests: a real Temporal dev server, a real worker running the real
// workflows and activities (emails through nodemailer to a local SMTP sink), the intervenant pool in a temporary
// SQLite database, and the express app.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Express } from 'express';
import pino from 'pino';
import { createActivities } from '../../activities';
import { actionLinksFromConfig, type ActionLinks } from '../../activities/action-links';
import { startSmtpSink, type SmtpSink } from '../../activities/email/sink';
import { createReportingActivities } from '../../activities/reporting';
import { SqlReportingStore } from '../../db/reporting';
import { createVivierActivities } from '../../activities/vivier';
import { createCampagneActivities } from '../../activities/campagne';
import { createSuiteDiagnosticActivities } from '../../activities/suite-diagnostic';
import { createPurgeActivities } from '../../activities/purge';
import { SqlRetentionStore } from '../../db/retention';
import { createExportActivities } from '../../activities/exports'; // Scheduled exports (issue #14)
import { createTransport } from '../../activities/email/transport';
import { createApp } from '../../api/app';
import { signalerCapaciteLiberee } from '../../api/vivier-client';
import { parseConfig, type Config } from '../../config';
import type { VivierStore } from '../../db/store';
import type { Intervenant } from '../../domain/schemas';
import { seedDemoPool } from '../../db/seed';
import { createWorker } from '../../worker/worker';
import type { Compte } from '../../db/comptes-store';
import type { SqlComptesStore } from '../../db/comptes';
import { avecJeton, compteDeTest } from './acces';
import { createTestStore, type TestStore } from './db';
import { COLLEGUE, INTERLOCUTRICE } from './fixtures';
import { createDevServerEnv } from './temporal';
import { testDataConverter, TEST_PAYLOAD_KEYS } from './codec';

export interface ApiStack {
  env: TestWorkflowEnvironment;
  config: Config;
  /** The app, acting as a signed-in UNML admin: every request without its own credential carries `jetonAdmin`. */
  app: Express;
  /** The app as the public meets it: no credential added. */
  appSansCompte: Express;
  /** Staff accounts, sessions and tokens of the stack (same database as the pool). */
  comptes: SqlComptesStore;
  /** The admin `app` acts as, and its API token. */
  compteAdmin: Compte;
  jetonAdmin: string;
  /** Where the SMTP sink writes each email as an .eml file. */
  mailDir: string;
  /** DATA_DIR of the app (deliverables). */
  dataDir: string;
  /** Signs and verifies the links of emails, with the stack's secret. */
  actionLinks: ActionLinks;
  /** The intervenant pool the app uses (a fresh SQLite database). */
  vivier: VivierStore;
  /** Every reason the app gave to capaciteLiberee, in order. */
  capacitesLiberees: string[];
  /** Adds an intervenant to the pool (room for every dossier of a test file), so staff can designate them. */
  ajouterIntervenant(i: Pick<Intervenant, 'id' | 'nom' | 'email' | 'type' | 'region'>): Promise<void>;
  /** The raw text of every email received so far. */
  mails(): string[];
  /** Stops the worker (the app and Temporal go on): no workflow task nor query is answered any more. */
  arreterWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function startApiStack(env: Record<string, string> = {}, opts: { demoPool?: boolean } = {}): Promise<ApiStack> {
  // Encrypted payloads (issue #15): the worker and every client of the stack encrypt with the test keys.
  const dataConverter = testDataConverter();
  const temporal = await createDevServerEnv({ dataConverter });
  const mailDir = mkdtempSync(join(tmpdir(), 'api-test-mails-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'api-test-data-'));
  let sink: SmtpSink | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  let pool: TestStore | undefined;
  const arreterWorker = async () => {
    if (worker) {
      worker.shutdown();
      await running;
      worker = undefined;
    }
  };
  const stop = async () => {
    await arreterWorker();
    await pool?.cleanup();
    await sink?.close();
    await temporal.teardown();
    rmSync(mailDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    sink = await startSmtpSink({ port: 0, dir: mailDir, log: () => undefined });
    pool = await createTestStore('sqlite');
    if (opts.demoPool) await seedDemoPool(pool.store);
    const config = parseConfig({
      TASK_QUEUE: `api-test-${randomUUID()}`,
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      TEMPORAL_UI_URL: 'http://localhost:8233',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      ACTION_LINK_SECRET: 'test-secret-for-action-links-0123456789abcdef',
      PAYLOAD_KEYS: TEST_PAYLOAD_KEYS,
      ...env,
    });
    const actionLinks = actionLinksFromConfig(config, false);
    worker = await createWorker({
      connection: temporal.nativeConnection,
      config,
      dataConverter,
      activities: {
        ...createActivities({
          transport: createTransport(config.SMTP_URL!),
          from: config.MAIL_FROM,
          publicUrl: config.PUBLIC_URL,
          unmlContactEmail: config.UNML_CONTACT_EMAIL,
          actionLinks,
        }),
        ...createVivierActivities({ vivier: pool.store }),
        ...createCampagneActivities({ client: temporal.client, taskQueue: config.TASK_QUEUE }),
        // issue #14: the dossier a Diagnostic's accepted proposal leads to.
        ...createSuiteDiagnosticActivities({ client: temporal.client, config }),
        // issue #15: the retention purge.
        ...createPurgeActivities({
          retention: new SqlRetentionStore(pool.store.db),
          client: temporal.client,
          dataDir: config.DATA_DIR,
          mailDir,
          dossiersMois: config.RETENTION_DOSSIERS_MOIS,
          candidaturesMois: config.RETENTION_CANDIDATURES_MOIS,
        }),
        // issue #14: the reporting read model, in the pool's database.
        ...createReportingActivities({ reporting: new SqlReportingStore(pool.db) }),
        // issue #14: scheduled exports (their Schedules fire on this dev server), on the pool's database.
        ...createExportActivities({ db: pool.db, vivier: pool.store, config, transport: createTransport(config.SMTP_URL!) }),
      },
    });
    running = worker.run();
    const vivier = pool.store;
    const capacitesLiberees: string[] = [];
    const admin = await compteDeTest(pool.db, 'admin');
    // The interlocutrices the tests name (a dossier's interlocutrice is an active charge_mission account).
    for (const c of [INTERLOCUTRICE, COLLEGUE]) await admin.comptes.creerCompte({ ...c, roles: ['charge_mission'] }, 'test');
    const appSansCompte = createApp({
      client: temporal.client,
      config,
      logger: pino({ level: 'silent' }),
      actionLinks,
      devMailDir: mailDir,
      vivier,
      comptes: admin.comptes,
      capaciteLiberee: (raison) => {
        capacitesLiberees.push(raison);
        return signalerCapaciteLiberee(temporal.client, config.TASK_QUEUE, raison);
      },
    });
    const mails = () =>
      readdirSync(mailDir)
        .filter((f) => f.endsWith('.eml'))
        .map((f) => readFileSync(join(mailDir, f), 'utf8'));
    const ajouterIntervenant = async (i: Pick<Intervenant, 'id' | 'nom' | 'email' | 'type' | 'region'>) => {
      await vivier.createIntervenant(
        {
          ...i,
          expertises: ['organisation_rh', 'management', 'offre_de_service'],
          capaciteDossiers: 10,
          capaciteHeuresMois: 80,
          ...(i.type === 'consultant_cabinet' ? { cabinet: 'Cabinet Test' } : {}),
        },
        'test',
      );
    };
    const app = avecJeton(appSansCompte, admin.jeton);
    const acces = { appSansCompte, comptes: admin.comptes, compteAdmin: admin.compte, jetonAdmin: admin.jeton };
    return { env: temporal, config, app, ...acces, mailDir, dataDir, actionLinks, vivier, capacitesLiberees, ajouterIntervenant, mails, arreterWorker, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
