// The HTML pages, mounted by api/app.ts: the pages of action links (agir.ts), the public demand forms
// (demande.ts), the staff view (staff.ts) and, on the embedded stack only, the captured emails (dev-mail.ts).
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { ActionLinks } from '../../activities/action-links';
import type { Config } from '../../config';
import { agirRouter } from './agir';
import { demandeRouter } from './demande';
import { devMailRouter } from './dev-mail';
import { staffRouter } from './staff';

export interface PagesDeps {
  client: Client;
  config: Config;
  logger: Logger;
  actionLinks: ActionLinks;
  /** The local SMTP sink's folder: /dev/mail is served only with it, and never when NODE_ENV=production. */
  devMailDir?: string;
}

export function pagesRouter({ client, config, logger, actionLinks, devMailDir }: PagesDeps): Router {
  const router = Router();
  router.use(agirRouter(client, config.TASK_QUEUE, actionLinks, logger));
  router.use(demandeRouter(client, config, logger));
  router.use(staffRouter(client, config, logger));
  if (devMailDir && process.env.NODE_ENV !== 'production') router.use(devMailRouter(devMailDir));
  return router;
}
