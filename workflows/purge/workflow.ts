// The retention purge (issue #15, README "Données personnelles"): started every day by its Schedule
// (activities/purge.ts). Ended dossiers past their retention lose their personal data in batches (files, Temporal
// history, free-text answers; their figures stay), then refused applications and the development sink's old emails go.
// Logs and returns counts only.
import { ActivityCancellationType, log, proxyActivities } from '@temporalio/workflow';
import type { PurgeActivities } from '../../activities/purge';
import { ajouterBilans, BILAN_VIDE, type BilanPurge } from '../../domain/retention';

const acts = proxyActivities<PurgeActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 10 },
  cancellationType: ActivityCancellationType.ABANDON,
});

/** Dossiers per batch (one activity each): small enough to finish well within its timeout. */
const LOT = 100;
/** At most this many batches per run: the rest waits for the next day's run. */
const LOTS_MAX = 50;

export async function purgeDonneesPersonnelles(_input: Record<string, never> = {}): Promise<BilanPurge> {
  const maintenant = new Date().toISOString();
  let bilan = BILAN_VIDE;
  let plan = await acts.planPurge({ maintenant, lot: LOT });
  for (let i = 0; i < LOTS_MAX && plan.dossiers.length > 0; i++) {
    bilan = ajouterBilans(bilan, await acts.purgerDossiers({ ids: plan.dossiers, le: maintenant }));
    if (plan.dossiers.length < LOT) break;
    plan = await acts.planPurge({ maintenant, lot: LOT });
  }
  bilan = ajouterBilans(bilan, await acts.purgerCandidatures({ avant: plan.candidaturesRefuseesAvant }));
  bilan = ajouterBilans(bilan, await acts.purgerCourriels({ avant: plan.dossiersTerminesAvant }));
  log.info('personal data purge', { ...bilan });
  return bilan;
}
