// The pool's ranking for a dossier, and staff's confirmation of a candidate (the atomic reservation happens in the
// dossier's workflow, which answers 409 with the pool's reason when capacity is gone). The intervenant may decline.
// Each dispositif says how through its descriptor's `designation` (api/dossiers/<dispositif>/designation.ts):
// Compagnonnage designates one intervenant; a Diagnostic a binôme, one role at a time; an Appui Conseil its
// (optional) network members, who decline from the same refus.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { VivierStore } from '../../db/store';
import { dossierIdParamsSchema } from '../common';
import { contexteDe } from '../dossiers/contexte';
import { dispositifApiOf } from '../dossiers/dispositifs';
import { candidatParamsSchema, refusSchema } from './schemas';

export function candidatsRouter(client: Client, vivier: VivierStore): Router {
  const router = Router();

  router.get('/api/dossiers/:id/candidats', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const api = dispositifApiOf(id);
    res.json(await api.designation.classement(client.workflow.getHandle(id), vivier));
  });

  router.post('/api/dossiers/:id/candidats/:intervenantId/confirmation', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { intervenantId } = candidatParamsSchema.parse(req.params);
    const api = dispositifApiOf(id);
    res.json(await api.designation.confirmer(client.workflow.getHandle(id), vivier, intervenantId, req.body, contexteDe(res)));
  });

  router.post('/api/dossiers/:id/candidats/:intervenantId/refus', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { intervenantId } = candidatParamsSchema.parse(req.params);
    const body = refusSchema.parse(req.body ?? {});
    const api = dispositifApiOf(id);
    res.json(await api.designation.refuser(client.workflow.getHandle(id), intervenantId, body, contexteDe(res)));
  });

  return router;
}
