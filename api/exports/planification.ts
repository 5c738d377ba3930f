// A scheduled export's Temporal Schedule (issue #14), created and deleted by the API with the export (modelled on the
// campaigns' dialogue de gestion, activities/campagne.ts): monthly (the 1st at 6 a.m., Paris time) or quarterly
// (January, April, July, October), or every EXPORT_SCHEDULE_INTERVAL when set (the dev server's tests). Its action
// starts `exportProgramme` with the export's id alone: the addresses stay in the SQL store.
import { type Client, ScheduleAlreadyRunning, ScheduleNotFoundError, type ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import type { ExportProgrammeInput } from '../../workflows/exports/messages';
import { WORKFLOW_EXPORT_PROGRAMME } from '../../workflows/exports/messages';
import type { Frequence } from './schemas';

export const idPlanificationExport = (exportId: string): string => `export-programme-${exportId}`;

const TRIMESTRES = ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'] as const;

export interface PlanificationExport {
  exportId: string;
  frequence: Frequence;
  /** EXPORT_SCHEDULE_INTERVAL, when set (ms): replaces the calendar. */
  intervalleMs?: number | undefined;
  taskQueue: string;
}

function definition(p: PlanificationExport): Omit<ScheduleOptions, 'scheduleId'> {
  const args: [ExportProgrammeInput] = [{ exportProgrammeId: p.exportId }];
  const spec: ScheduleOptions['spec'] = p.intervalleMs
    ? { intervals: [{ every: Math.max(1000, Math.round(p.intervalleMs / 1000) * 1000) }] }
    : {
        calendars: [
          p.frequence === 'mensuelle'
            ? { dayOfMonth: 1, hour: 6, comment: 'le 1er de chaque mois à 6 h' }
            : { month: [...TRIMESTRES], dayOfMonth: 1, hour: 6, comment: 'le 1er janvier, avril, juillet et octobre à 6 h' },
        ],
        timezone: 'Europe/Paris',
      };
  return {
    spec,
    action: { type: 'startWorkflow', workflowType: WORKFLOW_EXPORT_PROGRAMME, workflowId: idPlanificationExport(p.exportId), args, taskQueue: p.taskQueue },
    // An export still running when the next one is due: the next one is skipped.
    policies: { overlap: ScheduleOverlapPolicy.SKIP },
    state: { paused: false, note: `Export programmé ${p.exportId} (${p.frequence}).` },
  };
}

/** Creates the Schedule, or replaces it when it exists (a retried creation). Returns its id. */
export async function planifierExport(client: Client, p: PlanificationExport): Promise<string> {
  const scheduleId = idPlanificationExport(p.exportId);
  const def = definition(p);
  try {
    await client.schedule.create({ ...def, scheduleId });
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    await client.schedule.getHandle(scheduleId).update(() => ({ ...def, state: { paused: false } }));
  }
  return scheduleId;
}

/** Deletes the Schedule; already gone: nothing. Returns whether there was one. */
export async function supprimerPlanificationExport(client: Client, exportId: string): Promise<boolean> {
  try {
    await client.schedule.getHandle(idPlanificationExport(exportId)).delete();
    return true;
  } catch (err) {
    if (err instanceof ScheduleNotFoundError) return false;
    throw err;
  }
}
