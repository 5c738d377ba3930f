// The worker of the fault tests as a separate process (issue #15), so a test can SIGKILL it: the same worker as
// worker/main.ts (same config from the environment, same activities, same payload codec), except that it loads the
// workflows from a bundle the test built once (FAULTS_WORKFLOW_BUNDLE), not bundling them again at each restart, and
// does not create the purge Schedule. With FAULTS_WORKER_ATTENDRE=1 it gets everything ready (modules, connections,
// the pool, the worker created), prints `worker ready`, and waits for a line on stdin before it polls: a test keeps
// a spare one ready, so the worker it kills is replaced within a second. Prints `worker running` once it polls.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { activitiesFromConfig } from '../../activities';
import { actionLinksFromConfig } from '../../activities/action-links';
import { createTransport } from '../../activities/email/transport';
import { databaseUrl, loadConfig } from '../../config';
import { dataConverterFromConfig } from '../../config/codec';
import { openVivierStore } from '../../db/vivier';
import { SqlReportingStore } from '../../db/reporting';
import { SqlRetentionStore } from '../../db/retention';
import { createLogger, installRuntime } from '../../worker/logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const codePath = process.env.FAULTS_WORKFLOW_BUNDLE;
  if (!codePath || !config.SMTP_URL) throw new Error('FAULTS_WORKFLOW_BUNDLE and SMTP_URL are required');
  const logger = createLogger(config.LOG_LEVEL, 'worker');
  installRuntime(logger);
  const transport = createTransport(config.SMTP_URL);
  const { dataConverter } = dataConverterFromConfig(config, { dev: false });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
  const vivier = await openVivierStore(databaseUrl(config));
  const worker = await Worker.create({
    connection,
    dataConverter,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    workflowBundle: { codePath },
    activities: activitiesFromConfig(config, {
      transport,
      actionLinks: actionLinksFromConfig(config, false),
      logger,
      vivier,
      client,
      retention: new SqlRetentionStore(vivier.db),
      reporting: new SqlReportingStore(vivier.db),
    }),
  });
  // Created (the bundle loaded), not polling yet: a spare waits here.
  if (process.env.FAULTS_WORKER_ATTENDRE === '1') {
    process.stdout.write('worker ready\n');
    await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  }
  const running = worker.run();
  process.stdout.write('worker running\n');
  await running;
  await vivier.close();
  await clientConnection.close();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error('Worker failed:', err);
  process.exit(1);
});
