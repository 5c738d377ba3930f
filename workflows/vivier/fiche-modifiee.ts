// After the pool corrected an intervenant's record: each dossier holding them is told, durably, so their emails,
// reminders and cancellations reach the right person. One short run per modification (started by the API).
import { getExternalWorkflowHandle, isCancellation } from '@temporalio/workflow';
import type { Intervenant } from '../../domain/schemas';
import { ficheIntervenantModifiee } from './messages';

export interface PropagerFicheInput {
  intervenant: Intervenant;
  /** The dossiers where they hold an active reservation. */
  dossierIds: string[];
}

/** Returns which dossiers were told, and which were not (closed meanwhile: nothing left to update there). */
export async function propagerFicheIntervenant(input: PropagerFicheInput): Promise<{ transmis: string[]; clos: string[] }> {
  const transmis: string[] = [];
  const clos: string[] = [];
  for (const dossierId of input.dossierIds) {
    try {
      await getExternalWorkflowHandle(dossierId).signal(ficheIntervenantModifiee, { intervenant: input.intervenant });
      transmis.push(dossierId);
    } catch (err) {
      if (isCancellation(err)) throw err;
      clos.push(dossierId);
    }
  }
  return { transmis, clos };
}
