// GET /api/dossiers/:id/documents/:numero: downloads a tool or document the directions of a Compagnonnage exchanged
// (seed 003), for staff (role lecture). Documents are shared by the `documents` action of the Compagnonnage table, the
// back office's dossier page and the participants' link page (api/pages/agir/documents.ts), which downloads the same way.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Router, type Response } from 'express';
import type { Client } from '@temporalio/client';
import type { Config } from '../../config';
import type { CompagnonnageState, DocumentEchange } from '../../workflows/compagnonnage/state';
import { dossierIdParamsSchema } from '../common';
import { onlyFor } from '../dossiers/dispositifs';
import { queryDossier } from '../dossiers/router';
import { ApiError } from '../errors';
import { livrablePath, nomDeTelechargement } from '../livrables/fichiers';
import { documentParamsSchema } from './schemas';

/** The dossier's document n° `numero`, or a 404 naming the ones there are. */
export function documentDe(state: CompagnonnageState, numero: number): DocumentEchange {
  const documents = state.documents ?? [];
  const doc = documents.find((d) => d.numero === numero);
  if (!doc) {
    const numeros = documents.map((d) => d.numero);
    throw new ApiError(
      404,
      'not_found',
      `Document n° ${numero} inconnu pour le dossier ${state.dossierId}${numeros.length ? ` (documents : ${numeros.join(', ')})` : ' (aucun document)'}.`,
    );
  }
  return doc;
}

/** Sends the stored file as an attachment, named after the file the person shared. */
export async function envoyerDocument(res: Response, dataDir: string, dossierId: string, doc: DocumentEchange): Promise<void> {
  const path = livrablePath(dataDir, dossierId, doc.fichier.sha256);
  const found = await stat(path).catch(() => undefined);
  // The metadata is in the workflow but the file is not in DATA_DIR: a storage problem, not the client's.
  if (!found?.isFile()) throw new Error(`document file missing: ${path}`);
  const nom = doc.fichier.nom.replace(/\.[a-z0-9]{1,5}$/i, '') || doc.titre;
  res.attachment(nomDeTelechargement(nom, doc.fichier.type));
  res.type(doc.fichier.type);
  res.setHeader('Content-Length', String(found.size));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store'); // a dossier's documents: never in a shared cache
  res.setHeader('ETag', `"${doc.fichier.sha256}"`);
  await pipeline(createReadStream(path), res);
}

export function documentsRouter(client: Client, config: Pick<Config, 'DATA_DIR'>): Router {
  const router = Router();

  router.get('/api/dossiers/:id/documents/:numero', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { numero } = documentParamsSchema.parse(req.params);
    onlyFor(id, ['compagnonnage'], 'Les documents échangés');
    const state = (await queryDossier(client, id)) as CompagnonnageState;
    await envoyerDocument(res, config.DATA_DIR, id, documentDe(state, numero));
  });

  return router;
}
