// GET /api/dossiers/:id/livrables/:numero: downloads a deliverable stored by the API, or redirects to its link.
// (Deliverables are added by the `livrables` action of the Appui Conseil table.)
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
import type { AppuiConseilState } from '../../workflows/appui-conseil/state';
import { dossierIdParamsSchema } from '../common';
import { onlyFor } from '../dossiers/dispositifs';
import { queryDossier } from '../dossiers/router';
import { ApiError } from '../errors';
import { livrablePath, nomDeTelechargement } from './fichiers';
import { livrableParamsSchema } from './schemas';

export function livrablesRouter(client: Client, config: Pick<Config, 'DATA_DIR'>): Router {
  const router = Router();

  router.get('/api/dossiers/:id/livrables/:numero', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { numero } = livrableParamsSchema.parse(req.params);
    onlyFor(id, ['appui_conseil'], 'Les livrables');
    const state = (await queryDossier(client, id)) as AppuiConseilState;
    const livrable = state.livrables.find((l) => l.numero === numero);
    if (!livrable) {
      const numeros = state.livrables.map((l) => l.numero);
      throw new ApiError(
        404,
        'not_found',
        `Livrable n° ${numero} inconnu pour le dossier ${id}${numeros.length ? ` (livrables : ${numeros.join(', ')})` : ' (aucun livrable)'}.`,
      );
    }
    if (livrable.url) {
      res.redirect(302, livrable.url);
      return;
    }
    if (!livrable.fichier) throw new Error(`livrable ${numero} of ${id} has neither url nor fichier`);
    const path = livrablePath(config.DATA_DIR, id, livrable.fichier.sha256);
    const found = await stat(path).catch(() => undefined);
    if (!found?.isFile()) {
      // The metadata is in the workflow but the file is not in DATA_DIR: a storage problem, not the client's.
      throw new Error(`deliverable file missing: ${path}`);
    }
    res.attachment(nomDeTelechargement(livrable.nom, livrable.fichier.type));
    res.type(livrable.fichier.type);
    res.setHeader('Content-Length', String(found.size));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('ETag', `"${livrable.fichier.sha256}"`);
    await pipeline(createReadStream(path), res);
  });

  return router;
}
