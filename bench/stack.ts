// The stack `npm run bench` measures: the test API stack (test/helpers/api-stack.ts: a Temporal dev server of its own,
// the real worker with the real activities, emails through nodemailer to the local SMTP sink, SQLite in a temporary
// directory, the express app) served on loopback, and beside it, on the same server, a bare worker running
// bench/bare.workflows.ts with a plain client (no payload encryption: bare Temporal).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { startApiStack, type ApiStack } from '../test/helpers/api-stack';
import type { BareActivities } from './bare.workflows';

export const FILE_NUE = 'bench-bare';

export interface BenchStack {
  api: ApiStack;
  /** http://127.0.0.1:<port> */
  base: string;
  /** The product's client (the stack's, encrypting). */
  client: Client;
  /** A plain client on the same server, for the bare workflows. */
  nu: Client;
  /** Calls the API as the stack's admin (JSON in and out); throws on a status >= 400. */
  appel<T = unknown>(methode: 'GET' | 'POST', chemin: string, corps?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export const activitesNues: BareActivities = { rien: async () => undefined };

export async function demarrerStack(): Promise<BenchStack> {
  // The test API stack as jest runs it (NODE_ENV=test: generated secrets, no Secure cookies), without the public
  // rate limit, which the bench's hundreds of demands from one address would hit.
  process.env.NODE_ENV ??= 'test';
  const api = await startApiStack({ RATE_LIMIT_PUBLIC: '1000000' });
  let server: Server | undefined;
  let bare: Worker | undefined;
  let bareRun: Promise<void> | undefined;
  const stop = async () => {
    if (server) await new Promise<void>((r) => server!.close(() => r()));
    if (bare) {
      bare.shutdown();
      await bareRun;
    }
    await api.stop();
  };
  try {
    server = createServer(api.app);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    bare = await Worker.create({
      connection: api.env.nativeConnection,
      namespace: api.env.namespace ?? 'default',
      taskQueue: FILE_NUE,
      workflowsPath: require.resolve('./bare.workflows'),
      activities: activitesNues,
    });
    bareRun = bare.run();
    const nu = new Client({ connection: api.env.connection, namespace: api.env.namespace ?? 'default' });
    const appel = async <T>(methode: 'GET' | 'POST', chemin: string, corps?: unknown): Promise<T> => {
      const res = await fetch(`${base}${chemin}`, {
        method: methode,
        headers: { authorization: `Bearer ${api.jetonAdmin}`, ...(corps === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(corps === undefined ? {} : { body: JSON.stringify(corps) }),
      });
      const texte = await res.text();
      if (res.status >= 400) throw new Error(`${methode} ${chemin}: ${res.status} ${texte.slice(0, 300)}`);
      return (texte ? JSON.parse(texte) : undefined) as T;
    };
    return { api, base, client: api.env.client, nu, appel, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
