// /api/donnees-personnelles (issue #15): for one email address, what the product holds of that person (right of
// access, also as a JSON download), and its erasure where no duty keeps it. Administrators only (api/acces/routes.ts).
import { Router } from 'express';
import { ApiError } from '../errors';
import { effacementBodySchema, personneQuerySchema } from './schemas';
import { effacer, inventaire, type DonneesPersonnellesDeps } from './inventaire';

export function donneesPersonnellesRouter(deps: DonneesPersonnellesDeps): Router {
  const router = Router();

  router.get('/api/donnees-personnelles', async (req, res) => {
    const { email } = personneQuerySchema.parse(req.query);
    res.json(await inventaire(deps, email));
  });

  router.get('/api/donnees-personnelles/export', async (req, res) => {
    const { email } = personneQuerySchema.parse(req.query);
    const inv = await inventaire(deps, email);
    // The address stays out of the file name (it ends up in logs and download histories).
    res.attachment(`donnees-personnelles-${inv.genereLe.slice(0, 10)}.json`);
    res.type('application/json').send(JSON.stringify(inv, null, 2));
  });

  router.post('/api/donnees-personnelles/effacement', async (req, res) => {
    const { email } = effacementBodySchema.parse(req.body ?? {});
    if (!email) throw new ApiError(400, 'validation', "Donnez l'adresse email de la personne.");
    res.json(await effacer(deps, email));
  });

  return router;
}
