// Standalone API process: `npm run api`.
import { createServer } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { actionLinksFromConfig, type ActionLinks } from '../activities/action-links';
import { databaseUrl, loadConfig } from '../config';
import { dataConverterFromConfig } from '../config/codec';
import { redactDatabaseUrl } from '../db/database';
import { openVivierStore, type SqlVivierStore } from '../db/vivier';
import { SqlComptesStore } from '../db/comptes';
import { premierAdmin } from './acces/amorce';
import { nettoyagePeriodique } from './acces/nettoyage';
import { resolveSessionSecret } from './acces/secret';
import { isDevEnvironment } from '../activities/action-links';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL });
  let actionLinks: ActionLinks;
  try {
    actionLinks = actionLinksFromConfig(config);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  // Encrypted payloads (issue #15): the worker's keys (config/codec.ts); the codec endpoint (/codec/*) uses them too.
  let encryption: ReturnType<typeof dataConverterFromConfig>;
  try {
    encryption = dataConverterFromConfig(config, { dev: isDevEnvironment() });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  if (encryption.keys) logger.info({ keys: encryption.keys.source, encryptsWith: encryption.keys.keys[0]!.id }, 'payloads encrypted');
  else logger.warn('PAYLOAD_KEYS is unset: workflow payloads are stored in plain text on the Temporal server');
  let connection: Connection;
  try {
    connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  } catch (err) {
    // Start anyway: /readyz answers 503 until Temporal is up, and the connection retries on each call.
    logger.warn(
      { err: (err as Error).message },
      `Temporal unreachable at ${config.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS): starting anyway, /readyz answers 503 until it is up`,
    );
    connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  }
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: encryption.dataConverter });
  // The intervenant pool (migrated on open): SQLite under DATA_DIR, or PostgreSQL with DATABASE_URL.
  let vivier: SqlVivierStore;
  try {
    vivier = await openVivierStore(databaseUrl(config));
  } catch (err) {
    console.error(
      `API: the intervenant pool's database (${redactDatabaseUrl(databaseUrl(config))}, DATABASE_URL) could not be opened: ${(err as Error).message}`,
    );
    process.exit(1);
  }
  // Staff accounts live in the same database; the first admin comes from ADMIN_EMAIL when none exists.
  const comptes = new SqlComptesStore(vivier.db);
  let sessionSecret: string;
  try {
    sessionSecret = resolveSessionSecret({ secret: config.SESSION_SECRET, dev: isDevEnvironment(), dataDir: config.DATA_DIR });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const admin = await premierAdmin(comptes, config);
  if (admin) logger.info({ compte: admin.id }, 'first admin account created from ADMIN_EMAIL: sign in at /connexion');
  else if ((await comptes.compterComptes()) === 0) logger.warn('no staff account yet: set ADMIN_EMAIL (and ADMIN_NOM) to create the first admin');
  if (!config.SMTP_URL) logger.warn('SMTP_URL is unset: the API cannot email sign-in links');
  const app = createApp({ client, config, logger, actionLinks, vivier, comptes, sessionSecret });

  // http.createServer rather than app.listen: express 5 calls app.listen's callback on errors too.
  const server = createServer(app);
  // Expired sign-in links and ended sessions are deleted every SIGNIN_CLEANUP_INTERVAL, until the server closes.
  nettoyagePeriodique({ comptes, config, logger }, server);
  server.on('error', (err) => {
    logger.fatal({ err }, `API could not listen on port ${config.PORT} (PORT)`);
    process.exit(1);
  });
  server.listen(config.PORT, () => {
    logger.info({ port: config.PORT, docs: `http://localhost:${config.PORT}/docs` }, 'API listening');
  });

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('forced exit after 10 s');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close((err) => {
      void Promise.allSettled([
        connection.close().catch((closeErr: unknown) => logger.warn({ err: closeErr }, 'closing the Temporal connection failed')),
        vivier.close().catch((closeErr: unknown) => logger.warn({ err: closeErr }, 'closing the pool database failed')),
      ]).then(() => {
        if (err) logger.error({ err }, 'server close failed');
        process.exit(err ? 1 : 0);
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  console.error('API failed to start:', err);
  process.exit(1);
});
