// /api/comptes (admins: list, create, change roles or deactivate staff accounts), /api/jetons (every signed-in
// person: their own API tokens, the secret shown once) and /api/moi (who is signed in). Who may call what is the
// access table's say (api/acces/routes.ts); these handlers read the signed-in account from the middleware.
import { Router, type Response } from 'express';
import { CompteErreur, type ComptesStore } from '../../db/comptes-store';
import { accesDe, type AccesCompte } from '../acces/middleware';
import { ApiError } from '../errors';
import { creerMonJeton, revoquerMonJeton } from './operations';
import { compteParamsSchema, jetonParamsSchema, modificationCompteSchema, nouveauCompteSchema, nouveauJetonSchema } from './schemas';

function signe(res: Response): AccesCompte {
  const a = accesDe(res);
  if (!a) throw new ApiError(401, 'non_authentifie', 'Connexion requise.');
  return a;
}

export function comptesRouter(comptes: ComptesStore, now: () => Date = () => new Date()): Router {
  const router = Router();

  router.get('/api/moi', (_req, res) => {
    const a = signe(res);
    res.json({ compte: a.compte, role: a.role, via: a.via, ...(a.csrf ? { csrf: a.csrf } : {}) });
  });

  router.get('/api/comptes', async (_req, res) => {
    res.json(await comptes.listComptes());
  });

  router.post('/api/comptes', async (req, res) => {
    const body = nouveauCompteSchema.parse(req.body ?? {});
    res.status(201).json(await comptes.creerCompte(body, signe(res).compte.id));
  });

  router.get('/api/comptes/:id', async (req, res) => {
    const { id } = compteParamsSchema.parse(req.params);
    const compte = await comptes.getCompte(id);
    if (!compte) throw new CompteErreur('introuvable', `Aucun compte ${id}.`);
    res.json(compte);
  });

  router.patch('/api/comptes/:id', async (req, res) => {
    const { id } = compteParamsSchema.parse(req.params);
    const patch = modificationCompteSchema.parse(req.body ?? {});
    res.json(await comptes.modifierCompte(id, patch, signe(res).compte.id));
  });

  router.get('/api/jetons', async (_req, res) => {
    res.json(await comptes.jetons(signe(res).compte.id));
  });

  router.post('/api/jetons', async (req, res) => {
    const body = nouveauJetonSchema.parse(req.body ?? {});
    const { jeton, fiche } = await creerMonJeton(comptes, signe(res), body, now());
    res.status(201).json({ ...fiche, jeton });
  });

  router.delete('/api/jetons/:id', async (req, res) => {
    const { id } = jetonParamsSchema.parse(req.params);
    res.json(await revoquerMonJeton(comptes, signe(res), id));
  });

  return router;
}
