// One run of a scheduled export (issue #14), started by its Temporal Schedule (api/exports/planification.ts): build
// the export's file into DATA_DIR/exports/, then email its recipients a signed, expiring download link. Both steps are
// activities (activities/exports.ts) with timeouts and retries; the input holds the export's id alone (the
// recipients' addresses are read by the activity from the SQL store, never carried by the workflow).
import { workflowInfo } from '@temporalio/workflow';
import type { ExportActivities } from '../../activities/exports';
import { activitiesAbandoningOnCancel } from '../shared/abandon-on-cancel';
import type { ExportProgrammeInput, ExportProgrammeResultat } from './messages';

const activites = activitiesAbandoningOnCancel<ExportActivities>(
  {
    // 10,000 rows take seconds; a large year, a minute or two.
    startToCloseTimeout: '10 minutes',
    retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 8 },
  },
  'export-programme-abandon-on-cancel',
);

/** The run's time as the file's suffix: 20261202T013000 (UTC). */
const horodatage = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, '')
    .replace(/[-:]/g, '');

export async function exportProgramme(input: ExportProgrammeInput): Promise<ExportProgrammeResultat> {
  const { exportProgrammeId } = input;
  // The Schedule's nominal time when it started this run (deterministic, and the same on a replay).
  const fichier = `${exportProgrammeId}-${horodatage(workflowInfo().startTime.getTime())}`;
  const construit = await activites('construire le fichier').construireExportProgramme({ exportProgrammeId, fichier });
  if (!construit.existe) return { envoye: false, motif: 'export programmé ou modèle supprimé' };
  const envoi = await activites('envoyer le lien').envoyerExportProgramme({ exportProgrammeId, fichier, format: construit.format, lignes: construit.lignes });
  if (!envoi.envoye) return { envoye: false, motif: 'export programmé supprimé' };
  return { envoye: true, fichier, lignes: construit.lignes, destinataires: envoi.destinataires };
}
