// /api/dossiers: the list (Temporal visibility), one dossier (getDossier query), and every action
// (one generic handler over DOSSIER_ACTIONS).
import { Router } from 'express';
import type { Client, WorkflowExecutionInfo, WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Logger } from 'pino';
import { DISPOSITIFS, type Dispositif } from '../../domain/schemas';
import { getDossier } from '../../workflows/compagnonnage/messages';
import { DISPOSITIF, ETAPE, INTERLOCUTRICE, INTERVENANT, MISSION_LOCALE, REGION } from '../../workflows/shared/search-attributes';
import { dossierIdParamsSchema } from '../common';
import { ActionRefuseeError } from '../errors';
import { DOSSIER_ACTIONS, type DossierAction } from './actions';
import { listDossiersQuerySchema, type DossierSummary, type ListDossiersQuery } from './schemas';

/** The workflow type of each dispositif that has one today. */
const WORKFLOW_TYPES: Partial<Record<Dispositif, string>> = { compagnonnage: 'compagnonnage' };

/**
 * A visibility literal. The values are already restricted by zod (enums, identifier regexes), this is
 * a second line of defence.
 */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function buildListQuery(q: Omit<ListDossiersQuery, 'limit'>): string {
  const types = q.dispositif ? [WORKFLOW_TYPES[q.dispositif]].filter((t) => t !== undefined) : DISPOSITIFS.map((d) => WORKFLOW_TYPES[d]).filter((t) => t !== undefined);
  // An unknown workflow type matches nothing, which is right for a dispositif without workflows yet.
  const clauses = [`WorkflowType IN (${(types.length ? types : ['__none__']).map(literal).join(', ')})`];
  const filters: [string, string | undefined][] = [
    [DISPOSITIF.name, q.dispositif],
    [REGION.name, q.region],
    [ETAPE.name, q.etape],
    [MISSION_LOCALE.name, q.missionLocale],
    [INTERLOCUTRICE.name, q.interlocutrice],
    [INTERVENANT.name, q.intervenant],
  ];
  for (const [attribute, value] of filters) if (value !== undefined) clauses.push(`${attribute} = ${literal(value)}`);
  return clauses.join(' AND ');
}

function summary(info: WorkflowExecutionInfo): DossierSummary {
  const sa = info.typedSearchAttributes;
  return {
    dossierId: info.workflowId,
    dispositif: sa.get(DISPOSITIF) ?? null,
    region: sa.get(REGION) ?? null,
    missionLocale: sa.get(MISSION_LOCALE) ?? null,
    etape: sa.get(ETAPE) ?? null,
    interlocutrice: sa.get(INTERLOCUTRICE) ?? null,
    intervenant: sa.get(INTERVENANT) ?? null,
    status: info.status.name,
    startTime: info.startTime.toISOString(),
  };
}

/** An update answered NotFound: either no such dossier (404) or a finished one (409, with its step). */
async function explainNotFound(handle: WorkflowHandle, action: DossierAction, err: WorkflowNotFoundError): Promise<never> {
  let etape: string | undefined;
  let status: string | undefined;
  try {
    const description = await handle.describe();
    etape = description.typedSearchAttributes.get(ETAPE);
    status = description.status.name;
  } catch {
    throw err; // really unknown
  }
  if (status === 'RUNNING') throw err;
  throw new ActionRefuseeError(
    `Le dossier ${handle.workflowId} est terminé${etape ? ` (étape « ${etape} »)` : ''} : l'action « ${action.path} » n'est plus possible.`,
  );
}

export function dossiersRouter(client: Client, logger: Logger): Router {
  const router = Router();

  router.get('/api/dossiers', async (req, res) => {
    const { limit, ...filters } = listDossiersQuerySchema.parse(req.query);
    const query = buildListQuery(filters);
    const items: DossierSummary[] = [];
    for await (const info of client.workflow.list({ query, pageSize: limit })) {
      items.push(summary(info));
      if (items.length >= limit) break;
    }
    items.sort((a, b) => b.startTime.localeCompare(a.startTime));
    res.json({ items, count: items.length });
  });

  router.get('/api/dossiers/:id', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    res.json(await client.workflow.getHandle(id).query(getDossier));
  });

  for (const action of DOSSIER_ACTIONS) {
    router.post(`/api/dossiers/:id/${action.path}`, async (req, res) => {
      const { id } = dossierIdParamsSchema.parse(req.params);
      const handle = client.workflow.getHandle(id);
      try {
        const state = await action.execute(handle, req.body);
        logger.info({ dossierId: id, action: action.path, etape: state.etape }, 'action applied');
        res.json(state);
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) await explainNotFound(handle, action, err);
        throw err;
      }
    });
  }

  return router;
}
