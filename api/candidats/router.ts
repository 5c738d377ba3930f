// The pool's ranking for a dossier, and staff's confirmation of a candidate (the atomic reservation happens in the
// dossier's workflow, which answers 409 with the pool's reason when capacity is gone). The intervenant may decline.
// Compagnonnage designates one intervenant; a Diagnostic a binôme, one role at a time (./diagnostic.ts); an
// Appui Conseil its (optional) network member (./appui-conseil.ts), who declines from the same refus.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { VivierStore } from '../../db/store';
import * as A from '../../workflows/appui-conseil/messages';
import * as M from '../../workflows/compagnonnage/messages';
import * as D from '../../workflows/diagnostic/messages';
import { dossierIdParamsSchema, type DispositifServi } from '../common';
import { onlyFor } from '../dossiers/dispositifs';
import { classementAppuiConseil } from './appui-conseil';
import { classementDiagnostic, confirmationDiagnosticSchema, designationDiagnostic } from './diagnostic';
import { candidatParamsSchema, confirmationSchema, refusSchema } from './schemas';
import { classementDuDossier, designationDepuisVivier } from './service';

const SUJET = 'Le classement des candidats du vivier';
const SERVIS: DispositifServi[] = ['compagnonnage', 'diagnostic', 'appui_conseil'];

export function candidatsRouter(client: Client, vivier: VivierStore): Router {
  const router = Router();

  router.get('/api/dossiers/:id/candidats', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const api = onlyFor(id, SERVIS, SUJET);
    const handle = client.workflow.getHandle(id);
    if (api.dispositif === 'diagnostic') res.json(await classementDiagnostic(handle, vivier));
    else if (api.dispositif === 'appui_conseil') res.json(await classementAppuiConseil(handle, vivier));
    else res.json(await classementDuDossier(handle, vivier));
  });

  router.post('/api/dossiers/:id/candidats/:intervenantId/confirmation', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { intervenantId } = candidatParamsSchema.parse(req.params);
    const api = onlyFor(id, SERVIS, SUJET);
    const handle = client.workflow.getHandle(id);
    if (api.dispositif === 'diagnostic') {
      const corps = confirmationDiagnosticSchema.parse(req.body ?? {});
      const designation = await designationDiagnostic(handle, vivier, intervenantId, corps);
      res.json(await handle.executeUpdate(D.designateDiagnostiqueur, { args: [{ ...designation, ...(corps.par ? { par: corps.par } : {}) }] }));
      return;
    }
    const body = confirmationSchema.parse(req.body ?? {});
    const designation = await designationDepuisVivier(handle, vivier, intervenantId, body.motif);
    if (api.dispositif === 'appui_conseil') {
      res.json(await handle.executeUpdate(A.addMembreReseau, { args: [{ membre: designation.intervenant, choix: designation.choix, ...(body.par ? { par: body.par } : {}) }] }));
      return;
    }
    res.json(await handle.executeUpdate(M.designateIntervenant, { args: [{ ...designation, ...(body.par ? { par: body.par } : {}) }] }));
  });

  router.post('/api/dossiers/:id/candidats/:intervenantId/refus', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { intervenantId } = candidatParamsSchema.parse(req.params);
    const body = refusSchema.parse(req.body ?? {});
    const api = onlyFor(id, SERVIS, SUJET);
    const handle = client.workflow.getHandle(id);
    if (api.dispositif === 'diagnostic') {
      res.json(await handle.executeUpdate(D.respondDiagnostiqueur, { args: [{ accepte: false, motif: body.motif, intervenantId, ...(body.par ? { par: body.par } : {}) }] }));
      return;
    }
    if (api.dispositif === 'appui_conseil') {
      res.json(await handle.executeUpdate(A.respondDesignation, { args: [{ accepte: false, motif: body.motif, intervenantId, ...(body.par ? { par: body.par } : {}) }] }));
      return;
    }
    res.json(await handle.executeUpdate(M.respondDesignation, { args: [{ accepte: false, motif: body.motif, intervenantId, ...(body.par ? { par: body.par } : {}) }] }));
  });

  return router;
}
