// The HTML pages, mounted by api/app.ts: the pages of action links (agir.ts); more to come (demand forms,
// staff view, dev mail).
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { ActionLinks } from '../../activities/action-links';
import type { Config } from '../../config';
import { agirRouter } from './agir';

export interface PagesDeps {
  client: Client;
  config: Config;
  logger: Logger;
  actionLinks: ActionLinks;
  devMailDir?: string;
}

export function pagesRouter({ client, config, logger, actionLinks }: PagesDeps): Router {
  const router = Router();
  router.use(agirRouter(client, config.TASK_QUEUE, actionLinks, logger));
  return router;
}
