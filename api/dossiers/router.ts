// /api/dossiers: the list (Temporal visibility), one dossier (getDossier query), and every action
// (one generic handler over the action table of the dossier's dispositif, told by its id's prefix).
import express, { Router, type RequestHandler } from 'express';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { AppuiConseilState } from '../../workflows/appui-conseil/state';
import { getDossierQuelconque } from '../../workflows/shared/messages';
import type { CompagnonnageState } from '../../workflows/compagnonnage/state';
import type { DiagnosticState } from '../../workflows/diagnostic/state';
import { ETAPE } from '../../workflows/shared/search-attributes';
import { acteurDe } from '../acces/middleware';
import { dossierIdParamsSchema } from '../common';
import { ActionRefuseeError, ApiError } from '../errors';
import type { ActionContext, DossierAction } from './actions';
import { ajouterNoteInterne } from './contexte';
import { DISPOSITIFS_API, actionFor, allActionPaths } from './dispositifs';
import { pageDossiers } from './liste';
import { executerLot, lotRequeteSchema } from './lot';
import { listDossiersQuerySchema, noteInterneSchema } from './schemas';
import type { VivierStore } from '../../db/store';

export { buildListQuery } from './liste';

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

export function dossiersRouter(
  client: Client,
  config: Config,
  logger: Logger,
  comptes: ActionContext['comptes'],
  vivier: Pick<VivierStore, 'missionsLocales'>,
): Router {
  const router = Router();

  router.get('/api/dossiers', async (req, res) => {
    res.json(await pageDossiers(client, vivier, listDossiersQuerySchema.parse(req.query)));
  });

  // Several dossiers at once (issue #12, api/dossiers/lot.ts): one result per dossier, 200 even when some refused.
  router.post('/api/dossiers/lot', async (req, res) => {
    const requete = lotRequeteSchema.parse(req.body ?? {});
    const acteur = acteurDe(res);
    res.json(await executerLot({ client, config, comptes, logger }, requete, acteur));
  });

  router.get('/api/dossiers/:id', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    res.json(await queryDossier(client, id));
  });

  // A staff-only note (the kit's addNoteInterne, every dispositif): written by the signed-in account.
  router.post('/api/dossiers/:id/notes', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { texte } = noteInterneSchema.parse(req.body ?? {});
    const state = await ajouterNoteInterne(client, id, texte, res);
    logger.info({ dossierId: id, via: 'api' }, 'note interne added');
    res.status(201).json({ notesInternes: state.notesInternes ?? [] });
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
