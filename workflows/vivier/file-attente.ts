// The pool's waiting list (seed 003: limited interventions, UNML prioritises): one workflow that drains it in
// priority order each time capacity frees, so two drains never race for the same capacity.
import { allHandlersFinished, condition, continueAsNew, getExternalWorkflowHandle, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { VivierActivities } from '../../activities/vivier';
import { capaciteLiberee, intervenantReserve } from './messages';

const { drainerFileAttente, libererIntervenant } = proxyActivities<VivierActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Drains after each `capaciteLiberee` signal (several pending signals make one drain); continues as new when its history grows. */
export async function fileAttenteVivier(etat: { aDrainer?: boolean } = {}): Promise<void> {
  let demandes = etat.aDrainer ? 1 : 0;
  let traitees = 0;
  setHandler(capaciteLiberee, () => {
    demandes += 1;
  });

  while (!workflowInfo().continueAsNewSuggested && workflowInfo().historyLength < 5_000) {
    await condition(() => demandes > traitees);
    traitees = demandes;
    for (const servi of await drainerFileAttente()) {
      const { dossierId, ...nouvelle } = servi;
      try {
        await getExternalWorkflowHandle(dossierId).signal(intervenantReserve, nouvelle);
      } catch {
        // The dossier ended meanwhile: give the capacity back (which drains again).
        await libererIntervenant({ dossierId, role: servi.role, motif: 'Dossier terminé avant la proposition', par: 'file_attente' });
      }
    }
  }
  await condition(allHandlersFinished);
  await continueAsNew<typeof fileAttenteVivier>({ aDrainer: demandes > traitees });
}
