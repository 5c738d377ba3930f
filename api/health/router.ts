// Liveness (the process answers) and readiness (Temporal answers).
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';

const READY_TIMEOUT_MS = 2_000;

export function healthRouter(client: Client, logger: Logger): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await client.connection.withDeadline(Date.now() + READY_TIMEOUT_MS, () => client.workflowService.getSystemInfo({}));
      res.json({ status: 'ready', temporal: 'ok' });
    } catch (err) {
      logger.warn({ err }, 'readiness check failed: Temporal unreachable');
      res.status(503).json({
        status: 'unavailable',
        error: 'temporal_unreachable',
        message: 'Temporal ne répond pas : vérifiez TEMPORAL_ADDRESS et que le serveur Temporal est démarré.',
      });
    }
  });
  return router;
}
