// The reporting store's write (issue #14): each dossier workflow hands its whole snapshot to this activity whenever it
// changed (workflows/shared/kit.ts). Idempotent: the store keeps the snapshot with the highest sequence, so a retried
// or replayed call, or a late one with an older sequence, changes nothing.
import type { SqlReportingStore } from '../db/reporting';
import type { InstantaneReporting } from '../domain/reporting';

export function createReportingActivities(deps: { reporting: Pick<SqlReportingStore, 'enregistrer'> }) {
  return {
    /** Writes the snapshot unless the store holds this dossier at the same or a later sequence; true when written. */
    async enregistrerReporting(snapshot: InstantaneReporting): Promise<boolean> {
      return deps.reporting.enregistrer(snapshot);
    },
  };
}

export type ReportingActivities = ReturnType<typeof createReportingActivities>;
