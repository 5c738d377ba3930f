// The HTTP API: UNML staff and participants drive dossiers; every route validates with zod and is
// documented from the same schemas (/openapi.json, /docs).
import express from 'express';
import type { Client } from '@temporalio/client';
import pino, { type Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import type { Config } from '../config';
import { installerErreursFr } from '../domain/erreurs-fr';
import type { Intervenant } from '../domain/schemas';
import type { VivierStore } from '../db/store';
import { actionLinksFromConfig, type ActionLinks } from '../activities/action-links';
import { signalerCapaciteLiberee, transmettreFicheIntervenant } from './vivier-client';
import { registerDemandesOpenApi } from './demandes/openapi';
import { demandesRouter } from './demandes/router';
import { registerDossiersOpenApi } from './dossiers/openapi';
import { dossiersRouter, largeBodyParsers } from './dossiers/router';
import { registerDocumentSuiviOpenApi } from './document-suivi/openapi';
import { documentSuiviRouter } from './document-suivi/router';
import { registerLivrablesOpenApi } from './livrables/openapi';
import { livrablesRouter } from './livrables/router';
import { errorHandler, notFoundHandler } from './errors';
import { registerHealthOpenApi } from './health/openapi';
import { healthRouter } from './health/router';
import { registerCandidatsOpenApi } from './candidats/openapi';
import { candidatsRouter } from './candidats/router';
import { registerCandidaturesOpenApi } from './candidatures/openapi';
import { candidaturesRouter } from './candidatures/router';
import { registerIntervenantsOpenApi } from './intervenants/openapi';
import { intervenantsRouter } from './intervenants/router';
import { buildOpenApiDocument } from './openapi';
import { pagesRouter } from './pages/router';
import { registerReferentielOpenApi } from './referentiel/openapi';
import { referentielRouter } from './referentiel/router';

// Every validation error the API and the pages answer is French and says what to send (issue #17 §3).
installerErreursFr();

export interface AppDeps {
  client: Client;
  config: Config;
  logger?: Logger;
  /** Verifies the links of emails (pages under /agir/); by default from ACTION_LINK_SECRET (see activities/action-links.ts). */
  actionLinks?: ActionLinks;
  /** Where the local SMTP sink keeps emails: serves /dev/mail (only given by `npm start` without SMTP_URL, and tests). */
  devMailDir?: string;
  /** The intervenant pool (db/vivier.ts): /api/intervenants, /api/candidatures, /api/referentiel, /candidater. */
  vivier: VivierStore;
  /**
   * Called after a change that frees matching capacity in the pool (an application validated, an intervenant
   * reactivated or its capacity raised, an unavailability removed), with the reason: the waiting list can then
   * try again. Its failure is logged, never fails the request. By default it signals the waiting-list workflow.
   */
  capaciteLiberee?: (raison: string) => void | Promise<void>;
  /**
   * Called when an intervenant's record as dossiers keep it (name, email, région, home ML) was corrected, with
   * the dossiers holding them. Its failure is logged, never fails the request. By default it starts the workflow
   * that tells each of those dossiers (workflows/vivier/fiche-modifiee.ts).
   */
  ficheModifiee?: (intervenant: Intervenant, dossierIds: string[], modifieLe: string) => void | Promise<void>;
}

export function createOpenApiDocument(): ReturnType<typeof buildOpenApiDocument> {
  return buildOpenApiDocument([
    registerHealthOpenApi,
    registerDemandesOpenApi,
    registerDossiersOpenApi,
    registerDocumentSuiviOpenApi,
    registerLivrablesOpenApi,
    registerIntervenantsOpenApi,
    registerCandidatsOpenApi,
    registerCandidaturesOpenApi,
    registerReferentielOpenApi,
  ]);
}

export function createApp({
  client,
  config,
  logger = pino({ level: config.LOG_LEVEL }),
  actionLinks = actionLinksFromConfig(config),
  devMailDir,
  vivier,
  capaciteLiberee = (raison) => signalerCapaciteLiberee(client, config.TASK_QUEUE, raison),
  ficheModifiee = (intervenant, dossierIds, modifieLe) => transmettreFicheIntervenant(client, config.TASK_QUEUE, intervenant, dossierIds, modifieLe),
}: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple'); // no nested objects from the query string

  // Access log without bodies or query strings (they may hold personal data).
  app.use((req, res, next) => {
    const started = Date.now();
    res.on('finish', () => logger.info({ method: req.method, path: req.path, status: res.statusCode, ms: Date.now() - started }, 'request'));
    next();
  });
  // A larger limit on the few routes that take files (deliverables), the default everywhere else.
  for (const { path, parser } of largeBodyParsers(config)) app.post(path, parser);
  app.use(express.json({ limit: '100kb' }));

  const openapi = createOpenApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: 'UNML Dispositifs API' }));

  app.use(healthRouter(client, logger));
  app.use(demandesRouter(client, config, logger));
  app.use(documentSuiviRouter(client));
  app.use(livrablesRouter(client, config));
  app.use(dossiersRouter(client, config, logger));
  // The intervenant pool, its applications and reference data.
  const vivierDeps = { vivier, logger, capaciteLiberee, ficheModifiee };
  app.use(intervenantsRouter(vivierDeps));
  app.use(candidatsRouter(client, vivier));
  app.use(candidaturesRouter(vivierDeps));
  app.use(referentielRouter(vivier));
  // French HTML pages: action links, demand forms, the "Je candidate" form, staff view, dev mail.
  app.use(pagesRouter({ client, config, logger, actionLinks, vivier, ...(devMailDir ? { devMailDir } : {}) }));

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
