// /api/campagnes (issue #13): UNML staff and scripts create a regional campaign, read it with its progress, and drive
// its phases, its Missions Locales' états des lieux and their dialogues de gestion, each action an Update of the
// campaign's workflows (refusals: 409 with the French reason). The indicators and funding routes sit beside, in
// their own router (api/campagnes/financement*.ts).
import express, { Router, type RequestHandler } from 'express';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/common';
import type { Logger } from 'pino';
import type { Config } from '../../config';
import type { VivierStore } from '../../db/store';
import { REGIONS } from '../../domain/regions';
import { getCampagne, getDialogue, getMlCampagne, type CampagneVue } from '../../workflows/campagne/messages';
import {
  idDialogue,
  idMlCampagne,
  type CampagneInput,
  type DelaisCampagne,
  type DialogueGestionInput,
  type MlCampagneState,
} from '../../workflows/campagne/state';
import { CAMPAGNE, DISPOSITIF, MISSION_LOCALE, PHASE, REGION } from '../../workflows/shared/search-attributes';
import { accesDe } from '../acces/middleware';
import { temporalUiLink } from '../common';
import type { ActionContext, DossierAction } from '../dossiers/actions';
import { contexteDe } from '../dossiers/contexte';
import { contactUnml } from '../demandes/demarrage';
import { idempotencyHeadersSchema } from '../demandes/schemas';
import { ActionRefuseeError, ApiError } from '../errors';
import { CAMPAGNE_ACTIONS, CHEMIN_CAMPAGNE, CHEMIN_DIALOGUE, CHEMIN_ML, DIALOGUE_ACTIONS, ML_ACTIONS } from './actions';
import { campagneIdPour, DELAIS_CAMPAGNE_PAR_DEFAUT, entreeCampagne } from './creation';
import { envoyerFichier } from './fichiers';
import {
  campagneParamsSchema,
  creerCampagneSchema,
  demarrerDialogueSchema,
  dialogueParamsSchema,
  documentParamsSchema,
  listeCampagnesQuerySchema,
  mlParamsSchema,
  type PHASES_CAMPAGNE,
} from './schemas';

export { DELAIS_CAMPAGNE_PAR_DEFAUT };

/** The workflow types of a campaign (the lead's workflows/campagne/*.ts, registered by the worker). */
export const WORKFLOW_CAMPAGNE = 'campagne';
export const WORKFLOW_DIALOGUE = 'dialogueDeGestion';

export interface CampagnesDeps {
  client: Client;
  config: Config;
  logger: Logger;
  vivier: Pick<VivierStore, 'missionsLocales' | 'getIntervenant'>;
  /** The staff accounts (an action naming an interlocutrice by her account; none does today). */
  comptes: ActionContext['comptes'];
  /** The delays every new campaign gets: by default DELAIS_CAMPAGNE_PAR_DEFAUT, the dialogue's interval from CAMPAIGN_DIALOGUE_INTERVAL. */
  delais?: DelaisCampagne;
}

/**
 * JSON body parsers with a limit above the default, for the actions that take a file in base64 (support, a document
 * of the study, the état des lieux). Mounted by the app BEFORE its default parser, as the dossiers' are.
 */
export function campagnesBodyParsers(config: ActionContext['config']): { path: string; parser: RequestHandler }[] {
  const avecLimite = [
    ...CAMPAGNE_ACTIONS.map((a) => ({ a, chemin: `${CHEMIN_CAMPAGNE}/${a.path}` })),
    ...ML_ACTIONS.map((a) => ({ a, chemin: `${CHEMIN_ML}/${a.path}` })),
  ].filter(({ a }) => a.bodyLimit);
  return avecLimite.map(({ a, chemin }) => {
    const limite = a.bodyLimit!(config);
    const json = express.json({ limit: limite.octets });
    const parser: RequestHandler = (req, res, next) => {
      json(req, res, (err?: unknown) => {
        if ((err as { type?: unknown } | undefined)?.type === 'entity.too.large') next(new ApiError(413, 'payload_too_large', limite.message));
        else next(err);
      });
    };
    return { path: chemin, parser };
  });
}

const inconnue = (id: string) => new ApiError(404, 'not_found', `Campagne inconnue : ${id}. Vérifiez l’identifiant (GET /api/campagnes pour la liste).`);
const mlHorsCampagne = (id: string, ml: string) =>
  new ApiError(404, 'not_found', `La Mission Locale ${ml} ne fait pas partie de la campagne ${id} (voir « mls » de GET /api/campagnes/${id}).`);
const PHASES_FR: Record<(typeof PHASES_CAMPAGNE)[number], string> = {
  cadrage: 'cadrage',
  etat_des_lieux: 'état des lieux',
  analyse_transversale: 'analyse transversale',
  suivi: 'suivi',
  cloturee: 'clôturée',
  annulee: 'annulée',
};

export function campagnesRouter({
  client,
  config,
  logger,
  vivier,
  comptes,
  delais = { ...DELAIS_CAMPAGNE_PAR_DEFAUT, intervalleDialogue: config.CAMPAIGN_DIALOGUE_INTERVAL },
}: CampagnesDeps): Router {
  const router = Router();

  /** The campaign's view, or 404 when there is none of this id. */
  async function lireCampagne(id: string): Promise<CampagneVue> {
    try {
      return await client.workflow.getHandle(id).query(getCampagne);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw inconnue(id);
      throw err;
    }
  }

  /** The campaign, and this ML in it (404 otherwise). */
  async function campagneEtMl(id: string, ml: string): Promise<CampagneVue> {
    const campagne = await lireCampagne(id);
    if (!campagne.mls.some((m) => m.code === ml)) throw mlHorsCampagne(id, ml);
    return campagne;
  }

  /** An ML's child or a dialogue not found: the campaign or the ML unknown (404), or not started yet. */
  async function expliquerAbsence(id: string, ml: string, quoi: string, statut: 404 | 409): Promise<never> {
    const campagne = await campagneEtMl(id, ml);
    throw statut === 404
      ? new ApiError(404, 'not_found', `${quoi} (campagne en phase « ${PHASES_FR[campagne.phase]} »).`)
      : new ActionRefuseeError(`${quoi} (campagne en phase « ${PHASES_FR[campagne.phase]} »).`);
  }

  /**
   * Sends an action's update; a workflow that is not running is either unknown (`absent`: 404, or 409 for an ML not
   * started yet) or finished (409, `termine` saying what ended).
   */
  async function executer<S>(
    handle: WorkflowHandle,
    a: DossierAction<S>,
    body: unknown,
    res: express.Response,
    absent: () => Promise<never>,
    termine: (phase: string | undefined) => string,
  ): Promise<S> {
    try {
      return await a.execute(handle, body, { dossierId: handle.workflowId, config, comptes, acteur: contexteDe(res).acteur! });
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      let description: Awaited<ReturnType<WorkflowHandle['describe']>>;
      try {
        description = await handle.describe();
      } catch {
        return absent();
      }
      if (description.status.name === 'RUNNING') throw err;
      const phase = description.typedSearchAttributes.get(PHASE);
      throw new ActionRefuseeError(
        `${termine(phase && phase in PHASES_FR ? PHASES_FR[phase as keyof typeof PHASES_FR] : undefined)} : l’action « ${a.path} » n’est plus possible.`,
      );
    }
  }

  router.post('/api/campagnes', async (req, res) => {
    const body = creerCampagneSchema.parse(req.body ?? {});
    const { 'Idempotency-Key': cle } = idempotencyHeadersSchema.parse({ 'Idempotency-Key': req.header('Idempotency-Key') });
    const campagneId = campagneIdPour(cle);
    const compte = accesDe(res)?.compte;
    // UNML's lead of the campaign: the account that creates it (told of blocking points and escalations).
    const responsable = compte ? { nom: compte.nom, email: compte.email } : contactUnml(config);
    const input = await entreeCampagne(vivier, body, campagneId, responsable, delais);
    let status = 201;
    try {
      await client.workflow.start(WORKFLOW_CAMPAGNE, {
        taskQueue: config.TASK_QUEUE,
        workflowId: campagneId,
        args: [input] satisfies [CampagneInput],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `Campagne régionale ${campagneId} · ${REGIONS[input.region]}`,
        // The campaign's name is not personal data: the list reads it from here.
        memo: { nom: input.nom },
        typedSearchAttributes: [
          { key: DISPOSITIF, value: 'campagne' },
          { key: REGION, value: input.region },
          { key: CAMPAGNE, value: campagneId },
          { key: PHASE, value: 'cadrage' },
        ],
      });
      logger.info({ campagneId, region: input.region, mls: input.mls.length }, 'campagne started');
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError) || cle === undefined) throw err;
      status = 200; // the same Idempotency-Key: the campaign already created
    }
    const lien = `/api/campagnes/${campagneId}`;
    res
      .status(status)
      .location(lien)
      .json({ campagneId, phase: 'cadrage', lien, temporalUi: temporalUiLink(config.TEMPORAL_UI_URL, client.options.namespace, campagneId) });
  });

  router.get('/api/campagnes', async (req, res) => {
    const q = listeCampagnesQuerySchema.parse(req.query);
    // Only enums in the query: nothing can inject into it.
    const clauses = [`WorkflowType = '${WORKFLOW_CAMPAGNE}'`];
    if (q.region) clauses.push(`${REGION.name} = '${q.region}'`);
    if (q.phase) clauses.push(`${PHASE.name} = '${q.phase}'`);
    const items = [];
    for await (const info of client.workflow.list({ query: clauses.join(' AND '), pageSize: 200 })) {
      const nom = info.memo?.nom;
      items.push({
        campagneId: info.workflowId,
        nom: typeof nom === 'string' ? nom : null,
        region: info.typedSearchAttributes.get(REGION) ?? null,
        phase: info.typedSearchAttributes.get(PHASE) ?? null,
        status: info.status.name,
        creeeLe: info.startTime.toISOString(),
      });
      if (items.length >= 1000) break;
    }
    items.sort((a, b) => b.creeeLe.localeCompare(a.creeeLe));
    res.json({ items, count: items.length });
  });

  router.get(CHEMIN_CAMPAGNE, async (req, res) => {
    const { id } = campagneParamsSchema.parse(req.params);
    res.json(await lireCampagne(id));
  });

  for (const a of CAMPAGNE_ACTIONS) {
    router.post(`${CHEMIN_CAMPAGNE}/${a.path}`, async (req, res) => {
      const { id } = campagneParamsSchema.parse(req.params);
      const vue = await executer(
        client.workflow.getHandle(id),
        a,
        req.body,
        res,
        () => Promise.reject(inconnue(id)),
        (phase) => (phase ? `La campagne ${id} est ${phase}` : `La campagne ${id} est terminée`),
      );
      logger.info({ campagneId: id, action: a.path, phase: vue.phase }, 'campagne action applied');
      res.json(vue);
    });
  }

  /** An ML's state in the campaign, or 404 (the campaign unknown, the ML not in it, its état des lieux not started). */
  async function lireMl(id: string, ml: string): Promise<MlCampagneState> {
    try {
      return await client.workflow.getHandle(idMlCampagne(id, ml)).query(getMlCampagne);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      return expliquerAbsence(id, ml, `L’état des lieux de ${ml} n’a pas commencé`, 404);
    }
  }

  router.get(CHEMIN_ML, async (req, res) => {
    const { id, ml } = mlParamsSchema.parse(req.params);
    res.json(await lireMl(id, ml));
  });

  // The files staff download (or the links they are redirected to): the support, the study's documents, the état des lieux.
  router.get(`${CHEMIN_CAMPAGNE}/support`, async (req, res) => {
    const { id } = campagneParamsSchema.parse(req.params);
    const { support } = await lireCampagne(id);
    if (!support) throw new ApiError(404, 'not_found', `Le support de la démarche n’a pas encore été diffusé (POST /api/campagnes/${id}/support).`);
    await envoyerFichier(res, config, id, support);
  });
  router.get(`${CHEMIN_ML}/documents/:numero`, async (req, res) => {
    const { id, ml, numero } = documentParamsSchema.parse(req.params);
    const etat = await lireMl(id, ml);
    const document = etat.documents.find((d) => d.numero === numero);
    if (!document) {
      const numeros = etat.documents.map((d) => d.numero);
      throw new ApiError(
        404,
        'not_found',
        `Document n° ${numero} inconnu pour ${ml}${numeros.length ? ` (documents : ${numeros.join(', ')})` : ' (aucun document)'}.`,
      );
    }
    await envoyerFichier(res, config, etat.dossierId, document);
  });
  router.get(`${CHEMIN_ML}/etat-des-lieux`, async (req, res) => {
    const { id, ml } = mlParamsSchema.parse(req.params);
    const etat = await lireMl(id, ml);
    if (!etat.livrable) throw new ApiError(404, 'not_found', `L’état des lieux de ${etat.ml.nom} n’a pas encore été envoyé à sa direction.`);
    await envoyerFichier(res, config, etat.dossierId, etat.livrable);
  });

  for (const a of ML_ACTIONS) {
    router.post(`${CHEMIN_ML}/${a.path}`, async (req, res) => {
      const { id, ml } = mlParamsSchema.parse(req.params);
      const handle = client.workflow.getHandle(idMlCampagne(id, ml));
      const etat = await executer(
        handle,
        a,
        req.body,
        res,
        () => expliquerAbsence(id, ml, `L’état des lieux de ${ml} n’a pas commencé`, 409),
        () => `Le suivi de ${ml} dans la campagne ${id} est terminé`,
      );
      logger.info({ campagneId: id, ml, action: a.path, statut: etat.statut }, 'campagne ML action applied');
      res.json(etat);
    });
  }

  // A dialogue de gestion started by hand (the Schedule starts the yearly ones): its own id per ML and year.
  router.post(`${CHEMIN_ML}/dialogues`, async (req, res) => {
    const { id, ml } = mlParamsSchema.parse(req.params);
    const { annee } = demarrerDialogueSchema.parse(req.body ?? {});
    const campagne = await campagneEtMl(id, ml);
    const dialogueId = idDialogue(id, ml, annee);
    const input: DialogueGestionInput = { campagneId: id, ml, annee, relanceDialogue: delais.relanceDialogue };
    try {
      await client.workflow.start(WORKFLOW_DIALOGUE, {
        taskQueue: config.TASK_QUEUE,
        workflowId: dialogueId,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `Dialogue de gestion ${annee} · ${ml} · campagne ${id}`,
        typedSearchAttributes: [
          { key: DISPOSITIF, value: 'campagne' },
          { key: REGION, value: campagne.region },
          { key: CAMPAGNE, value: id },
          { key: MISSION_LOCALE, value: ml },
        ],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      throw new ActionRefuseeError(
        `Le dialogue de gestion ${annee} de ${ml} existe déjà (${dialogueId}) : GET ${CHEMIN_ML.replace(':id', id).replace(':ml', ml)}/dialogues/${annee}.`,
      );
    }
    logger.info({ campagneId: id, ml, annee, dialogueId }, 'dialogue de gestion started by hand');
    const lien = `/api/campagnes/${id}/mls/${ml}/dialogues/${annee}`;
    res.status(201).location(lien).json({ dialogueId, lien });
  });

  const dialogueAbsent = (id: string, ml: string, annee: number, statut: 404 | 409) =>
    expliquerAbsence(id, ml, `Aucun dialogue de gestion ${annee} pour ${ml} (POST …/dialogues { "annee": ${annee} } pour le démarrer)`, statut);

  router.get(CHEMIN_DIALOGUE, async (req, res) => {
    const { id, ml, annee } = dialogueParamsSchema.parse(req.params);
    try {
      res.json(await client.workflow.getHandle(idDialogue(id, ml, annee)).query(getDialogue));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await dialogueAbsent(id, ml, annee, 404);
    }
  });

  for (const a of DIALOGUE_ACTIONS) {
    router.post(`${CHEMIN_DIALOGUE}/${a.path}`, async (req, res) => {
      const { id, ml, annee } = dialogueParamsSchema.parse(req.params);
      const etat = await executer(
        client.workflow.getHandle(idDialogue(id, ml, annee)),
        a,
        req.body,
        res,
        () => dialogueAbsent(id, ml, annee, 409),
        () => `Le dialogue de gestion ${annee} de ${ml} est clos`,
      );
      logger.info({ campagneId: id, ml, annee, action: a.path, statut: etat.statut }, 'dialogue de gestion action applied');
      res.json(etat);
    });
  }

  return router;
}
