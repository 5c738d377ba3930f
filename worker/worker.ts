// The worker factory: the dispositifs' workflows (bundled from workflows/index.ts) and the activities
// built by the caller, on the configured namespace and task queue. Used by worker/main.ts, `npm start`
// (scripts/dev.ts) and the end-to-end tests.
import type { DataConverter } from '@temporalio/common';
import { type NativeConnection, Worker } from '@temporalio/worker';
import type { WorkerActivities } from '../activities';
import type { Config } from '../config';

export interface WorkerDeps {
  connection: NativeConnection;
  config: Pick<Config, 'TEMPORAL_NAMESPACE' | 'TASK_QUEUE'>;
  activities: WorkerActivities;
  /** The payload codec and failure converter (config/codec.ts, issue #15); the SDK's defaults when absent. */
  dataConverter?: DataConverter;
}

export async function createWorker({ connection, config, activities, dataConverter }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    ...(dataConverter ? { dataConverter } : {}),
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TASK_QUEUE,
    workflowsPath: require.resolve('../workflows'),
    activities,
  });
}
