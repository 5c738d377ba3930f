// The files of a campaign, downloaded by staff: the support of the démarche, an ML's documents of the study, its état
// des lieux (the version last sent). Stored like deliverables (<DATA_DIR>/livrables/<workflow id>/<sha256>) by the
// actions that took them; a link is answered with a redirect to it.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { Config } from '../../config';
import type { FichierRef } from '../../workflows/campagne/state';
import { livrablePath, nomDeTelechargement } from '../livrables/fichiers';

/** Sends a stored file (or redirects to its link); `workflowId` is the folder the action stored it under. */
export async function envoyerFichier(
  res: Response,
  config: Pick<Config, 'DATA_DIR'>,
  workflowId: string,
  quoi: { nom: string; url?: string; fichier?: FichierRef },
): Promise<void> {
  if (quoi.url) {
    res.redirect(302, quoi.url);
    return;
  }
  if (!quoi.fichier) throw new Error(`${quoi.nom} of ${workflowId} has neither url nor fichier`);
  const path = livrablePath(config.DATA_DIR, workflowId, quoi.fichier.sha256);
  const found = await stat(path).catch(() => undefined);
  // The reference is in the workflow but the file is not in DATA_DIR: a storage problem, not the client's.
  if (!found?.isFile()) throw new Error(`campaign file missing: ${path}`);
  res.attachment(nomDeTelechargement(quoi.nom, quoi.fichier.type));
  res.type(quoi.fichier.type);
  res.setHeader('Content-Length', String(found.size));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('ETag', `"${quoi.fichier.sha256}"`);
  await pipeline(createReadStream(path), res);
}
