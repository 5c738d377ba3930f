// Shared by the fault tests (issue #15): a Temporal dev server as a child process (the pinned CLI, as scripts/dev.ts
// starts it) that a test may SIGKILL and start again on the same SQLite file and port; the worker as a child process
// (test/faults/worker-enfant.ts); the emails the SMTP sink received, by dossier, kind and Message-ID.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { simpleParser, type AddressObject } from 'mailparser';
import { SEARCH_ATTRIBUTES } from '../../workflows/shared/search-attributes';
import { testDataConverter } from '../helpers/codec';
import { until } from '../helpers/temporal';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findBinary } = require('../../scripts/temporal-binaries.js') as { findBinary(which: 'cli' | 'testServer'): string | undefined };

const TYPES: Record<string, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** A free port on loopback (closed again). */
export const portLibre = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** A deterministic pseudo-random sequence (mulberry32): the same seed, the same kill moments. */
export function aleatoire(graine: number): () => number {
  let a = graine >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Waits for a child's exit (at once if it has exited already). */
export function fin(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

/** SIGKILLs a child and waits for it to be gone. */
export async function tuer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await fin(child);
}

export interface ServeurTemporal {
  address: string;
  process: ChildProcess;
  /** What the server wrote (for a failure's message). */
  sortie(): string;
}

/**
 * `temporal server start-dev` on 127.0.0.1:`port`, headless, namespace `default` with the dossiers' search attributes,
 * on `dbFile` (in memory without it); resolves once the namespace answers.
 */
export async function demarrerServeur(port: number, dbFile?: string): Promise<ServeurTemporal> {
  const cli = findBinary('cli');
  if (!cli) throw new Error('Temporal CLI not found (scripts/temporal-binaries.js)');
  const args = [
    'server',
    'start-dev',
    ...(dbFile ? ['--db-filename', dbFile] : []),
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--http-port',
    String(await portLibre()),
    '--metrics-port',
    String(await portLibre()),
    '--headless',
    '--namespace',
    'default',
    '--log-level',
    'error',
    ...SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${TYPES[key.type] ?? 'Keyword'}`]),
    '--dynamic-config-value',
    'system.forceSearchAttributesCacheRefreshOnRead=true',
  ];
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let sortie = '';
  const garder = (b: Buffer) => {
    sortie = (sortie + b.toString()).slice(-20000);
  };
  child.stdout!.on('data', garder);
  child.stderr!.on('data', garder);
  const address = `127.0.0.1:${port}`;
  const connection = await until(
    `the Temporal dev server on ${address}`,
    async () => {
      if (child.exitCode !== null) throw new Error(`the Temporal dev server exited (${child.exitCode}): ${sortie}`);
      try {
        const c = await Connection.connect({ address, connectTimeout: 2_000 });
        try {
          await c.workflowService.describeNamespace({ namespace: 'default' });
          return c;
        } catch {
          await c.close();
          return undefined;
        }
      } catch {
        return undefined;
      }
    },
    undefined,
    60_000,
  );
  await connection.close();
  return { address, process: child, sortie: () => sortie };
}

/** A client of the server at `address`, encrypting with the test keys (as the API stack's). */
export async function clientDe(address: string): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace: 'default', dataConverter: testDataConverter() }), connection };
}

/** Bundles the workflows once into `dir`, for every start of the child worker. */
export async function bundleDesWorkflows(dir: string): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: { info() {}, warn() {}, error() {}, debug() {}, trace() {}, log() {} },
  });
  const file = join(dir, 'workflows-bundle.js');
  writeFileSync(file, code);
  return file;
}

export interface WorkerEnfant {
  process: ChildProcess;
  /** Resolves once its modules, connections and pool are ready (rejects if it exits first). */
  charge: Promise<void>;
  /** Resolves once the worker polls (rejects if it exits first). */
  pret: Promise<void>;
  /** Lets a spare (started with `{ attendre: true }`) create its worker and poll. */
  lancer(): void;
  sortie(): string;
}

/**
 * Starts test/faults/worker-enfant.ts (node with tsx's loader: one process, so SIGKILL reaches the worker itself),
 * `env` on top of this process's environment. `attendre`: a spare, that polls only once `lancer()` is called.
 */
export function demarrerWorker(env: Record<string, string>, opts: { attendre?: boolean } = {}): WorkerEnfant {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'worker-enfant.ts')], {
    cwd: join(__dirname, '..', '..'),
    env: { ...process.env, ...env, LOG_FORMAT: 'json', FAULTS_WORKER_ATTENDRE: opts.attendre ? '1' : '0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let sortie = '';
  const quand = (texte: string) =>
    new Promise<void>((resolve, reject) => {
      const voir = () => {
        if (sortie.includes(texte)) resolve();
      };
      child.stdout!.on('data', voir);
      child.stderr!.on('data', voir);
      child.once('exit', (code, signal) => reject(new Error(`the worker exited (${signal ?? code}) before "${texte}": ${sortie}`)));
    });
  const garder = (b: Buffer) => {
    sortie = (sortie + b.toString()).slice(-20000);
  };
  child.stdout!.on('data', garder);
  child.stderr!.on('data', garder);
  child.stdin!.on('error', () => undefined);
  const charge = opts.attendre ? quand('worker ready') : Promise.resolve();
  const pret = quand('worker running');
  charge.catch(() => undefined);
  pret.catch(() => undefined);
  return { process: child, charge, pret, lancer: () => child.stdin!.write('go\n'), sortie: () => sortie };
}

export interface Courriel {
  fichier: string;
  messageId: string;
  dossier: string;
  kind: string;
  destinataires: string[];
}

const adresses = (a: AddressObject | AddressObject[] | undefined) =>
  a ? (Array.isArray(a) ? a : [a]).flatMap((o) => o.value.map((v) => (v.address ?? '').toLowerCase())) : [];

/** Every email in the sink's folder, with its dossier and kind (X-Dispositifs-* headers) and its recipients (To and Cc). */
export async function courriels(dir: string): Promise<Courriel[]> {
  const fichiers = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  return Promise.all(
    fichiers.map(async (fichier) => {
      const m = await simpleParser(readFileSync(join(dir, fichier), 'utf8'));
      return {
        fichier,
        messageId: m.messageId ?? '',
        dossier: String(m.headers.get('x-dispositifs-dossier') ?? ''),
        kind: String(m.headers.get('x-dispositifs-kind') ?? ''),
        destinataires: [...adresses(m.to), ...adresses(m.cc)],
      };
    }),
  );
}
