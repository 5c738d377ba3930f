// Standalone worker process: `npm run worker` (docker-compose's `worker` service).
// Needs a reachable Temporal (TEMPORAL_ADDRESS) and a real SMTP server (SMTP_URL); stops cleanly on
// SIGINT/SIGTERM (the SDK runtime's default shutdown signals): in-flight tasks finish, then the process exits.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { activitiesFromConfig } from '../activities';
import { actionLinksFromConfig } from '../activities/action-links';
import { createTransport } from '../activities/email/transport';
import { databaseUrl, loadConfig } from '../config';
import { dataConverterFromConfig } from '../config/codec';
import { isDevEnvironment } from '../activities/action-links';
import { openVivierStore } from '../db/vivier';
import { SqlReportingStore } from '../db/reporting';
import { SqlRetentionStore } from '../db/retention';
import { assurerPlanificationPurge } from '../activities/purge';
import { waitFor } from './connect';
import { createLogger, installRuntime } from './logger';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.SMTP_URL) {
    console.error('SMTP_URL is required for the standalone worker (e.g. SMTP_URL=smtp://localhost:1025); `npm start` runs a local SMTP sink instead');
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL, 'worker');
  installRuntime(logger);
  const transport = createTransport(config.SMTP_URL);
  let actionLinks;
  try {
    actionLinks = actionLinksFromConfig(config);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  // Encrypted payloads (issue #15): the same keys for the worker and its client (config/codec.ts).
  let encryption;
  try {
    encryption = dataConverterFromConfig(config, { dev: isDevEnvironment() });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  if (encryption.keys) logger.info({ keys: encryption.keys.source, encryptsWith: encryption.keys.keys[0]!.id }, 'payloads encrypted');
  else logger.warn('PAYLOAD_KEYS is unset: workflow payloads are stored in plain text on the Temporal server');
  const { dataConverter } = encryption;

  const connection = await waitFor(
    `Temporal at ${config.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS)`,
    () => NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }),
    {
      timeoutMs: 120_000,
      intervalMs: 1_000,
      onRetry: (err, attempt) => {
        if (attempt % 10 === 1) logger.warn({ err: (err as Error).message }, `Temporal not reachable at ${config.TEMPORAL_ADDRESS} yet, retrying`);
      },
    },
  );
  // The campaigns' activities create Schedules and query workflows: a client on the same server and namespace.
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  // The intervenant pool (migrated on open): SQLite under DATA_DIR, or PostgreSQL with DATABASE_URL.
  const vivier = await openVivierStore(databaseUrl(config));
  try {
    const worker = await createWorker({
      connection,
      config,
      dataConverter,
      // The reporting read model (issue #14) lives in the pool's database.
      activities: activitiesFromConfig(config, {
        transport,
        actionLinks,
        logger,
        vivier,
        client,
        retention: new SqlRetentionStore(vivier.db),
        reporting: new SqlReportingStore(vivier.db),
        db: vivier.db, // scheduled exports (issue #14)
      }),
    });
    // The daily retention purge (issue #15): its Schedule, created or brought up to date.
    logger.info({ schedule: await assurerPlanificationPurge(client, { taskQueue: config.TASK_QUEUE, intervalleMs: config.PURGE_INTERVAL }) }, 'purge schedule');
    logger.info({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TASK_QUEUE }, 'worker running');
    await worker.run();
    logger.info('worker stopped');
  } finally {
    await vivier.close();
    await clientConnection.close();
    await connection.close();
    transport.close();
  }
}

main().catch((err: unknown) => {
  console.error('Worker failed:', err);
  process.exit(1);
});
