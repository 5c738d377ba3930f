// The retention purge's activities (issue #15; the workflow: workflows/purge/workflow.ts; the rules: domain/retention.ts),
// and the daily Temporal Schedule that runs it. Every one is idempotent (the workflow retries them): a file, history or
// row already gone counts nothing. They return and log counts, never the data.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy, WorkflowNotFoundError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import type { Logger } from 'pino';
import { livrablesDir } from '../api/livrables/fichiers';
import type { SqlRetentionStore } from '../db/retention';
import { type BilanPurge, limitesPurge } from '../domain/retention';

export interface PurgeActivityDeps {
  retention: SqlRetentionStore;
  /** The workflows' client: closed executions the namespace retention has not removed yet are deleted. */
  client: Client;
  dataDir: string;
  /** The development SMTP sink's folder (DATA_DIR/mail), when it runs: its emails older than the dossiers' retention go. */
  mailDir?: string;
  dossiersMois: number;
  candidaturesMois: number;
  logger?: Pick<Logger, 'info'>;
}

/** What one run purges: the limits at the workflow's `maintenant`, the dossiers due (at most a batch). */
export interface PlanPurge {
  dossiersTerminesAvant: string;
  candidaturesRefuseesAvant: string;
  dossiers: string[];
}

export function createPurgeActivities(deps: PurgeActivityDeps) {
  const { retention, client, dataDir, mailDir, logger } = deps;
  return {
    /** The limits at `maintenant` (the workflow's time) and the next batch of ended dossiers due. */
    async planPurge({ maintenant, lot }: { maintenant: string; lot: number }): Promise<PlanPurge> {
      const limites = limitesPurge(maintenant, { dossiersMois: deps.dossiersMois, candidaturesMois: deps.candidaturesMois });
      return { ...limites, dossiers: await retention.dossiersAPurger(limites.dossiersTerminesAvant, lot) };
    },

    /**
     * For each dossier: its files (deliverables, documents) deleted, its Temporal execution deleted if still there and
     * closed, its free-text answers deleted; then it is marked purged (its figures stay).
     */
    async purgerDossiers({ ids, le }: { ids: string[]; le: string }): Promise<Partial<BilanPurge>> {
      let fichiers = 0;
      let historiques = 0;
      for (const id of ids) {
        const dir = livrablesDir(dataDir, id);
        fichiers += (await readdir(dir).catch(() => [])).length;
        await rm(dir, { recursive: true, force: true });
        historiques += (await supprimerExecution(client, id)) ? 1 : 0;
      }
      const reponsesLibres = await retention.anonymiserDossiers(ids, le);
      const bilan = { dossiers: ids.length, fichiers, historiques, reponsesLibres };
      logger?.info(bilan, 'personal data of ended dossiers purged');
      return bilan;
    },

    /** The applications to the pool refused before the limit, with their history lines. */
    async purgerCandidatures({ avant }: { avant: string }): Promise<Partial<BilanPurge>> {
      const candidatures = await retention.purgerCandidaturesRefusees(avant);
      if (candidatures) logger?.info({ candidatures }, 'refused applications purged');
      return { candidatures };
    },

    /** The development sink's emails received before the limit (their file's time). No sink: nothing. */
    async purgerCourriels({ avant }: { avant: string }): Promise<Partial<BilanPurge>> {
      if (!mailDir) return { courriels: 0 };
      const limite = Date.parse(avant);
      let courriels = 0;
      for (const nom of (await readdir(mailDir).catch(() => [])).filter((n) => n.endsWith('.eml'))) {
        const chemin = join(mailDir, nom);
        const info = await stat(chemin).catch(() => undefined);
        if (info && info.mtimeMs < limite) {
          await rm(chemin, { force: true });
          courriels++;
        }
      }
      if (courriels) logger?.info({ courriels }, 'development sink emails purged');
      return { courriels };
    },
  };
}

export type PurgeActivities = ReturnType<typeof createPurgeActivities>;

/** Deletes a dossier's closed execution (history and visibility record); running or already gone: false. */
async function supprimerExecution(client: Client, workflowId: string): Promise<boolean> {
  try {
    const d = await client.workflow.getHandle(workflowId).describe();
    if (d.status.name === 'RUNNING') return false;
    await client.workflowService.deleteWorkflowExecution({ namespace: client.options.namespace, workflowExecution: { workflowId, runId: d.runId } });
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (err as { code?: number }).code === 5) return false;
    throw err;
  }
}

/** The purge's Schedule and its runs' ids (the Schedule appends each run's time). */
export const ID_PLANIFICATION_PURGE = 'purge-donnees-personnelles';
export const TYPE_WORKFLOW_PURGE = 'purgeDonneesPersonnelles';

/**
 * Creates the purge's Schedule (every `intervalleMs`, a day by default: PURGE_INTERVAL), or updates it when it exists
 * (a new interval or task queue). Overlap SKIP: a run still going when the next is due makes it skip.
 */
export async function assurerPlanificationPurge(
  client: Client,
  { taskQueue, intervalleMs }: { taskQueue: string; intervalleMs: number },
): Promise<'creee' | 'mise_a_jour'> {
  const definition = {
    spec: { intervals: [{ every: Math.max(1000, intervalleMs) }] },
    action: { type: 'startWorkflow' as const, workflowType: TYPE_WORKFLOW_PURGE, workflowId: ID_PLANIFICATION_PURGE, taskQueue, args: [{}] },
    policies: { overlap: ScheduleOverlapPolicy.SKIP },
  };
  try {
    await client.schedule.create({ scheduleId: ID_PLANIFICATION_PURGE, ...definition, state: { note: 'Purge des données personnelles échues (issue #15).' } });
    return 'creee';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(ID_PLANIFICATION_PURGE).update((prev) => ({ ...prev, ...definition }));
  return 'mise_a_jour';
}

/**
 * Sets the namespace's retention of closed executions to `mois` months (31 days each, so never shorter than the
 * purge's limit, which deletes them at their exact date). The dev server's default (a day) would lose every closed
 * dossier's history long before the figures were rebuilt. Production: `temporal operator namespace update --retention`.
 */
export async function alignerRetentionNamespace(client: Client, mois: number): Promise<number> {
  const jours = mois * 31;
  await client.workflowService.updateNamespace({
    namespace: client.options.namespace,
    config: { workflowExecutionRetentionTtl: msToTs(jours * 86_400_000) },
  });
  return jours;
}
