// The pool of intervenants ("vivier d'experts"), for UNML staff: list, read (with active reservations and history),
// create, modify, withdraw. Every write names its author (`par`) for the pool's history. Changes that free matching
// capacity (reactivation, higher capacity, an unavailability removed, a new kind) are signalled through capaciteLiberee.
import { Router } from 'express';
import { creerIntervenant, intervenantOu404, modifierIntervenant, retirerIntervenant, type VivierRoutesDeps } from './operations';
import { creerIntervenantSchema, intervenantParamsSchema, listIntervenantsQuerySchema, modifierIntervenantSchema, retraitSchema } from './schemas';

// The operations live in operations.ts (shared with the back office's Vivier pages); re-exported for existing callers.
export { capaciteLibereePar, intervenantOu404, signalerCapaciteLiberee, type VivierRoutesDeps } from './operations';

export function intervenantsRouter(deps: VivierRoutesDeps): Router {
  const { vivier } = deps;
  const router = Router();

  router.get('/api/intervenants', async (req, res) => {
    const filtre = listIntervenantsQuerySchema.parse(req.query);
    res.json(await vivier.listIntervenants(filtre));
  });

  router.get('/api/intervenants/:id', async (req, res) => {
    const { id } = intervenantParamsSchema.parse(req.params);
    const intervenant = await intervenantOu404(vivier, id);
    const [reservations, historique] = await Promise.all([vivier.reservations({ intervenantId: id, actives: true }), vivier.historique('intervenant', id)]);
    res.json({ intervenant, reservations, historique });
  });

  router.post('/api/intervenants', async (req, res) => {
    const intervenant = await creerIntervenant(deps, creerIntervenantSchema.parse(req.body));
    res.status(201).location(`/api/intervenants/${intervenant.id}`).json(intervenant);
  });

  router.patch('/api/intervenants/:id', async (req, res) => {
    const { id } = intervenantParamsSchema.parse(req.params);
    const patch = modifierIntervenantSchema.parse(req.body);
    res.json(await modifierIntervenant(deps, id, patch));
  });

  router.post('/api/intervenants/:id/retrait', async (req, res) => {
    const { id } = intervenantParamsSchema.parse(req.params);
    res.json(await retirerIntervenant(deps, id, retraitSchema.parse(req.body ?? {})));
  });

  return router;
}
