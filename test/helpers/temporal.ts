// Real Temporal servers for tests, never a mock: the time-skipping test server for workflow tests,
// the dev server (CLI) for API tests. Binaries are found without download (scripts/temporal-binaries.js).
import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { type DataConverter, defaultPayloadConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { registerSearchAttributes } from '../../worker/search-attributes';
import { SEARCH_ATTRIBUTES } from '../../workflows/shared/search-attributes';
import { DAY } from './fixtures';
import { recordingOnTeardown } from './histories';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findBinary } = require('../../scripts/temporal-binaries.js') as { findBinary(which: 'cli' | 'testServer'): string | undefined };

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const path = findBinary('testServer');
  const env = await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
  // The test server has no start option for search attributes, but implements AddSearchAttributes.
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return recordingOnTeardown(env);
}

/** `dataConverter`: the environment's client encrypts with it (the API stack's, issue #15: test/helpers/codec.ts). */
export async function createDevServerEnv(opts: { dataConverter?: DataConverter } = {}): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const path = findBinary('cli');
  const env = await TestWorkflowEnvironment.createLocal({
    ...(opts.dataConverter ? { client: { dataConverter: opts.dataConverter } } : {}),
    server: {
      ...(path ? { executable: { type: 'existing-path' as const, path } } : {}),
      searchAttributes: SEARCH_ATTRIBUTES,
      // Visibility must answer at once for list tests.
      extraArgs: ['--dynamic-config-value', 'system.forceSearchAttributesCacheRefreshOnRead=true'],
    },
  });
  return recordingOnTeardown(env);
}

/** Keeps test output readable: only the SDK's warnings and errors (installed once per test file). */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed in this test file.
  }
}

/** The test server's clock, `days` from now, as ISO (time-skipping moves it, not the wall clock). */
export async function inDays(env: TestWorkflowEnvironment, days: number): Promise<string> {
  return new Date((await env.currentTimeMs()) + days * DAY).toISOString();
}

/** Expects the update to be refused by its validator (ActionRefusee) and returns the reason given. */
export async function refusal(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause as { type?: string; message: string };
  expect(cause.type).toBe('ActionRefusee');
  return cause.message;
}

/**
 * Probes (a query, an HTTP call, the captured emails…) every 100 ms until it gives a value (not undefined) that is
 * `ok`, and returns that value; fails after `delaiMs` (20 s) of wall time, saying what it waited for.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T> | T,
  ok: (v: Exclude<T, undefined>) => boolean = () => true,
  /** Wall time allowed (a loaded CI machine may need more for a chain of workflows to end). */
  delaiMs = 20_000,
): Promise<Exclude<T, undefined>> {
  const deadline = Date.now() + delaiMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && ok(v as Exclude<T, undefined>)) return v as Exclude<T, undefined>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A workflow's result without `result()`, which on the time-skipping server skips the clock years ahead even for a
 * completed workflow (to the 10-year default timeout): waits for it to close, then reads the result from its history.
 */
export async function resultatSansSauterLeTemps<T>(h: WorkflowHandle, delaiMs = 60_000): Promise<T> {
  const statut = await until(
    `the end of ${h.workflowId}`,
    async () => (await h.describe()).status.name,
    (s) => s !== 'RUNNING',
    delaiMs,
  );
  if (statut !== 'COMPLETED') throw new Error(`${h.workflowId} ended ${statut}`);
  const { events } = await h.fetchHistory();
  const fin = events?.find((e) => e.workflowExecutionCompletedEventAttributes)?.workflowExecutionCompletedEventAttributes;
  const payload = fin?.result?.payloads?.[0];
  return (payload ? defaultPayloadConverter.fromPayload(payload) : undefined) as T;
}
