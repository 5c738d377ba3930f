// The HTML pages, mounted by api/app.ts: the pages of action links (agir/), the public demand forms
// (demande.ts), the "Je candidate" form of the intervenant pool (candidater.ts), the staff view (staff.ts), a dossier's page (staff/dossier.ts),
// the back office's Administration and "Mes jetons" (administration.ts) and, on the embedded stack only, the
// captured emails (dev-mail.ts).
import { Router, type ErrorRequestHandler } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { ActionLinks } from '../../activities/action-links';
import type { Config } from '../../config';
import type { ComptesStore } from '../../db/comptes-store';
import type { VivierStore } from '../../db/store';
import type { Intervenant } from '../../domain/schemas';
import { classifyError } from '../errors';
import { administrationRouter } from './administration';
import { agirRouter } from './agir/router';
import { campagneLiensRouter } from './agir-campagne/router';
import { documentsLienRouter } from './agir/documents-router';
import { candidaterRouter } from './candidater';
import { demandeRouter } from './demande';
import { devMailRouter } from './dev-mail';
import { sendMessage } from './render';
import { staffRouter } from './staff';
import { dossierStaffRouter } from './staff/dossier';
import { vivierPagesRouter } from './vivier/router';

export interface PagesDeps {
  client: Client;
  config: Config;
  logger: Logger;
  actionLinks: ActionLinks;
  vivier: VivierStore;
  /** Staff accounts and tokens: the Administration and "Mes jetons" pages; the lists name the interlocutrices. */
  comptes: ComptesStore;
  /** The Vivier pages' follow-ups of a change, as the API's (see AppDeps.capaciteLiberee, AppDeps.ficheModifiee). */
  capaciteLiberee?: (raison: string) => void | Promise<void>;
  ficheModifiee?: (intervenant: Intervenant, dossierIds: string[], modifieLe: string) => void | Promise<void>;
  /** The local SMTP sink's folder: /dev/mail is served only with it, and never when NODE_ENV=production. */
  devMailDir?: string;
}

export function pagesRouter({ client, config, logger, actionLinks, vivier, comptes, devMailDir, capaciteLiberee, ficheModifiee }: PagesDeps): Router {
  const router = Router();
  // The Compagnonnage's documents page (/agir/:id/documents, not single-shot) before the generic link pages.
  // Regional campaigns (issue #13): the links of CAM-… ids, before the dossiers' (which know only dossier ids).
  router.use(campagneLiensRouter(client, config, actionLinks, logger));
  router.use(documentsLienRouter(client, config, actionLinks, logger));
  router.use(agirRouter(client, config.TASK_QUEUE, actionLinks, logger));
  router.use(demandeRouter(client, config, logger));
  router.use(candidaterRouter(vivier, logger));
  router.use(staffRouter({ client, config, vivier, comptes, logger }));
  router.use(dossierStaffRouter(client, config, logger, comptes, vivier));
  router.use(administrationRouter(comptes));
  // The Vivier: intervenants and applications (the same operations as /api/intervenants and /api/candidatures).
  router.use(vivierPagesRouter({ vivier, logger, comptes, ...(capaciteLiberee ? { capaciteLiberee } : {}), ...(ficheModifiee ? { ficheModifiee } : {}) }));
  if (devMailDir && process.env.NODE_ENV !== 'production') router.use(devMailRouter(devMailDir));
  router.use(pageErrors(logger));
  return router;
}

/** A page's unexpected error answers a French page, not JSON; the details stay in the server log. */
function pageErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = classifyError(err);
    if (known && known.status < 500) {
      sendMessage(res, known.status, 'Demande impossible', [known.body.message], 'alerte');
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'page failed');
    const indisponible = known?.status === 503 || /UNAVAILABLE|connect/i.test(String((err as Error)?.message));
    sendMessage(
      res,
      indisponible ? 503 : 500,
      'Service momentanément indisponible',
      [
        'Votre demande n’a pas pu aboutir. Réessayez dans quelques minutes ; rien n’est perdu de ce qui était déjà enregistré.',
        'Si le problème persiste, écrivez à l’UNML.',
      ],
      'alerte',
    );
  };
}
