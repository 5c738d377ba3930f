// GET /api/dossiers/:id/document-suivi (JSON) and /document-suivi.html (one printable French HTML page,
// `?download=1` to save it as a file): the suivi document, built from the dossier's live state.
import { Router } from 'express';
import type { Client } from '@temporalio/client';
import { dossierIdParamsSchema } from '../common';
import { onlyFor } from '../dossiers/dispositifs';
import { queryDossier } from '../dossiers/router';
import type { AppuiConseilState } from '../../workflows/appui-conseil/state';
import type { CompagnonnageState } from '../../workflows/compagnonnage/state';
import type { DiagnosticState } from '../../workflows/diagnostic/state';
import { documentSuivi } from './model';
import { renderDocumentSuivi } from './render';
import { documentSuiviQuerySchema } from './schemas';

const SUJET = 'Le document de suivi';

/** The state of a dossier whose dispositif keeps a suivi document (all three; 404 for an unknown reference). */
async function dossierSuivi(client: Client, id: string): Promise<CompagnonnageState | AppuiConseilState | DiagnosticState> {
  onlyFor(id, ['compagnonnage', 'appui_conseil', 'diagnostic'], SUJET);
  return (await queryDossier(client, id)) as CompagnonnageState | AppuiConseilState | DiagnosticState;
}

export function documentSuiviRouter(client: Client): Router {
  const router = Router();

  router.get('/api/dossiers/:id/document-suivi', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    res.json(documentSuivi(await dossierSuivi(client, id), new Date().toISOString()));
  });

  router.get('/api/dossiers/:id/document-suivi.html', async (req, res) => {
    const { id } = dossierIdParamsSchema.parse(req.params);
    const { download } = documentSuiviQuerySchema.parse(req.query);
    const html = renderDocumentSuivi(documentSuivi(await dossierSuivi(client, id), new Date().toISOString()));
    // The id is [A-Z0-9-] only (validated): the quoted filename needs no escaping.
    if (download) res.setHeader('Content-Disposition', `attachment; filename="document-suivi-${id}.html"`);
    res.type('html').setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    res.send(html);
  });

  return router;
}
