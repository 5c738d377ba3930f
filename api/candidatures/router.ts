// Applications to the pool ("Je candidate"): anyone applies (POST, also through the page /candidater); UNML staff
// list them, read one, validate it (the intervenant is created in the same transaction) or refuse it with a motif.
// A second pending application from the same email is the same application (double submission, or a resend).
import { Router } from 'express';
import type { Candidature, NouvelleCandidature, VivierStore } from '../../db/store';
import { rejeterSi, verifierReferentiel } from '../intervenants/schemas';
import type { VivierRoutesDeps } from '../intervenants/operations';
import { candidatureOu404, refuserCandidature, validerCandidature } from './operations';
import {
  candidatureBodySchema,
  candidatureParamsSchema,
  listCandidaturesQuerySchema,
  refusCandidatureSchema,
  validationSchema,
  type CandidatureBody,
} from './schemas';

/** The application to store: the body without the consent (required to apply, not kept as a field). */
export function nouvelleCandidature(body: CandidatureBody): NouvelleCandidature {
  const candidature: Partial<CandidatureBody> = { ...body };
  delete candidature.consentement;
  return candidature as NouvelleCandidature;
}

/** Records a validated application (the references checked first); a pending one from the same email is returned as is. */
export async function deposer(vivier: VivierStore, body: CandidatureBody): Promise<{ candidature: Candidature; doublon: boolean }> {
  rejeterSi(await verifierReferentiel(vivier, body));
  return vivier.deposerCandidature(nouvelleCandidature(body));
}

export function candidaturesRouter(deps: VivierRoutesDeps): Router {
  const { vivier, logger } = deps;
  const router = Router();

  router.post('/api/candidatures', async (req, res) => {
    const body = candidatureBodySchema.parse(req.body);
    const { candidature, doublon } = await deposer(vivier, body);
    logger.info({ candidatureId: candidature.id, doublon }, 'candidature received');
    res.status(doublon ? 200 : 201).json({
      reference: candidature.id,
      statut: candidature.statut,
      deposeeLe: candidature.deposeeLe,
      doublon,
      message: doublon
        ? 'Une candidature en attente existe déjà pour cette adresse : c’est la même référence.'
        : 'Candidature enregistrée : l’UNML l’étudiera et reviendra vers vous.',
    });
  });

  router.get('/api/candidatures', async (req, res) => {
    const { statut } = listCandidaturesQuerySchema.parse(req.query);
    res.json(await vivier.listCandidatures(statut));
  });

  router.get('/api/candidatures/:id', async (req, res) => {
    const { id } = candidatureParamsSchema.parse(req.params);
    const candidature = await candidatureOu404(vivier, id);
    res.json({ candidature, historique: await vivier.historique('candidature', id) });
  });

  router.post('/api/candidatures/:id/validation', async (req, res) => {
    const { id } = candidatureParamsSchema.parse(req.params);
    const { candidature, intervenant } = await validerCandidature(deps, id, validationSchema.parse(req.body ?? {}));
    res.status(201).location(`/api/intervenants/${intervenant.id}`).json({ candidature, intervenant });
  });

  router.post('/api/candidatures/:id/refus', async (req, res) => {
    const { id } = candidatureParamsSchema.parse(req.params);
    res.json(await refuserCandidature(deps, id, refusCandidatureSchema.parse(req.body ?? {})));
  });

  return router;
}
