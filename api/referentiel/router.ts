// Reference data of the pool: the régions (with their ARML) and the Missions Locales, from the store.
import { Router } from 'express';
import type { VivierStore } from '../../db/store';
import { missionsLocalesQuerySchema } from './schemas';

export function referentielRouter(vivier: VivierStore): Router {
  const router = Router();

  router.get('/api/referentiel/regions', async (_req, res) => {
    res.json(await vivier.regions());
  });

  router.get('/api/referentiel/missions-locales', async (req, res) => {
    const { region } = missionsLocalesQuerySchema.parse(req.query);
    res.json(await vivier.missionsLocales(region));
  });

  return router;
}
