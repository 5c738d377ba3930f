// Recorded workflow histories: the safety net of every change to workflows/ (test/histories.replay.test.ts).
// `npm run histories:record` runs the suite with RECORD_HISTORIES set; each test file's Temporal server then
// writes, before it stops, the full history of every dossier workflow it ran under
// test/histories/<dispositif>/<recording>/<test file>--<n>.json. A recording never overwrites another one:
// an old history is what running dossiers have, so it is never re-recorded to make a failing replay pass.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { msToTs } from '@temporalio/common/lib/time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');

/** The folder of each recorded workflow type (the dossier workflows, the pool's, the shared ones). */
export const DOSSIER_DE_TYPE: Record<string, string> = {
  compagnonnage: 'compagnonnage',
  appuiConseil: 'appui-conseil',
  diagnostic: 'diagnostic',
  fileAttenteVivier: 'vivier',
  propagerFicheIntervenant: 'vivier',
  renvoyerLienAction: 'shared',
  campagne: 'campagne',
  mlCampagne: 'campagne',
  dialogueDeGestion: 'campagne',
};

interface Execution {
  workflowId: string;
  runId: string;
  type: string;
  startMs: number;
}

/** Every execution the server knows (the old list APIs: the time-skipping server has no visibility queries). */
async function executions(env: TestWorkflowEnvironment): Promise<Execution[]> {
  const svc = env.connection.workflowService;
  const namespace = env.namespace ?? 'default';
  const startTimeFilter = { earliestTime: msToTs(0), latestTime: msToTs(4_102_444_800_000) };
  const out: Execution[] = [];
  for (const open of [true, false]) {
    let nextPageToken: Uint8Array | undefined;
    do {
      const request = { namespace, maximumPageSize: 1000, startTimeFilter, ...(nextPageToken ? { nextPageToken } : {}) };
      const page = open ? await svc.listOpenWorkflowExecutions(request) : await svc.listClosedWorkflowExecutions(request);
      for (const e of page.executions) {
        out.push({
          workflowId: e.execution!.workflowId!,
          runId: e.execution!.runId!,
          type: e.type!.name!,
          startMs: Number(e.startTime?.seconds ?? 0) * 1000 + Math.floor((e.startTime?.nanos ?? 0) / 1e6),
        });
      }
      nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
  }
  return out.sort((a, b) => a.startMs - b.startMs || a.workflowId.localeCompare(b.workflowId));
}

/** Writes the histories of the server's workflows when RECORD_HISTORIES names a recording; else does nothing. */
export async function recordHistories(env: TestWorkflowEnvironment): Promise<void> {
  const recording = process.env.RECORD_HISTORIES;
  if (!recording) return;
  const testFile = basename(expect.getState().testPath ?? 'unknown').replace(/\.test\.ts$/, '');
  const client: Client = env.client;
  const n: Record<string, number> = {};
  for (const e of await executions(env)) {
    const dossier = DOSSIER_DE_TYPE[e.type];
    if (!dossier) continue;
    const history = await client.workflow.getHandle(e.workflowId, e.runId).fetchHistory();
    const dir = join(HISTORIES_DIR, dossier, recording);
    mkdirSync(dir, { recursive: true });
    n[dossier] = (n[dossier] ?? 0) + 1;
    const file = join(dir, `${testFile}--${String(n[dossier]).padStart(3, '0')}.json`);
    writeFileSync(file, JSON.stringify({ workflowId: e.workflowId, workflowType: e.type, history: JSON.parse(historyToJSON(history)) }));
  }
}

/** Wraps the environment's teardown so that it records first (when asked). */
export function recordingOnTeardown(env: TestWorkflowEnvironment): TestWorkflowEnvironment {
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    try {
      await recordHistories(env);
    } finally {
      await teardown();
    }
  };
  return env;
}
