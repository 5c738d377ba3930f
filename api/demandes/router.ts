// POST /api/demandes: starts one workflow per dossier, as its dispositif's descriptor says (workflow type,
// arguments, first step: api/dossiers/<dispositif>/index.ts). The dossier id is derived from the request id when
// there is one (same request id → same dossier: idempotent), random otherwise; it carries no personal data.
import { createHash, randomUUID } from 'node:crypto';
import { Router } from 'express';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../../config';
import type { EtapeTousDispositifs } from '../dossiers/schemas';
import { getDossierQuelconque } from '../../workflows/shared/messages';
import { DISPOSITIF, ETAPE, ISSU_DE, MISSION_LOCALE, REGION } from '../../workflows/shared/search-attributes';
import { temporalUiLink } from '../common';
import { dispositifApi } from '../dossiers/dispositifs';
import { REGIONS } from '../../domain/regions';
import { horsChamp, refusHorsChamp } from './recevabilite';
import { createDemandeBodySchema, idempotencyHeadersSchema, type CreateDemandeBody, type DemandeCreated } from './schemas';

/** `CMP-` / `APC-` / `DGN-` + 10 uppercase hex chars of a SHA-256: of the request id when given, of a random UUID otherwise. */
export function dossierIdFor(dispositif: CreateDemandeBody['dispositif'], requestId?: string): string {
  const seed = requestId !== undefined ? `${dispositif}:${requestId}` : randomUUID();
  return `${dispositifApi(dispositif).prefix}-${createHash('sha256').update(seed).digest('hex').slice(0, 10).toUpperCase()}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The dossier's step. Right after the start the first workflow task may not have run yet, so the query is
 * retried briefly; then the Etape search attribute; then the initial step.
 */
async function readEtape(handle: WorkflowHandle, initial: EtapeTousDispositifs, logger: Logger, timeoutMs = 5_000): Promise<EtapeTousDispositifs> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return (await handle.query(getDossierQuelconque)).etape as EtapeTousDispositifs;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw err;
      if (Date.now() + 100 > deadline) {
        logger.warn({ err, workflowId: handle.workflowId }, 'getDossier query did not answer; falling back to the Etape search attribute');
        break;
      }
      await sleep(Math.min(50 * 2 ** attempt, 500));
    }
  }
  try {
    const etape = (await handle.describe()).typedSearchAttributes.get(ETAPE);
    if (etape) return etape as EtapeTousDispositifs;
  } catch (err) {
    logger.warn({ err, workflowId: handle.workflowId }, 'describe failed');
  }
  return initial;
}

export function demandesRouter(client: Client, config: Config, logger: Logger): Router {
  const router = Router();

  router.post('/api/demandes', async (req, res) => {
    const body = createDemandeBodySchema.parse(req.body);
    const headers = idempotencyHeadersSchema.parse({ 'Idempotency-Key': req.header('Idempotency-Key') });
    const headerKey = headers['Idempotency-Key'];
    if (body.requestId !== undefined && headerKey !== undefined && body.requestId !== headerKey) {
      throw new z.ZodError([
        {
          code: 'custom',
          path: ['requestId'],
          message: "différent de l'en-tête Idempotency-Key : envoyez l'un ou l'autre, ou la même valeur",
          input: body.requestId,
        },
      ]);
    }
    // Out of scope: refused at once with the reasons and where to ask instead, as the public forms do; nothing starts.
    const hors = horsChamp(body.dispositif, body.sujets);
    if (hors) {
      res.status(422).json(refusHorsChamp(body.dispositif, hors));
      return;
    }
    const { status, answer } = await creerDossier(client, config, logger, body, body.requestId ?? headerKey);
    res.status(status).location(answer.links.self).json(answer);
  });

  return router;
}

/** The workflow's arguments with the Diagnostic it follows from in its input (the first argument). */
function avecIssuDe(args: readonly unknown[], issuDe: string): unknown[] {
  const [input, ...rest] = args;
  return [{ ...(input as object), issuDe }, ...rest];
}

/** Starts the dossier of a validated demand: 201, or 200 with the existing dossier for a request id already seen. */
export async function creerDossier(
  client: Client,
  config: Config,
  logger: Logger,
  body: CreateDemandeBody,
  requestId: string | undefined,
  /** `issuDe`: the Diagnostic whose accepted proposal this dossier follows (its input, state and IssuDe search attribute). */
  suite?: { issuDe: string },
): Promise<{ status: 200 | 201; answer: DemandeCreated }> {
  const { dispositif } = body;
  const api = dispositifApi(dispositif);
  const { demarrage } = api;
  const dossierId = dossierIdFor(dispositif, requestId);
  const { missionLocale } = body;

  let status: 200 | 201 = 201;
  let handle: WorkflowHandle;
  try {
    handle = await client.workflow.start(api.workflowType, {
      taskQueue: config.TASK_QUEUE,
      workflowId: dossierId,
      args: suite ? avecIssuDe(demarrage.args(body, dossierId, config), suite.issuDe) : demarrage.args(body, dossierId, config),
      // A closed dossier keeps its id: the same request id never starts a second run.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      // Operators read what the dossier is in the Temporal UI without opening it (codes and region only).
      staticSummary: `${api.libelle} ${dossierId} · ${REGIONS[missionLocale.region]}`,
      typedSearchAttributes: [
        { key: DISPOSITIF, value: dispositif },
        { key: REGION, value: missionLocale.region },
        { key: MISSION_LOCALE, value: missionLocale.code },
        { key: ETAPE, value: demarrage.etapeInitiale },
        ...(suite ? [{ key: ISSU_DE, value: suite.issuDe }] : []),
      ],
    });
    logger.info({ dossierId, dispositif, idempotent: requestId !== undefined }, 'dossier started');
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    if (requestId === undefined) throw err; // a random id collided: astronomically unlikely, answer 500
    status = 200;
    handle = client.workflow.getHandle(dossierId);
    logger.info({ dossierId }, 'demande already received with this request id: returning the existing dossier');
  }

  const etape = await readEtape(handle, demarrage.etapeInitiale, logger);
  const answer: DemandeCreated = {
    dossierId,
    etape,
    links: {
      self: `/api/dossiers/${dossierId}`,
      temporalUi: temporalUiLink(config.TEMPORAL_UI_URL, client.options.namespace, dossierId),
    },
  };
  return { status, answer };
}
