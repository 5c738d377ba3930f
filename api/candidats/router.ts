// The pool's ranking for a dossier, and staff's confirmation of a candidate (the atomic reservation happens in the
// dossier's workflow, which answers 409 with the pool's reason when capacity is gone). The intervenant may decline.
// Compagnonnage designates one intervenant; a Diagnostic a binôme, one role at a time (./diagnostic.ts).
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { VivierStore } from '../../db/store';
import * as M from '../../workflows/compagnonnage/messages';
import * as D from '../../workflows/diagnostic/messages';
import { dossierIdParamsSchema } from '../common';
import { onlyFor } from '../dossiers/dispositifs';
import { classementDiagnostic, confirmationDiagnosticSchema, designationDiagnostic } from './diagnostic';
import { candidatParamsSchema, confirmationSchema, refusSchema } from './schemas';
import { classementDuDossier, designationDepuisVivier } from './service';

const SUJET = 'Le classement des candidats du vivier';

export function candidatsRouter(client: Client, vivier: VivierStore): Router {
  const router = Router();

  router.get('/api/dossiers/:id/candidats', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const api = onlyFor(id, ['compagnonnage', 'diagnostic'], SUJET);
    const handle = client.workflow.getHandle(id);
    res.json(api.dispositif === 'diagnostic' ? await classementDiagnostic(handle, vivier) : await classementDuDossier(handle, vivier));
  });

  router.post('/api/dossiers/:id/candidats/:intervenantId/confirmation', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { intervenantId } = candidatParamsSchema.parse(req.params);
    const api = onlyFor(id, ['compagnonnage', 'diagnostic'], SUJET);
    const handle = client.workflow.getHandle(id);
    if (api.dispositif === 'diagnostic') {
      const corps = confirmationDiagnosticSchema.parse(req.body ?? {});
      const designation = await designationDiagnostic(handle, vivier, intervenantId, corps);
      res.json(await handle.executeUpdate(D.designateDiagnostiqueur, { args: [{ ...designation, ...(corps.par ? { par: corps.par } : {}) }] }));
      return;
    }
    const body = confirmationSchema.parse(req.body ?? {});
    const designation = await designationDepuisVivier(handle, vivier, intervenantId, body.motif);
    res.json(await handle.executeUpdate(M.designateIntervenant, { args: [{ ...designation, ...(body.par ? { par: body.par } : {}) }] }));
  });

  router.post('/api/dossiers/:id/candidats/:intervenantId/refus', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { intervenantId } = candidatParamsSchema.parse(req.params);
    const body = refusSchema.parse(req.body ?? {});
    const api = onlyFor(id, ['compagnonnage', 'diagnostic'], SUJET);
    const handle = client.workflow.getHandle(id);
    if (api.dispositif === 'diagnostic') {
      res.json(await handle.executeUpdate(D.respondDiagnostiqueur, { args: [{ accepte: false, motif: body.motif, intervenantId, ...(body.par ? { par: body.par } : {}) }] }));
      return;
    }
    res.json(await handle.executeUpdate(M.respondDesignation, { args: [{ accepte: false, motif: body.motif, intervenantId, ...(body.par ? { par: body.par } : {}) }] }));
  });

  return router;
}
