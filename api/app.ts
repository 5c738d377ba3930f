// The HTTP API: UNML staff and participants drive dossiers; every route validates with zod and is
// documented from the same schemas (/openapi.json, /docs).
import cookieParser from 'cookie-parser';
import express from 'express';
import type { Transporter } from 'nodemailer';
import type { Client } from '@temporalio/client';
import pino, { type Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import type { Config } from '../config';
import { installerErreursFr } from '../domain/erreurs-fr';
import type { Intervenant } from '../domain/schemas';
import type { VivierStore } from '../db/store';
import { actionLinksFromConfig, isDevEnvironment, type ActionLinks } from '../activities/action-links';
import { createTransport } from '../activities/email/transport';
import type { ComptesStore } from '../db/comptes-store';
import { connexionRouter } from './acces/connexion';
import { envoiParSmtp, type EnvoyerLienConnexion } from './acces/courriel';
import { controleAcces } from './acces/middleware';
import { oidcRouter } from './acces/oidc';
import { appliquerSecurite } from './acces/openapi';
import { resolveSessionSecret } from './acces/secret';
import { entetesSecurite, FORMULAIRES_PUBLICS, limiteConnexion, limiteFormulairesPublics } from './acces/securite';
import { registerComptesOpenApi } from './comptes/openapi';
import { comptesRouter } from './comptes/router';
import { signalerCapaciteLiberee, transmettreFicheIntervenant } from './vivier-client';
import { registerDemandesOpenApi } from './demandes/openapi';
import { demandesRouter } from './demandes/router';
import { registerDossiersOpenApi } from './dossiers/openapi';
import { dossiersRouter, largeBodyParsers } from './dossiers/router';
import { registerDocumentSuiviOpenApi } from './document-suivi/openapi';
import { documentSuiviRouter } from './document-suivi/router';
import { registerLivrablesOpenApi } from './livrables/openapi';
import { livrablesRouter } from './livrables/router';
import { registerDocumentsOpenApi } from './documents/openapi';
import { documentsRouter } from './documents/router';
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
import { registerCampagnesOpenApi } from './campagnes/openapi'; // Regional campaigns
import { campagnesBodyParsers, campagnesRouter } from './campagnes/router'; // Regional campaigns
import { registerFinancementCampagneOpenApi } from './campagnes/financement-openapi';
import { financementCampagneRouter } from './campagnes/financement-router';
import { campagnesPagesRouter } from './pages/campagnes/router'; // Regional campaigns: back office pages
import { pagesRouter } from './pages/router';
import { registerReferentielOpenApi } from './referentiel/openapi';
import { referentielRouter } from './referentiel/router';
import { codecBodyParser, codecRouter, corsCodec, registerCodecOpenApi } from './codec/router'; // Encrypted payloads: the UI's codec endpoint
import { donneesPersonnellesRouter } from './donnees-personnelles/router'; // The right of access and erasure (issue #15)
import { registerDonneesPersonnellesOpenApi } from './donnees-personnelles/openapi';
import { SqlRetentionStore } from '../db/retention';
import type { SqlVivierStore } from '../db/vivier';
import type { SqlReportingStore } from '../db/reporting'; // The network's figures (issue #14)
import { registerChiffresOpenApi } from './chiffres/openapi'; // The network's figures
import { chiffresRouter } from './chiffres/router'; // The network's figures
import { reportingDuVivier } from './chiffres/service'; // The network's figures
import { chiffresPagesRouter } from './pages/chiffres/router'; // The network's figures: back office pages
import { exportsDeLaBase, type StoresExports } from './exports/stores'; // Exports (issue #14)
import { registerExportsOpenApi } from './exports/openapi'; // Exports (issue #14)
import { exportsRouter } from './exports/router'; // Exports (issue #14)
import { pageExportsRouter } from './exports/page'; // Exports (issue #14): the back office page

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
  /** UNML staff accounts, sessions and API tokens (db/comptes.ts; issue #12): who may call what (api/acces/). */
  comptes: ComptesStore;
  /** Signs the session cookie and derives CSRF tokens; by default SESSION_SECRET (generated into DATA_DIR in development and tests). */
  sessionSecret?: string;
  /** Development (`npm start`, tests): a generated session secret is allowed, cookies are not `Secure`. Default: NODE_ENV says so. */
  developpement?: boolean;
  /** Sends the sign-in links; by default through `transport`, or SMTP_URL when set. */
  envoyerLienConnexion?: EnvoyerLienConnexion;
  /** The SMTP transport the API sends sign-in links through (by default one on SMTP_URL, when set). */
  transport?: Transporter;
  /** The reporting read model (issue #14, db/reporting.ts) the figures read; by default in the pool's database. */
  reporting?: SqlReportingStore;
  /** Exports (issue #14): the reporting read model and the export templates; by default on the pool's database (`vivier.db`). */
  storesExports?: StoresExports;
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
    registerComptesOpenApi,
    registerDocumentsOpenApi, // Compagnonnage: the documents the directions exchange
    registerCampagnesOpenApi, // Regional campaigns
    registerFinancementCampagneOpenApi, // Regional campaigns: funding by indicators, the survey's results
    registerCodecOpenApi, // Encrypted payloads (issue #15): the Temporal UI's codec endpoint
    registerDonneesPersonnellesOpenApi, // The right of access and erasure (issue #15)
    registerChiffresOpenApi, // The network's figures (issue #14)
    registerExportsOpenApi, // Exports (issue #14): dossiers and units of work as CSV/XLSX, templates, scheduled exports
  ]);
}

/** The OpenAPI document with each operation's security requirement and role, from the access table. */
export function createSecuredOpenApiDocument(): ReturnType<typeof buildOpenApiDocument> {
  return appliquerSecurite(createOpenApiDocument());
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
  comptes,
  developpement = isDevEnvironment(),
  sessionSecret = resolveSessionSecret({ secret: config.SESSION_SECRET, dev: developpement, dataDir: config.DATA_DIR }),
  transport = config.SMTP_URL ? createTransport(config.SMTP_URL) : undefined,
  envoyerLienConnexion = transport ? envoiParSmtp(transport, config.MAIL_FROM, config.UNML_CONTACT_EMAIL) : undefined,
  reporting = reportingDuVivier(vivier),
  storesExports = exportsDeLaBase(vivier),
}: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple'); // no nested objects from the query string
  if (config.TRUST_PROXY > 0) app.set('trust proxy', config.TRUST_PROXY);
  const https = config.PUBLIC_URL.startsWith('https:');
  app.use(entetesSecurite({ https: https && !developpement }));

  // Access log without bodies or query strings (they may hold personal data).
  app.use((req, res, next) => {
    const started = Date.now();
    // A scheduled export's download token is a credential (issue #14): its path is logged without it.
    const path = req.path.replace(/^(\/exports\/telechargement\/).+/, '$1…');
    res.on('finish', () => logger.info({ method: req.method, path, status: res.statusCode, ms: Date.now() - started }, 'request'));
    next();
  });

  // The Temporal UI's codec endpoint (issue #15) is called from the UI's origin: its CORS preflight has no credential.
  app.use('/codec', corsCodec(config));

  // Who is calling, and may they (issue #12): one table of routes → roles (api/acces/routes.ts), before any body is read.
  app.use(cookieParser(sessionSecret));
  app.use(controleAcces({ comptes, config, secret: sessionSecret, logger }));
  app.post(['/connexion', '/connexion/lien'], limiteConnexion(config));
  // OpenID Connect: only the return, which has the app call the provider (one request per sign-in).
  app.get('/connexion/oidc/retour', limiteConnexion(config));
  app.post(FORMULAIRES_PUBLICS, limiteFormulairesPublics(config));

  // A larger limit on the few routes that take files (deliverables), the default everywhere else.
  for (const { path, parser } of largeBodyParsers(config)) app.post(path, parser);
  for (const { path, parser } of campagnesBodyParsers(config)) app.post(path, parser); // Regional campaigns: files in base64
  app.post(codecBodyParser.paths, codecBodyParser.parser); // Encrypted payloads: a history's payloads may be large
  app.use(express.json({ limit: '100kb' }));

  const openapi = createSecuredOpenApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(openapi, { customSiteTitle: 'UNML Dispositifs API' }));

  app.use(healthRouter(client, logger));
  app.use(codecRouter(client)); // Encrypted payloads (issue #15): decode/encode for the Temporal UI, with the client's keys
  app.use(demandesRouter(client, config, logger));
  app.use(documentSuiviRouter(client));
  app.use(livrablesRouter(client, config));
  app.use(documentsRouter(client, config)); // Compagnonnage: the documents the directions exchange
  app.use(dossiersRouter(client, config, logger, comptes, vivier));
  // Regional campaigns (issue #13): creation, reading with progress, phase, ML and dialogue de gestion actions.
  app.use(campagnesRouter({ client, config, logger, vivier, comptes }));
  // Regional campaigns: funding by indicators (the indicators in, the computation out, its printable pages) and the survey's results.
  app.use(financementCampagneRouter({ client }));
  // Regional campaigns in the back office: the list, a campaign's page and one ML's, with their action forms.
  app.use(campagnesPagesRouter({ client, config, logger, comptes }));
  // The intervenant pool, its applications and reference data.
  const vivierDeps = { vivier, logger, capaciteLiberee, ficheModifiee };
  app.use(intervenantsRouter(vivierDeps));
  app.use(candidatsRouter(client, vivier));
  app.use(candidaturesRouter(vivierDeps));
  app.use(referentielRouter(vivier));
  // The network's figures (issue #14): JSON and CSV, the back office's page and the yearly printable report.
  if (reporting) {
    app.use(chiffresRouter({ reporting, vivier, config }));
    app.use(chiffresPagesRouter({ reporting, vivier, config, logger }));
  }
  // Exports (issue #14): the API (CSV/XLSX streamed, templates, scheduled exports, signed downloads) and the back office page.
  if (storesExports) {
    app.use(exportsRouter({ client, config, logger, vivier, comptes, ...storesExports }));
    app.use(pageExportsRouter({ client, config, vivier, comptes, ...storesExports }));
  }
  // Staff accounts and tokens, and the sign-in pages.
  app.use(comptesRouter(comptes));
  // The right of access and erasure (issue #15): on the pool's SQL database (a store without one serves no such route).
  if ('db' in vivier)
    app.use(
      donneesPersonnellesRouter({
        client,
        vivier,
        comptes,
        retention: new SqlRetentionStore((vivier as SqlVivierStore).db),
        retentionDossiersMois: config.RETENTION_DOSSIERS_MOIS,
        ...(devMailDir ? { devMailDir } : {}),
      }),
    );
  app.use(
    connexionRouter({
      comptes,
      config,
      secret: sessionSecret,
      logger,
      envoyer: envoyerLienConnexion,
      cookiesSecurises: !developpement || https,
    }),
  );
  // Single sign-on with OpenID Connect, when OIDC_* are set (else its pages say it is not configured).
  app.use(oidcRouter({ comptes, config, logger, cookiesSecurises: !developpement || https, developpement }));
  // French HTML pages: action links, demand forms, the "Je candidate" form, staff view, administration and tokens, dev mail.
  app.use(pagesRouter({ client, config, logger, actionLinks, vivier, comptes, capaciteLiberee, ficheModifiee, ...(devMailDir ? { devMailDir } : {}) }));

  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
