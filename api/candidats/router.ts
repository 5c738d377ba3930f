// The pool's ranking for a dossier, and staff's confirmation of a candidate (the atomic reservation happens in the
// dossier's workflow, which answers 409 with the pool's reason when capacity is gone). The intervenant may decline.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { VivierStore } from '../../db/store';
import * as M from '../../workflows/compagnonnage/messages';
import { dossierIdParamsSchema } from '../common';
import { onlyFor } from '../dossiers/dispositifs';
import { candidatParamsSchema, confirmationSchema, refusSchema } from './schemas';
import { classementDuDossier, designationDepuisVivier } from './service';

const SUJET = 'Le classement des candidats du vivier';

export function candidatsRouter(client: Client, vivier: VivierStore): Router {
  const router = Router();

  router.get('/api/dossiers/:id/candidats', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    onlyFor(id, ['compagnonnage'], SUJET);
    res.json(await classementDuDossier(client.workflow.getHandle(id), vivier));
  });

  router.post('/api/dossiers/:id/candidats/:intervenantId/confirmation', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { intervenantId } = candidatParamsSchema.parse(req.params);
    const body = confirmationSchema.parse(req.body ?? {});
    onlyFor(id, ['compagnonnage'], SUJET);
    const handle = client.workflow.getHandle(id);
    const designation = await designationDepuisVivier(handle, vivier, intervenantId, body.motif);
    res.json(await handle.executeUpdate(M.designateIntervenant, { args: [{ ...designation, ...(body.par ? { par: body.par } : {}) }] }));
  });

  router.post('/api/dossiers/:id/candidats/:intervenantId/refus', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { intervenantId } = candidatParamsSchema.parse(req.params);
    const body = refusSchema.parse(req.body ?? {});
    onlyFor(id, ['compagnonnage'], SUJET);
    const handle = client.workflow.getHandle(id);
    res.json(await handle.executeUpdate(M.respondDesignation, { args: [{ accepte: false, motif: body.motif, intervenantId, ...(body.par ? { par: body.par } : {}) }] }));
  });

  return router;
}
