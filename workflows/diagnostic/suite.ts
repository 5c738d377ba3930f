// The activity that starts the dossier a Diagnostic's accepted proposal leads to (issue #14): activities/suite-diagnostic.ts,
// the same start as a demand's. Called from the direction's Update, out of any cancellable scope (the dossier is closed).
import { proxyActivities } from '@temporalio/workflow';
import type { SuiteDiagnosticActivities } from '../../activities/suite-diagnostic';

export const { demarrerSuiteDiagnostic } = proxyActivities<SuiteDiagnosticActivities>({
  startToCloseTimeout: '1 minute',
  // Idempotent (the new dossier's id derives from the diagnostic's): retried until the server answers.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
