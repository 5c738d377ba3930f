// Container health check (the Dockerfile's HEALTHCHECK, docker-compose's `healthcheck`): one script for both roles of
// the image, `node --import tsx scripts/healthcheck.ts [api|worker]`; exit 0 healthy, 1 not, with one line saying why.
// Without an argument the role is read from PID 1's command line (the entrypoint execs `node --import tsx <role>/main.ts`).
//   api     GET /readyz on PORT: the API answers and reaches Temporal.
//   worker  the server has seen this container's worker poll TASK_QUEUE (workflow and activity tasks) lately: its
//           identity is the SDK's default `<pid>@<hostname>`, and the hostname is the container's.
// It reads the same environment as the process it checks (docker runs it in the same container) and never logs it.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../config';

const TIMEOUT_MS = 5_000;
/** A long poll lasts up to ~70 s and the server forgets a poller after ~5 min: seen within 3 min is alive. */
const POLLER_SEEN_WITHIN_MS = 3 * 60_000;

type Role = 'api' | 'worker';

function role(arg: string | undefined): Role {
  if (arg === 'api' || arg === 'worker') return arg;
  if (arg !== undefined) throw new Error(`unknown role "${arg}" (api or worker)`);
  let cmdline = '';
  try {
    cmdline = readFileSync('/proc/1/cmdline', 'utf8').split('\0').join(' ');
  } catch {
    // Not Linux, or no /proc: the role must be given.
  }
  if (/\bworker\/main\.ts\b/.test(cmdline)) return 'worker';
  if (/\bapi\/main\.ts\b/.test(cmdline)) return 'api';
  throw new Error('cannot tell the role from PID 1: pass api or worker');
}

async function api(): Promise<string> {
  const port = process.env.PORT ?? '3000';
  const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`/readyz answered ${res.status}`);
  return 'api ready';
}

async function worker(): Promise<string> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS, connectTimeout: TIMEOUT_MS });
  try {
    const suffix = `@${hostname()}`;
    const now = Date.now();
    const { TaskQueueType } = temporal.api.enums.v1;
    for (const [type, name] of [
      [TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW, 'workflow'],
      [TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY, 'activity'],
    ] as const) {
      const { pollers } = await connection.withDeadline(now + TIMEOUT_MS, () =>
        connection.workflowService.describeTaskQueue({ namespace: config.TEMPORAL_NAMESPACE, taskQueue: { name: config.TASK_QUEUE }, taskQueueType: type }),
      );
      const ours = (pollers ?? []).filter((p) => p.identity?.endsWith(suffix));
      const seen = Math.max(0, ...ours.map((p) => (p.lastAccessTime?.seconds ? Number(p.lastAccessTime.seconds) * 1000 : 0)));
      if (!ours.length) throw new Error(`no ${name} poller of this container (${suffix}) on task queue ${config.TASK_QUEUE}`);
      if (now - seen > POLLER_SEEN_WITHIN_MS) throw new Error(`this container's ${name} poller last seen ${Math.round((now - seen) / 1000)} s ago`);
    }
    return `worker polling ${config.TASK_QUEUE}`;
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  const r = role(process.argv[2]);
  console.log(await (r === 'api' ? api() : worker()));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`unhealthy: ${(err as Error).message ?? String(err)}`);
    process.exit(1);
  },
);
