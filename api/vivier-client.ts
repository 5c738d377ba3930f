// The API's Temporal client calls to the pool's workflows (workflows/vivier/), by workflow type name so that
// no workflow code is imported here.
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Intervenant } from '../domain/schemas';
import { FILE_ATTENTE_WORKFLOW_ID, capaciteLiberee } from '../workflows/vivier/messages';

/**
 * Asks the waiting list to drain (starting it if need be), when an application is validated or a capacity
 * raised. (A released reservation does the same from activities/vivier.ts libererIntervenant.)
 */
export async function signalerCapaciteLiberee(client: Client, taskQueue: string, raison: string): Promise<void> {
  await client.workflow.signalWithStart('fileAttenteVivier', {
    workflowId: FILE_ATTENTE_WORKFLOW_ID,
    taskQueue,
    args: [{}],
    signal: capaciteLiberee,
    signalArgs: [{ raison }],
  });
}

/**
 * Sends an intervenant's corrected record to the dossiers holding them, through one short workflow per
 * modification (workflows/vivier/fiche-modifiee.ts): durable, and a double call starts it once.
 */
export async function transmettreFicheIntervenant(
  client: Client,
  taskQueue: string,
  intervenant: Intervenant,
  dossierIds: string[],
  modifieLe: string,
): Promise<void> {
  try {
    await client.workflow.start('propagerFicheIntervenant', {
      workflowId: `fiche-intervenant-${intervenant.id}-${Date.parse(modifieLe)}`,
      taskQueue,
      args: [{ intervenant, dossierIds }],
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
