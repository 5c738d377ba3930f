// /api/dossiers: the list (Temporal visibility), one dossier (getDossier query), and every action
// (one generic handler over the action table of the dossier's dispositif, told by its id's prefix).
import express, { Router, type RequestHandler } from 'express';
import type { Client, WorkflowExecutionInfo, WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import { DISPOSITIFS, type Dispositif } from '../../domain/schemas';
import type { AppuiConseilState } from '../../workflows/appui-conseil/state';
import { getDossierQuelconque } from '../../workflows/shared/messages';
import type { CompagnonnageState } from '../../workflows/compagnonnage/state';
import type { DiagnosticState } from '../../workflows/diagnostic/state';
import { DISPOSITIF, ETAPE, INTERLOCUTRICE, INTERVENANT, INTERVENANTS, MISSION_LOCALE, REGION } from '../../workflows/shared/search-attributes';
import { acteurDe } from '../acces/middleware';
import { dossierIdParamsSchema } from '../common';
import { ActionRefuseeError, ApiError } from '../errors';
import type { ActionContext, DossierAction } from './actions';
import { DISPOSITIFS_API, actionFor, allActionPaths } from './dispositifs';
import { listDossiersQuerySchema, type DossierSummary, type ListDossiersQuery } from './schemas';

/** The workflow type of each dispositif that has one today. */
const WORKFLOW_TYPES: Partial<Record<Dispositif, string>> = Object.fromEntries(DISPOSITIFS_API.map((d) => [d.dispositif, d.workflowType]));

/** Any dispositif's state: every dossier workflow answers the query named `getDossier`. */
export type AnyDossierState = CompagnonnageState | AppuiConseilState | DiagnosticState;
export async function queryDossier(client: Client, dossierId: string): Promise<AnyDossierState> {
  return (await client.workflow.getHandle(dossierId).query(getDossierQuelconque)) as AnyDossierState;
}

/**
 * JSON body parsers with a limit above the default, for the actions that need one (e.g. deliverables in
 * base64). Mounted by the app BEFORE its default parser, which then skips the already-read body.
 */
export function largeBodyParsers(config: ActionContext['config']): { path: string; parser: RequestHandler }[] {
  const routes = new Map<string, { octets: number; message: string }>();
  for (const api of DISPOSITIFS_API) {
    for (const action of api.actions) if (action.bodyLimit) routes.set(action.path, action.bodyLimit(config));
  }
  return [...routes].map(([path, limit]) => {
    const json = express.json({ limit: limit.octets });
    const parser: RequestHandler = (req, res, next) => {
      json(req, res, (err?: unknown) => {
        if ((err as { type?: unknown } | undefined)?.type === 'entity.too.large') next(new ApiError(413, 'payload_too_large', limit.message));
        else next(err);
      });
    };
    return { path: `/api/dossiers/:id/${path}`, parser };
  });
}

/**
 * A visibility literal. The values are already restricted by zod (enums, identifier regexes), this is
 * a second line of defence.
 */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function buildListQuery(q: Omit<ListDossiersQuery, 'limit'>): string {
  const types = q.dispositif
    ? [WORKFLOW_TYPES[q.dispositif]].filter((t) => t !== undefined)
    : DISPOSITIFS.map((d) => WORKFLOW_TYPES[d]).filter((t) => t !== undefined);
  // An unknown workflow type matches nothing, which is right for a dispositif without workflows yet.
  const clauses = [`WorkflowType IN (${(types.length ? types : ['__none__']).map(literal).join(', ')})`];
  const filters: [string, string | undefined][] = [
    [DISPOSITIF.name, q.dispositif],
    [REGION.name, q.region],
    [ETAPE.name, q.etape],
    [MISSION_LOCALE.name, q.missionLocale],
    [INTERLOCUTRICE.name, q.interlocutrice],
  ];
  for (const [attribute, value] of filters) if (value !== undefined) clauses.push(`${attribute} = ${literal(value)}`);
  // Any of the dossier's intervenants; runs started before `Intervenants` know their first one only.
  if (q.intervenant !== undefined) clauses.push(`(${INTERVENANTS.name} = ${literal(q.intervenant)} OR ${INTERVENANT.name} = ${literal(q.intervenant)})`);
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
    intervenants: [...(sa.get(INTERVENANTS) ?? (sa.get(INTERVENANT) ? [sa.get(INTERVENANT)!] : []))],
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

export function dossiersRouter(client: Client, config: Config, logger: Logger, comptes: ActionContext['comptes']): Router {
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
    res.json(await queryDossier(client, id));
  });

  for (const path of allActionPaths()) {
    router.post(`/api/dossiers/:id/${path}`, async (req, res) => {
      const { id } = dossierIdParamsSchema.parse(req.params);
      const action = actionFor(id, path);
      const handle = client.workflow.getHandle(id);
      try {
        const acteur = acteurDe(res); // the signed-in account (issue #12)
        const state = (await action.execute(handle, req.body, { dossierId: id, config, comptes, ...(acteur ? { acteur } : {}) })) as AnyDossierState;
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
