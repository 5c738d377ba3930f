// The network's figures over HTTP (issue #14; seed 000), from the reporting read model (db/reporting.ts):
// - GET /api/chiffres      JSON: a year (?annee=2026) or a period (?du=…&au=…), optionally ?region= and ?dispositif=;
// - GET /api/chiffres.csv  the same figures as a CSV (";", decimal comma, UTF-8 with a BOM).
// Read by every signed-in role (`lecture` and up, api/acces/routes.ts). A bad query answers 400 with each field's
// French error (api/errors.ts). The back office's pages are api/pages/chiffres/.
import { Router } from 'express';
import type { Config } from '../../config';
import type { SqlReportingStore } from '../../db/reporting';
import type { VivierStore } from '../../db/store';
import { chiffresCsv, nomFichierCsv } from './csv';
import { chiffresQuerySchema, demandeDe } from './schemas';
import { chiffresReseau } from './service';

export interface ChiffresDeps {
  reporting: SqlReportingStore;
  vivier: VivierStore;
  config: Pick<Config, 'REPORTING_HEURES_PAR_JOUR'>;
  /** The clock that says the current year (no period asked). */
  maintenant?: () => Date;
}

export function chiffresRouter({ reporting, vivier, config, maintenant = () => new Date() }: ChiffresDeps): Router {
  const router = Router();
  const lire = async (query: unknown) => {
    const demande = demandeDe(chiffresQuerySchema.parse(query), config.REPORTING_HEURES_PAR_JOUR, maintenant());
    return chiffresReseau(reporting, vivier, demande);
  };

  router.get('/api/chiffres', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await lire(req.query));
  });

  router.get('/api/chiffres.csv', async (req, res) => {
    const c = await lire(req.query);
    res
      .type('text/csv; charset=utf-8')
      .set('Cache-Control', 'no-store')
      .set('Content-Disposition', `attachment; filename="${nomFichierCsv(c)}"`)
      .send(chiffresCsv(c));
  });

  return router;
}
