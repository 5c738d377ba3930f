// `npm run reporting:rebuild`'s listing on the dev server (the time-skipping server lists nothing): the dossiers found
// by their Dispositif search attribute, their states queried from the running worker, the store rebuilt (issue #14).
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { SqlReportingStore } from '../db/reporting';
import { compagnonnage } from '../workflows';
import * as C from '../workflows/compagnonnage/messages';
import { reconstruireReporting } from '../scripts/reporting-rebuild';
import { demande, input } from './helpers/compagnonnage';
import { codeUnique, INTERLOCUTRICE } from './helpers/fixtures';
import { createDevServerEnv, until } from './helpers/temporal';
import { startWorker } from './helpers/worker';

const TASK_QUEUE = `reporting-rebuild-${Date.now()}`;
let env: TestWorkflowEnvironment;
let reporting: SqlReportingStore;
let stopWorker: () => Promise<void>;

beforeAll(async () => {
  env = await createDevServerEnv();
  ({ reporting, stop: stopWorker } = await startWorker(env, TASK_QUEUE));
}, 120_000);

afterAll(async () => {
  await stopWorker?.();
  await env?.teardown();
});

it('lists the dossiers by their Dispositif, queries each state and writes it again into an emptied store', async () => {
  const id = codeUnique('CMP-RB');
  const h = await env.client.workflow.start(compagnonnage, { taskQueue: TASK_QUEUE, workflowId: id, args: [input(id, demande())] });
  await h.executeUpdate(C.acceptDemande, { args: [{ interlocutrice: INTERLOCUTRICE }] });
  const ecrit = await until(
    'the dossier accepted in the store',
    async () => (await reporting.db.selectFrom('reporting_dossiers').selectAll().where('dossier_id', '=', id).executeTakeFirst()) ?? undefined,
    (l) => l.accepte_le !== null,
  );
  // Visibility follows the search attributes' upserts.
  await until(
    'the dossier listed',
    async () => (await reconstruireReporting(env.client, reporting)).lus,
    (n) => n >= 1,
  );
  const bilan = await reconstruireReporting(env.client, reporting, { vider: true });
  expect(bilan.echecs).toEqual([]);
  expect(bilan.parDispositif.compagnonnage).toBeGreaterThanOrEqual(1);
  const relu = await reporting.db.selectFrom('reporting_dossiers').selectAll().where('dossier_id', '=', id).executeTakeFirstOrThrow();
  expect({ ...relu, mis_a_jour_le: '' }).toEqual({ ...ecrit, mis_a_jour_le: '' });
}, 120_000);
